import postgres from 'postgres';
import type { Db, Row, SqlParam, Transaction } from './db.ts';

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

export function openPostgres(url: string, options: { max?: number } = {}): Db {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => undefined,
  });
  const base = queryable(sql);
  return {
    kind: 'postgres',
    query: base.query,
    async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      return (await sql.begin((tx) => fn(queryable(tx)))) as T;
    },
    execScript: base.execScript,
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}
