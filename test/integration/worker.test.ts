import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DraftHistoryResponse, OutboxResponse, SectionsResponse, TablesResponse } from '../../shared/api.ts';
import { Client } from '../support/app-server.ts';
import { appendParagraph, connectProvider, synced, waitFor } from '../support/collab-client.ts';
import { openPostgres } from '../../server/runtime/postgres.ts';
import { databaseBackends, type TestDatabase } from '../support/databases.ts';
import { startWorkerProcess } from '../support/deployments.ts';

const postgresBackend = databaseBackends().find((backend) => backend.name === 'postgres');

/**
 * What only the Workers deployment has, as `npm run dev:worker` runs it (wrangler, workerd, PostgreSQL
 * through Hyperdrive's local mode, so on the PostgreSQL leg): the object's journal, its alarm, the Cron
 * Trigger, commands reaching a live document through RPC. The HTTP, co-editing and consensus suites run
 * on it as on Node (test/support/deployments.ts).
 */
describe.runIf(postgresBackend)('the Worker in workerd (npm run dev:worker)', () => {
  let database: TestDatabase;
  let persistDir: string;
  let worker: Awaited<ReturnType<typeof startWorkerProcess>>;
  let url: string;
  /** An HTTP mail API on this machine: what it was sent, and whether it accepts the next one. */
  const mails: Array<{ authorization: string | undefined; body: Record<string, string> }> = [];
  let mailApiAccepts = true;
  let mailApi: Server;
  // Connections are decided again every second here (a minute by default).
  const env = () => ({
    DATABASE_URL: database.databaseUrl!,
    PERSIST_DIR: persistDir,
    COLLAB_RECHECK_SECONDS: '1',
    MAIL_API_URL: `http://127.0.0.1:${(mailApi.address() as AddressInfo).port}/emails`,
    MAIL_API_TOKEN: 'test-mail-key',
    MAIL_FROM: 'Regio Alkmaar <tafel@regio-alkmaar.demo>',
  });

  beforeAll(async () => {
    mailApi = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        mails.push({ authorization: request.headers.authorization, body: JSON.parse(text) as Record<string, string> });
        response.writeHead(mailApiAccepts ? 200 : 422, { 'content-type': 'application/json' });
        response.end(mailApiAccepts ? '{"id":"m1"}' : '{"message":"domain not verified"}');
      });
    });
    await new Promise<void>((resolve) => mailApi.listen(0, '127.0.0.1', resolve));
    database = await postgresBackend!.create();
    persistDir = await mkdtemp(join(tmpdir(), 'tafelwerk-worker-'));
    worker = await startWorkerProcess(env());
    url = worker.url;
  }, 120_000);

  afterAll(async () => {
    await worker?.kill();
    mailApi?.close();
    await database?.drop();
    await rm(persistDir, { recursive: true, force: true });
  }, 30_000);

  it('logs in a demo account whose password Node hashed (Argon2id in WebAssembly reads the same PHC string)', async () => {
    const client = await new Client(url).login('beleid@alkmaar.demo');
    const tables = await client.get<TablesResponse>('/api/tables');
    expect(tables.status).toBe(200);
    expect(tables.body.tables[0]?.name).toContain('Ontwikkeltafel');
    const wrong = await new Client(url).post('/api/auth/login', { email: 'beleid@alkmaar.demo', password: 'fout' });
    expect(wrong.status).toBe(401);
  });

  async function query<T extends Record<string, unknown>>(sql: string): Promise<T[]> {
    const db = openPostgres(database.databaseUrl!, { max: 1 });
    try {
      return await db.query<T>(sql);
    } finally {
      await db.close();
    }
  }

  async function firstSections(client: Client): Promise<string[]> {
    const tableId = (await client.get<TablesResponse>('/api/tables')).body.tables[0]!.id;
    return (await client.get<SectionsResponse>(`/api/tables/${tableId}/sections`)).body.sections.map((s) => s.id);
  }

  it('applies a command’s change to the live document through the object: a restore from the draft history', async () => {
    const alkmaar = await new Client(url).login('beleid@alkmaar.demo');
    const sectionId = (await firstSections(alkmaar))[3]!;
    const content = async () => (await alkmaar.get<{ text: string }>(`/api/sections/${sectionId}/content`)).body.text;
    const a = connectProvider(url, `section:${sectionId}`, alkmaar.cookieHeader);
    try {
      await synced(a.provider);
      appendParagraph(a.doc, 'Eerste versie op Workers.');
      // Reading the content asks the object to bring it up to date, which takes the history's first snapshot.
      await waitFor(async () => (await content()).includes('Eerste versie op Workers.'), 10_000, 'refreshed content');
      const history = await alkmaar.get<DraftHistoryResponse>(`/api/sections/${sectionId}/draft-history`);
      expect(history.body.entries).toHaveLength(1);
      appendParagraph(a.doc, 'Later toegevoegd.');
      await waitFor(async () => (await content()).includes('Later toegevoegd.'), 10_000, 'second edit stored');
      const restored = await alkmaar.post(
        `/api/sections/${sectionId}/draft-history/${history.body.entries[0]!.id}/restore`,
      );
      expect(restored.status).toBe(200);
      await waitFor(
        () => a.text().includes('Eerste versie op Workers.') && !a.text().includes('Later toegevoegd.'),
        10_000,
        'the connected editor has the restored text',
      );
      expect(await content()).not.toContain('Later toegevoegd.');
    } finally {
      a.provider.destroy();
    }
  });

  it('closes the connection of a session that ended without an event (gone from the database) at the object’s next check', async () => {
    const council = await new Client(url).login('raadslid@alkmaar.demo');
    const sectionId = (await firstSections(council))[4]!;
    const options = { headers: { cookie: council.cookieHeader!, origin: url }, closeTimeout: 2_000 };
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/collab/section:${sectionId}`, options);
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('open', resolve));
    // No logout, no event: as when a session expires, or an administrator ends it in the database.
    await query("delete from sessions where user_id = (select id from users where email = 'raadslid@alkmaar.demo')");
    const code = await Promise.race([
      closed,
      new Promise((resolve) => setTimeout(() => resolve('still open'), 10_000)),
    ]);
    expect(code).toBe(4401);
  });

  it('sends mail through the HTTP mail API, and keeps a refused one in the outbox with the reason', async () => {
    const secretariat = await new Client(url).login('secretariaat@regio-alkmaar.demo');
    const tableId = (await secretariat.get<TablesResponse>('/api/tables')).body.tables[0]!.id;
    const [bergen] = await query<{ id: string }>("select id from organizations where name = 'Gemeente Bergen'");
    const invite = (email: string) =>
      secretariat.post(`/api/tables/${tableId}/invitations`, {
        email,
        name: 'Nieuwe Deelnemer',
        organizationId: bergen!.id,
        role: 'municipality_delegate',
      });
    expect((await invite('nieuw@bergen.demo')).status).toBe(201);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.authorization).toBe('Bearer test-mail-key');
    expect(mails[0]!.body).toMatchObject({ from: 'Regio Alkmaar <tafel@regio-alkmaar.demo>', to: 'nieuw@bergen.demo' });
    expect(mails[0]!.body.text).toContain(`${url}/invite/`);

    mailApiAccepts = false;
    expect((await invite('later@bergen.demo')).status).toBe(201);
    const outbox = (await secretariat.get<OutboxResponse>('/api/dev/outbox')).body.mails;
    expect(outbox.find((m) => m.to === 'nieuw@bergen.demo')).toMatchObject({ deliveredVia: 'api', error: null });
    expect(outbox.find((m) => m.to === 'later@bergen.demo')).toMatchObject({
      deliveredVia: 'api',
      error: expect.stringContaining('422'),
    });
  });

  it('runs the scheduler’s work from the Cron Trigger', async () => {
    const before = worker.output().length;
    // Locally nothing triggers it by itself; wrangler dev runs the handler on this request.
    const run = await fetch(`${url}/cdn-cgi/local/scheduled?cron=*+*+*+*+*`);
    expect(run.status).toBe(200);
    expect(await run.text()).toBe('ok');
    expect(worker.output().slice(before)).not.toMatch(/error|exception/i);
  });

  it('loses nothing a peer has seen when workerd dies between two batches (the object’s journal)', async () => {
    const alkmaar = await new Client(url).login('beleid@alkmaar.demo');
    const sectionId = (await firstSections(alkmaar))[2]!;
    const writer = connectProvider(url, `section:${sectionId}`, alkmaar.cookieHeader);
    const reader = connectProvider(url, `section:${sectionId}`, alkmaar.cookieHeader);
    await Promise.all([synced(writer.provider), synced(reader.provider)]);
    for (let i = 1; i <= 5; i++) appendParagraph(writer.doc, `Regel ${i} vlak voor de crash.`);
    await waitFor(() => reader.text().includes('Regel 5 vlak voor de crash.'), 5_000, 'the peer sees it');
    // Straight away, inside the 200 ms batch window: the writer cannot deliver it again either.
    await worker.kill();
    writer.provider.destroy();
    reader.provider.destroy();
    const seen = reader.text();

    worker = await startWorkerProcess(env());
    url = worker.url;
    const after = await new Client(url).login('beleid@alkmaar.demo');
    const fresh = connectProvider(url, `section:${sectionId}`, after.cookieHeader);
    try {
      await synced(fresh.provider);
      expect(fresh.text()).toBe(seen);
    } finally {
      fresh.provider.destroy();
    }
    await waitFor(
      async () =>
        (await after.get<{ text: string }>(`/api/sections/${sectionId}/content`)).body.text.includes('Regel 5'),
      10_000,
      'stored in PostgreSQL after the restart',
    );
  }, 150_000);
});
