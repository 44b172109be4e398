import type { Queryable } from '../db/db.ts';

/**
 * Failed logins are counted per account and per client address in the database, so limits hold
 * across restarts and across server instances. A key that reaches its limit inside the window is
 * blocked for blockMs; the check runs before any password hashing, so a blocked attacker costs
 * us no Argon2 work.
 */
export interface ThrottleLimit {
  maxFailures: number;
  windowMs: number;
  blockMs: number;
}

export const ACCOUNT_LIMIT: ThrottleLimit = { maxFailures: 5, windowMs: 15 * 60_000, blockMs: 15 * 60_000 };
export const ADDRESS_LIMIT: ThrottleLimit = { maxFailures: 30, windowMs: 15 * 60_000, blockMs: 15 * 60_000 };

export const accountKey = (email: string) => `account:${email}`;
export const addressKey = (address: string) => `ip:${address}`;

/** Seconds until the longest block among keys ends, or null when none is blocked. */
export async function secondsBlocked(db: Queryable, keys: string[], now: Date): Promise<number | null> {
  const rows = await db.query<{ blocked_until: Date | null }>(
    'select max(blocked_until) as blocked_until from login_throttles where key = any($1) and blocked_until > $2',
    [keys, now],
  );
  const until = rows[0]?.blocked_until;
  return until ? Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) : null;
}

export async function recordFailure(db: Queryable, key: string, limit: ThrottleLimit, now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - limit.windowMs);
  const blockedUntil = new Date(now.getTime() + limit.blockMs);
  await db.query(
    `insert into login_throttles as t (key, failures, window_started_at, blocked_until)
     values ($1, 1, $2, case when 1 >= $5 then $4::timestamptz end)
     on conflict (key) do update set
       failures = case when t.window_started_at < $3 then 1 else t.failures + 1 end,
       window_started_at = case when t.window_started_at < $3 then $2 else t.window_started_at end,
       blocked_until = case
         when (case when t.window_started_at < $3 then 1 else t.failures + 1 end) >= $5 then $4::timestamptz
         else t.blocked_until end`,
    [key, now, windowStart, blockedUntil, limit.maxFailures],
  );
}

export async function clearFailures(db: Queryable, key: string): Promise<void> {
  await db.query('delete from login_throttles where key = $1', [key]);
}
