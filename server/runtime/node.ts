/** `npm start`: the Node runtime with its own embedded PostgreSQL in DATA_DIR (default) or a PostgreSQL at DATABASE_URL. */
import { DEMO_PASSWORD, DEMO_USERS } from '../demo/demo-data.ts';
import { readEnv } from './env.ts';
import { consoleLog, startNodeServer } from './start.ts';

const env = readEnv();
const server = await startNodeServer({ ...env, log: consoleLog });

if (env.loadDemo) {
  console.log(`\nDemo-accounts (wachtwoord: ${DEMO_PASSWORD}):`);
  for (const user of DEMO_USERS) console.log(`  ${user.email.padEnd(34)} ${user.role}`);
  if (env.mode === 'production' && !env.allowDemoLogin) {
    console.log('  (inloggen met demo-accounts is uitgeschakeld in productie; ALLOW_DEMO_LOGIN=true staat het toe)');
  }
}
if (env.devRoutes && env.mode === 'production') {
  console.log('\nDEV_ROUTES/--dev-routes wordt genegeerd in productie: /api/dev bestaat hier niet.');
} else if (env.devRoutes && !env.smtpUrl) {
  console.log(`\nUitgaande e-mail (voor het secretariaat): ${server.url}/dev/outbox`);
}
// Last, so that whoever waits for this line has everything above it.
console.log(`\nTafelwerk draait op ${server.url}  (database: ${server.db.kind})`);

/**
 * Last resort. Every error path has its own handling (frames close their connection, flushes retry,
 * routes answer 4xx/5xx); should one be missed after all, one person's bad frame or one database
 * hiccup must not take every table's editing down with it. Log loudly, store what the rooms hold,
 * and keep serving.
 */
let lastResortFlush: Promise<void> | undefined;
function lastResort(kind: string, error: unknown): void {
  consoleLog('error', `${kind}: kept running`, {
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  lastResortFlush ??= server.rooms.flushAll().finally(() => {
    lastResortFlush = undefined;
  });
}
process.on('uncaughtException', (error) => lastResort('uncaught exception', error));
process.on('unhandledRejection', (reason) => lastResort('unhandled rejection', reason));

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
