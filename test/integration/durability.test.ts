import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../support/app-server.ts';
import { appendParagraph, connectProvider, synced, waitFor } from '../support/collab-client.ts';
import { databaseBackends } from '../support/databases.ts';
import { freePort } from '../support/postgres-cluster.ts';
import { startServerProcess, type ServerProcess } from '../support/process.ts';

/** The server process killed hard or stopped politely, with editors connected. */
for (const backend of databaseBackends()) {
  describe(`durability of edits on ${backend.name}`, () => {
    let env: Record<string, string>;
    let cleanup: () => Promise<void>;
    let server: ServerProcess | undefined;

    beforeAll(async () => {
      const database = await backend.create();
      const dataDir = await mkdtemp(join(tmpdir(), 'tafelwerk-durable-'));
      env = {
        DATA_DIR: dataDir,
        NODE_ENV: 'test',
        PORT: String(await freePort()),
        ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
      };
      cleanup = async () => {
        await database.drop();
        await rm(dataDir, { recursive: true, force: true });
      };
    });
    afterAll(async () => {
      await server?.stop('SIGKILL');
      await cleanup?.();
    });

    async function sectionOf(client: Client, index: number): Promise<string> {
      const tables = (await client.get<{ tables: Array<{ id: string }> }>('/api/tables')).body.tables;
      const sections = (await client.get<{ sections: Array<{ id: string }> }>(`/api/tables/${tables[0]!.id}/sections`))
        .body.sections;
      return sections[index]!.id;
    }
    const storedText = async (client: Client, id: string) =>
      (await client.get<{ text: string }>(`/api/sections/${id}/content`)).body.text;

    it('keeps what is older than the batch window after kill -9, and reconnecting clients re-deliver the rest', async () => {
      server = await startServerProcess(env);
      const alkmaar = await new Client(server.url).login('beleid@alkmaar.demo');
      const sectionId = await sectionOf(alkmaar, 6);
      const editor = connectProvider(server.url, `section:${sectionId}`, alkmaar.cookieHeader);
      try {
        await synced(editor.provider);
        appendParagraph(editor.doc, 'Ruim voor de crash getypt.');
        await new Promise((resolve) => setTimeout(resolve, 500));
        appendParagraph(editor.doc, 'Vlak voor de crash getypt.');
        expect(await server.stop('SIGKILL')).toBeNull();

        // What a fresh reader sees straight after the restart: at least everything older than the window.
        server = await startServerProcess(env);
        const after = await new Client(server.url).login('beleid@bergen.demo');
        expect(await storedText(after, sectionId)).toContain('Ruim voor de crash getypt.');

        // The stock provider reconnects to the same address by itself and re-delivers the rest.
        await waitFor(
          async () => (await storedText(after, sectionId)).includes('Vlak voor de crash getypt.'),
          20_000,
          're-delivery',
        );
        expect(await storedText(after, sectionId)).toBe(editor.text());
      } finally {
        editor.provider.destroy();
      }
    });

    it('flushes every room on SIGTERM before it exits', async () => {
      server ??= await startServerProcess(env);
      const alkmaar = await new Client(server.url).login('beleid@heiloo.demo');
      const sectionId = await sectionOf(alkmaar, 7);
      const editor = connectProvider(server.url, `section:${sectionId}`, alkmaar.cookieHeader);
      try {
        await synced(editor.provider);
        appendParagraph(editor.doc, 'Getypt vlak voor het stoppen.');
        // Long enough to cross loopback, far shorter than the 100 ms batch window.
        await new Promise((resolve) => setTimeout(resolve, 30));
        editor.provider.disconnect();
        expect(await server.stop('SIGTERM')).toBe(0);
        server = await startServerProcess(env);
        const reader = await new Client(server.url).login('beleid@heiloo.demo');
        expect(await storedText(reader, sectionId)).toContain('Getypt vlak voor het stoppen.');
      } finally {
        editor.provider.destroy();
      }
    });
  });
}
