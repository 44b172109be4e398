import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  NotificationsResponse,
  OpenedRound,
  OutboxMail,
  OutboxResponse,
  ReportDetail,
  ReportQuestion,
  SectionConsensus,
  SectionsResponse,
  TablesResponse,
  TodoItem,
  TodoResponse,
} from '../../shared/api.ts';
import { Client } from '../support/app-server.ts';
import { deployments, type Deployment } from '../support/deployments.ts';

const MUNICIPALITIES = ['alkmaar', 'bergen', 'castricum', 'dijkenwaard', 'heiloo', 'uitgeest'].map(
  (m) => `beleid@${m}.demo`,
);
const PROVIDERS = ['horizon-jeugd', 'gezinshuis-noord', 'kompas-ggz', 'de-brug-lvb'].map((p) => `bestuur@${p}.demo`);
const SECRETARIAT = 'secretariaat@regio-alkmaar.demo';
const CHAIR = 'voorzitter@regio-alkmaar.demo';
const COUNCIL = 'raadslid@alkmaar.demo';
/** A second delegate of Horizon Jeugd: positions belong to the organization, so one statement serves both. */
const HORIZON_2 = 'directie@horizon-jeugd.demo';
const BERGEN = 'beleid@bergen.demo';
const PUBLIC = 'https://tafelwerk.regio-alkmaar.example';
const TABLE = 'Ontwikkeltafel Transformatie Jeugdhulp — verblijf';
const SECTION = 'Doelen en ambitie';
const REASON = 'De ambitie voor 2027 gaat voorbij aan de wachtlijsten in de regio.';

for (const kind of deployments()) {
  describe(`what is asked of you, ${kind.name}`, () => {
    let server: Deployment;
    let tableId: string;
    let sectionId: string;
    const people = new Map<string, Client>();
    // Monday 2 March 2026, 10:00 in Amsterdam.
    const as = (email: string) => people.get(email)!;

    const todo = async (email: string) => {
      const reply = await as(email).get<TodoResponse>('/api/me/todo');
      expect(reply.status).toBe(200);
      return reply.body;
    };
    const itemsOf = async (email: string, kind: TodoItem['kind']) =>
      (await todo(email)).items.filter((i) => i.kind === kind);
    /** Every mail of the table (the secretariat reads those), and the ones to a person themselves. */
    const mails = async (email = SECRETARIAT): Promise<OutboxMail[]> =>
      (await as(email).get<OutboxResponse>('/api/dev/outbox')).body.mails;
    const mailTo = async (to: string, subject: string) =>
      (await mails()).find((m) => m.to === to && m.subject === subject);

    beforeAll(async () => {
      server = await kind.start({
        startsAt: new Date('2026-03-02T09:00:00Z'),
        devRoutes: true,
        publicUrl: PUBLIC,
      });
      for (const email of [...MUNICIPALITIES, ...PROVIDERS, SECRETARIAT, CHAIR, COUNCIL]) {
        people.set(email, await new Client(server.url).login(email));
      }
      tableId = (await as(SECRETARIAT).get<TablesResponse>('/api/tables')).body.tables[0]!.id;
      const sections = (await as(SECRETARIAT).get<SectionsResponse>(`/api/tables/${tableId}/sections`)).body.sections;
      sectionId = sections.find((s) => s.title === SECTION)!.id;
      // The second Horizon delegate comes in by invitation, as people do.
      const [horizon] = await server.query<{ id: string }>("select id from organizations where name = 'Horizon Jeugd'");
      const invited = await as(SECRETARIAT).post(`/api/tables/${tableId}/invitations`, {
        email: HORIZON_2,
        name: 'Bas Directeur',
        organizationId: horizon!.id,
        role: 'provider_delegate',
      });
      expect(invited.status).toBe(201);
      const token = (await mails()).find((m) => m.to === HORIZON_2)!.text.match(/\/invite\/([a-z2-7]+)/)![1];
      const second = new Client(server.url);
      const accepted = await second.post(`/api/invitations/${token}/accept`, {
        name: 'Bas Directeur',
        password: 'een-lang-wachtwoord',
      });
      expect(accepted.status).toBe(200);
      people.set(HORIZON_2, second);
    }, 120_000);
    afterAll(async () => {
      await server?.close();
    });

    it('lets a person choose a daily digest instead of a mail per notification', async () => {
      expect((await todo(BERGEN)).mailFrequency).toBe('immediate');
      expect((await as(BERGEN).put('/api/me/mail-preference', { frequency: 'weekly' })).status).toBe(400);
      expect((await new Client(server.url).put('/api/me/mail-preference', { frequency: 'daily' })).status).toBe(401);
      const set = await as(BERGEN).put('/api/me/mail-preference', { frequency: 'daily' });
      expect(set.status).toBe(200);
      expect(set.body).toEqual({ frequency: 'daily' });
      expect((await todo(BERGEN)).mailFrequency).toBe('daily');
    });

    it('lists an open round for every organization without a position, until the organization states one', async () => {
      const opened = await as('beleid@alkmaar.demo').post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
      expect(opened.status).toBe(201);
      const deadline = '2026-03-16T22:59:59.999Z';
      expect(opened.body.round.deadline).toBe(deadline);
      const expected = {
        kind: 'state_position',
        table: { id: tableId, name: TABLE },
        title: SECTION,
        versionNumber: 1,
        deadline,
        since: server.now().toISOString(),
        link: `/sections/${sectionId}#position-form`,
      };
      for (const email of [...MUNICIPALITIES, ...PROVIDERS, HORIZON_2]) {
        expect(await itemsOf(email, 'state_position'), email).toEqual([expected]);
      }
      for (const email of [CHAIR, SECRETARIAT, COUNCIL]) {
        expect(
          (await todo(email)).items.filter((i) => i.link.startsWith('/sections/')),
          email,
        ).toEqual([]);
      }

      // Horizon objects (by one of its delegates): gone for both its delegates, still there for the others.
      const positions = `/api/rounds/${opened.body.round.id}/positions`;
      expect((await as(PROVIDERS[0]!).post(positions, { kind: 'object', text: REASON })).status).toBe(201);
      expect(await itemsOf(PROVIDERS[0]!, 'state_position')).toEqual([]);
      expect(await itemsOf(HORIZON_2, 'state_position')).toEqual([]);
      expect(await itemsOf('bestuur@kompas-ggz.demo', 'state_position')).toEqual([expected]);

      // The bell leads to the same place.
      const bell = await as('bestuur@kompas-ggz.demo').get<NotificationsResponse>('/api/notifications');
      expect(bell.body.notifications.find((n) => n.kind === 'round_opened')?.link).toBe(
        `/sections/${sectionId}#position-form`,
      );
    });

    it('mails short subjects naming the table, the section, the deadline, the reason and an absolute link', async () => {
      const opened = await mailTo('bestuur@kompas-ggz.demo', `Ronde geopend: '${SECTION}'`);
      expect(opened, JSON.stringify((await mails()).map((m) => m.subject))).toBeDefined();
      expect(opened!.text).toContain(`Tafel: ${TABLE}`);
      expect(opened!.text).toContain(`Sectie: ${SECTION}`);
      expect(opened!.text).toContain('maandag 16 maart 2026');
      expect(opened!.text).toContain(`${PUBLIC}/sections/${sectionId}#position-form`);

      const objection = await mailTo('voorzitter@regio-alkmaar.demo', `Bezwaar op '${SECTION}'`);
      expect(objection).toBeDefined();
      expect(objection!.text).toContain('Horizon Jeugd maakt bezwaar');
      expect(objection!.text).toContain(REASON);
      expect(objection!.text).toContain(`Tafel: ${TABLE}`);
      expect(objection!.text).toContain('maandag 16 maart 2026');
      expect(objection!.text).toContain(`${PUBLIC}/sections/${sectionId}\n`);

      for (const mail of (await mails()).filter((m) => !m.subject.startsWith('Uitnodiging'))) {
        expect(mail.subject.length, mail.subject).toBeLessThanOrEqual(60);
        expect(mail.text, mail.subject).toMatch(new RegExp(`${PUBLIC}/(sections|reports)/`));
      }
      // Bergen reads a digest: no mail of its own yet.
      expect((await mails()).filter((m) => m.to === BERGEN)).toEqual([]);
    });

    it('shows the chair an escalation, and the municipalities a ruling to draft and then to endorse', async () => {
      const round = (await as(CHAIR).get<SectionConsensus>(`/api/sections/${sectionId}/consensus`)).body.round!;
      for (const email of [...MUNICIPALITIES, ...PROVIDERS.slice(1)]) {
        const reply = await as(email).post(`/api/rounds/${round.id}/positions`, { kind: 'consent' });
        expect(reply.status, email).toBe(201);
      }
      const escalated = await as(PROVIDERS[0]!).post<SectionConsensus>(`/api/sections/${sectionId}/escalations`, {
        reason: 'Wij vragen de voorzitter te bemiddelen.',
      });
      expect(escalated.status).toBe(201);
      expect(await itemsOf(CHAIR, 'handle_escalation')).toEqual([
        expect.objectContaining({ title: SECTION, deadline: null, link: `/sections/${sectionId}` }),
      ]);
      const mail = await mailTo(CHAIR, `Escalatie: '${SECTION}'`);
      expect(mail?.text).toContain('Wij vragen de voorzitter te bemiddelen.');

      const referred = await as(CHAIR).post(`/api/escalations/${escalated.body.escalation!.id}/referral`, {
        report: 'Geen consensus over het tempo.',
      });
      expect(referred.status).toBe(200);
      expect(await itemsOf(CHAIR, 'handle_escalation')).toEqual([]);
      for (const email of MUNICIPALITIES) expect(await itemsOf(email, 'draft_ruling'), email).toHaveLength(1);
      expect(await itemsOf(PROVIDERS[1]!, 'draft_ruling')).toEqual([]);

      const drafted = await as(MUNICIPALITIES[0]!).post(`/api/sections/${sectionId}/rulings`, {
        text: 'De ambitie blijft, met een tussenstap in 2027.',
        rationale: 'Binnen het budget.',
      });
      expect(drafted.status).toBe(201);
      for (const email of MUNICIPALITIES) {
        expect(await itemsOf(email, 'draft_ruling'), email).toEqual([]);
        expect(await itemsOf(email, 'endorse_ruling'), email).toEqual([
          expect.objectContaining({ title: SECTION, link: `/sections/${sectionId}` }),
        ]);
      }
      expect(await itemsOf(PROVIDERS[1]!, 'endorse_ruling')).toEqual([]);
    });

    it('asks the chair and the secretariat to mark a draft report ready, and the secretariat to answer questions', async () => {
      const started = await as(SECRETARIAT).post<ReportDetail>(`/api/tables/${tableId}/reports`, {
        kind: 'progress',
        period: '2026-H1',
      });
      expect(started.status, JSON.stringify(started.body)).toBe(201);
      const report = started.body.id;
      for (const email of [CHAIR, SECRETARIAT]) {
        expect(await itemsOf(email, 'review_report'), email).toEqual([
          expect.objectContaining({ title: 'Voortgangsrapportage 2026-H1', link: `/reports/${report}` }),
        ]);
      }
      expect(await itemsOf(PROVIDERS[1]!, 'write_report')).toHaveLength(1);
      expect((await as(CHAIR).post(`/api/reports/${report}/ready`)).status).toBe(200);
      expect(await itemsOf(CHAIR, 'review_report')).toEqual([]);
      expect(await itemsOf(SECRETARIAT, 'review_report')).toHaveLength(1);
      expect((await as(SECRETARIAT).post(`/api/reports/${report}/ready`)).status).toBe(200);
      expect((await as(SECRETARIAT).post(`/api/reports/${report}/publish`)).status).toBe(200);
      expect(await itemsOf(PROVIDERS[1]!, 'write_report')).toEqual([]);
      const published = await mailTo(COUNCIL, 'Rapportage 2026-H1 gepubliceerd');
      expect(published?.text).toContain(`${PUBLIC}/reports/${report}`);

      const asked = await as(COUNCIL).post<ReportQuestion>(`/api/reports/${report}/questions`, {
        text: 'Waarom daalt de uitstroom?',
      });
      expect(asked.status).toBe(201);
      expect(await itemsOf(SECRETARIAT, 'answer_question')).toEqual([
        expect.objectContaining({
          title: 'Voortgangsrapportage 2026-H1',
          link: `/reports/${report}#question-${asked.body.id}`,
        }),
      ]);
      expect(await itemsOf(CHAIR, 'answer_question')).toEqual([]);
      const answered = await as(SECRETARIAT).post(`/api/questions/${asked.body.id}/answer`, {
        text: 'Door de wachtlijst.',
      });
      expect(answered.status).toBe(200);
      expect(await itemsOf(SECRETARIAT, 'answer_question')).toEqual([]);
      const answer = await mailTo(COUNCIL, 'Antwoord op uw raadsvraag');
      expect(answer?.text).toContain('Door de wachtlijst.');
      expect(answer?.text).toContain(`${PUBLIC}/reports/${report}#question-${asked.body.id}`);
    });

    it('sends a daily reader one digest after 07:00 with every notification and its link, once a day', async () => {
      const waiting = (await as(BERGEN).get<NotificationsResponse>('/api/notifications')).body.notifications;
      expect(waiting.length).toBeGreaterThanOrEqual(5);
      const move = async (now: string) => {
        const reply = await as(SECRETARIAT).post('/api/dev/clock', { now });
        expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      };
      const digests = async () => (await mails(BERGEN)).filter((m) => m.to === BERGEN);
      // Tuesday 3 March, 06:59 in Amsterdam (UTC+1): not yet.
      await move('2026-03-03T05:59:00Z');
      expect(await digests()).toEqual([]);
      await move('2026-03-03T06:00:30Z');
      const [digest, ...more] = await digests();
      expect(more).toEqual([]);
      expect(digest!.subject).toBe(`Tafelwerk: ${waiting.length} berichten van de afgelopen dag`);
      for (const notification of waiting) {
        expect(digest!.text).toContain(notification.message);
        expect(digest!.text).toContain(`${PUBLIC}${notification.link}`);
      }
      expect(digest!.text).toContain(`Tafel: ${TABLE}`);
      // Later that day: nothing new is sent, even with a new notification; it waits for tomorrow.
      const section = (
        await as(SECRETARIAT).get<SectionsResponse>(`/api/tables/${tableId}/sections`)
      ).body.sections.find((s) => s.title === 'Vastgoed')!;
      expect((await as('beleid@alkmaar.demo').post(`/api/sections/${section.id}/rounds`)).status).toBe(201);
      await move('2026-03-03T10:00:00Z');
      expect(await digests()).toHaveLength(1);
      expect((await mails()).filter((m) => m.to === BERGEN && m.subject.startsWith('Ronde geopend'))).toEqual([]);
      await move('2026-03-04T06:01:00Z');
      const next = await digests();
      expect(next).toHaveLength(2);
      expect(next[0]!.subject).toBe('Tafelwerk: 1 bericht van de afgelopen dag');
      expect(next[0]!.text).toContain(`${PUBLIC}/sections/${section.id}#position-form`);
    });
  });
}
