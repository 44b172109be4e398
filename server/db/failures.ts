import { pgErrorCode } from './db.ts';

/**
 * What a database failure means for the caller. Connection-level codes (postgres.js names them; the
 * server's are SQLSTATE class 08 and the 57P0x shutdown codes) mean the database is away: retry later,
 * answer 503. SQLSTATE classes of the data itself (a value PostgreSQL cannot hold, a broken constraint,
 * a statement it does not accept) will fail the same way however often they are retried.
 */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  // Connecting over a Unix socket whose server is away (the embedded PostgreSQL restarting).
  'ENOENT',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
const PERMANENT_CLASSES = new Set(['0A', '21', '22', '23', '2F', '42', '44', '54']);

export function isDatabaseUnavailable(error: unknown): boolean {
  const code = pgErrorCode(error);
  return code !== undefined && (CONNECTION_CODES.has(code) || code.startsWith('08'));
}

export function isPermanentDatabaseError(error: unknown): boolean {
  const code = pgErrorCode(error);
  return code !== undefined && code.length === 5 && PERMANENT_CLASSES.has(code.slice(0, 2));
}
