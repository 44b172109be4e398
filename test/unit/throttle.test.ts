import { describe, expect, it } from 'vitest';
import { clearFailures, recordFailure, secondsBlocked } from '../../server/auth/throttle.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openPglite } from '../../server/db/pglite.ts';
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
