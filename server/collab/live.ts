import type { UpgradeDecision } from './access.ts';
import { CLOSE } from './protocol.ts';

/** An open collab connection as the access checks see it; the runtime adapts its socket to this. */
export interface LiveConnection {
  readonly docName: string;
  readonly userId: string;
  readonly sessionId: string;
  readonly canWrite: boolean;
  /** Decides the connection again with what its upgrade carried (cookie, origin); throws when the database is away. */
  recheck(): Promise<UpgradeDecision>;
  close(code: number, reason: string): void;
}

interface Tracked {
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Every open connection of a process, so that access follows the session and the role while a
 * document is open: logging out closes the session's connections at once with 4401, a password
 * change closes the person's other sessions' connections, a changed role decides them again (4403
 * when access is gone, 4000 to rejoin under a role that writes differently), and each connection is
 * decided again when its session would expire and at least every `recheckEveryMs`, which catches
 * whatever no event announced.
 */
export class LiveConnections {
  private readonly all = new Map<LiveConnection, Tracked>();

  constructor(
    private readonly options: {
      recheckEveryMs?: number;
      log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
    } = {},
  ) {}

  get size(): number {
    return this.all.size;
  }

  add(connection: LiveConnection, sessionExpiresAt: Date): void {
    const tracked: Tracked = { timer: undefined };
    this.all.set(connection, tracked);
    this.schedule(connection, tracked, sessionExpiresAt);
  }

  delete(connection: LiveConnection): void {
    const tracked = this.all.get(connection);
    if (tracked?.timer) clearTimeout(tracked.timer);
    this.all.delete(connection);
  }

  /** Closes the connections of one session (it was logged out): the provider stops, the editor says why. */
  closeSession(sessionId: string): number {
    return this.closeWhere((c) => c.sessionId === sessionId, CLOSE.unauthenticated);
  }

  /** Closes the connections of a person's sessions other than `keepSessionId` (their password changed). */
  closeOtherSessions(userId: string, keepSessionId: string | null): number {
    return this.closeWhere((c) => c.userId === userId && c.sessionId !== keepSessionId, CLOSE.unauthenticated);
  }

  /** Decides a person's connections again now (their role changed or was taken away). */
  async recheckUser(userId: string): Promise<void> {
    await Promise.all([...this.all.keys()].filter((c) => c.userId === userId).map((c) => this.recheck(c)));
  }

  closeAll(): void {
    for (const tracked of this.all.values()) if (tracked.timer) clearTimeout(tracked.timer);
    this.all.clear();
  }

  private closeWhere(match: (c: LiveConnection) => boolean, why: { code: number; reason: string }): number {
    let closed = 0;
    for (const connection of [...this.all.keys()]) {
      if (!match(connection)) continue;
      this.delete(connection);
      connection.close(why.code, why.reason);
      closed++;
    }
    return closed;
  }

  private schedule(connection: LiveConnection, tracked: Tracked, sessionExpiresAt: Date): void {
    const every = this.options.recheckEveryMs ?? 5 * 60_000;
    // Spread the checks, so that a thousand connections opened together are not checked together.
    const regular = every * (0.75 + Math.random() * 0.5);
    const delay = Math.max(1_000, Math.min(regular, sessionExpiresAt.getTime() - Date.now() + 1_000));
    tracked.timer = setTimeout(() => void this.recheck(connection), delay);
  }

  private async recheck(connection: LiveConnection): Promise<void> {
    const tracked = this.all.get(connection);
    if (!tracked) return;
    if (tracked.timer) clearTimeout(tracked.timer);
    let decision: UpgradeDecision;
    try {
      decision = await connection.recheck();
    } catch (error) {
      // The database is away: keep the connection (its room keeps relaying) and ask again later.
      this.options.log?.('warn', 'collab access check failed; will retry', { error: String(error) });
      if (this.all.has(connection)) this.schedule(connection, tracked, new Date(Date.now() + 60_000));
      return;
    }
    if (!this.all.has(connection)) return;
    if (!decision.ok) {
      this.delete(connection);
      connection.close(decision.refusal.code, decision.refusal.reason);
    } else if (decision.info.canWrite !== connection.canWrite) {
      this.delete(connection);
      connection.close(CLOSE.accessChanged.code, CLOSE.accessChanged.reason);
    } else {
      this.schedule(connection, tracked, decision.sessionExpiresAt);
    }
  }
}
