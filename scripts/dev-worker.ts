/**
 * `PORT=<n> DATABASE_URL=<url> npm run dev:worker`: the Workers deployment locally, in workerd through
 * `wrangler dev`, against the PostgreSQL at DATABASE_URL (as Hyperdrive's local connection string). Like
 * `npm start` it first applies the migrations and loads the demo region into an empty database (here,
 * from Node: a Worker has no start-up step), then prints the line `npm start` prints.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { hasDemoData, loadDemoData } from '../server/demo/load-demo.ts';
import { argon2Passwords, migrateDatabase, openDatabase, ROOT_DIR } from '../server/runtime/node-deps.ts';

function fail(message: string): never {
  console.error(`dev:worker: ${message}`);
  process.exit(2);
}

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl || !/^postgres(ql)?:\/\//.test(databaseUrl)) {
  fail(
    'set DATABASE_URL to a PostgreSQL database (postgres://user@host:port/name): Workers reach it through Hyperdrive',
  );
}
const port = Number(process.env.PORT ?? 8788);
if (!Number.isInteger(port) || port <= 0 || port > 65535) fail(`PORT must be a port number, not ${process.env.PORT}`);
const production = process.env.NODE_ENV === 'production';
// The demo region's dates count from this moment (default now); a suite that starts business time
// elsewhere loads it as of then, as `npm start` loads it as of its clock.
const demoAsOf = new Date(process.env.DEMO_AS_OF ?? Date.now());
if (Number.isNaN(demoAsOf.getTime())) fail(`DEMO_AS_OF must be a date (ISO 8601), not ${process.env.DEMO_AS_OF}`);

const db = await openDatabase({ databaseUrl });
try {
  await migrateDatabase(db);
  if (!production && !(await hasDemoData(db))) {
    await loadDemoData(db, argon2Passwords, demoAsOf);
    console.log('demo region loaded');
  }
} finally {
  await db.close();
}

// Hyperdrive's local mode wants a password in the URL, even where PostgreSQL trusts the user.
const hyperdriveUrl = new URL(databaseUrl);
if (!hyperdriveUrl.password) hyperdriveUrl.password = 'unused';

const wrangler = spawn(
  join(ROOT_DIR, 'node_modules', '.bin', 'wrangler'),
  [
    'dev',
    '--port',
    String(port),
    '--ip',
    process.env.HOST ?? '127.0.0.1',
    '--var',
    `MODE:${production ? 'production' : (process.env.NODE_ENV ?? 'development')}`,
    '--var',
    `DEV_ROUTES:${process.env.DEV_ROUTES ?? 'true'}`,
    '--var',
    'DOCUMENT_JURISDICTION:',
    '--var',
    `COLLAB_RECHECK_SECONDS:${process.env.COLLAB_RECHECK_SECONDS ?? 60}`,
    // What a deployment on Cloudflare has as [vars] and secrets, when set here: the public address, more
    // allowed origins, demo logins, and an HTTP mail API.
    ...['PUBLIC_URL', 'TRUSTED_ORIGINS', 'ALLOW_DEMO_LOGIN', 'MAIL_API_URL', 'MAIL_API_TOKEN', 'MAIL_FROM'].flatMap(
      (name) => (process.env[name] ? ['--var', `${name}:${process.env[name]}`] : []),
    ),
    ...(process.env.PERSIST_DIR ? ['--persist-to', process.env.PERSIST_DIR] : []),
    '--show-interactive-dev-session=false',
  ],
  {
    cwd: ROOT_DIR,
    env: {
      ...process.env,
      CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: hyperdriveUrl.toString(),
      WRANGLER_SEND_METRICS: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
let announced = false;
const relay = (chunk: Buffer, to: NodeJS.WriteStream) => {
  const text = chunk.toString();
  to.write(text);
  const ready = /Ready on (http:\/\/\S+)/.exec(text);
  if (ready && !announced) {
    announced = true;
    console.log(`Tafelwerk (Workers, workerd) draait op ${ready[1]}`);
  }
};
wrangler.stdout.on('data', (chunk: Buffer) => relay(chunk, process.stdout));
wrangler.stderr.on('data', (chunk: Buffer) => relay(chunk, process.stderr));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => wrangler.kill(signal));
wrangler.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
