import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from '../app.ts';
import type { Db } from '../db/db.ts';
import { shiftableClock, systemClock, type AppDeps, type Clock, type SettableClock } from '../deps.ts';
import { hasDemoData, loadDemoData } from '../demo/load-demo.ts';
import { clientAddressFromForwarded } from '../http/client-address.ts';
import { argon2Passwords, mailTransport, migrateDatabase, openDatabase, ROOT_DIR } from './node-deps.ts';
import { nodeAssets } from './node-assets.ts';
import { attachCollab } from './node-collab.ts';
import { loadPdfFonts } from './pdf-fonts.ts';
import { authorizeDocument, isDocumentLocked } from '../documents/access.ts';
import { writeDerivedContent } from '../documents/content.ts';
import { pgDocStore } from '../collab/pg-doc-store.ts';
import { runDueWork } from '../consensus/commands.ts';
import { RoomRegistry } from '../collab/registry.ts';
import { LiveConnections } from '../collab/live.ts';
import { PendingBudget } from '../collab/persistence.ts';

export interface NodeServerOptions {
  port: number;
  host?: string;
  /** A real PostgreSQL; when absent, the embedded PostgreSQL in dataDir (a throwaway one when dataDir is absent too). */
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  mode: AppDeps['config']['mode'];
  /** Load the demo region when the database has none yet. */
  loadDemo: boolean;
  /** Mount /api/dev (outbox, settable clock); ignored in production. */
  devRoutes?: boolean;
  allowDemoLogin?: boolean;
  smtpUrl?: string | undefined;
  mailFrom?: string;
  publicUrl?: string | undefined;
  trustedOrigins?: string[];
  /** Take the client address from X-Forwarded-For, the entry our proxy appended (only behind a proxy that sets it). */
  trustProxy?: boolean;
  clientDist?: string;
  clock?: Clock;
  /** The clock sessions expire by; the real wall clock unless a test needs to move it. */
  sessionClock?: Clock;
  /** How often overdue rounds are closed and reminders sent (default 30 s). */
  schedulerIntervalMs?: number;
  log?: AppDeps['log'];
  /** Unstored document bytes all rooms may hold while the database is away (default 256 MB). */
  pendingLimitBytes?: number;
  /** How long an empty room stays loaded before it is flushed and unloaded. */
  idleUnloadMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  db: Db;
  rooms: RoomRegistry;
  demoLoaded: boolean;
  close(): Promise<void>;
}

export const consoleLog: NonNullable<AppDeps['log']> = (level, message, fields) => {
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
  if (level === 'info') console.log(line);
  else console.error(line);
};

/** Opens and migrates the database, loads demo data if asked, and listens. */
export async function startNodeServer(options: NodeServerOptions): Promise<RunningServer> {
  // With dev routes (never in production) the clock can be moved (POST /api/dev/clock), so that
  // deadlines can pass in demos and tests. Sessions keep to the wall clock either way.
  const devRoutes = options.devRoutes === true && options.mode !== 'production';
  const clock = options.clock ?? (devRoutes ? shiftableClock() : systemClock);
  const devClock = devRoutes && 'set' in clock ? (clock as SettableClock) : undefined;
  const sessionClock = options.sessionClock ?? systemClock;
  const db = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  let demoLoaded = false;
  try {
    await migrateDatabase(db);
    if (options.loadDemo && !(await hasDemoData(db))) {
      await loadDemoData(db, argon2Passwords, clock.now());
      demoLoaded = true;
    }
  } catch (error) {
    await db.close();
    throw error;
  }

  const log = options.log;
  const rooms = new RoomRegistry(
    {
      store: pgDocStore(db, { sink: writeDerivedContent, ...(log ? { log } : {}) }),
      now: () => clock.now(),
      budget: new PendingBudget(options.pendingLimitBytes ?? 256 * 1024 * 1024),
      ...(options.idleUnloadMs !== undefined ? { idleUnloadMs: options.idleUnloadMs } : {}),
      ...(options.log ? { log: options.log } : {}),
    },
    (docName) => isDocumentLocked(db, docName),
  );
  const caughtUp = await rooms.catchUpDerived();
  if (caughtUp > 0) log?.('info', 'derived content caught up after an unclean stop', { documents: caughtUp });
  const live = new LiveConnections(log ? { log } : {});
  const deps: AppDeps = {
    db,
    clock,
    sessionClock,
    passwords: argon2Passwords,
    mail: mailTransport(options.smtpUrl, options.mailFrom ?? 'Tafelwerk <noreply@tafelwerk.local>'),
    config: {
      runtime: 'node',
      mode: options.mode,
      allowDemoLogin: options.allowDemoLogin ?? false,
      trustedOrigins: options.trustedOrigins ?? [],
      devRoutes,
      ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    },
    clientAddress: (c) => {
      if (options.trustProxy) {
        const forwarded = clientAddressFromForwarded(c.req.header('x-forwarded-for'));
        if (forwarded) return forwarded;
      }
      return getConnInfo(c).remote.address ?? 'unknown';
    },
    collab: {
      presence: async (names) => rooms.presence(names),
      setLocked: (name, locked) => rooms.setLocked(name, locked),
      snapshot: (name) => rooms.snapshot(name),
      refreshContent: async (names) => {
        await Promise.all(names.map((name) => rooms.refreshContent(name)));
      },
      recheckUser: (userId) => live.recheckUser(userId),
      closeSession: (sessionId) => void live.closeSession(sessionId),
      closeOtherSessions: (userId, keepSessionId) => void live.closeOtherSessions(userId, keepSessionId),
      replaceContent: (name, blocks) => rooms.replaceContent(name, blocks),
      replaceWithState: (name, state) => rooms.replaceWithState(name, state),
    },
    ...(devClock ? { devClock } : {}),
    pdfFonts: loadPdfFonts,
    assets: nodeAssets(options.clientDist ?? join(ROOT_DIR, 'client', 'dist'), {
      sourceMaps: options.mode !== 'production',
    }),
    ...(options.log ? { log: options.log } : {}),
  };
  const app = createApp(deps);
  const host = options.host ?? '127.0.0.1';
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: host }, (info: AddressInfo) =>
      resolve({ server, port: info.port }),
    );
    server.once('error', reject);
  });
  const collab = attachCollab(
    server as Server,
    { authorize: (request, docName) => authorizeDocument(deps, request, docName), ...(log ? { log } : {}) },
    rooms,
    live,
  );
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  deps.config.serverUrl = url;
  // The scheduler: rounds past their deadline close, reminders go out, interrupted rulings finish.
  let dueWork: Promise<unknown> = Promise.resolve();
  const scheduler = setInterval(() => {
    dueWork = dueWork
      .then(() => runDueWork(deps))
      .catch((error: unknown) => options.log?.('error', 'scheduled work failed', { error: String(error) }));
  }, options.schedulerIntervalMs ?? 30_000);
  scheduler.unref();
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    db,
    rooms,
    demoLoaded,
    close() {
      closing ??= (async () => {
        clearInterval(scheduler);
        await dueWork;
        // Flush every room first: on shutdown nothing typed may be lost.
        await collab.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          if ('closeAllConnections' in server) server.closeAllConnections();
        });
        await db.close();
      })();
      return closing;
    },
  };
}
