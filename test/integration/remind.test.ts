import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationsResponse, OpenedRound, SectionsResponse, TablesResponse } from '../../shared/api.ts';
import type { ErrorBody } from '../../shared/errors.ts';
import type { RoundReminded } from '../../server/consensus/remind.ts';
import type { RunningServer } from '../../server/runtime/start.ts';
import { Client, startTestServer, TestClock } from '../support/app-server.ts';
import { databaseBackends } from '../support/databases.ts';

/** "Herinner nu" (POST /api/rounds/:id/remind): the opener or the chair, once a day, to the silent organizations. */
for (const backend of databaseBackends()) {
  describe(`reminding a round's silent organizations on ${backend.name}`, () => {
    let server: RunningServer;
    let drop: () => Promise<void>;
    let sections: Map<string, string>;
    const people = new Map<string, Client>();
    // Monday 2 March 2026, 10:00 in Amsterdam.
    const clock = new TestClock(new Date('2026-03-02T09:00:00Z'));
    const as = (email: string) => people.get(email)!;
    const HOUR = 60 * 60 * 1000;

    const reminders = async (email: string) =>
      (await as(email).get<NotificationsResponse>('/api/notifications')).body.notifications.filter(
        (n) => n.kind === 'round_reminder',
      ).length;

    beforeAll(async () => {
      const database = await backend.create();
      drop = database.drop;
      server = await startTestServer({ databaseUrl: database.databaseUrl, clock });
      for (const email of [
        'beleid@alkmaar.demo',
        'beleid@bergen.demo',
        'bestuur@horizon-jeugd.demo',
        'bestuur@kompas-ggz.demo',
        'voorzitter@regio-alkmaar.demo',
        'secretariaat@regio-alkmaar.demo',
      ]) {
        people.set(email, await new Client(server.url).login(email));
      }
      const tableId = (await as('beleid@alkmaar.demo').get<TablesResponse>('/api/tables')).body.tables[0]!.id;
      const list = (await as('beleid@alkmaar.demo').get<SectionsResponse>(`/api/tables/${tableId}/sections`)).body
        .sections;
      sections = new Map(list.map((s) => [s.title, s.id]));
    });
    afterAll(async () => {
      await server?.close();
      await drop?.();
    });

    it('lets the opener and the chair remind, once a day, and notifies only who has not responded', async () => {
      const sectionId = sections.get('Vastgoed')!;
      const opened = await as('beleid@alkmaar.demo').post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
      expect(opened.status).toBe(201);
      const path = `/api/rounds/${opened.body.round.id}/remind`;
      expect(
        (await as('bestuur@kompas-ggz.demo').post(`/api/rounds/${opened.body.round.id}/positions`, { kind: 'consent' }))
          .status,
      ).toBe(201);
      const before = {
        horizon: await reminders('bestuur@horizon-jeugd.demo'),
        kompas: await reminders('bestuur@kompas-ggz.demo'),
      };

      // Another delegate did not open the round; the secretariat has no part in it.
      const other = await as('bestuur@horizon-jeugd.demo').post<ErrorBody>(path);
      expect(other.status).toBe(403);
      expect(other.body.error.code).toBe('forbidden');
      expect((await as('secretariaat@regio-alkmaar.demo').post(path)).status).toBe(403);

      // The opener may: the nine organizations that have not responded are reminded.
      const first = await as('beleid@alkmaar.demo').post<RoundReminded>(path);
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.body.notified).toBe(9);
      expect(await reminders('bestuur@horizon-jeugd.demo')).toBe(before.horizon + 1);
      expect(await reminders('bestuur@kompas-ggz.demo')).toBe(before.kompas);

      // Within 24 hours again, by the opener or the chair: 409, with a reason and when it may be done again.
      clock.advance(23 * HOUR);
      const again = await as('voorzitter@regio-alkmaar.demo').post<ErrorBody>(path);
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('conflict');
      expect(again.body.error.details).toEqual({
        reason: 'reminded_recently',
        nextAt: new Date(Date.parse('2026-03-02T09:00:00Z') + 24 * HOUR).toISOString(),
      });
      expect((await as('beleid@alkmaar.demo').post(path)).status).toBe(409);
      expect(await reminders('bestuur@horizon-jeugd.demo')).toBe(before.horizon + 1);

      // A day later the chair may; whoever responded meanwhile is left out.
      expect(
        (
          await as('bestuur@horizon-jeugd.demo').post(`/api/rounds/${opened.body.round.id}/positions`, {
            kind: 'abstain',
          })
        ).status,
      ).toBe(201);
      clock.advance(HOUR);
      const chair = await as('voorzitter@regio-alkmaar.demo').post<RoundReminded>(path);
      expect(chair.status, JSON.stringify(chair.body)).toBe(200);
      expect(chair.body.notified).toBe(8);
      expect(await reminders('bestuur@horizon-jeugd.demo')).toBe(before.horizon + 1);
      expect(await reminders('beleid@bergen.demo')).toBeGreaterThanOrEqual(2);

      // The reminders are on the table's timeline.
      const audit = await as('secretariaat@regio-alkmaar.demo').get<{ events: Array<{ kind: string }> }>(
        `/api/tables/${(await as('beleid@alkmaar.demo').get<TablesResponse>('/api/tables')).body.tables[0]!.id}/audit`,
      );
      expect(audit.body.events.filter((e) => e.kind === 'round.reminded')).toHaveLength(2);

      // A closed round is not reminded about.
      const withdrawn = await as('beleid@alkmaar.demo').post(`/api/rounds/${opened.body.round.id}/withdraw`);
      expect(withdrawn.status).toBe(200);
      clock.advance(25 * HOUR);
      expect((await as('beleid@alkmaar.demo').post(path)).status).toBe(409);
    });
  });
}
