/**
 * The one small database interface the app talks to. The app's implementation is postgres.js
 * (server/runtime/postgres.ts), against the embedded PostgreSQL that `npm start` runs by default ('embedded')
 * or against DATABASE_URL ('postgres'); PGlite in memory (server/runtime/pglite.ts) serves unit tests and
 * reading the data directories of earlier versions. Queries are always parameterized ($1, $2, …).
 */
export type SqlParam = string | number | boolean | null | Date | Uint8Array | string[] | Record<string, unknown>;
export type Row = Record<string, unknown>;

export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
}

/** A transaction; execScript runs a trusted multi-statement script (migrations only, never user input). */
export interface Transaction extends Queryable {
  execScript(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'embedded' | 'postgres' | 'pglite';
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Runs a trusted multi-statement script outside a transaction (schema resets only). */
  execScript(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** Postgres error code for unique_violation, the same from PGlite and postgres.js. */
export const UNIQUE_VIOLATION = '23505';

export function pgErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
