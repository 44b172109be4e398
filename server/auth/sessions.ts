import type { Queryable } from '../db/db.ts';
import { hashToken, randomToken, tokenMatches } from './tokens.ts';

/**
 * Sessions as in Lucia's session guide: the token is "<id>.<secret>", both random; the database
 * stores only SHA-256(secret), compared in constant time, so a leaked sessions table cannot be
 * replayed. Expiry slides: a session used in its second half is extended to the full lifetime.
 */
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
const RENEW_WHEN_LEFT_MS = SESSION_LIFETIME_MS / 2;

export interface Session {
  id: string;
  userId: string;
  expiresAt: Date;
  /** True when validation extended the expiry, so the cookie must be sent again. */
  renewed: boolean;
}

export async function createSession(
  db: Queryable,
  userId: string,
  now: Date,
): Promise<{ token: string; session: Session }> {
  const id = randomToken();
  const secret = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await db.query(
    'insert into sessions (id, secret_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4, $5)',
    [id, hashToken(secret), userId, now, expiresAt],
  );
  return { token: `${id}.${secret}`, session: { id, userId, expiresAt, renewed: true } };
}

export async function validateSessionToken(db: Queryable, token: string, now: Date): Promise<Session | null> {
  const [id, secret, ...rest] = token.split('.');
  if (!id || !secret || rest.length > 0 || id.length > 64 || secret.length > 64) return null;
  const rows = await db.query<{ user_id: string; secret_hash: string; expires_at: Date }>(
    'select user_id, secret_hash, expires_at from sessions where id = $1',
    [id],
  );
  const row = rows[0];
  if (!row || !tokenMatches(secret, row.secret_hash)) return null;
  if (row.expires_at.getTime() <= now.getTime()) {
    await db.query('delete from sessions where id = $1', [id]);
    return null;
  }
  if (row.expires_at.getTime() - now.getTime() < RENEW_WHEN_LEFT_MS) {
    const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
    await db.query('update sessions set expires_at = $2 where id = $1', [id, expiresAt]);
    return { id, userId: row.user_id, expiresAt, renewed: true };
  }
  return { id, userId: row.user_id, expiresAt: row.expires_at, renewed: false };
}

export async function invalidateSession(db: Queryable, sessionId: string): Promise<void> {
  await db.query('delete from sessions where id = $1', [sessionId]);
}
