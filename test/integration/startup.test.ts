import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthResponse, TableDetail, TablesResponse } from '../../shared/api.ts';
import { readMigrations } from '../../server/runtime/node-deps.ts';
import { Client } from '../support/app-server.ts';
import { databaseBackends } from '../support/databases.ts';
import { runToEnd, startServerProcess, type ServerProcess } from '../support/process.ts';

/** What `npm start` and `npm run demo:reset` do, as separate processes, on each database. */
for (const backend of databaseBackends()) {
  describe(`server process on ${backend.name}`, () => {
    let env: Record<string, string>;
    let cleanup: () => Promise<void>;
    const running: ServerProcess[] = [];

    beforeAll(async () => {
      const database = await backend.create();
      const dataDir = await mkdtemp(join(tmpdir(), 'tafelwerk-start-'));
      env = {
        DATA_DIR: dataDir,
        NODE_ENV: 'development',
        ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
      };
      cleanup = async () => {
        await database.drop();
        await rm(dataDir, { recursive: true, force: true });
      };
    });
    afterAll(async () => {
      await Promise.all(running.map((p) => p.stop('SIGKILL')));
      await cleanup?.();
    });

    async function start(entry?: string) {
      const server = await startServerProcess(env, 60_000, entry);
      running.push(server);
      return server;
    }

    it('starts, migrates, loads the demo region, prints the URL and the demo logins (the bundle npm start runs)', async () => {
      // `npm test` builds it, as `npm start` does.
      const server = await start('build/server/node.js');
      expect(server.output()).toContain('secretariaat@regio-alkmaar.demo');
      expect(server.output()).toContain('demo-tafelwerk');
      const health = (await new Client(server.url).get<HealthResponse>('/api/health')).body;
      expect(health).toEqual({ status: 'ok', runtime: 'node', database: backend.name, migration: (await readMigrations()).length });

      const secretariat = await new Client(server.url).login('secretariaat@regio-alkmaar.demo');
      const tableId = (await secretariat.get<TablesResponse>('/api/tables')).body.tables[0]!.id;
      const changed = await secretariat.put<TableDetail>(`/api/tables/${tableId}/rules`, {
        responsePeriodDays: 15,
        silenceIsConsent: false,
        rulingRule: 'all_municipalities',
      });
      expect(changed.status).toBe(200);
      expect(await server.stop('SIGTERM')).toBe(0);
    });

    it('keeps its data across a restart and does not load the demo twice', async () => {
      const server = await start();
      const secretariat = await new Client(server.url).login('secretariaat@regio-alkmaar.demo');
      const tables = (await secretariat.get<TablesResponse>('/api/tables')).body.tables;
      expect(tables).toHaveLength(1);
      const detail = (await secretariat.get<TableDetail>(`/api/tables/${tables[0]!.id}`)).body;
      expect(detail.rules.responsePeriodDays).toBe(15);
      expect(await server.stop('SIGTERM')).toBe(0);
    });

    it('reloads the demo region with demo:reset', async () => {
      const reset = await runToEnd('server/runtime/demo-reset.ts', env);
      expect(reset.code, reset.output).toBe(0);
      const server = await start();
      const secretariat = await new Client(server.url).login('secretariaat@regio-alkmaar.demo');
      const tableId = (await secretariat.get<TablesResponse>('/api/tables')).body.tables[0]!.id;
      const detail = (await secretariat.get<TableDetail>(`/api/tables/${tableId}`)).body;
      expect(detail.rules.responsePeriodDays).toBe(10);
      expect(await server.stop('SIGTERM')).toBe(0);
    });

    it('refuses to start on an invalid environment with a readable message', async () => {
      const bad = await runToEnd('server/runtime/node.ts', { ...env, PORT: 'eighty' });
      expect(bad.code).not.toBe(0);
      expect(bad.output).toMatch(/PORT/);
    });
  });
}
