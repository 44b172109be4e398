import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type {
  AuditResponse,
  OpenedRound,
  ProposalResponse,
  SectionConsensus,
  SectionDetail,
  SectionsResponse,
  TablesResponse,
} from '../../shared/api.ts';
import type { RunningServer } from '../../server/runtime/start.ts';
import { Client, startTestServer, TestClock } from '../support/app-server.ts';
import {
  appendBulletList,
  appendHeading,
  appendParagraph,
  closeCodeOf,
  connectProvider,
  synced,
  waitFor,
} from '../support/collab-client.ts';
import { databaseBackends } from '../support/databases.ts';

const MUNICIPALITIES = ['alkmaar', 'bergen', 'castricum', 'dijkenwaard', 'heiloo', 'uitgeest'].map(
  (m) => `beleid@${m}.demo`,
);
const PROVIDERS = ['horizon-jeugd', 'gezinshuis-noord', 'kompas-ggz', 'de-brug-lvb'].map((p) => `bestuur@${p}.demo`);
const CHAIR = 'voorzitter@regio-alkmaar.demo';

/** A table as Tiptap writes one: table > tableRow > tableHeader/tableCell > paragraph. */
function appendTable(doc: Y.Doc, rows: string[][]): void {
  const table = new Y.XmlElement('table');
  table.insert(
    0,
    rows.map((cells, r) => {
      const row = new Y.XmlElement('tableRow');
      row.insert(
        0,
        cells.map((text) => {
          const cell = new Y.XmlElement(r === 0 ? 'tableHeader' : 'tableCell');
          const paragraph = new Y.XmlElement('paragraph');
          paragraph.insert(0, [new Y.XmlText(text)]);
          cell.insert(0, [paragraph]);
          return cell;
        }),
      );
      return row;
    }),
  );
  const fragment = doc.getXmlFragment('default');
  fragment.insert(fragment.length, [table]);
}

/** A paragraph with a link mark and a bold word, as y-prosemirror stores marks: text formatting. */
function appendLinkParagraph(doc: Y.Doc): void {
  const text = new Y.XmlText();
  text.insert(0, 'Zie ');
  text.insert(4, 'het kader', { link: { href: 'https://example.org/kader', target: '_blank' } });
  text.insert(13, ' en ');
  text.insert(17, 'vet', { bold: {} });
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [text]);
  const fragment = doc.getXmlFragment('default');
  fragment.insert(fragment.length, [paragraph]);
}

/** The XML structure of a document: element names, attributes, text deltas with their marks. */
function structureOf(state: Uint8Array | Y.Doc): unknown {
  const doc = state instanceof Y.Doc ? state : new Y.Doc();
  if (!(state instanceof Y.Doc)) Y.applyUpdate(doc, state);
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
  describe(`proposals are documents on ${backend.name}`, () => {
    let server: RunningServer;
    let drop: () => Promise<void>;
    let sections: Map<string, string>;
    const people = new Map<string, Client>();
    const clock = new TestClock(new Date('2026-03-02T09:00:00Z'));
    const as = (email: string) => people.get(email)!;
    const alkmaar = () => as('beleid@alkmaar.demo');
    const horizon = () => as('bestuur@horizon-jeugd.demo');
    const chair = () => as(CHAIR);

    beforeAll(async () => {
      const database = await backend.create();
      drop = database.drop;
      server = await startTestServer({ databaseUrl: database.databaseUrl, clock, devRoutes: true });
      for (const email of [...MUNICIPALITIES, ...PROVIDERS, CHAIR, 'raadslid@alkmaar.demo']) {
        people.set(email, await new Client(server.url).login(email));
      }
      const tableId = (await alkmaar().get<TablesResponse>('/api/tables')).body.tables[0]!.id;
      const list = (await alkmaar().get<SectionsResponse>(`/api/tables/${tableId}/sections`)).body.sections;
      sections = new Map(list.map((s) => [s.title, s.id]));
    });
    afterAll(async () => {
      await server?.close();
      await drop?.();
    });

    const roomDoc = async (name: string) => (await server.rooms.room(name)).doc;

    /** Writes a rich section over a socket, puts it to a round, objects and escalates it. */
    async function objectedAndEscalated(sectionId: string): Promise<{ escalationId: string }> {
      const writer = connectProvider(server.url, `section:${sectionId}`, alkmaar().cookieHeader);
      try {
        await synced(writer.provider);
        writer.doc.transact(() => {
          writer.doc.getXmlFragment('default').delete(0, writer.doc.getXmlFragment('default').length);
          appendHeading(writer.doc, 'Uitgangspunten', 2);
          appendBulletList(writer.doc, ['Eerst gezinshuizen', 'Daarna pleegzorg']);
          appendTable(writer.doc, [
            ['Jaar', 'Plekken'],
            ['2027', '12'],
          ]);
          appendLinkParagraph(writer.doc);
        });
        await waitFor(async () => (await roomDoc(`section:${sectionId}`)).getXmlFragment('default').length === 4);
      } finally {
        writer.provider.destroy();
      }
      const opened = await alkmaar().post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
      expect(opened.status).toBe(201);
      const roundId = opened.body.round.id;
      await horizon().post(`/api/rounds/${roundId}/positions`, { kind: 'object', text: 'Te snel.' });
      for (const email of [...MUNICIPALITIES, ...PROVIDERS.slice(1)]) {
        expect((await as(email).post(`/api/rounds/${roundId}/positions`, { kind: 'consent' })).status).toBe(201);
      }
      const escalated = await horizon().post<SectionConsensus>(`/api/sections/${sectionId}/escalations`, {
        reason: 'Graag bemiddeling.',
      });
      expect(escalated.status).toBe(201);
      return { escalationId: escalated.body.escalation!.id };
    }

    it('a compromise starts as the text under objection, is edited live and replaces the section structure for structure', async () => {
      const sectionId = sections.get('Gezinshuizen en pleegzorg')!;
      const { escalationId } = await objectedAndEscalated(sectionId);
      const underObjection = structureOf(await roomDoc(`section:${sectionId}`));

      expect((await horizon().post(`/api/escalations/${escalationId}/compromise-document`)).status).toBe(403);
      const started = await chair().post<ProposalResponse>(`/api/escalations/${escalationId}/compromise-document`);
      expect(started.status).toBe(201);
      const proposal = started.body.proposal!;
      expect(proposal).toMatchObject({ kind: 'compromise', canWrite: true, basedOnVersion: 1 });
      expect(proposal.docName).toBe(`proposal:${proposal.id}`);
      // Starting again gives the same document.
      const again = await chair().post<ProposalResponse>(`/api/escalations/${escalationId}/compromise-document`);
      expect(again.body.proposal!.id).toBe(proposal.id);
      // Everyone at the table sees it, read-only; a council member does not know of it.
      const seen = await horizon().get<ProposalResponse>(`/api/sections/${sectionId}/proposal`);
      expect(seen.body.proposal).toMatchObject({ id: proposal.id, canWrite: false });
      expect(seen.body.proposal!.current).toEqual(seen.body.proposal!.base);
      expect((await as('raadslid@alkmaar.demo').get(`/api/sections/${sectionId}/proposal`)).status).toBe(403);
      const socketUrl = `${server.url.replace(/^http/, 'ws')}/collab/${proposal.docName}`;
      const council = { cookie: as('raadslid@alkmaar.demo').cookieHeader!, origin: server.url };
      expect(await closeCodeOf(socketUrl, council)).toBe(4404);

      // A provider reads along live, but what it sends is dropped.
      const reader = connectProvider(server.url, proposal.docName, horizon().cookieHeader);
      try {
        await synced(reader.provider);
        appendParagraph(reader.doc, 'Dit mag de aanbieder niet schrijven.');
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(structureOf(await roomDoc(proposal.docName))).toEqual(underObjection);
      } finally {
        reader.provider.destroy();
      }

      // The chair writes in it over a socket; it started with the structure under objection.
      const editor = connectProvider(server.url, proposal.docName, chair().cookieHeader);
      try {
        await synced(editor.provider);
        expect(structureOf(editor.doc)).toEqual(underObjection);
        appendParagraph(editor.doc, 'De voorzitter stelt een geleidelijke overgang voor.');
        await waitFor(async () => (await roomDoc(proposal.docName)).getXmlFragment('default').length === 5);
      } finally {
        editor.provider.destroy();
      }
      const live = await horizon().get<ProposalResponse>(`/api/sections/${sectionId}/proposal`);
      expect(JSON.stringify(live.body.proposal!.current)).toContain('geleidelijke overgang');

      const put = await chair().post<OpenedRound>(`/api/escalations/${escalationId}/proposal`, {
        proposalId: proposal.id,
      });
      expect(put.status).toBe(201);
      const proposalStructure = structureOf(await roomDoc(proposal.docName));
      const sectionStructure = structureOf(await roomDoc(`section:${sectionId}`));
      expect(sectionStructure).toEqual(proposalStructure);
      const names = JSON.stringify(sectionStructure);
      for (const part of [
        '"heading"',
        '"bulletList"',
        '"table"',
        '"tableHeader"',
        'https://example.org/kader',
        '"bold"',
      ]) {
        expect(names).toContain(part);
      }
      const detail = await horizon().get<SectionDetail>(`/api/sections/${sectionId}`);
      expect(detail.body.state).toBe('mediation_proposal');
      expect(detail.body.lastEditedVia).toBe('compromise');
      expect(detail.body.lastEditedBy?.id).toBe((await chair().get<{ user: { id: string } }>('/api/me')).body.user.id);
      // Applied: the proposal is frozen and no longer the one being written.
      expect((await horizon().get<ProposalResponse>(`/api/sections/${sectionId}/proposal`)).body.proposal).toBeNull();
      expect(
        (await chair().post(`/api/escalations/${escalationId}/proposal`, { proposalId: proposal.id })).status,
      ).toBe(409);
      // Its document takes no more edits.
      const late = connectProvider(server.url, proposal.docName, chair().cookieHeader);
      try {
        await synced(late.provider);
        appendParagraph(late.doc, 'Te laat.');
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(structureOf(await roomDoc(proposal.docName))).toEqual(proposalStructure);
      } finally {
        late.provider.destroy();
      }
    });

    it('a draft ruling starts as the text under objection and takes effect structure for structure', async () => {
      const sectionId = sections.get('Vastgoed')!;
      const { escalationId } = await objectedAndEscalated(sectionId);
      await chair().post(`/api/escalations/${escalationId}/referral`, { report: 'Geen overeenstemming.' });
      const underObjection = structureOf(await roomDoc(`section:${sectionId}`));

      expect((await horizon().post(`/api/sections/${sectionId}/ruling-document`)).status).toBe(403);
      const started = await alkmaar().post<ProposalResponse>(`/api/sections/${sectionId}/ruling-document`);
      expect(started.status).toBe(201);
      const proposal = started.body.proposal!;
      expect(proposal).toMatchObject({ kind: 'ruling', canWrite: true });

      const editor = connectProvider(server.url, proposal.docName, as('beleid@bergen.demo').cookieHeader);
      try {
        await synced(editor.provider);
        expect(structureOf(editor.doc)).toEqual(underObjection);
        appendParagraph(editor.doc, 'De gemeenten besluiten tot een gefaseerde verkoop.');
        await waitFor(async () => (await roomDoc(proposal.docName)).getXmlFragment('default').length === 5);
      } finally {
        editor.provider.destroy();
      }
      const drafted = await alkmaar().post<SectionConsensus>(`/api/sections/${sectionId}/rulings`, {
        proposalId: proposal.id,
        rationale: 'Binnen het budget.',
      });
      expect(drafted.status).toBe(201);
      const rulingId = drafted.body.ruling!.id;
      const proposalStructure = structureOf(await roomDoc(proposal.docName));
      for (const email of MUNICIPALITIES) {
        expect((await as(email).post(`/api/rulings/${rulingId}/endorsements`)).status).toBe(201);
      }
      const detail = await horizon().get<SectionDetail>(`/api/sections/${sectionId}`);
      expect(detail.body.state).toBe('ruled');
      expect(detail.body.lastEditedBy?.organizationName).toBe('Gemeente Alkmaar');
      expect(detail.body.lastEditedVia).toBe('ruling');
      const sectionStructure = structureOf(await roomDoc(`section:${sectionId}`));
      expect(sectionStructure).toEqual(proposalStructure);
      expect(JSON.stringify(sectionStructure)).toContain('gefaseerde verkoop');
      expect(JSON.stringify(sectionStructure)).toContain('"tableCell"');
    });

    it('a proposal being written is withdrawn by whoever may write it; starting and withdrawing are on the timeline', async () => {
      const sectionId = sections.get('Financiën en tarieven')!;
      const { escalationId } = await objectedAndEscalated(sectionId);
      await chair().post(`/api/escalations/${escalationId}/referral`, { report: 'Geen overeenstemming.' });
      const started = await alkmaar().post<ProposalResponse>(`/api/sections/${sectionId}/ruling-document`);
      const proposalId = started.body.proposal!.id;

      expect((await horizon().post(`/api/proposals/${proposalId}/withdraw`)).status).toBe(403);
      expect((await chair().post(`/api/proposals/${proposalId}/withdraw`)).status).toBe(403);
      const withdrawn = await as('beleid@bergen.demo').post<ProposalResponse>(`/api/proposals/${proposalId}/withdraw`);
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.proposal).toBeNull();
      expect((await alkmaar().post(`/api/proposals/${proposalId}/withdraw`)).status).toBe(409);
      // Its document is frozen and kept; a new one starts from the text under objection again.
      const writer = connectProvider(server.url, `proposal:${proposalId}`, alkmaar().cookieHeader);
      try {
        await synced(writer.provider);
        appendParagraph(writer.doc, 'Na het intrekken geschreven.');
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(JSON.stringify(structureOf(await roomDoc(`proposal:${proposalId}`)))).not.toContain('Na het intrekken');
      } finally {
        writer.provider.destroy();
      }
      const again = await alkmaar().post<ProposalResponse>(`/api/sections/${sectionId}/ruling-document`);
      expect(again.body.proposal!.id).not.toBe(proposalId);

      const tableId = (await alkmaar().get<TablesResponse>('/api/tables')).body.tables[0]!.id;
      const events = (await alkmaar().get<AuditResponse>(`/api/tables/${tableId}/audit`)).body.events;
      const kinds = events.filter((e) => e.data.proposalId === proposalId).map((e) => e.kind);
      expect(kinds.sort()).toEqual(['proposal.started', 'proposal.withdrawn']);
    });
  });
}
