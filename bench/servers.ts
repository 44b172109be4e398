import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { processTree, type ProcessTree } from './measure.ts';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
const NODE = process.execPath;

/** The columns of the report, in order. */
export type ServerKey = 'default' | 'postgres' | 'workers' | 'reference' | 'hocuspocus';

export interface BenchServer {
  key: ServerKey;
  name: string;
  /** Which wire protocol, and so which load client, the server speaks. */
  protocol: 'y-websocket' | 'hocuspocus';
  /** Tafelwerk (session auth, persistence, HTTP API) rather than a bare co-editing server. */
  tafelwerk: boolean;
  wsBase: string;
  httpBase: string;
  pid: number;
  /** The server process and everything it runs. */
  tree: ProcessTree;
  /** Tafelwerk's database as its start-up line names it (`pglite`, `embedded`, `postgres`). */
  database?: string;
  stop(): Promise<void>;
}

/**
 * Waits for a line on the child's output. Output keeps being read afterwards (a full pipe would
 * block the server) but only the last few KB are kept, for the error message should it exit.
 */
function waitForLine(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let output = '';
    let matched = false;
    const timer = setTimeout(() => reject(new Error(`${what} did not start in 180 s:\n${output}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-16_384);
      const match = matched ? null : pattern.exec(output);
      if (match) {
        matched = true;
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!matched) reject(new Error(`${what} exited with ${code ?? signal}:\n${output}`));
    });
  });
}

/**
 * Stops a child that leads its own process group (spawned detached): SIGTERM to the whole group, so
 * that what `npm start` runs gets it too, and SIGKILL to the group if it is not gone in 10 s.
 */
function stopGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    };
    const killer = setTimeout(() => signalGroup('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      // npm may exit before the server it started has finished flushing: give that a moment.
      const tree = processTree(child.pid!);
      const until = Date.now() + 10_000;
      const wait = () => {
        if (tree.size() === 0 || Date.now() > until) {
          signalGroup('SIGKILL');
          resolve();
        } else setTimeout(wait, 100);
      };
      wait();
    });
    signalGroup('SIGTERM');
  });
}

function wrap(
  key: ServerKey,
  name: string,
  protocol: BenchServer['protocol'],
  child: ChildProcess,
  urls: { httpBase: string; wsBase: string },
  cleanup: () => Promise<void> = async () => undefined,
): BenchServer {
  return {
    key,
    name,
    protocol,
    tafelwerk: key === 'default' || key === 'postgres' || key === 'workers',
    ...urls,
    pid: child.pid!,
    tree: processTree(child.pid!),
    stop: () => stopGroup(child).then(cleanup),
  };
}

/**
 * Tafelwerk as users run it: `npm start` as is (which builds the client, then starts
 * server/runtime/node.ts --dev-routes), with its own DATA_DIR (the default deployment: the database
 * the app runs itself, PGlite or a PostgreSQL child) or DATABASE_URL, and PORT=0. The process tree
 * measured is npm's. The DATA_DIR lets others through (o+x): a database child running as another OS
 * user (PostgreSQL refuses root) must reach it.
 */
export async function startTafelwerk(databaseUrl?: string): Promise<BenchServer> {
  const dataDir = await benchDataDir();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const child = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const cleanup = () => rm(dataDir, { recursive: true, force: true });
  const what = databaseUrl ? 'npm start (DATABASE_URL)' : 'npm start (default)';
  let match: RegExpExecArray;
  try {
    match = await waitForLine(child, /Tafelwerk draait op (http:\/\/\S+)(?:\s+\(database: (\w+)\))?/, what);
  } catch (error) {
    await stopGroup(child);
    await cleanup();
    throw error;
  }
  const httpBase = match[1]!;
  const urls = { httpBase, wsBase: httpBase.replace(/^http/, 'ws') + '/collab' };
  const server = databaseUrl
    ? wrap('postgres', 'Tafelwerk on PostgreSQL', 'y-websocket', child, urls, cleanup)
    : wrap('default', 'Tafelwerk default', 'y-websocket', child, urls, cleanup);
  return { ...server, ...(match[2] ? { database: match[2] } : {}) };
}

/**
 * The Workers deployment as `npm run dev:worker` runs it locally: wrangler and workerd (a Durable Object per
 * document), PostgreSQL at `databaseUrl` through Hyperdrive's local mode. The tree measured is npm's: the
 * migrating script, wrangler (with its local proxy, which a deployment on Cloudflare does not have) and workerd.
 */
export async function startWorkers(databaseUrl: string, port: number): Promise<BenchServer> {
  const persistDir = await benchDataDir();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    PERSIST_DIR: persistDir,
  };
  delete env.NODE_ENV;
  const child = spawn('npm', ['run', 'dev:worker'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const cleanup = () => rm(persistDir, { recursive: true, force: true });
  let match: RegExpExecArray;
  try {
    match = await waitForLine(child, /draait op (http:\/\/\S+)/, 'npm run dev:worker');
  } catch (error) {
    await stopGroup(child);
    await cleanup();
    throw error;
  }
  const httpBase = match[1]!;
  return {
    ...wrap(
      'workers',
      'Tafelwerk on Workers (workerd)',
      'y-websocket',
      child,
      {
        httpBase,
        wsBase: httpBase.replace(/^http/, 'ws') + '/collab',
      },
      cleanup,
    ),
    database: 'postgres',
  };
}

/** A temp directory that other OS users may pass through (but not list). */
export async function benchDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tafelwerk-bench-'));
  await chmod(dir, 0o711);
  return dir;
}

/** The reference: @y/websocket-server 0.1.1, in memory, no auth. */
export async function startReference(port: number): Promise<BenchServer> {
  const child = spawn(NODE, [join(ROOT, 'node_modules/@y/websocket-server/src/server.js')], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  await waitForLine(child, /running at/, 'reference');
  const base = `127.0.0.1:${port}`;
  return wrap('reference', '@y/websocket-server 0.1.1', 'y-websocket', child, {
    httpBase: `http://${base}`,
    wsBase: `ws://${base}`,
  });
}

/** The third peer: Hocuspocus 4 (bench/hocuspocus-server.ts), in memory, no extensions, no auth. */
export async function startHocuspocus(port: number): Promise<BenchServer> {
  const child = spawn(NODE, ['--import', 'tsx', join(ROOT, 'bench/hocuspocus-server.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  await waitForLine(child, /hocuspocus running at/, 'hocuspocus');
  const base = `127.0.0.1:${port}`;
  return wrap('hocuspocus', 'Hocuspocus 4.7', 'hocuspocus', child, {
    httpBase: `http://${base}`,
    wsBase: `ws://${base}`,
  });
}
