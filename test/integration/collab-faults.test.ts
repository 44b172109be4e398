import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/runtime/start.ts';
import { Client, startTestServer } from '../support/app-server.ts';
import { appendParagraph, connectProvider, synced, waitFor } from '../support/collab-client.ts';
import { databaseBackends } from '../support/databases.ts';

/** What one person typing or sending the wrong thing must never do: stop the server, or stop storing. */
for (const backend of databaseBackends()) {
  describe(`faults that must not stop the server on ${backend.name}`, () => {
    let server: RunningServer;
    let drop: () => Promise<void>;
    let alkmaar: Client;
    let council: Client;
    let tableId: string;
    let sectionIds: string[];
    const logs: Array<{ level: string; message: string }> = [];
    const open: Array<{ provider: { destroy(): void } }> = [];

    const storedText = async (id: string) =>
      (await alkmaar.get<{ text: string }>(`/api/sections/${id}/content`)).body.text;

    beforeAll(async () => {
      const database = await backend.create();
      drop = database.drop;
      server = await startTestServer({
        databaseUrl: database.databaseUrl,
        idleUnloadMs: 100,
        more: { log: (level, message) => logs.push({ level, message }) },
      });
      alkmaar = await new Client(server.url).login('beleid@alkmaar.demo');
      council = await new Client(server.url).login('raadslid@alkmaar.demo');
      tableId = (await alkmaar.get<{ tables: Array<{ id: string }> }>('/api/tables')).body.tables[0]!.id;
      sectionIds = (
        await alkmaar.get<{ sections: Array<{ id: string }> }>(`/api/tables/${tableId}/sections`)
      ).body.sections.map((s) => s.id);
    });
    afterAll(async () => {
      for (const connection of open) connection.provider.destroy();
      await server?.close();
      await drop?.();
    });

    it('stores a NUL and a lone surrogate typed through a stock provider, and the normal edit after them', async () => {
      const editor = connectProvider(server.url, `section:${sectionIds[1]}`, alkmaar.cookieHeader);
      open.push(editor);
      await synced(editor.provider);
      appendParagraph(editor.doc, 'gif\u0000tig');
      appendParagraph(editor.doc, 'half \uD83D teken');
      await new Promise((resolve) => setTimeout(resolve, 300));
      appendParagraph(editor.doc, 'Een gewone zin daarna.');
      await waitFor(
        async () => (await storedText(sectionIds[1]!)).includes('Een gewone zin daarna.'),
        10_000,
        'stored',
      );
      expect((await alkmaar.get('/api/health')).status).toBe(200);
      const text = await storedText(sectionIds[1]!);
      expect(text).toContain('giftig');
      expect(text).toContain('half \uFFFD teken');

      // The bytes are the truth: a fresh reader gets the NUL back from the document itself.
      editor.provider.destroy();
      await waitFor(() => !server.rooms.isLoaded(`section:${sectionIds[1]}`), 10_000, 'room unload');
      const reader = connectProvider(server.url, `section:${sectionIds[1]}`, council.cookieHeader);
      open.push(reader);
      await synced(reader.provider);
      expect(reader.doc.getXmlFragment('default').toString()).toContain('gif\u0000tig');
    });

    it('refuses NUL and lone surrogates in JSON fields and out-of-range ids with 400, never 500', async () => {
      const secretariat = await new Client(server.url).login('secretariaat@regio-alkmaar.demo');
      const nul = await secretariat.request(
        'POST',
        `/api/tables/${tableId}/goals`,
        '{"title":"gif\\u0000tig","description":""}',
      );
      expect(nul.status).toBe(400);
      expect(nul.body).toMatchObject({
        error: { code: 'validation_failed', details: { issues: [{ path: 'title', code: 'invalid_characters' }] } },
      });
      const surrogate = await secretariat.request(
        'POST',
        `/api/tables/${tableId}/goals`,
        '{"title":"half \\ud83d","description":""}',
      );
      expect(surrogate.status).toBe(400);
      const login = await new Client(server.url).request(
        'POST',
        '/api/auth/login',
        '{"email":"a\\u0000@b.nl","password":"x"}',
      );
      expect(login.status).toBe(400);
      expect((await secretariat.get(`/api/tables/${tableId}/audit?before=2147483648`)).status).toBe(400);
      expect((await secretariat.get(`/api/tables/${tableId}/audit?before=2147483647`)).status).toBe(200);
      expect((await secretariat.get(`/api/tables/${tableId}/audit?limit=%00`)).status).toBe(400);
      expect((await alkmaar.get('/api/health')).status).toBe(200);
    });

    it('closes only the connection that sends broken frames, before, during and after the room loads', async () => {
      const sectionId = sectionIds[2]!;
      const watcher = connectProvider(server.url, `section:${sectionId}`, alkmaar.cookieHeader);
      open.push(watcher);
      await synced(watcher.provider);
      const before = Y.encodeStateAsUpdate(watcher.doc);
      const url = `${server.url.replace(/^http/, 'ws')}/collab/section:${sectionIds[3]}`;
      const urlLoaded = `${server.url.replace(/^http/, 'ws')}/collab/section:${sectionId}`;
      const frames: Uint8Array[] = [
        new Uint8Array([0, 0, 1, 5]),
        new Uint8Array([0, 0, 3, 200, 200, 200]),
        new Uint8Array([0, 1, 4, 1, 2, 3, 4]),
        new Uint8Array([0, 2, 6, 1, 1, 255, 255, 255, 15]),
        new Uint8Array([1, 5, 1, 1, 1, 1, 1]),
        new Uint8Array([1, 3, 1, 9, 9]),
        new Uint8Array([3, 0]),
        new Uint8Array([200]),
      ];
      for (let i = 0; i < 60; i++) {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, i % 2);
        if (i % 2 === 0) encoding.writeVarUint(encoder, i % 3);
        encoding.writeVarUint8Array(
          encoder,
          Uint8Array.from({ length: 1 + (i % 17) }, (_, j) => (i * 31 + j * 7) % 256),
        );
        frames.push(encoding.toUint8Array(encoder));
      }
      const sendAll = (target: string, cookie: string) =>
        new Promise<number>((resolve) => {
          const ws = new WebSocket(target, { headers: { cookie, origin: server.url } });
          // Sent the moment the socket opens: the room of sectionIds[3] is still loading then.
          ws.on('open', () => frames.forEach((frame) => ws.send(frame)));
          ws.on('close', (code) => resolve(code));
          ws.on('error', () => undefined);
        });
      for (const cookie of [alkmaar.cookieHeader!, council.cookieHeader!]) {
        for (const target of [url, urlLoaded]) expect([4400]).toContain(await sendAll(target, cookie));
      }
      // One frame at a time too, each on a fresh connection, so every kind reaches the room on its own.
      for (const frame of frames) {
        const code = await new Promise<number>((resolve) => {
          const ws = new WebSocket(urlLoaded, { headers: { cookie: council.cookieHeader!, origin: server.url } });
          ws.on('open', () => {
            ws.send(frame);
            setTimeout(() => ws.close(1000), 200);
          });
          ws.on('close', (c) => resolve(c));
          ws.on('error', () => undefined);
        });
        expect([1000, 1005, 4400]).toContain(code);
      }
      expect(watcher.provider.wsconnected).toBe(true);
      expect(Y.encodeStateAsUpdate(watcher.doc)).toEqual(before);
      appendParagraph(watcher.doc, 'Nog steeds hier.');
      await waitFor(async () => (await storedText(sectionId)).includes('Nog steeds hier.'), 10_000, 'stored');
      expect((await alkmaar.get('/api/health')).status).toBe(200);
    });
  });
}
