import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type {
  AuditResponse,
  CommentAnchor,
  CommentThreadResponse,
  CommentThreadsResponse,
  OpenedRound,
  SectionsResponse,
  TablesResponse,
} from '../../shared/api.ts';
import { Client } from '../support/app-server.ts';
import { connectProvider, synced, waitFor } from '../support/collab-client.ts';
import { deployments, type Deployment } from '../support/deployments.ts';

const ALKMAAR = 'beleid@alkmaar.demo';
const HORIZON = 'bestuur@horizon-jeugd.demo';
const CHAIR = 'voorzitter@regio-alkmaar.demo';
const COUNCIL = 'raadslid@alkmaar.demo';
const PASSAGE = 'kleinschalige woonvormen';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The first XmlText of the document holding `text`, as an editor would find the passage a person selected. */
function textHolding(doc: Y.Doc, text: string): Y.XmlText {
  const visit = (node: unknown): Y.XmlText | null => {
    if (node instanceof Y.XmlText) return node.toString().includes(text) ? node : null;
    if (node instanceof Y.XmlElement || node instanceof Y.XmlFragment) {
      for (const child of node.toArray()) {
        const found = visit(child);
        if (found) return found;
      }
    }
    return null;
  };
  const found = visit(doc.getXmlFragment('default'));
  if (!found) throw new Error(`no text holds “${text}”`);
  return found;
}

const plain = (text: Y.XmlText) =>
  (text.toDelta() as Array<{ insert: unknown }>).map((d) => (typeof d.insert === 'string' ? d.insert : '')).join('');

/** An anchor as the client makes one: Yjs relative positions at both ends of the selected passage. */
function anchorOn(doc: Y.Doc, passage: string): CommentAnchor {
  const text = textHolding(doc, passage);
  const from = plain(text).indexOf(passage);
  return {
    start: base64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, from))),
    // The end sticks to the character before it, so typing right after the passage stays outside it.
    end: base64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, from + passage.length, -1))),
    quote: passage,
  };
}

/** The passage an anchor covers now, in a document: what every client shows beside the thread. */
function resolve(doc: Y.Doc, anchor: CommentAnchor): string | null {
  const at = (encoded: string) =>
    Y.createAbsolutePositionFromRelativePosition(
      Y.decodeRelativePosition(Uint8Array.from(Buffer.from(encoded, 'base64'))),
      doc,
    );
  const start = at(anchor.start);
  const end = at(anchor.end);
  if (!start || !end || start.type !== end.type || !(start.type instanceof Y.XmlText)) return null;
  return plain(start.type).slice(start.index, end.index);
}

for (const kind of deployments()) {
  describe(`comments anchored to text, ${kind.name}`, () => {
    let server: Deployment;
    let sections: Map<string, string>;
    const people = new Map<string, Client>();
    const as = (email: string) => people.get(email)!;

    beforeAll(async () => {
      server = await kind.start({ startsAt: new Date('2026-03-02T09:00:00Z') });
      for (const email of [ALKMAAR, HORIZON, CHAIR, COUNCIL])
        people.set(email, await new Client(server.url).login(email));
      const tableId = (await as(ALKMAAR).get<TablesResponse>('/api/tables')).body.tables[0]!.id;
      const list = (await as(ALKMAAR).get<SectionsResponse>(`/api/tables/${tableId}/sections`)).body.sections;
      sections = new Map(list.map((s) => [s.title, s.id]));
    });
    afterAll(async () => {
      await server?.close();
    });

    it('an anchor follows concurrent edits and outlives a version freeze; threads are replied to, resolved and reopened', async () => {
      const sectionId = sections.get('Vastgoed')!;
      const docName = `section:${sectionId}`;
      const a = connectProvider(server.url, docName, as(ALKMAAR).cookieHeader);
      const b = connectProvider(server.url, docName, as(HORIZON).cookieHeader);
      try {
        await Promise.all([synced(a.provider), synced(b.provider)]);
        const anchor = anchorOn(a.doc, PASSAGE);
        const started = await as(ALKMAAR).post<CommentThreadResponse>(`/api/sections/${sectionId}/comments`, {
          anchor,
          body: 'Welke woonvormen bedoelen we precies?',
        });
        expect(started.status).toBe(201);
        const thread = started.body.thread;
        expect(thread).toMatchObject({ anchor, resolvedAt: null, position: null });
        expect(thread.comments.map((c) => c.body)).toEqual(['Welke woonvormen bedoelen we precies?']);

        // Two people type at once: before the passage, inside it, right after it, and a new first paragraph.
        const textA = textHolding(a.doc, PASSAGE);
        const textB = textHolding(b.doc, PASSAGE);
        textA.insert(0, 'Vooraf: ');
        const inside = plain(textB).indexOf('woonvormen');
        textB.insert(inside, 'en betaalbare ');
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText('Een nieuwe eerste alinea.')]);
        b.doc.getXmlFragment('default').insert(0, [paragraph]);
        const expected = 'kleinschalige en betaalbare woonvormen';
        await waitFor(() => resolve(a.doc, anchor) === expected && resolve(b.doc, anchor) === expected);
        const after = plain(textHolding(a.doc, expected)).indexOf(expected) + expected.length;
        textHolding(a.doc, expected).insert(after, ' (zie bijlage)');
        await waitFor(() => plain(textHolding(b.doc, expected)).includes('(zie bijlage)'));
        expect(resolve(b.doc, anchor)).toBe(expected);

        // The text goes to a consent round: the version freezes a copy, the anchor still holds, in the
        // live document and in the frozen state alike.
        const opened = await as(ALKMAAR).post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
        expect(opened.status).toBe(201);
        const reader = connectProvider(server.url, docName, as(CHAIR).cookieHeader);
        try {
          await synced(reader.provider);
          const listed = await as(CHAIR).get<CommentThreadsResponse>(`/api/sections/${sectionId}/comments`);
          expect(listed.body.canComment).toBe(true);
          expect(listed.body.threads).toHaveLength(1);
          expect(resolve(reader.doc, listed.body.threads[0]!.anchor)).toBe(expected);
        } finally {
          reader.provider.destroy();
        }
        const [version] = await server.query<{ doc_state: Uint8Array }>(
          'select doc_state from section_versions where section_id = $1 and number = 1',
          [sectionId],
        );
        const frozen = new Y.Doc();
        Y.applyUpdate(frozen, new Uint8Array(version!.doc_state));
        expect(resolve(frozen, anchor)).toBe(expected);

        // A provider objects, pointing at the passage: a thread beside the text, tied to its position.
        const objected = await as(HORIZON).post(`/api/rounds/${opened.body.round.id}/positions`, {
          kind: 'object',
          text: 'Betaalbaarheid is geen taak van deze tafel.',
          anchors: [anchorOn(a.doc, 'betaalbare woonvormen')],
        });
        expect(objected.status).toBe(201);
        const withPosition = (await as(ALKMAAR).get<CommentThreadsResponse>(`/api/sections/${sectionId}/comments`)).body
          .threads;
        expect(withPosition).toHaveLength(2);
        // The test's clock stands still, so both threads have the same time: find it by what it is.
        const positioned = withPosition.find((t) => t.position !== null)!;
        expect(positioned.position).toMatchObject({ kind: 'object', versionNumber: 1 });
        expect(positioned.position!.organizationName).toMatch(/Horizon/);
        expect(positioned.comments).toEqual([]);
        expect(resolve(a.doc, positioned.anchor)).toBe('betaalbare woonvormen');

        // Discussion goes on while the round runs: reply, resolve, reopen.
        const replied = await as(HORIZON).post<CommentThreadResponse>(`/api/comment-threads/${thread.id}/replies`, {
          body: 'Gezinshuizen en kamertrainingscentra.',
        });
        expect(replied.status).toBe(201);
        expect(replied.body.thread.comments).toHaveLength(2);
        const resolved = await as(CHAIR).post<CommentThreadResponse>(`/api/comment-threads/${thread.id}/resolve`);
        expect(resolved.status).toBe(200);
        expect(resolved.body.thread.resolvedBy?.name).toBeTruthy();
        expect((await as(ALKMAAR).post(`/api/comment-threads/${thread.id}/resolve`)).status).toBe(409);
        // Resolved threads are kept and listed.
        const kept = await as(ALKMAAR).get<CommentThreadsResponse>(`/api/sections/${sectionId}/comments`);
        expect(kept.body.threads.find((t) => t.id === thread.id)!.resolvedAt).not.toBeNull();
        const reopened = await as(ALKMAAR).post<CommentThreadResponse>(`/api/comment-threads/${thread.id}/reopen`);
        expect(reopened.body.thread.resolvedAt).toBeNull();
      } finally {
        a.provider.destroy();
        b.provider.destroy();
      }
    });

    it('council members see no comments and cannot comment; bad anchors and bodies are refused at the boundary', async () => {
      const sectionId = sections.get('Planning')!;
      const council = as(COUNCIL);
      expect((await council.get(`/api/sections/${sectionId}/comments`)).status).toBe(403);
      const anchor = { start: 'AAAA', end: 'AAAA', quote: 'Fasering' };
      expect((await council.post(`/api/sections/${sectionId}/comments`, { anchor, body: 'Vraag' })).status).toBe(403);

      const alkmaar = as(ALKMAAR);
      for (const bad of [
        { anchor: { ...anchor, start: 'AQ==' }, body: 'x' },
        { anchor: { ...anchor, end: 'niet base64!' }, body: 'x' },
        { anchor: { ...anchor, quote: '   ' }, body: 'x' },
        { anchor, body: '' },
        { anchor, body: 'x', extra: true },
      ]) {
        const refused = await alkmaar.post<{ error: { code: string } }>(`/api/sections/${sectionId}/comments`, bad);
        expect(refused.status, JSON.stringify(bad)).toBe(400);
        expect(refused.body.error.code).toBe('validation_failed');
      }
      expect(
        (await alkmaar.post('/api/comment-threads/00000000-0000-4000-8000-000000000000/replies', { body: 'x' })).status,
      ).toBe(404);

      // The table's timeline records comments; those who only read outcomes do not see them.
      const tableId = (await alkmaar.get<TablesResponse>('/api/tables')).body.tables[0]!.id;
      const kinds = (await alkmaar.get<AuditResponse>(`/api/tables/${tableId}/audit`)).body.events.map((e) => e.kind);
      expect(kinds).toContain('comment.thread_started');
      expect(kinds).toContain('comment.resolved');
      const observed = await council.get<AuditResponse>(`/api/tables/${tableId}/audit`);
      if (observed.status === 200) expect(observed.body.events.some((e) => e.kind.startsWith('comment.'))).toBe(false);
    });
  });
}
