import { audit } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import type { PasswordHasher } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { findUserForLogin } from './users.ts';

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
    throw new ApiError(400, 'validation_failed', 'invalid body: currentPassword: the current password is not correct', {
      issues: [{ path: 'currentPassword', message: 'the current password is not correct', code: 'wrong_password' }],
    });
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
