import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Runtime } from '../../shared/api.ts';
import type { Db, Queryable } from '../../server/db/db.ts';
import { openPostgres } from '../../server/runtime/postgres.ts';
import type { RunningServer } from '../../server/runtime/start.ts';
import { Client, startTestServer, TestClock } from './app-server.ts';
import { databaseBackends, type TestDatabase } from './databases.ts';
import { freePort } from './postgres-cluster.ts';
import { announcedUrl, NODE, ROOT } from './process.ts';

/**
 * One running deployment of the app, as its users reach it: a base URL. The suites that must hold on both
 * runtimes (HTTP edges, co-editing, consensus) see only this, so the same file runs against Node and
 * against the Worker in workerd.
 */
export interface Deployment {
  readonly runtime: Runtime;
  readonly database: 'embedded' | 'postgres';
  /** Changes with a restart. */
  readonly url: string;
  /** The deployment's own database, for arranging or checking what no API shows. */
  query: Queryable['query'];
  /** Stops the whole deployment and starts it again on the same database (and, on Workers, the same object storage). */
  restart(): Promise<void>;
  /** Moves business time (a deployment started with `startsAt`), which stands still in between on both runtimes. */
  setClock(at: Date): Promise<void>;
  advanceClock(ms: number): Promise<void>;
  /** Business time now (a deployment started with `startsAt`). */
  now(): Date;
  close(): Promise<void>;
}

export interface DeploymentOptions {
  /** Business time starts here (on Workers through POST /api/dev/clock, which turns dev routes on there). */
  startsAt?: Date;
  /** Mount /api/dev (outbox, settable clock). */
  devRoutes?: boolean;
  /** The address people reach the deployment at (links in mails; an allowed Origin). */
  publicUrl?: string;
}

export interface DeploymentKind {
  /** Runtime and database, for the suite's title. */
  readonly name: string;
  start(options?: DeploymentOptions): Promise<Deployment>;
}

/**
 * Node on the embedded PostgreSQL always, Node on a real PostgreSQL and the Worker in workerd when the
 * run started one (the Worker reaches PostgreSQL through Hyperdrive's local mode, which needs a real one).
 */
export function deployments(): DeploymentKind[] {
  const kinds: DeploymentKind[] = [];
  for (const backend of databaseBackends()) {
    kinds.push({
      name: `Node on ${backend.name}`,
      start: (options) => startNode(backend.name, backend.create(), options),
    });
  }
  const postgres = databaseBackends().find((backend) => backend.name === 'postgres');
  if (postgres)
    kinds.push({ name: 'Workers (workerd) on postgres', start: (options) => startWorkers(postgres.create(), options) });
  return kinds;
}

async function startNode(
  database: 'embedded' | 'postgres',
  created: Promise<TestDatabase>,
  options: DeploymentOptions = {},
): Promise<Deployment> {
  const { databaseUrl, drop } = await created;
  // The embedded PostgreSQL in a data directory of its own, so that a restart finds the same data.
  const dataDir = databaseUrl ? undefined : await mkdtemp(join(tmpdir(), 'tafelwerk-deployment-'));
  const clock = options.startsAt ? new TestClock(options.startsAt) : undefined;
  const start = (loadDemo: boolean) =>
    startTestServer({
      databaseUrl,
      loadDemo,
      devRoutes: options.devRoutes ?? false,
      ...(clock ? { clock } : {}),
      more: { dataDir, ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}) },
    });
  let server: RunningServer = await start(true);
  return {
    runtime: 'node',
    database,
    get url() {
      return server.url;
    },
    query: (sql, params) => server.db.query(sql, params),
    async restart() {
      await server.close();
      server = await start(false);
    },
    async setClock(at) {
      if (!clock) throw new Error('start the deployment with startsAt to move its clock');
      clock.set(at);
    },
    async advanceClock(ms) {
      if (!clock) throw new Error('start the deployment with startsAt to move its clock');
      clock.advance(ms);
    },
    now() {
      if (!clock) throw new Error('start the deployment with startsAt to know its clock');
      return clock.now();
    },
    async close() {
      await server.close();
      await drop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * `npm run dev:worker` as a process group of its own (wrangler starts workerd; both must go). wrangler
 * picks the ports of its internal sockets itself, and two starting at once may pick the same one
 * ("Address already in use"): such a start is tried again.
 */
export async function startWorkerProcess(
  env: Record<string, string>,
): Promise<{ url: string; output(): string; kill(): Promise<void> }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startWorkerOnce(env);
    } catch (error) {
      if (attempt === 3 || !String(error).includes('Address already in use')) throw error;
    }
  }
}

async function startWorkerOnce(
  env: Record<string, string>,
): Promise<{ url: string; output(): string; kill(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(NODE, ['--import', 'tsx', join(ROOT, 'scripts', 'dev-worker.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const { url, output } = await announcedUrl(child, 90_000);
  return {
    url,
    output,
    // SIGKILL to the whole group: workerd dies mid-flight, as a crashed or evicted runtime would.
    async kill() {
      if (child.exitCode !== null || !child.pid) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        return;
      }
      await exited;
    },
  };
}

async function startWorkers(created: Promise<TestDatabase>, options: DeploymentOptions = {}): Promise<Deployment> {
  const { databaseUrl, drop } = await created;
  const persistDir = await mkdtemp(join(tmpdir(), 'tafelwerk-worker-'));
  const env = {
    DATABASE_URL: databaseUrl!,
    PERSIST_DIR: persistDir,
    // Business time is set through the dev route here, so a suite that sets it gets dev routes.
    DEV_ROUTES: String(options.devRoutes ?? options.startsAt !== undefined),
    ...(options.startsAt ? { DEMO_AS_OF: options.startsAt.toISOString() } : {}),
    ...(options.publicUrl ? { PUBLIC_URL: options.publicUrl } : {}),
  };
  let worker = await startWorkerProcess(env);
  const db: Db = openPostgres(databaseUrl!, { max: 2 });
  // The Worker's clock lives in its isolate; it starts where the suite wants it through the dev route
  // (and at the wall clock again after a restart). In test mode it stands still between settings.
  let clock: { at: number } | undefined;
  const setClock = async (at: Date) => {
    const secretariat = await new Client(worker.url).login('secretariaat@regio-alkmaar.demo');
    const reply = await secretariat.post('/api/dev/clock', { now: at.toISOString() });
    if (reply.status !== 200) throw new Error(`could not set the Worker's clock: ${reply.status}`);
    clock = { at: at.getTime() };
  };
  if (options.startsAt) await setClock(options.startsAt);
  return {
    runtime: 'workers',
    database: 'postgres',
    get url() {
      return worker.url;
    },
    query: (sql, params) => db.query(sql, params),
    async restart() {
      await worker.kill();
      worker = await startWorkerProcess(env);
      clock = undefined;
    },
    setClock,
    async advanceClock(ms) {
      if (!clock) throw new Error('start the deployment with startsAt to move its clock');
      await setClock(new Date(clock.at + ms));
    },
    now() {
      if (!clock) throw new Error('start the deployment with startsAt to know its clock');
      return new Date(clock.at);
    },
    async close() {
      await worker.kill();
      await db.close();
      await drop();
      await rm(persistDir, { recursive: true, force: true });
    },
  };
}
