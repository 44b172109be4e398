import type { Queryable } from '../db/db.ts';
import { hashToken, randomToken, tokenMatches } from '../crypto/tokens.ts';
import { audit } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import type { PasswordHasher } from '../deps.ts';
import { invalid } from '../http/errors.ts';
import { findUserForLogin } from './queries.ts';

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

/**
 * Changes a person's password after checking the current one, and ends every other session of
 * theirs (someone who knew the old password is logged out everywhere but here). Returns the effect
 * for after the commit: the sessions whose open documents must close.
 */
export async function changePassword(
  deps: { db: Db; passwords: PasswordHasher },
  input: { userId: string; email: string; sessionId: string; currentPassword: string; newPassword: string; now: Date },
): Promise<{ closeOtherSessionsOf: { userId: string; keepSessionId: string } }> {
  const found = await findUserForLogin(deps.db, input.email);
  if (!found?.passwordHash || !(await deps.passwords.verify(found.passwordHash, input.currentPassword))) {
    throw invalid('currentPassword', 'the current password is not correct', 'wrong_password');
  }
  const hash = await deps.passwords.hash(input.newPassword);
  await deps.db.transaction(async (tx) => {
    await tx.query('update users set password_hash = $2 where id = $1', [input.userId, hash]);
    await tx.query('delete from sessions where user_id = $1 and id <> $2', [input.userId, input.sessionId]);
    await audit(tx, { userId: input.userId, tableId: null, now: input.now }, 'user.password_changed', {
      type: 'user',
      id: input.userId,
    });
  });
  return { closeOtherSessionsOf: { userId: input.userId, keepSessionId: input.sessionId } };
}
