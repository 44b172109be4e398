import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  NotificationsResponse,
  OpenedRound,
  ReportDetail,
  ReportQuestion,
  SectionConsensus,
  SectionsResponse,
  TablesResponse,
} from '../../shared/api.ts';
import { Client } from '../support/app-server.ts';
import { appendParagraph, closeCodeOf, connectProvider, synced, waitFor } from '../support/collab-client.ts';
import { deployments, type Deployment } from '../support/deployments.ts';
import { replyValidator } from '../support/openapi-schemas.ts';
import { fetchPdf, fontRows, popplerAvailable, readPdf } from '../support/poppler.ts';
import { CHAIR, COUNCIL, MUNICIPALITIES, PROVIDERS, SECRETARIAT } from '../support/demo-people.ts';

const OBJECTION = 'Het tempo van de afbouw is voor ons niet haalbaar zonder extra capaciteit.';
const REASON = 'Wij vragen de voorzitter te bemiddelen over het tempo.';
const NOTE_IN = 'Overleg met Horizon en Alkmaar over fasering.';
const NOTE_OUT = 'Tweede overleg, na de periode.';
const SUMMARY = 'De tafel ligt op koers, met één escalatie over de randvoorwaarden.';

/** Co-writing a report's narrative over real sockets, a deliberation that never reaches the council, publication's freeze. */
for (const kind of deployments()) {
  describe(`writing and publishing a report, ${kind.name}`, () => {
    let server: Deployment;
    let tableId: string;
    let sections: Map<string, string>;
    let reportId: string;
    const people = new Map<string, Client>();
    const open: Array<{ provider: { destroy(): void } }> = [];
    const as = (email: string) => people.get(email)!;
    const secretariat = () => as(SECRETARIAT);
    const alkmaar = () => as('beleid@alkmaar.demo');
    const horizon = () => as('bestuur@horizon-jeugd.demo');
    const council = () => as(COUNCIL);
    const wsUrl = (docName: string) => `${server.url.replace(/^http/, 'ws')}/collab/${docName}`;
    const connect = (client: Client, docName: string) => {
      const connection = connectProvider(server.url, docName, client.cookieHeader);
      open.push(connection);
      return connection;
    };
    const detail = async (id: string, viewer = secretariat()) => {
      const reply = await viewer.get<ReportDetail>(`/api/reports/${id}`);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return reply.body;
    };
    const summaryOf = (report: ReportDetail) => report.narrative.find((p) => p.key === 'summary')!;

    beforeAll(async () => {
      server = await kind.start({ startsAt: new Date('2026-06-10T08:00:00Z'), devRoutes: true });
      for (const email of [...MUNICIPALITIES, ...PROVIDERS, SECRETARIAT, CHAIR, COUNCIL]) {
        people.set(email, await new Client(server.url).login(email));
      }
      tableId = (await alkmaar().get<TablesResponse>('/api/tables')).body.tables[0]!.id;
      const list = (await alkmaar().get<SectionsResponse>(`/api/tables/${tableId}/sections`)).body.sections;
      sections = new Map(list.map((s) => [s.title, s.id]));
    }, 120_000);
    afterAll(async () => {
      for (const connection of open) connection.provider.destroy();
      await server?.close();
    });

    it('reports an escalation in the period by dates and kinds only, with its duration to the period end', async () => {
      const sectionId = sections.get('Randvoorwaarden')!;
      const round = await alkmaar().post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
      expect(round.status).toBe(201);
      const positions = `/api/rounds/${round.body.round.id}/positions`;
      expect((await horizon().post(positions, { kind: 'object', text: OBJECTION })).status).toBe(201);
      for (const email of [...MUNICIPALITIES, ...PROVIDERS.slice(1)]) {
        expect((await as(email).post(positions, { kind: 'consent' })).status).toBe(201);
      }
      await server.setClock(new Date('2026-06-12T08:00:00Z'));
      const escalated = await horizon().post<SectionConsensus>(`/api/sections/${sectionId}/escalations`, {
        reason: REASON,
      });
      expect(escalated.status).toBe(201);
      const escalationId = escalated.body.escalation!.id;
      await server.setClock(new Date('2026-07-02T08:00:00Z'));
      for (const [occurredOn, note] of [
        ['2026-06-30', NOTE_IN],
        ['2026-07-01', NOTE_OUT],
      ]) {
        const step = await as(CHAIR).post(`/api/escalations/${escalationId}/steps`, {
          occurredOn,
          kind: 'meeting',
          note,
        });
        expect(step.status, JSON.stringify(step.body)).toBe(201);
      }

      const started = await secretariat().post<ReportDetail>(`/api/tables/${tableId}/reports`, {
        kind: 'progress',
        period: '2026-H1',
      });
      expect(started.status).toBe(201);
      reportId = started.body.id;
      const section = started.body.generated.sections.find((s) => s.id === sectionId)!;
      expect(section).toMatchObject({ state: 'escalated', adoptedVersion: null });
      expect(section.rounds).toEqual([expect.objectContaining({ outcome: 'objected' })]);
      expect(started.body.generated.escalations).toEqual([
        {
          id: escalationId,
          sectionId,
          sectionTitle: 'Randvoorwaarden',
          escalatedAt: '2026-06-12T08:00:00.000Z',
          referredAt: null,
          closedAt: null,
          // 12 June to the end of 30 June.
          durationDays: 19,
          mediationSteps: [{ occurredOn: '2026-06-30', kind: 'meeting' }],
          ruling: null,
        },
      ]);
    });

    it('co-writes the narrative live: delegates write, the council cannot even open a draft part', async () => {
      const docName = `report:${reportId}:summary`;
      const council4404 = await closeCodeOf(wsUrl(docName), { cookie: council().cookieHeader!, origin: server.url });
      expect(council4404).toBe(4404);
      const unknownPart = await closeCodeOf(wsUrl(`report:${reportId}:goal-${crypto.randomUUID()}`), {
        cookie: horizon().cookieHeader!,
        origin: server.url,
      });
      expect(unknownPart).toBe(4404);

      const writer = connect(horizon(), docName);
      await synced(writer.provider);
      appendParagraph(writer.doc, SUMMARY);
      await waitFor(async () => summaryOf(await detail(reportId)).text.includes(SUMMARY), 15_000, 'summary stored');
      // The chair reads along but does not write.
      const reader = connect(as(CHAIR), docName);
      await synced(reader.provider);
      await waitFor(() => reader.text().includes(SUMMARY), 10_000, 'chair sees the text');
      appendParagraph(reader.doc, 'De voorzitter schrijft niet mee.');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(writer.text()).not.toContain('De voorzitter schrijft niet mee.');
    });

    it('freezes the narrative at publication: a writer still connected is refused from then on', async () => {
      const docName = `report:${reportId}:summary`;
      const writer = connect(alkmaar(), docName);
      await synced(writer.provider);
      await waitFor(() => writer.text().includes(SUMMARY), 10_000, 'writer synced');
      expect((await as(CHAIR).post(`/api/reports/${reportId}/ready`)).status).toBe(200);
      expect((await secretariat().post(`/api/reports/${reportId}/ready`)).status).toBe(200);
      const published = await secretariat().post<ReportDetail>(`/api/reports/${reportId}/publish`);
      expect(published.status, JSON.stringify(published.body)).toBe(200);
      expect(summaryOf(published.body).text).toContain(SUMMARY);

      appendParagraph(writer.doc, 'Na de publicatie geschreven.');
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const fresh = connect(council(), docName);
      await synced(fresh.provider);
      expect(fresh.text()).toContain(SUMMARY);
      expect(fresh.text()).not.toContain('Na de publicatie');
      expect(summaryOf(await detail(reportId)).text).not.toContain('Na de publicatie');

      // What the council reads names no objection, reason or mediation note.
      const seen = JSON.stringify(await detail(reportId, council()));
      for (const secret of [OBJECTION, REASON, NOTE_IN, NOTE_OUT]) expect(seen).not.toContain(secret);
      expect(seen).toContain(SUMMARY);

      // The PDF rendered at publication (on Workers as on Node), its typeface embedded, the summary in it.
      const pdf = await fetchPdf(server.url, `/api/reports/${reportId}/pdf`, council());
      expect(pdf.status).toBe(200);
      expect(pdf.type).toContain('application/pdf');
      if (await popplerAvailable()) {
        const read = await readPdf(pdf.bytes);
        expect(read.text.replace(/\s+/g, ' ')).toContain(SUMMARY);
        const rows = fontRows(read.fonts);
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) expect(row).toMatch(/NotoSans.*\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$/);
      }
    });

    it('answers a council question once and tells the asker, with a link to it', async () => {
      const path = `/api/reports/${reportId}/questions`;
      const validate = await replyValidator(server.url);
      expect((await secretariat().post(path, { text: 'Waarom?' })).status).toBe(403);
      expect((await council().post(path, { text: '' })).status).toBe(400);
      expect((await council().post(path, { text: 'Waarom?', partId: 'goal-nope' })).status).toBe(400);
      const goalId = (await detail(reportId)).generated.goals[0]!.id;
      const asked = await council().post<ReportQuestion>(path, {
        text: 'Waarom is de wachttijd niet op koers?',
        partId: `goal-${goalId}`,
      });
      expect(asked.status, JSON.stringify(asked.body)).toBe(201);
      expect(asked.body).toMatchObject({ reportId, partId: `goal-${goalId}`, answer: null });
      expect(validate('ReportQuestion', asked.body)).toEqual([]);
      await server.advanceClock(60_000);
      const whole = await council().post<ReportQuestion>(path, { text: 'Komt er een evaluatie?' });
      expect(whole.body.partId).toBeNull();

      const answer = `/api/questions/${asked.body.id}/answer`;
      expect((await council().post(answer, { text: 'Zo.' })).status).toBe(403);
      expect((await horizon().post(answer, { text: 'Zo.' })).status).toBe(403);
      const answered = await secretariat().post<ReportQuestion>(answer, { text: 'De instroom steeg in het voorjaar.' });
      expect(answered.status).toBe(200);
      expect(answered.body.answer).toMatchObject({
        text: 'De instroom steeg in het voorjaar.',
        at: expect.any(String),
      });
      expect((await secretariat().post(answer, { text: 'Nog eens.' })).status).toBe(409);

      const bell = await council().get<NotificationsResponse>('/api/notifications');
      expect(bell.body.notifications.find((n) => n.kind === 'question_answered')).toMatchObject({
        reportId,
        link: `/reports/${reportId}#question-${asked.body.id}`,
      });
      const seen = await detail(reportId, alkmaar());
      expect(seen.questions.map((q) => [q.text, q.answer?.text ?? null])).toEqual([
        ['Waarom is de wachttijd niet op koers?', 'De instroom steeg in het voorjaar.'],
        ['Komt er een evaluatie?', null],
      ]);
    });

    it("starts a correction's narrative from the published text", async () => {
      const revised = await secretariat().post<ReportDetail>(`/api/reports/${reportId}/revisions`, {
        reason: 'Aanvulling op de samenvatting',
      });
      expect(revised.status, JSON.stringify(revised.body)).toBe(201);
      expect(summaryOf(revised.body).text).toContain(SUMMARY);
      const docName = `report:${revised.body.id}:summary`;
      const writer = connect(horizon(), docName);
      await synced(writer.provider);
      expect(writer.text()).toContain(SUMMARY);
      appendParagraph(writer.doc, 'Aanvulling na de correctie.');
      await waitFor(
        async () => summaryOf(await detail(revised.body.id)).text.includes('Aanvulling na de correctie.'),
        15_000,
        'correction stored',
      );
      // The published revision's part is untouched.
      expect(summaryOf(await detail(reportId)).text).not.toContain('Aanvulling');
    });
  });
}
