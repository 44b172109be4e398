import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type {
  AuditResponse,
  DraftHistoryDocument,
  DraftHistoryResponse,
  OpenedRound,
  SectionsResponse,
  TablesResponse,
} from '../../shared/api.ts';
import type { RunningServer } from '../../server/runtime/start.ts';
import { Client, startTestServer, TestClock } from '../support/app-server.ts';
import { appendParagraph, connectProvider, synced, waitFor } from '../support/collab-client.ts';
import { databaseBackends } from '../support/databases.ts';

const ALKMAAR = 'beleid@alkmaar.demo';
const HORIZON = 'bestuur@horizon-jeugd.demo';
const CHAIR = 'voorzitter@regio-alkmaar.demo';
const COUNCIL = 'raadslid@alkmaar.demo';
const MINUTES = 60_000;

/** The XML structure of a document: element names, attributes, text deltas with their marks. */
function structureOf(doc: Y.Doc): unknown {
  const walk = (node: unknown): unknown => {
    if (node instanceof Y.XmlText) return { text: node.toDelta() };
    if (node instanceof Y.XmlElement) {
      return { name: node.nodeName, attrs: node.getAttributes(), children: node.toArray().map(walk) };
    }
    return null;
  };
  return doc.getXmlFragment('default').toArray().map(walk);
}

for (const backend of databaseBackends()) {
  describe(`a section's draft history on ${backend.name}`, () => {
    let server: RunningServer;
    let drop: () => Promise<void>;
    let tableId: string;
    let sections: Map<string, string>;
    const people = new Map<string, Client>();
    const clock = new TestClock(new Date('2026-03-02T09:00:00Z'));
    const as = (email: string) => people.get(email)!;

    beforeAll(async () => {
      const database = await backend.create();
      drop = database.drop;
      server = await startTestServer({ databaseUrl: database.databaseUrl, clock });
      for (const email of [ALKMAAR, HORIZON, CHAIR, COUNCIL]) people.set(email, await new Client(server.url).login(email));
      tableId = (await as(ALKMAAR).get<TablesResponse>('/api/tables')).body.tables[0]!.id;
      const list = (await as(ALKMAAR).get<SectionsResponse>(`/api/tables/${tableId}/sections`)).body.sections;
      sections = new Map(list.map((s) => [s.title, s.id]));
    });
    afterAll(async () => {
      await server?.close();
      await drop?.();
    });

    it('keeps a snapshot per few minutes of editing with who edited, and a restore is a new edit every client converges on', async () => {
      const sectionId = sections.get('Randvoorwaarden')!;
      const docName = `section:${sectionId}`;
      const history = async (who = ALKMAAR) =>
        (await as(who).get<DraftHistoryResponse>(`/api/sections/${sectionId}/draft-history`)).body;
      // Reading the content brings the stored content up to date, as the room does when it goes quiet.
      const settle = () => as(ALKMAAR).get(`/api/sections/${sectionId}/content`);
      const a = connectProvider(server.url, docName, as(ALKMAAR).cookieHeader);
      const b = connectProvider(server.url, docName, as(HORIZON).cookieHeader);
      try {
        await Promise.all([synced(a.provider), synced(b.provider)]);
        expect((await history()).entries).toEqual([]);

        appendParagraph(a.doc, 'Eerste wijziging van Alkmaar.');
        await waitFor(() => b.text().includes('Eerste wijziging'));
        await settle();
        const first = await history();
        expect(first.canRestore).toBe(true);
        expect(first.entries).toHaveLength(1);
        expect(first.entries[0]).toMatchObject({ kind: 'snapshot', reason: 'editing', versionNumber: null });
        expect(first.entries[0]!.editors.map((p) => p.name)).toHaveLength(1);
        expect(first.entries[0]!.editors[0]!.organizationName).toBe('Gemeente Alkmaar');
        const atFirst = structureOf(a.doc);

        // Within a few minutes no new snapshot; after them, one naming who edited since.
        appendParagraph(b.doc, 'Tweede wijziging van Horizon.');
        await waitFor(() => a.text().includes('Tweede wijziging'));
        await settle();
        expect((await history()).entries).toHaveLength(1);
        clock.advance(6 * MINUTES);
        appendParagraph(b.doc, 'Derde wijziging van Horizon.');
        await waitFor(() => a.text().includes('Derde wijziging'));
        await settle();
        const second = (await history()).entries;
        expect(second).toHaveLength(2);
        expect(second[0]!.editors.map((p) => p.organizationName)).toEqual([expect.stringMatching(/Horizon/)]);

        // An entry beside the live draft, for the rich diff.
        const detail = await as(HORIZON).get<DraftHistoryDocument>(
          `/api/sections/${sectionId}/draft-history/${second[1]!.id}`,
        );
        expect(detail.status).toBe(200);
        expect(JSON.stringify(detail.body.doc)).toContain('Eerste wijziging');
        expect(JSON.stringify(detail.body.doc)).not.toContain('Tweede wijziging');
        expect(JSON.stringify(detail.body.current)).toContain('Derde wijziging');

        // Only delegates restore; council members do not even see the history.
        expect((await as(CHAIR).post(`/api/sections/${sectionId}/draft-history/${second[1]!.id}/restore`)).status).toBe(403);
        expect((await as(COUNCIL).get(`/api/sections/${sectionId}/draft-history`)).status).toBe(403);

        clock.advance(1 * MINUTES);
        const restored = await as(HORIZON).post<DraftHistoryResponse>(
          `/api/sections/${sectionId}/draft-history/${second[1]!.id}/restore`,
        );
        expect(restored.status).toBe(200);
        // Nothing is destroyed: the text it replaced is the newest entry.
        expect(restored.body.entries[0]).toMatchObject({ kind: 'snapshot', reason: 'before_restore' });
        const before = await as(HORIZON).get<DraftHistoryDocument>(
          `/api/sections/${sectionId}/draft-history/${restored.body.entries[0]!.id}`,
        );
        expect(JSON.stringify(before.body.doc)).toContain('Derde wijziging');
        // Every client converges on the restored text, structure for structure.
        await waitFor(() => !a.text().includes('Tweede wijziging') && !b.text().includes('Tweede wijziging'));
        expect(structureOf(a.doc)).toEqual(atFirst);
        expect(structureOf(b.doc)).toEqual(atFirst);
        expect(structureOf((await server.rooms.room(docName)).doc)).toEqual(atFirst);
        // A restore is an edit like any other: typing goes on from it.
        appendParagraph(a.doc, 'Verder na het terugzetten.');
        await waitFor(() => b.text().includes('Verder na het terugzetten.'));
        const section = await as(ALKMAAR).get<{ lastEditedBy: { name: string } | null }>(`/api/sections/${sectionId}`);
        expect(section.body.lastEditedBy).not.toBeNull();

        const events = (await as(ALKMAAR).get<AuditResponse>(`/api/tables/${tableId}/audit`)).body.events;
        expect(events.some((e) => e.kind === 'section.draft_restored')).toBe(true);

        // A frozen version is an entry of the same history; while a round holds the text nothing is restored.
        await settle();
        const opened = await as(ALKMAAR).post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
        expect(opened.status).toBe(201);
        const frozen = await history();
        expect(frozen.canRestore).toBe(false);
        expect(frozen.entries[0]).toMatchObject({ kind: 'version', reason: 'round', versionNumber: 1 });
        expect(frozen.entries[0]!.editors.length).toBeGreaterThan(0);
        const refused = await as(HORIZON).post(`/api/sections/${sectionId}/draft-history/${second[1]!.id}/restore`);
        expect(refused.status).toBe(409);
        expect(a.text()).toContain('Verder na het terugzetten.');
      } finally {
        a.provider.destroy();
        b.provider.destroy();
      }
    });

    it('refuses unknown entries and entries of another section', async () => {
      const sectionId = sections.get('Vastgoed')!;
      const other = sections.get('Randvoorwaarden')!;
      const entries = (await as(ALKMAAR).get<DraftHistoryResponse>(`/api/sections/${other}/draft-history`)).body.entries;
      const foreign = entries[0]?.id ?? '00000000-0000-4000-8000-000000000000';
      expect((await as(ALKMAAR).get(`/api/sections/${sectionId}/draft-history/${foreign}`)).status).toBe(404);
      expect((await as(ALKMAAR).post(`/api/sections/${sectionId}/draft-history/${foreign}/restore`)).status).toBe(404);
      expect((await as(ALKMAAR).get(`/api/sections/${sectionId}/draft-history/not-a-uuid`)).status).toBe(404);
    });
  });
}
