import postgres from 'postgres';
import type { Db, Row, SqlParam, Transaction } from '../db/db.ts';

type Sql = postgres.Sql | postgres.TransactionSql;

function queryable(sql: Sql): Transaction {
  return {
    async execScript(text: string) {
      await sql.unsafe(text).simple();
    },
    async query<T extends Row>(text: string, params: readonly SqlParam[] = []) {
      // unsafe() here only means "text with $n placeholders"; values always travel as parameters.
      const rows = await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
      return rows as unknown as T[];
    },
  };
}

export interface PostgresOptions {
  /** Connections in the pool (default 10). */
  max?: number;
  /** Close a connection after it has been idle this long (default: keep it). */
  idleTimeoutSeconds?: number;
  /** Connect over this Unix socket (the file, e.g. /run/postgresql/.s.PGSQL.5432) rather than the URL's host. */
  socketPath?: string;
  /** What /api/health calls this database (default 'postgres'). */
  kind?: Db['kind'];
  /** Runs after the pool has ended, as part of close() (say, stopping a server this process started). */
  afterClose?: () => Promise<void>;
}

export function openPostgres(url: string, options: PostgresOptions = {}): Db {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => undefined,
    // postgres.js counts failed connection attempts across the whole pool and waits up to 20 s before a
    // closed connection may connect again. An outage of a few seconds makes hundreds of attempts (every
    // room retries), so once the database was back, requests waited out that delay and then failed with
    // CONNECT_TIMEOUT. A short, capped backoff and connect timeout let the service recover within seconds.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1) * (0.5 + Math.random() / 2),
    connect_timeout: 10,
    ...(options.idleTimeoutSeconds !== undefined ? { idle_timeout: options.idleTimeoutSeconds } : {}),
    ...(options.socketPath !== undefined ? { path: options.socketPath } : {}),
  });
  const base = queryable(sql);
  return {
    kind: options.kind ?? 'postgres',
    query: base.query,
    async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      return (await sql.begin((tx) => fn(queryable(tx)))) as T;
    },
    execScript: base.execScript,
    async close() {
      try {
        await sql.end({ timeout: 5 });
      } finally {
        await options.afterClose?.();
      }
    },
  };
}
