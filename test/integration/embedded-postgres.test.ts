import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HealthResponse, TablesResponse } from '../../shared/api.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openPglite } from '../../server/runtime/pglite.ts';
import { loadDemoData } from '../../server/demo/load-demo.ts';
import { argon2Passwords, migrateDatabase, openDatabase, readMigrations } from '../../server/runtime/node-deps.ts';
import { Client } from '../support/app-server.ts';
import { waitFor } from '../support/collab-client.ts';
import { runToEnd, startServerProcess, type ServerProcess } from '../support/process.ts';

const SLOW = 240_000;
const quiet = () => undefined;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

async function postmasterPid(dataDir: string): Promise<number> {
  return Number((await readFile(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

/** `npm start`'s own database: PostgreSQL from npm, run by the server in DATA_DIR/postgres. */
describe('the embedded PostgreSQL', () => {
  const dirs: string[] = [];
  const running: ServerProcess[] = [];
  const dataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tafelwerk-embedded-'));
    dirs.push(dir);
    return dir;
  };
  const start = async (env: Record<string, string>) => {
    const server = await startServerProcess(env, 120_000);
    running.push(server);
    return server;
  };
  afterAll(async () => {
    await Promise.all(running.map((server) => server.stop('SIGKILL')));
    // The watchdogs stop the PostgreSQLs of killed servers; give them a moment before removing their files.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it(
    'moves the PGlite data directory of an earlier version into it on the first start, and keeps the old one aside',
    async () => {
      const dir = await dataDir();
      const migrations = await readMigrations();
      const old = await openPglite(join(dir, 'pglite'));
      await migrate(old, migrations);
      await loadDemoData(old, argon2Passwords, new Date('2026-03-02T09:00:00Z'));
      // Values whose exact form matters: bytes, a timestamp to the microsecond, an identity column.
      await old.query(`insert into doc_updates (doc_name, data, created_at) values ($1, $2, $3::timestamptz)`, [
        'section:legacy',
        new Uint8Array([0, 1, 2, 253, 254, 255]),
        '2026-03-02 09:00:00.123456+00',
      ]);
      const before = await old.query<{ tables: number; users: number; updates: number; max_update: number }>(
        `select (select count(*)::integer from tables) as tables, (select count(*)::integer from users) as users,
                (select count(*)::integer from doc_updates) as updates, (select max(id)::integer from doc_updates) as max_update`,
      );
      await old.close();

      const server = await start({ DATA_DIR: dir, NODE_ENV: 'development' });
      expect(server.output()).toMatch(/PGlite database of an earlier version/);
      expect(server.output()).toMatch(/moved \d+ rows in \d+ tables/);
      const health = (await new Client(server.url).get<HealthResponse>('/api/health')).body;
      expect(health).toEqual({ status: 'ok', runtime: 'node', database: 'embedded', migration: migrations.length });
      // The accounts came along (password hashes included), and the demo was not loaded a second time.
      const secretariat = await new Client(server.url).login('secretariaat@regio-alkmaar.demo');
      expect((await secretariat.get<TablesResponse>('/api/tables')).body.tables).toHaveLength(1);
      expect(await server.stop('SIGTERM')).toBe(0);

      const entries = await readdir(dir);
      expect(entries).not.toContain('pglite');
      expect(entries.filter((name) => name.startsWith('pglite.migrated-'))).toHaveLength(1);
      expect(entries).not.toContain('postgres.import-pending');

      const db = await openDatabase({ dataDir: dir, log: quiet });
      try {
        const after = await db.query<{ tables: number; users: number; updates: number }>(
          `select (select count(*)::integer from tables) as tables, (select count(*)::integer from users) as users,
                  (select count(*)::integer from doc_updates) as updates`,
        );
        expect(after[0]).toEqual({ tables: before[0]!.tables, users: before[0]!.users, updates: before[0]!.updates });
        const [legacy] = await db.query<{ data: Uint8Array; at: string }>(
          `select data, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as at
             from doc_updates where doc_name = 'section:legacy'`,
        );
        expect([...legacy!.data]).toEqual([0, 1, 2, 253, 254, 255]);
        expect(legacy!.at).toBe('2026-03-02 09:00:00.123456');
        // The identity sequence goes on where PGlite's was.
        const [next] = await db.query<{ id: number }>(
          `insert into doc_updates (doc_name, data, created_at) values ('section:legacy', '\\x00', now()) returning id::integer`,
        );
        expect(next!.id).toBeGreaterThan(before[0]!.max_update);
      } finally {
        await db.close();
      }
    },
    SLOW,
  );

  it(
    'does not outlive a killed server, and refuses a second server on the same data directory',
    async () => {
      const dir = await dataDir();
      const env = { DATA_DIR: dir, NODE_ENV: 'test' };
      const first = await start(env);
      const pid = await postmasterPid(dir);
      expect(alive(pid)).toBe(true);

      const second = await runToEnd('server/runtime/node.ts', env);
      expect(second.code).not.toBe(0);
      expect(second.output).toMatch(/in use by another Tafelwerk process/);
      expect(alive(pid)).toBe(true);

      expect(await first.stop('SIGKILL')).toBeNull();
      await waitFor(() => !alive(pid), 20_000, 'PostgreSQL to stop after its server was killed');

      const again = await start(env);
      const health = (await new Client(again.url).get<HealthResponse>('/api/health')).body;
      expect(health.status).toBe('ok');
      expect(await again.stop('SIGTERM')).toBe(0);
      expect(existsSync(join(dir, 'postgres', 'postmaster.pid'))).toBe(false);
    },
    SLOW,
  );

  it.runIf(existsSync('/proc/self'))(
    'starts PostgreSQL again when it dies under a running server',
    async () => {
      const db = await openDatabase({ log: quiet });
      try {
        await migrateDatabase(db);
        await db.query(`insert into regions (name) values ('Regio na een herstart')`);
        // A throwaway cluster commits asynchronously (synchronous_commit=off): write it out before the crash.
        await db.query('checkpoint');
        const [{ pid } = { pid: 0 }] = await db.query<{ pid: number }>('select pg_backend_pid() as pid');
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const postmaster = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        process.kill(postmaster, 'SIGKILL');
        await waitFor(() => !alive(postmaster), 10_000, 'the postmaster to die');
        await waitFor(
          async () => {
            try {
              const rows = await db.query<{ name: string }>(
                `select name from regions where name = 'Regio na een herstart'`,
              );
              return rows.length === 1;
            } catch {
              return false;
            }
          },
          60_000,
          'PostgreSQL to be back',
        );
      } finally {
        await db.close();
      }
    },
    SLOW,
  );
});
