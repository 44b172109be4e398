import { rm } from 'node:fs/promises';
import * as Y from 'yjs';
import { pgDocStore } from '../server/collab/pg-doc-store.ts';
import { Room } from '../server/collab/room.ts';
import type { Db } from '../server/db/db.ts';
import { openPostgres } from '../server/runtime/postgres.ts';
import { migrateDatabase, openDatabase } from '../server/runtime/node-deps.ts';
import { LoadClient } from './load-client.ts';
import { addRow } from './report.ts';
import { benchDataDir, type BenchServer, type ServerKey } from './servers.ts';

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

/**
 * The cold-load rows: in this process, from the default deployment's kind of database (what
 * openDatabase opens for a DATA_DIR) and from the PostgreSQL at databaseUrl.
 */
export async function coldLoadRows(
  databaseUrl: string,
  counts: number[],
  cleanups: Array<() => Promise<void>>,
): Promise<void> {
  const dir = await benchDataDir();
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const quiet = { log: () => undefined };
  const own = await openDatabase({ dataDir: dir, ...quiet });
  await migrateDatabase(own);
  const pg = openPostgres(databaseUrl, { max: 4 });
  const dbs: Array<['default' | 'postgres', Db]> = [
    ['default', own],
    ['postgres', pg],
  ];
  try {
    for (const count of counts) {
      const raw: Partial<Record<'default' | 'postgres', number>> = {};
      const compacted: Partial<Record<'default' | 'postgres', number>> = {};
      for (const [key, db] of dbs) {
        const times = await coldLoad(db, count, count <= 10_000);
        if (times.raw !== null) raw[key] = times.raw;
        compacted[key] = times.compacted;
      }
      addRow(`cold load, ${count} updates, raw log`, 'ms', raw);
      const target = count === 100_000 ? { text: '< 200 ms', max: 200 } : undefined;
      addRow(`cold load, ${count} updates, compacted`, 'ms', compacted, target);
    }
  } finally {
    await own.close();
    await pg.close();
  }
}

/** Sections set aside per history length for a cold open, the median of which is reported. */
export const COLD_OPENS = 3;

/**
 * Cold open as an editor sees it, over the deployment's WebSocket: a section nobody has opened since the
 * server started, whose stored state is a compacted history of `count` updates, from connecting until the
 * document has arrived (sync step 2). For the deployments on the separate PostgreSQL (Node and Workers
 * alike: their document load differs, the database does not); `docNames` holds COLD_OPENS unopened
 * sections per count.
 */
export async function coldOpenRows(
  deployments: Array<{ server: BenchServer; databaseUrl: string; docNames: string[]; headers: Record<string, string> }>,
  counts: number[],
): Promise<void> {
  const medians = new Map<number, Partial<Record<ServerKey, number>>>();
  for (const { server, databaseUrl, docNames, headers } of deployments) {
    const db = openPostgres(databaseUrl, { max: 2 });
    try {
      for (const [i, count] of counts.entries()) {
        const { doc } = history(count);
        const state = Y.encodeStateAsUpdate(doc);
        doc.destroy();
        const times: number[] = [];
        for (const docName of docNames.slice(i * COLD_OPENS, (i + 1) * COLD_OPENS)) {
          await pgDocStore(db).compact(docName, state, new Date());
          const start = performance.now();
          const client = await LoadClient.connect(`${server.wsBase}/${docName}`, headers);
          times.push(performance.now() - start);
          await client.close();
        }
        times.sort((a, b) => a - b);
        const row = medians.get(count) ?? {};
        row[server.key] = times[Math.floor(times.length / 2)]!;
        medians.set(count, row);
      }
    } finally {
      await db.close();
    }
  }
  for (const [count, row] of medians) {
    addRow(`cold open over WebSocket, ${count} updates compacted (median of ${COLD_OPENS})`, 'ms', row);
  }
}
