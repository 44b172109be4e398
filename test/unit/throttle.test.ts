import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_LIMIT,
  ADDRESS_LIMIT,
  AddressPacer,
  clearFailures,
  loginGate,
  recordFailure,
  secondsBlocked,
} from '../../server/auth/throttle.ts';
import { clientAddressFromForwarded } from '../../server/http/client-address.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openPglite } from '../../server/runtime/pglite.ts';
import { readMigrations } from '../../server/runtime/node-deps.ts';

describe('login throttle', () => {
  it('blocks a key at the limit within the window and forgets failures outside it', async () => {
    const db = await openPglite();
    try {
      await migrate(db, await readMigrations());
      const limit = { maxFailures: 3, windowMs: 60_000, blockMs: 120_000 };
      const t0 = new Date('2026-01-01T10:00:00Z');
      const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

      await recordFailure(db, 'k', limit, at(0));
      await recordFailure(db, 'k', limit, at(10));
      expect(await secondsBlocked(db, ['k'], at(11))).toBeNull();
      // The window has passed: counting starts again.
      await recordFailure(db, 'k', limit, at(70));
      await recordFailure(db, 'k', limit, at(71));
      expect(await secondsBlocked(db, ['k'], at(72))).toBeNull();
      await recordFailure(db, 'k', limit, at(72));
      expect(await secondsBlocked(db, ['k', 'other'], at(72))).toBe(120);
      expect(await secondsBlocked(db, ['k'], at(150))).toBe(42);
      expect(await secondsBlocked(db, ['k'], at(193))).toBeNull();

      await clearFailures(db, 'k');
      expect(await db.query('select * from login_throttles')).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

describe('login gate', () => {
  it('refuses a blocked account, and at a blocked address only accounts that failed themselves', async () => {
    const db = await openPglite();
    try {
      await migrate(db, await readMigrations());
      const t0 = new Date('2026-01-01T10:00:00Z');
      const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
      const keys = (email: string) => ({ account: `account:${email}`, address: 'ip:10.0.0.1' });

      expect(await loginGate(db, keys('a@x'), at(0))).toEqual({ slow: false });
      // Someone behind the same address fails on 30 made-up accounts: the address is blocked.
      for (let i = 0; i < ADDRESS_LIMIT.maxFailures; i++) {
        await recordFailure(db, `account:guess-${i}@x`, ACCOUNT_LIMIT, at(1));
        await recordFailure(db, 'ip:10.0.0.1', ADDRESS_LIMIT, at(1));
      }
      expect(await secondsBlocked(db, ['ip:10.0.0.1'], at(2))).not.toBeNull();
      // An account that failed is refused without a password check, for as long as the address block lasts...
      expect(await loginGate(db, keys('guess-0@x'), at(2))).toEqual({ refuse: 15 * 60 - 1 });
      // ... one that did not goes ahead, slowly; from another address, at full speed.
      expect(await loginGate(db, keys('a@x'), at(2))).toEqual({ slow: true });
      expect(await loginGate(db, { account: 'account:guess-0@x', address: 'ip:10.0.0.2' }, at(2))).toEqual({
        slow: false,
      });
      // An account's failures older than its window no longer count against it.
      await recordFailure(db, 'account:old@x', ACCOUNT_LIMIT, at(-16 * 60));
      expect(await loginGate(db, keys('old@x'), at(2))).toEqual({ slow: true });
      // A blocked account is refused whatever the address.
      for (let i = 0; i < ACCOUNT_LIMIT.maxFailures; i++) {
        await recordFailure(db, 'account:b@x', ACCOUNT_LIMIT, at(3));
      }
      expect(await loginGate(db, { account: 'account:b@x', address: 'ip:10.0.0.2' }, at(4))).toEqual({
        refuse: 15 * 60 - 1,
      });
      // When the address block ends, everything goes at full speed again.
      expect(await loginGate(db, keys('guess-0@x'), at(16 * 60 + 2))).toEqual({ slow: false });
    } finally {
      await db.close();
    }
  });

  it('paces the logins of a blocked address one at a time, with a bounded queue', async () => {
    const pacer = new AddressPacer(30, 3);
    const started = performance.now();
    const done: number[] = [];
    const turns = [0, 1, 2].map((i) => pacer.turn('ip:a').then((full) => (done.push(i), full)));
    // A fourth waiting login is refused with the seconds to retry after; another address has its own lane.
    expect(await pacer.turn('ip:a')).toBe(1);
    expect(await pacer.turn('ip:b')).toBeNull();
    expect(await Promise.all(turns)).toEqual([null, null, null]);
    expect(done).toEqual([0, 1, 2]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(3 * 30 - 5);
    // The queue has drained: the next one waits one pace only.
    expect(await pacer.turn('ip:a')).toBeNull();
  });
});

describe('client address behind a trusted proxy', () => {
  it('takes the entry the proxy appended (right-most), not what the client wrote', () => {
    expect(clientAddressFromForwarded('203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressFromForwarded('1.2.3.4, 203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressFromForwarded('forged, 10.0.0.1 ,  2001:db8::1 ')).toBe('2001:db8::1');
    expect(clientAddressFromForwarded('1.2.3.4,')).toBeUndefined();
    expect(clientAddressFromForwarded('')).toBeUndefined();
    expect(clientAddressFromForwarded(undefined)).toBeUndefined();
    expect(clientAddressFromForwarded(null)).toBeUndefined();
  });
});
