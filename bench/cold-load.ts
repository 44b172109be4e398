import * as Y from 'yjs';
import { pgDocStore } from '../server/collab/pg-doc-store.ts';
import { Room } from '../server/collab/room.ts';
import type { Db } from '../server/db/db.ts';

/** `count` single-keystroke updates, as a long editing history would have, and the resulting doc. */
function history(count: number): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const text = doc.getText('bench');
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) {
    // Typing with the odd correction, like a real section.
    if (i % 10 === 9 && text.length > 0) text.delete(text.length - 1, 1);
    else text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  }
  return { doc, updates };
}

async function storeLog(db: Db, docName: string, updates: Uint8Array[]): Promise<void> {
  const at = new Date();
  for (let i = 0; i < updates.length; i += 2000) {
    const chunk = updates.slice(i, i + 2000);
    // Placeholders only; every value travels as a parameter.
    const values = chunk.map((_, j) => `($1, $${j + 3}, $2)`).join(', ');
    await db.query(`insert into doc_updates (doc_name, data, created_at) values ${values}`, [docName, at, ...chunk]);
  }
}

async function timeLoad(db: Db, docName: string, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const room = await Room.load(docName, { store: pgDocStore(db), now: () => new Date() });
    times.push(performance.now() - start);
    room.destroy();
  }
  return Math.min(...times);
}

/**
 * Cold-load time of a document with `count` updates: from the raw log (only where that is
 * realistic: the room compacts every 500 rows, so a long raw log never exists in practice) and
 * from the compacted snapshot the room would have written.
 */
export async function coldLoad(
  db: Db,
  count: number,
  measureRawLog: boolean,
): Promise<{ raw: number | null; compacted: number }> {
  const { doc, updates } = history(count);
  let raw: number | null = null;
  if (measureRawLog) {
    const logName = `bench:log-${count}-${Date.now()}`;
    await storeLog(db, logName, updates);
    raw = await timeLoad(db, logName, 1);
  }
  const snapshotName = `bench:snapshot-${count}-${Date.now()}`;
  await pgDocStore(db).compact(snapshotName, Y.encodeStateAsUpdate(doc), new Date());
  doc.destroy();
  return { raw, compacted: await timeLoad(db, snapshotName, 5) };
}
