import type { Queryable } from '../db/db.ts';

/**
 * Failed logins are counted per account and per client address in the database, so limits hold
 * across restarts and across server instances. A key that reaches its limit inside the window is
 * blocked for blockMs; the check runs before any password hashing, so a blocked attacker costs
 * us no Argon2 work.
 *
 * Many people can share one address (a town hall behind one NAT), so a blocked address must not lock
 * out an account that has done nothing wrong. loginGate therefore decides:
 * - the account is blocked: refuse (no Argon2 work);
 * - the address is blocked and the account failed from anywhere inside its window: refuse (no Argon2
 *   work). Unknown e-mails get account counters too, so this tells nothing about which accounts exist;
 * - the address is blocked and the account has no failures of its own: let the login through, slowly
 *   (AddressPacer): one password check per pace per address, a bounded queue. A wrong guess gives the
 *   account a failure, so while the address stays blocked an attacker gets at most one guess per
 *   account name, each paced; a colleague with the right password gets in after a short wait.
 */
export interface ThrottleLimit {
  maxFailures: number;
  windowMs: number;
  blockMs: number;
}

export const ACCOUNT_LIMIT: ThrottleLimit = { maxFailures: 5, windowMs: 15 * 60_000, blockMs: 15 * 60_000 };
export const ADDRESS_LIMIT: ThrottleLimit = { maxFailures: 30, windowMs: 15 * 60_000, blockMs: 15 * 60_000 };

/** While an address is blocked, its logins for accounts without failures are checked one per this many ms. */
export const BLOCKED_ADDRESS_PACE_MS = 1_000;
/** At most this many such logins wait per address; more are refused until the queue has drained. */
export const BLOCKED_ADDRESS_QUEUE = 20;

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

export type LoginGate = { refuse: number } | { slow: boolean };

/** Whether a login may go ahead (slowly when its address is blocked), or is refused for some seconds. */
export async function loginGate(
  db: Queryable,
  keys: { account: string; address: string },
  now: Date,
  limits: { account: ThrottleLimit } = { account: ACCOUNT_LIMIT },
): Promise<LoginGate> {
  const rows = await db.query<{ key: string; failures: number; window_started_at: Date; blocked_until: Date | null }>(
    'select key, failures, window_started_at, blocked_until from login_throttles where key = any($1)',
    [[keys.account, keys.address]],
  );
  const secondsLeft = (until: Date | null | undefined) =>
    until && until > now ? Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) : null;
  const account = rows.find((r) => r.key === keys.account);
  const address = rows.find((r) => r.key === keys.address);
  const accountBlocked = secondsLeft(account?.blocked_until);
  if (accountBlocked !== null) return { refuse: accountBlocked };
  const addressBlocked = secondsLeft(address?.blocked_until);
  if (addressBlocked === null) return { slow: false };
  const accountFailed =
    account !== undefined &&
    account.failures > 0 &&
    account.window_started_at.getTime() > now.getTime() - limits.account.windowMs;
  return accountFailed ? { refuse: addressBlocked } : { slow: true };
}

/**
 * Paces the logins of blocked addresses, per server instance: each address gets one turn per paceMs,
 * in order of arrival, with at most maxWaiting waiting. This bounds the password checks a blocked
 * address can cause however many requests it sends at once.
 */
export class AddressPacer {
  private readonly lanes = new Map<string, { tail: Promise<void>; waiting: number }>();

  constructor(
    private readonly paceMs = BLOCKED_ADDRESS_PACE_MS,
    private readonly maxWaiting = BLOCKED_ADDRESS_QUEUE,
    private readonly sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Waits for the address's turn; returns null then, or the seconds to retry after when the queue is full. */
  async turn(address: string): Promise<number | null> {
    let lane = this.lanes.get(address);
    if (!lane) {
      lane = { tail: Promise.resolve(), waiting: 0 };
      this.lanes.set(address, lane);
    }
    if (lane.waiting >= this.maxWaiting) return Math.max(1, Math.ceil((lane.waiting * this.paceMs) / 1000));
    lane.waiting += 1;
    const mine = lane.tail.then(() => this.sleep(this.paceMs));
    lane.tail = mine;
    try {
      await mine;
    } finally {
      lane.waiting -= 1;
      if (lane.waiting === 0 && this.lanes.get(address) === lane) this.lanes.delete(address);
    }
    return null;
  }
}
