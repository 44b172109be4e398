/** `npm start`: the Node runtime with PGlite (default) or PostgreSQL (DATABASE_URL). */
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
if (env.mode !== 'production' && !env.smtpUrl) console.log(`\nUitgaande e-mail: ${server.url}/dev/outbox`);
// Last, so that whoever waits for this line has everything above it.
console.log(`\nTafelwerk draait op ${server.url}  (database: ${server.db.kind})`);

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
