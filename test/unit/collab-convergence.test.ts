import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { renderDocument } from '../../server/collab/render.ts';
import { Room } from '../../server/collab/room.ts';
import { FakeClient, MemoryStore } from '../support/collab-fakes.ts';

type Step =
  | { kind: 'insert'; client: number; at: number; text: string }
  | { kind: 'delete'; client: number; at: number; length: number }
  | { kind: 'paragraph'; client: number; text: string }
  | { kind: 'disconnect'; client: number }
  | { kind: 'reconnect'; client: number }
  | { kind: 'flush' };

const CLIENTS = 4;
const client = fc.integer({ min: 0, max: CLIENTS - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    client,
    at: fc.nat(200),
    text: fc.string({ minLength: 1, maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), client, at: fc.nat(200), length: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('paragraph' as const), client, text: fc.string({ maxLength: 12 }) }),
  fc.record({ kind: fc.constant('disconnect' as const), client }),
  fc.record({ kind: fc.constant('reconnect' as const), client }),
  fc.constant({ kind: 'flush' as const }),
);

/** The first text node of the document, made on demand, for character-level edits. */
function firstText(doc: Y.Doc): Y.XmlText {
  const fragment = doc.getXmlFragment('default');
  let paragraph = fragment.get(0) as Y.XmlElement | undefined;
  if (!paragraph) {
    paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText()]);
    fragment.insert(0, [paragraph]);
  }
  return paragraph.get(0) as Y.XmlText;
}

describe('convergence under concurrency, disconnects and reconnects (property)', () => {
  it('ends with identical content in every client, the room and the store', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 60 }), async (steps) => {
        const store = new MemoryStore();
        const room = await Room.load('section:p', { store, now: () => new Date(), flushDelayMs: 1_000_000 });
        const clients = Array.from({ length: CLIENTS }, (_, i) => new FakeClient(room).connect(`u${i}`, true));
        for (const s of steps) {
          if (s.kind === 'flush') {
            await room.flush();
            continue;
          }
          const c = clients[s.client]!;
          if (s.kind === 'disconnect') {
            if (c.connected) c.disconnect();
          } else if (s.kind === 'reconnect') {
            if (!c.connected) c.connect(`u${s.client}`, true);
          } else if (s.kind === 'paragraph') {
            c.type(s.text);
          } else {
            const text = firstText(c.doc);
            if (s.kind === 'insert') text.insert(Math.min(s.at, text.length), s.text);
            else if (text.length > 0) {
              const at = Math.min(s.at, text.length - 1);
              text.delete(at, Math.min(s.length, text.length - at));
            }
          }
        }
        for (const [i, c] of clients.entries()) if (!c.connected) c.connect(`u${i}`, true);
        // As before a read of the content: the derived HTML is brought up to date with the document.
        await room.flush({ derive: true });
        const expected = renderDocument(room.doc).html;
        for (const c of clients) expect(renderDocument(c.doc).html).toBe(expected);
        const reloaded = await Room.load('section:p', { store, now: () => new Date() });
        expect(renderDocument(reloaded.doc).html).toBe(expected);
        expect(store.flushes.at(-1)?.html ?? renderDocument(new Y.Doc()).html).toBe(expected);
        reloaded.destroy();
        room.destroy();
      }),
      { numRuns: 150 },
    );
  });
});
