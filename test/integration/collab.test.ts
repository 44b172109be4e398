import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Client } from '../support/app-server.ts';
import { appendParagraph, closeCodeOf, connectProvider, synced, waitFor } from '../support/collab-client.ts';
import { deployments, type Deployment } from '../support/deployments.ts';

interface SectionsReply {
  sections: Array<{ id: string; title: string; locked: boolean }>;
}

for (const kind of deployments()) {
  describe(`co-editing over real WebSockets, ${kind.name}`, () => {
    let server: Deployment;
    let alkmaar: Client;
    let horizon: Client;
    let council: Client;
    let sectionIds: string[];
    let tableId: string;
    const open: Array<{ provider: { destroy(): void } }> = [];

    function connect(client: Client | null, sectionId: string) {
      const connection = connectProvider(server.url, `section:${sectionId}`, client?.cookieHeader);
      open.push(connection);
      return connection;
    }

    beforeAll(async () => {
      server = await kind.start();
      alkmaar = await new Client(server.url).login('beleid@alkmaar.demo');
      horizon = await new Client(server.url).login('bestuur@horizon-jeugd.demo');
      council = await new Client(server.url).login('raadslid@alkmaar.demo');
      tableId = (await alkmaar.get<{ tables: Array<{ id: string }> }>('/api/tables')).body.tables[0]!.id;
      sectionIds = (await alkmaar.get<SectionsReply>(`/api/tables/${tableId}/sections`)).body.sections.map((s) => s.id);
    });
    afterAll(async () => {
      for (const connection of open) connection.provider.destroy();
      await server?.close();
    });

    it('lists the demo plan’s sections with their starter text', async () => {
      expect(sectionIds).toHaveLength(9);
      const content = await alkmaar.get<{ html: string; text: string }>(`/api/sections/${sectionIds[0]}/content`);
      expect(content.body.text).toContain('zo thuis mogelijk');
      const meta = await council.get<{ title: string; canEdit: boolean; plan: { title: string } }>(
        `/api/sections/${sectionIds[0]}`,
      );
      expect(meta.body).toMatchObject({
        title: 'Doelen en ambitie',
        canEdit: false,
        plan: { title: 'Transformatieplan 2026-2030' },
      });
    });

    it('finds what someone typed a moment ago in search, while they are still typing', async () => {
      const a = connect(alkmaar, sectionIds[2]!);
      await synced(a.provider);
      appendParagraph(a.doc, 'Het woord pleegzorgcarrousel staat hier net.');
      // Stored within a batch window; its derived text would only follow within the minute.
      await new Promise((resolve) => setTimeout(resolve, 400));
      const found = await alkmaar.get<{ results: Array<{ kind: string; id: string }> }>(
        `/api/tables/${tableId}/search?q=pleegzorgcarrousel`,
      );
      expect(found.body.results).toContainEqual(expect.objectContaining({ kind: 'section', id: sectionIds[2] }));
    });

    it('lets two stock y-websocket providers converge and stores the result', async () => {
      const a = connect(alkmaar, sectionIds[1]!);
      const b = connect(horizon, sectionIds[1]!);
      await Promise.all([synced(a.provider), synced(b.provider)]);
      expect(a.text()).toContain('In 2022 ging 20%');
      appendParagraph(a.doc, 'Voorstel van de gemeente Alkmaar.');
      appendParagraph(b.doc, 'Aanvulling van Horizon Jeugd.');
      await waitFor(
        () => a.text() === b.text() && a.text().includes('Horizon') && b.text().includes('Alkmaar'),
        10_000,
        'convergence',
      );
      await waitFor(
        async () => {
          const content = await alkmaar.get<{ text: string }>(`/api/sections/${sectionIds[1]}/content`);
          return content.body.text === a.text();
        },
        10_000,
        'stored content',
      );
      const meta = await alkmaar.get<{ lastEditedBy: { name: string } | null }>(`/api/sections/${sectionIds[1]}`);
      expect(['Fatima El Idrissi', 'Anouk Jansen']).toContain(meta.body.lastEditedBy?.name);
    });

    it('shows a read-only council member the live text but never accepts their edits', async () => {
      const writer = connect(alkmaar, sectionIds[2]!);
      const reader = connect(council, sectionIds[2]!);
      await Promise.all([synced(writer.provider), synced(reader.provider)]);
      appendParagraph(reader.doc, 'Dit mag een raadslid niet schrijven.');
      appendParagraph(writer.doc, 'Tekst van de gemeente.');
      await waitFor(() => reader.text().includes('Tekst van de gemeente.'), 10_000, 'reader sees writer');
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Reading the content stores what the room holds first.
      const stored = await alkmaar.get<{ text: string }>(`/api/sections/${sectionIds[2]}/content`);
      expect(stored.body.text).toContain('Tekst van de gemeente.');
      expect(stored.body.text).not.toContain('raadslid');
      expect(writer.text()).not.toContain('raadslid');
    });

    it('refuses an upgrade by closing it with 4401 (no session), 4403 (foreign origin) or 4404 (unknown document)', async () => {
      const base = server.url.replace(/^http/, 'ws');
      const doc = `${base}/collab/section:${sectionIds[0]}`;
      expect(await closeCodeOf(doc, {})).toBe(4401);
      expect(await closeCodeOf(doc, { cookie: alkmaar.cookieHeader!, origin: 'https://evil.example' })).toBe(4403);
      expect(
        await closeCodeOf(`${base}/collab/section:00000000-0000-0000-0000-000000000000`, {
          cookie: alkmaar.cookieHeader!,
        }),
      ).toBe(4404);
      expect(await closeCodeOf(`${base}/collab/anything`, { cookie: alkmaar.cookieHeader! })).toBe(4404);
      expect(await closeCodeOf(doc, { cookie: alkmaar.cookieHeader! })).toBe('open');
    });

    it('closes a connection that sends garbage and keeps the room serving the others', async () => {
      const good = connect(alkmaar, sectionIds[3]!);
      await synced(good.provider);
      const closed = await new Promise<number>((resolve) => {
        const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/collab/section:${sectionIds[3]}`, {
          headers: { cookie: horizon.cookieHeader! },
        });
        ws.on('open', () => ws.send(Buffer.from([7, 7, 7])));
        ws.on('close', (code) => resolve(code));
      });
      expect(closed).toBe(4400);
      appendParagraph(good.doc, 'Nog steeds verbonden.');
      await waitFor(
        async () =>
          (await alkmaar.get<{ text: string }>(`/api/sections/${sectionIds[3]}/content`)).body.text.includes(
            'Nog steeds verbonden.',
          ),
        10_000,
        'stored after garbage',
      );
    });

    it('refuses every write to a locked section', async () => {
      // Nobody has this section open: its room loads the lock from the database.
      await server.query("update sections set locked = true, lock_reason = 'consent round' where id = $1", [
        sectionIds[4]!,
      ]);
      const writer = connect(alkmaar, sectionIds[4]!);
      await synced(writer.provider);
      const before = (await alkmaar.get<{ text: string }>(`/api/sections/${sectionIds[4]}/content`)).body.text;
      appendParagraph(writer.doc, 'Tijdens de consentronde.');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await alkmaar.get<{ text: string }>(`/api/sections/${sectionIds[4]}/content`)).body.text).toBe(before);
      const meta = await alkmaar.get<{ locked: boolean; canEdit: boolean }>(`/api/sections/${sectionIds[4]}`);
      expect(meta.body).toMatchObject({ locked: true, canEdit: false });
    });

    it('applies a changed role to an open connection at once: a delegate made observer can no longer write', async () => {
      const secretariat = await new Client(server.url).login('secretariaat@regio-alkmaar.demo');
      const kompas = await new Client(server.url).login('bestuur@kompas-ggz.demo');
      const [kompasUser] = await server.query<{ id: string }>(
        "select id from users where email = 'bestuur@kompas-ggz.demo'",
      );
      const writer = connect(kompas, sectionIds[6]!);
      await synced(writer.provider);
      const closes: number[] = [];
      writer.provider.on('connection-close', (event: CloseEvent | null) => {
        if (event) closes.push(event.code);
      });
      appendParagraph(writer.doc, 'Als gedelegeerde geschreven.');
      await waitFor(async () =>
        (await alkmaar.get<{ text: string }>(`/api/sections/${sectionIds[6]}/content`)).body.text.includes(
          'gedelegeerde',
        ),
      );

      const changed = await secretariat.put(`/api/tables/${tableId}/roles/${kompasUser!.id}`, { role: 'observer' });
      expect(changed.status).toBe(200);
      await waitFor(() => closes.includes(4000), 5000, 'close 4000');
      // The provider reconnects on its own, now read-only.
      await waitFor(() => writer.provider.wsconnected && writer.provider.synced, 10_000, 'reconnect');
      appendParagraph(writer.doc, 'Als toehoorder geschreven.');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const content = await alkmaar.get<{ text: string }>(`/api/sections/${sectionIds[6]}/content`);
      expect(content.body.text).toContain('Als gedelegeerde geschreven.');
      expect(content.body.text).not.toContain('Als toehoorder geschreven.');
      writer.provider.destroy();
      await secretariat.put(`/api/tables/${tableId}/roles/${kompasUser!.id}`, { role: 'provider_delegate' });
    });

    it('shows who has a section open, and no one once they have left', async () => {
      const present = async () =>
        (await council.get<{ present: Array<{ name: string }> }>(`/api/sections/${sectionIds[7]}`)).body.present;
      expect(await present()).toEqual([]);
      const a = connect(horizon, sectionIds[7]!);
      await synced(a.provider);
      await waitFor(async () => (await present()).length === 1, 5_000, 'present');
      expect(await present()).toMatchObject([{ name: 'Anouk Jansen' }]);
      a.provider.destroy();
      await waitFor(async () => (await present()).length === 0, 5_000, 'gone');
    });

    it('closes a session’s connections at once when it logs out (4401), and leaves the person’s other sessions open', async () => {
      const laptop = await new Client(server.url).login('bestuur@horizon-jeugd.demo');
      const phone = await new Client(server.url).login('bestuur@horizon-jeugd.demo');
      const onLaptop = connect(laptop, sectionIds[8]!);
      const onPhone = connect(phone, sectionIds[8]!);
      await Promise.all([synced(onLaptop.provider), synced(onPhone.provider)]);
      const closes: number[] = [];
      onLaptop.provider.on('connection-close', (event: CloseEvent | null) => {
        if (event) closes.push(event.code);
      });
      expect((await laptop.post('/api/auth/logout')).status).toBe(200);
      await waitFor(() => closes.includes(4401), 5_000, 'close 4401');
      appendParagraph(onPhone.doc, 'Nog op de telefoon.');
      await waitFor(
        async () =>
          (await alkmaar.get<{ text: string }>(`/api/sections/${sectionIds[8]}/content`)).body.text.includes(
            'Nog op de telefoon.',
          ),
        10_000,
        'the other session still writes',
      );
      expect(onPhone.provider.wsconnected).toBe(true);
    });

    it('keeps the content across a server restart', async () => {
      const a = connect(alkmaar, sectionIds[5]!);
      await synced(a.provider);
      appendParagraph(a.doc, 'Blijft bewaard na een herstart.');
      await waitFor(async () =>
        (await alkmaar.get<{ text: string }>(`/api/sections/${sectionIds[5]}/content`)).body.text.includes('herstart'),
      );
      const expected = a.text();
      a.provider.destroy();
      await server.restart();
      alkmaar = await new Client(server.url).login('beleid@alkmaar.demo');
      const b = connect(alkmaar, sectionIds[5]!);
      await synced(b.provider);
      expect(b.text()).toBe(expected);
    });
  });
}
