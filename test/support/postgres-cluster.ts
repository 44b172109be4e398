import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';

/** Where this machine's PostgreSQL server binaries are, or null when there are none. */
export function findPostgresBinDir(): string | null {
  const fromConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const candidates: string[] = [];
  if (fromConfig.status === 0) candidates.push(fromConfig.stdout.trim());
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(debian, v, 'bin')));
  }
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))) ?? null;
}

/** A TCP port on loopback that nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function postgresUid(): { uid: number; gid: number } | null {
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export interface PostgresCluster {
  adminUrl: string;
  /** Stops the server (and removes its data). */
  stop(): Promise<void>;
  /** Stops the server as an outage would (fast shutdown: open connections are cut), keeping its data. */
  halt(): Promise<void>;
  /** Starts it again on the same port with the same data, and waits until it accepts connections. */
  resume(): Promise<void>;
}

/**
 * Starts a throwaway PostgreSQL in a temp directory on a free loopback port. PostgreSQL refuses to
 * run as root, so as root it runs as the `postgres` user (the Debian package creates it).
 */
export async function startPostgresCluster(
  binDir: string,
  options: { maxConnections?: number } = {},
): Promise<PostgresCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'tafelwerk-pg-'));
  const dataDir = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? postgresUid() : null;
  if (asRoot && !owner) throw new Error('running as root but there is no `postgres` user to run PostgreSQL as');
  if (owner) {
    await chown(dir, owner.uid, owner.gid);
    await chmod(dir, 0o700);
  }
  // Node switches the user itself (spawn's uid/gid), so signals reach postgres directly rather
  // than a wrapper such as runuser that would leave it running when killed.
  const as = owner ? { uid: owner.uid, gid: owner.gid, env: { ...process.env, HOME: dir } } : {};
  const init = spawnSync(
    join(binDir, 'initdb'),
    ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'],
    { encoding: 'utf8', cwd: dir, ...as },
  );
  if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}\n${init.stderr}`);

  const port = await freePort();
  const args = [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-h',
    '127.0.0.1',
    '-k',
    dir,
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    `max_connections=${options.maxConnections ?? 200}`,
    '-c',
    'shared_buffers=64MB',
  ];
  let log = '';
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let child: ChildProcess;
  let watchdog: ChildProcess | undefined;
  const launch = () => {
    child = spawn(join(binDir, 'postgres'), args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir, ...as });
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    watchdog = child.pid ? startWatchdog(child.pid, dir) : undefined;
  };
  const halt = async () => {
    watchdog?.kill('SIGKILL');
    const running = child;
    if (running.exitCode === null && running.signalCode === null) {
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGINT'); // fast shutdown
        setTimeout(() => running.kill('SIGKILL'), 10_000).unref();
      });
    }
  };
  const stop = async () => {
    await halt();
    await rm(dir, { recursive: true, force: true });
  };
  const ready = async (onFailure: () => Promise<void>) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) {
        await onFailure();
        throw new Error(`postgres exited with ${child.exitCode}:\n${log}`);
      }
      const sql = postgres(adminUrl, { max: 1, connect_timeout: 2, onnotice: () => undefined });
      try {
        await sql`select 1`;
        await sql.end();
        return;
      } catch (error) {
        await sql.end({ timeout: 0 }).catch(() => undefined);
        if (Date.now() > deadline) {
          await onFailure();
          throw new Error(`postgres did not accept connections in 30 s:\n${log}`, { cause: error });
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };

  launch();
  await ready(stop);
  return {
    adminUrl,
    stop,
    halt,
    async resume() {
      launch();
      await ready(async () => undefined);
    },
  };
}

/**
 * Vitest skips global teardown when it is interrupted (SIGINT/SIGTERM to its main process) and nothing
 * runs after a SIGKILL, which would leave PostgreSQL running. So a detached shell (its own session:
 * a Ctrl-C to the terminal's process group does not reach it) waits for this process to go away,
 * then shuts PostgreSQL down and removes its directory. stop() kills the watchdog first.
 */
function startWatchdog(postgresPid: number, dir: string): ChildProcess {
  const script = `
    trap '' INT HUP
    while kill -0 "$1" 2>/dev/null; do sleep 1; done
    kill -INT "$2" 2>/dev/null
    i=0
    while kill -0 "$2" 2>/dev/null && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    kill -KILL "$2" 2>/dev/null
    rm -rf "$3"
  `;
  const watchdog = spawn(
    '/bin/sh',
    ['-c', script, 'tafelwerk-pg-watchdog', String(process.pid), String(postgresPid), dir],
    {
      detached: true,
      stdio: 'ignore',
    },
  );
  watchdog.unref();
  return watchdog;
}
