import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  OpenedRound,
  PmNodeJson,
  SectionConsensus,
  SectionsResponse,
  TablesResponse,
  VersionDiff,
} from '../../shared/api.ts';
import type { RunningServer } from '../../server/runtime/start.ts';
import { richDiffOfJson } from '../../client/src/diff/richDiff.ts';
import { Client, startTestServer } from '../support/app-server.ts';
import {
  appendBulletList,
  appendHeading,
  appendParagraph,
  connectProvider,
  synced,
  waitFor,
} from '../support/collab-client.ts';
import { databaseBackends } from '../support/databases.ts';

const types = (doc: PmNodeJson) => (doc.content ?? []).map((node) => node.type);
const textOf = (node: PmNodeJson): string => node.text ?? (node.content ?? []).map(textOf).join('');

for (const backend of databaseBackends()) {
  describe(`the rich diff of a section on ${backend.name}`, () => {
    let server: RunningServer;
    let drop: () => Promise<void>;
    let alkmaar: Client;
    let council: Client;
    let sectionId: string;

    beforeAll(async () => {
      const database = await backend.create();
      drop = database.drop;
      server = await startTestServer({ databaseUrl: database.databaseUrl });
      alkmaar = await new Client(server.url).login('beleid@alkmaar.demo');
      council = await new Client(server.url).login('raadslid@alkmaar.demo');
      const tableId = (await alkmaar.get<TablesResponse>('/api/tables')).body.tables[0]!.id;
      const list = (await alkmaar.get<SectionsResponse>(`/api/tables/${tableId}/sections`)).body.sections;
      sectionId = list.find((s) => s.title === 'Planning')!.id;
    });
    afterAll(async () => {
      await server?.close();
      await drop?.();
    });

    it('sends both documents with their structure, and the live draft with what was just typed', async () => {
      const writer = connectProvider(server.url, `section:${sectionId}`, alkmaar.cookieHeader);
      try {
        await synced(writer.provider);
        const fragment = writer.doc.getXmlFragment('default');
        writer.doc.transact(() => {
          fragment.delete(0, fragment.length);
          appendHeading(writer.doc, 'Mijlpalen', 2);
          appendBulletList(writer.doc, ['Eerste gezinshuis open', 'Afbouw verblijf gestart']);
          appendParagraph(writer.doc, 'Zo gaan we te werk.');
        });
        await waitFor(async () =>
          (await server.rooms.room(`section:${sectionId}`)).doc
            .getXmlFragment('default')
            .toString()
            .includes('Zo gaan'),
        );
        // Frozen as a version by a round, which the opener withdraws to edit the draft again.
        const opened = await alkmaar.post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
        expect(opened.status).toBe(201);
        const n = opened.body.version.number;
        const withdrawn = await alkmaar.post<SectionConsensus>(`/api/rounds/${opened.body.round.id}/withdraw`);
        expect(withdrawn.body.state).toBe('draft');

        // The heading becomes a paragraph with the same text: a change the text alone would not show.
        writer.doc.transact(() => {
          const paragraph = new Y.XmlElement('paragraph');
          paragraph.insert(0, [new Y.XmlText('Mijlpalen')]);
          fragment.delete(0, 1);
          fragment.insert(0, [paragraph]);
        });

        let diff: VersionDiff | undefined;
        await waitFor(async () => {
          const reply = await council.get<VersionDiff>(`/api/sections/${sectionId}/diff?from=${n}&to=current`);
          expect(reply.status).toBe(200);
          diff = reply.body;
          return types(diff.to.doc)[0] === 'paragraph';
        });
        expect(diff!.from.version).toBe(n);
        expect(diff!.to.version).toBe('current');
        expect(diff!.from.doc.type).toBe('doc');
        expect(types(diff!.from.doc)).toEqual(['heading', 'bulletList', 'paragraph']);
        expect(diff!.from.doc.content![0]!.attrs).toMatchObject({ level: 2 });
        expect(diff!.from.doc.content![1]!.content!.map((item) => [item.type, textOf(item)])).toEqual([
          ['listItem', 'Eerste gezinshuis open'],
          ['listItem', 'Afbouw verblijf gestart'],
        ]);
        expect(types(diff!.to.doc)).toEqual(['paragraph', 'bulletList', 'paragraph']);
        expect(textOf(diff!.to.doc.content![0]!)).toBe('Mijlpalen');

        // What the browser makes of it, with the editor's schema: one structural change, no text changed.
        const rich = richDiffOfJson(diff!.from.doc, diff!.to.doc);
        expect(rich.structure).toEqual([
          { kind: 'retyped', pos: 0, from: { type: 'heading', level: 2 }, to: { type: 'paragraph' } },
        ]);
        expect([rich.insertions, rich.deletions]).toEqual([[], []]);

        // A version against itself: the same document twice.
        const same = await council.get<VersionDiff>(`/api/sections/${sectionId}/diff?from=${n}&to=${n}`);
        expect(same.body.to.doc).toEqual(same.body.from.doc);
      } finally {
        writer.provider.destroy();
      }
    });

    it('keeps the route’s answers for a missing or malformed version and for strangers', async () => {
      expect((await council.get(`/api/sections/${sectionId}/diff?from=99&to=current`)).status).toBe(404);
      expect((await council.get(`/api/sections/${sectionId}/diff?from=1&to=99`)).status).toBe(404);
      expect((await council.get(`/api/sections/${sectionId}/diff?from=x&to=1`)).status).toBe(400);
      expect((await new Client(server.url).get(`/api/sections/${sectionId}/diff?from=1&to=current`)).status).toBe(401);
    });
  });
}
