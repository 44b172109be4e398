import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthResponse, TablesResponse } from '../../shared/api.ts';
import { readMigrations } from '../../server/runtime/node-deps.ts';
import { Client } from '../support/app-server.ts';
import { databaseBackends, type TestDatabase } from '../support/databases.ts';
import { freePort } from '../support/postgres-cluster.ts';
import { NODE, ROOT } from '../support/process.ts';

const postgresBackend = databaseBackends().find((backend) => backend.name === 'postgres');

/**
 * The Workers deployment as `npm run dev:worker` runs it: wrangler, workerd, PostgreSQL through
 * Hyperdrive's local mode. Hyperdrive needs a PostgreSQL of its own, so this runs on the PostgreSQL leg.
 */
describe.runIf(postgresBackend)('the Worker in workerd (npm run dev:worker)', () => {
  let database: TestDatabase;
  let worker: ChildProcess;
  let url: string;
  let output = '';

  beforeAll(async () => {
    database = await postgresBackend!.create();
    const port = await freePort();
    // Its own process group: wrangler starts workerd, and both must go when the test ends.
    worker = spawn(NODE, ['--import', 'tsx', join(ROOT, 'scripts', 'dev-worker.ts')], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), DATABASE_URL: database.databaseUrl!, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the Worker did not start in time:\n${output}`)), 90_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /draait op (http:\/\/\S+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      worker.stdout!.on('data', onData);
      worker.stderr!.on('data', onData);
      worker.on('exit', (code) => reject(new Error(`dev:worker exited with ${code}:\n${output}`)));
    });
  }, 120_000);

  afterAll(async () => {
    if (worker?.pid && worker.exitCode === null) {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      process.kill(-worker.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      try {
        process.kill(-worker.pid, 'SIGKILL');
      } catch {
        // the group is gone already
      }
    }
    await database?.drop();
  }, 30_000);

  it('migrated the database, loaded the demo region and names its runtime in /api/health', async () => {
    const health = await new Client(url).get<HealthResponse>('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({
      status: 'ok',
      runtime: 'workers',
      database: 'postgres',
      migration: (await readMigrations()).length,
    });
    expect(output).toContain('demo region loaded');
  });

  it('logs in a demo account whose password Node hashed (Argon2id in WebAssembly reads the same PHC string)', async () => {
    const client = await new Client(url).login('beleid@alkmaar.demo');
    const tables = await client.get<TablesResponse>('/api/tables');
    expect(tables.status).toBe(200);
    expect(tables.body.tables[0]?.name).toContain('Ontwikkeltafel');
    const wrong = await new Client(url).post('/api/auth/login', { email: 'beleid@alkmaar.demo', password: 'fout' });
    expect(wrong.status).toBe(401);
  });

  it('answers bad input and missing sessions with the same JSON errors as Node', async () => {
    const anonymous = new Client(url);
    expect((await anonymous.get('/api/tables')).status).toBe(401);
    const broken = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: '{"email": ',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { code: 'invalid_json' } });
    const unknown = await anonymous.get('/api/no-such-route');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'not_found' } });
  });

  it.runIf(existsSync(join(ROOT, 'client', 'dist', 'index.html')))(
    'serves the client from static assets, a page path as the single-page app',
    async () => {
      const page = await fetch(`${url}/sections/some-section`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('<div id="root">');
    },
  );
});
