/**
 * `npm start`'s database: the embedded PostgreSQL (embedded-postgres.ts) in DATA_DIR/postgres, reached
 * through postgres.js like any other PostgreSQL. Data directories of earlier versions held PGlite in
 * DATA_DIR/pglite: on the first start its rows are copied over, in one transaction, and the old directory
 * is kept, renamed to DATA_DIR/pglite.migrated-<date>.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db } from '../db/db.ts';
import type { Migration } from '../db/migrate.ts';
import { openPostgres } from './postgres.ts';
import { startEmbeddedPostgres, type EmbeddedCluster } from './embedded-postgres.ts';

export type DatabaseLog = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

const urlOf = (cluster: EmbeddedCluster) => `postgres://${cluster.user}@localhost/${cluster.database}`;

function connect(cluster: EmbeddedCluster): Db {
  return openPostgres(urlOf(cluster), {
    socketPath: cluster.socketPath,
    kind: 'embedded',
    // Each backend is a process of its own (~10-17 MB resident, more with the shared buffers it touched):
    // the server shares the machine with its database, and more connections than cores only queue inside
    // PostgreSQL instead of in the pool (with 4, the 1 500-client benchmark ended with 138 MB in PostgreSQL's
    // processes; with 3, 112 MB at the same CPU). Those a burst opened go again after a few idle seconds.
    max: 3,
    idleTimeoutSeconds: 10,
    afterClose: () => cluster.stop(),
  });
}

/**
 * The embedded PostgreSQL in dataDir/postgres (created on first start; a PGlite directory of an earlier
 * version, dataDir/pglite, is moved into it), or a throwaway one when there is no dataDir.
 */
export async function openEmbeddedDatabase(options: {
  dataDir?: string | undefined;
  migrations: () => Promise<Migration[]>;
  log: DatabaseLog;
}): Promise<Db> {
  const { dataDir, log } = options;
  if (!dataDir) return connect(await startEmbeddedPostgres({ log }));

  await mkdir(dataDir, { recursive: true });
  const pgdata = join(dataDir, 'postgres');
  const legacy = join(dataDir, 'pglite');
  const pending = join(dataDir, 'postgres.import-pending');
  const legacyThere = existsSync(join(legacy, 'PG_VERSION'));
  if (existsSync(pending)) {
    log('warn', `an earlier move of ${legacy} into the embedded PostgreSQL did not finish: starting it again`);
    await rm(pgdata, { recursive: true, force: true });
    if (!legacyThere) await rm(pending, { force: true });
  }
  const importing = legacyThere && !existsSync(join(pgdata, 'PG_VERSION'));
  if (importing) {
    log(
      'info',
      `${legacy} holds the PGlite database of an earlier version of Tafelwerk. The database is now a PostgreSQL ` +
        `server that the app starts in ${pgdata}: copying every table into it (once; this may take a minute)…`,
    );
    await writeFile(pending, `${new Date().toISOString()}\n`);
  } else if (legacyThere) {
    log('warn', `${legacy} (PGlite, from an earlier version) is not used: the database is in ${pgdata}`);
  }

  const cluster = await startEmbeddedPostgres({ pgdata, log });
  const db = connect(cluster);
  if (!importing) return db;
  try {
    const { tables, rows, version } = await importInWorker(legacy, cluster, await options.migrations());
    await rm(pending, { force: true });
    const keptAs = await keepAside(legacy);
    log(
      'info',
      `moved ${rows} rows in ${tables} tables (migration ${version}) from PGlite into the embedded PostgreSQL. ` +
        `The old files are kept in ${keptAs}: delete that directory once you are satisfied.`,
    );
    return db;
  } catch (error) {
    await db.close().catch(() => undefined);
    await rm(pgdata, { recursive: true, force: true });
    await rm(pending, { force: true });
    throw new Error(
      `moving the PGlite database in ${legacy} into the embedded PostgreSQL failed; ${legacy} is unchanged ` +
        `and the next start tries again (or set DATABASE_URL to use a PostgreSQL server of your own): ${String(error)}`,
      { cause: error },
    );
  }
}

/** Runs importPglite in a worker thread: PGlite's memory (a few hundred MB) leaves with the worker. */
function importInWorker(
  dir: string,
  cluster: EmbeddedCluster,
  migrations: Migration[],
): Promise<{ tables: number; rows: number; version: number }> {
  // Beside this module, as it runs: the source under tsx, or the bundle `npm start` builds (build/server).
  const extension = import.meta.url.slice(import.meta.url.lastIndexOf('.'));
  const worker = new Worker(new URL(`./embedded-pglite-worker${extension}`, import.meta.url), {
    workerData: { dir, url: urlOf(cluster), socketPath: cluster.socketPath, migrations },
  });
  type Reply = { ok: true; result: { tables: number; rows: number; version: number } } | { ok: false; error: string };
  let reply: Reply | undefined;
  let failure: unknown;
  worker.on('message', (message: Reply) => (reply = message));
  worker.on('error', (error) => (failure = error));
  return new Promise((resolve, reject) => {
    worker.once('exit', (code) => {
      if (reply?.ok) resolve(reply.result);
      else reject(reply ? new Error(reply.error) : (failure ?? new Error(`the import worker exited with ${code}`)));
    });
  });
}

async function keepAside(dir: string): Promise<string> {
  const stamp = new Date().toISOString();
  let target = `${dir}.migrated-${stamp.slice(0, 10)}`;
  if (existsSync(target)) target = `${dir}.migrated-${stamp.slice(0, 19).replaceAll(':', '')}`;
  await rename(dir, target);
  return target;
}
