import { PGlite } from '@electric-sql/pglite';
import type { Db, Row, SqlParam, Transaction } from '../db/db.ts';

interface PGliteLike {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
}

function queryable(client: PGliteLike): Transaction {
  return {
    async query<T extends Row>(sql: string, params: readonly SqlParam[] = []) {
      const result = await client.query<T>(sql, [...params]);
      return result.rows;
    },
    async execScript(sql: string) {
      await client.exec(sql);
    },
  };
}

/** An embedded PostgreSQL: `dataDir` on disk, or in memory when omitted. */
export async function openPglite(dataDir?: string): Promise<Db> {
  const pg = dataDir ? new PGlite(dataDir) : new PGlite();
  await pg.waitReady;
  // PGlite is a single connection. Every statement and transaction goes through one queue so
  // that a plain query from one request can never run inside another request's open transaction
  // (and be rolled back with it). Nested db.transaction() calls would deadlock: use the tx given.
  let tail: Promise<unknown> = Promise.resolve();
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = tail.then(work);
    tail = run.catch(() => undefined);
    return run;
  }
  const direct = queryable(pg);
  return {
    kind: 'pglite',
    query<T extends Row>(sql: string, params?: readonly SqlParam[]) {
      return exclusive(() => direct.query<T>(sql, params));
    },
    transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      return exclusive(() => pg.transaction((tx) => fn(queryable(tx))));
    },
    execScript(sql: string) {
      return exclusive(() => direct.execScript(sql));
    },
    async close() {
      await exclusive(() => pg.close());
    },
  };
}
