import * as Y from 'yjs';
import { pgDocStore } from '../server/collab/pg-doc-store.ts';
import { Room } from '../server/collab/room.ts';
import type { Db } from '../server/db/db.ts';

/** Stores `count` single-keystroke updates for one document, as a long editing history would. */
async function storeHistory(db: Db, docName: string, count: number): Promise<void> {
  const doc = new Y.Doc();
  const text = doc.getText('bench');
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) {
    // Typing with the odd correction, like a real section.
    if (i % 10 === 9 && text.length > 0) text.delete(text.length - 1, 1);
    else text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  }
  const at = new Date();
  for (let i = 0; i < updates.length; i += 2000) {
    const chunk = updates.slice(i, i + 2000);
    // Placeholders only; every value travels as a parameter.
    const values = chunk.map((_, j) => `($1, $${j + 3}, $2)`).join(', ');
    await db.query(`insert into doc_updates (doc_name, data, created_at) values ${values}`, [docName, at, ...chunk]);
  }
  doc.destroy();
}

async function timeLoad(db: Db, docName: string): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const room = await Room.load(docName, { store: pgDocStore(db), now: () => new Date() });
    runs.push(performance.now() - start);
    room.destroy();
  }
  return Math.min(...runs);
}

/** Cold-load time before and after compaction, for a history of `count` updates. */
export async function coldLoad(db: Db, count: number): Promise<{ raw: number; compacted: number }> {
  const docName = `bench:cold-${count}-${Date.now()}`;
  await storeHistory(db, docName, count);
  const raw = await timeLoad(db, docName);
  const room = await Room.load(docName, { store: pgDocStore(db), now: () => new Date() });
  await pgDocStore(db).compact(docName, Y.encodeStateAsUpdate(room.doc), new Date());
  room.destroy();
  const compacted = await timeLoad(db, docName);
  return { raw, compacted };
}
