import { EventEmitter } from 'node:events';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';

/**
 * The postgres.js write scheduler repaired by scripts/patch-postgres.mjs (run on every install): a
 * connection closed while a small write waits for its setImmediate must still send its next
 * StartupMessage when it connects again. Unpatched, that connection stays silent until connect_timeout,
 * which is how requests after a database restart failed with CONNECT_TIMEOUT.
 */
class FakeSocket extends EventEmitter {
  readonly written: Buffer[] = [];
  readyState = 'open';
  write(chunk: Uint8Array, done?: () => void): boolean {
    this.written.push(Buffer.from(chunk));
    done?.();
    return true;
  }
  end(): void {
    this.readyState = 'closed';
  }
  destroy(): void {
    this.readyState = 'closed';
  }
  setKeepAlive(): void {}
}

describe('the postgres.js driver as installed', () => {
  it('sends the startup message on a connection that closed with a write pending', async () => {
    const sockets: FakeSocket[] = [];
    // `socket` (a factory for the connection's socket) is a documented option its types leave out.
    const options = {
      socket: () => {
        const socket = new FakeSocket();
        sockets.push(socket);
        // Scheduled before the driver schedules its StartupMessage write, so it runs first: the socket
        // closes while that write is still pending.
        if (sockets.length === 1) setImmediate(() => socket.emit('close', true));
        return socket as never;
      },
      max: 1,
      connect_timeout: 2,
      backoff: () => 0,
      onnotice: () => undefined,
    };
    const sql = postgres(options as postgres.Options<Record<string, never>>);
    const query = sql`select 1`.catch((error: unknown) => error);
    const deadline = Date.now() + 1_500;
    while ((sockets[1]?.written.length ?? 0) === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(sockets.length).toBeGreaterThanOrEqual(2);
    expect(sockets[1]!.written.length).toBeGreaterThan(0);
    void sql.end({ timeout: 0 });
    await query;
  });

  it('hands a connection error during its type lookup to the waiting query, leaving no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const sockets: FakeSocket[] = [];
      const options = {
        socket: () => {
          const socket = new FakeSocket();
          sockets.push(socket);
          return socket as never;
        },
        max: 1,
        connect_timeout: 2,
        backoff: () => 0,
        onnotice: () => undefined,
      };
      const sql = postgres(options as postgres.Options<Record<string, never>>);
      const query = sql`select 1`.then(
        () => null,
        (error: unknown) => error,
      );
      const first = await waitForSocket(sockets, 0);
      // The server accepts the login: AuthenticationOk, then ReadyForQuery; the driver asks for array types.
      first.emit('data', Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0, 0x5a, 0, 0, 0, 5, 0x49]));
      await new Promise((resolve) => setTimeout(resolve, 20));
      // ...and the database goes away while that lookup runs.
      const gone = Object.assign(new Error('connect ENOENT /tmp/.s.PGSQL.5432'), { code: 'ENOENT' });
      first.emit('error', gone);
      first.emit('close', true);
      expect(await query).toBe(gone);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
      void sql.end({ timeout: 0 });
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

async function waitForSocket(sockets: FakeSocket[], index: number): Promise<FakeSocket> {
  const deadline = Date.now() + 1_500;
  while (!sockets[index] && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!sockets[index]) throw new Error('the driver opened no socket');
  return sockets[index];
}
