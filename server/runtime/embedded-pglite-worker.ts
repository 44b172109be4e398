/**
 * Worker thread for moving a PGlite data directory into the embedded PostgreSQL (see importPglite).
 * Plain TypeScript that Node's own type stripping runs too, since a worker may start without tsx.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Migration } from '../db/migrate.ts';
import { openPostgres } from './postgres.ts';
import { importPglite } from './embedded-pglite-import.ts';

const { dir, url, socketPath, migrations } = workerData as {
  dir: string;
  url: string;
  socketPath: string;
  migrations: Migration[];
};
const target = openPostgres(url, { socketPath, max: 1 });
try {
  parentPort!.postMessage({ ok: true, result: await importPglite(dir, target, migrations) });
} catch (error) {
  parentPort!.postMessage({
    ok: false,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
} finally {
  await target.close();
}
