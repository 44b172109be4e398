import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../support/app-server.ts';
import { closeCodeOf, connectProvider, synced, waitFor } from '../support/collab-client.ts';
import { deployments, type Deployment } from '../support/deployments.ts';

const PUBLIC_URL = 'https://tafelwerk.regio-alkmaar.example';

/** Access follows the session and the role while a document is open. */
for (const kind of deployments()) {
  describe(`collab access, ${kind.name}`, () => {
    let server: Deployment;
    let sectionId: string;
    let tableId: string;
    const open: Array<{ provider: { destroy(): void } }> = [];

    function connect(client: Client) {
      const connection = connectProvider(server.url, `section:${sectionId}`, client.cookieHeader);
      open.push(connection);
      const closes: number[] = [];
      connection.provider.on('connection-close', (event: CloseEvent | null) => {
        if (event) closes.push(event.code);
      });
      return { ...connection, closes };
    }

    beforeAll(async () => {
      server = await kind.start({ publicUrl: PUBLIC_URL });
      const alkmaar = await new Client(server.url).login('beleid@alkmaar.demo');
      tableId = (await alkmaar.get<{ tables: Array<{ id: string }> }>('/api/tables')).body.tables[0]!.id;
      sectionId = (await alkmaar.get<{ sections: Array<{ id: string }> }>(`/api/tables/${tableId}/sections`)).body
        .sections[0]!.id;
    });
    afterAll(async () => {
      for (const connection of open) connection.provider.destroy();
      await server?.close();
    });

    it('closes the open documents of a session that logs out with 4401, and the stock provider stops there', async () => {
      const bergen = await new Client(server.url).login('beleid@bergen.demo');
      const editor = connect(bergen);
      await synced(editor.provider);
      expect((await bergen.post('/api/auth/logout')).status).toBe(200);
      await waitFor(() => editor.closes.includes(4401), 5_000, 'close 4401');
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(editor.provider.shouldConnect).toBe(false);
      expect(editor.provider.wsconnected).toBe(false);
      expect(editor.closes).toEqual([4401]);
    });

    it('closes the other sessions of someone who changes their password (4401), not the one they changed it in', async () => {
      const here = await new Client(server.url).login('beleid@castricum.demo');
      const elsewhere = await new Client(server.url).login('beleid@castricum.demo');
      const kept = connect(here);
      const ended = connect(elsewhere);
      await Promise.all([synced(kept.provider), synced(ended.provider)]);
      const wrong = await here.post('/api/me/password', {
        currentPassword: 'fout',
        newPassword: 'een-nieuw-wachtwoord',
      });
      expect(wrong.status).toBe(400);
      const changed = await here.post('/api/me/password', {
        currentPassword: 'demo-tafelwerk',
        newPassword: 'een-nieuw-wachtwoord',
      });
      expect(changed.status).toBe(200);
      await waitFor(() => ended.closes.includes(4401), 5_000, 'close 4401');
      expect(kept.closes).toEqual([]);
      expect((await elsewhere.get('/api/me')).status).toBe(401);
      expect((await here.get('/api/me')).status).toBe(200);
      await new Client(server.url).login('beleid@castricum.demo', 'een-nieuw-wachtwoord');
    });

    it('closes the documents of someone whose role is taken away with 4403', async () => {
      const secretariat = await new Client(server.url).login('secretariaat@regio-alkmaar.demo');
      const brug = await new Client(server.url).login('bestuur@de-brug-lvb.demo');
      const [user] = await server.query<{ id: string }>(
        "select id from users where email = 'bestuur@de-brug-lvb.demo'",
      );
      const editor = connect(brug);
      await synced(editor.provider);
      const removed = await secretariat.delete(`/api/tables/${tableId}/roles/${user!.id}`);
      expect(removed.status).toBe(200);
      await waitFor(() => editor.closes.includes(4403), 5_000, 'close 4403');
      expect(editor.provider.shouldConnect).toBe(false);
    });

    it('accepts the public URL’s origin behind a TLS proxy, as HTTP does, and refuses others', async () => {
      const heiloo = await new Client(server.url, PUBLIC_URL).login('beleid@heiloo.demo');
      const doc = `${server.url.replace(/^http/, 'ws')}/collab/section:${sectionId}`;
      expect(await closeCodeOf(doc, { cookie: heiloo.cookieHeader!, origin: PUBLIC_URL })).toBe('open');
      expect(await closeCodeOf(doc, { cookie: heiloo.cookieHeader!, origin: 'https://elders.example' })).toBe(4403);
    });
  });
}
