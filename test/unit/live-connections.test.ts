import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UpgradeDecision } from '../../server/collab/access.ts';
import { LiveConnections, type LiveConnection } from '../../server/collab/live.ts';
import { CLOSE } from '../../server/collab/protocol.ts';

const HOUR = 60 * 60_000;

function connection(overrides: Partial<LiveConnection> & { decide: () => Promise<UpgradeDecision> }) {
  const closed: number[] = [];
  const c: LiveConnection & { closed: number[] } = {
    docName: 'section:x',
    userId: 'u1',
    sessionId: 's1',
    canWrite: true,
    recheck: overrides.decide,
    close: (code) => closed.push(code),
    closed,
    ...overrides,
  };
  return c;
}

const admitted = (canWrite: boolean, expiresAt: Date): UpgradeDecision => ({
  ok: true,
  docName: 'section:x',
  info: { userId: 'u1', canWrite },
  sessionId: 's1',
  sessionExpiresAt: expiresAt,
});

describe('live connections', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('decides a connection again when its session would expire, and closes it with 4401 when it has', async () => {
    const live = new LiveConnections({ recheckEveryMs: 24 * HOUR });
    const c = connection({ decide: async () => ({ ok: false, refusal: CLOSE.unauthenticated }) });
    live.add(c, new Date(Date.now() + HOUR));
    await vi.advanceTimersByTimeAsync(HOUR - 5_000);
    expect(c.closed).toEqual([]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(c.closed).toEqual([4401]);
    expect(live.size).toBe(0);
  });

  it('keeps a connection whose session was renewed, and checks it again later', async () => {
    const live = new LiveConnections({ recheckEveryMs: 10 * 60_000 });
    const decide = vi.fn(async () => admitted(true, new Date(Date.now() + 30 * 24 * HOUR)));
    const c = connection({ decide });
    live.add(c, new Date(Date.now() + 30 * 24 * HOUR));
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(c.closed).toEqual([]);
    expect(decide.mock.calls.length).toBeGreaterThanOrEqual(4);
  });

  it('closes with 4000 when the role now writes differently, with 4403 when access is gone, and keeps it when the database is away', async () => {
    const live = new LiveConnections();
    const demoted = connection({ userId: 'a', decide: async () => admitted(false, new Date(Date.now() + HOUR)) });
    const removed = connection({ userId: 'b', decide: async () => ({ ok: false, refusal: CLOSE.forbidden }) });
    const unknown = connection({
      userId: 'c',
      decide: async () => {
        throw new Error('connect ECONNREFUSED');
      },
    });
    for (const c of [demoted, removed, unknown]) live.add(c, new Date(Date.now() + HOUR));
    await Promise.all(['a', 'b', 'c'].map((id) => live.recheckUser(id)));
    expect(demoted.closed).toEqual([CLOSE.accessChanged.code]);
    expect(removed.closed).toEqual([4403]);
    expect(unknown.closed).toEqual([]);
    expect(live.size).toBe(1);
  });

  it('closes a logged-out session’s connections, and a person’s other sessions on a password change', () => {
    const live = new LiveConnections();
    const decide = async () => admitted(true, new Date(Date.now() + HOUR));
    const a1 = connection({ sessionId: 'a1', decide });
    const a2 = connection({ sessionId: 'a2', decide });
    const b = connection({ userId: 'u2', sessionId: 'b1', decide });
    for (const c of [a1, a2, b]) live.add(c, new Date(Date.now() + HOUR));
    expect(live.closeSession('a1')).toBe(1);
    expect(a1.closed).toEqual([4401]);
    live.add(a1, new Date(Date.now() + HOUR));
    expect(live.closeOtherSessions('u1', 'a1')).toBe(1);
    expect(a2.closed).toEqual([4401]);
    expect(b.closed).toEqual([]);
    live.closeAll();
  });
});
