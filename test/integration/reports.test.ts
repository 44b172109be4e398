import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CoverageResponse,
  GoalsResponse,
  KpiView,
  NotificationsResponse,
  OpenedRound,
  ReportDetail,
  ReportKpi,
  ReportsResponse,
  SectionsResponse,
  TablesResponse,
} from '../../shared/api.ts';
import type { ErrorBody } from '../../shared/errors.ts';
import { formatKpiValue } from '../../shared/format-nl.ts';
import { Client } from '../support/app-server.ts';
import { deployments, type Deployment } from '../support/deployments.ts';
import { CHAIR, COUNCIL, consentAll, MUNICIPALITIES, PROVIDERS, SECRETARIAT } from '../support/demo-people.ts';
import { replyValidator } from '../support/openapi-schemas.ts';
import { fetchPdf, fontRows, popplerAvailable, readPdf } from '../support/poppler.ts';
import { expectedFigures } from '../support/report-figures.ts';

const poppler = await popplerAvailable();
if (!poppler) console.warn('!! poppler-utils not found: the PDF text, tag and font checks of reports are SKIPPED');

/** Amsterdam moments around the end of 2026-H1 (summer time: UTC+2). */
const AT = {
  start: '2026-03-02T09:00:00Z',
  roundA: '2026-06-29T08:00:00Z',
  roundB: '2026-06-30T19:00:00Z',
  lastMinute: '2026-06-30T21:59:00Z', // 30 June 23:59 in Amsterdam: counts
  nextDay: '2026-06-30T22:00:00Z', // 1 July 00:00 in Amsterdam: does not
  later: '2026-07-15T10:00:00Z',
};

for (const kind of deployments()) {
  describe(`progress reports, ${kind.name}`, () => {
    let server: Deployment;
    let tableId: string;
    let sections: Map<string, string>;
    let validate: (schema: string, body: unknown) => string[];
    const people = new Map<string, Client>();
    const as = (email: string) => people.get(email)!;
    const secretariat = () => as(SECRETARIAT);
    const chair = () => as(CHAIR);
    const council = () => as(COUNCIL);
    const alkmaar = () => as('beleid@alkmaar.demo');
    const horizon = () => as('bestuur@horizon-jeugd.demo');
    let kpiId: string;
    let h1: string;
    let h1Published: { detail: ReportDetail; pdf: Uint8Array };

    const goals = async () => (await secretariat().get<GoalsResponse>(`/api/tables/${tableId}/goals`)).body;
    const report = async (id: string, viewer = secretariat()) => {
      const reply = await viewer.get<ReportDetail>(`/api/reports/${id}`);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(validate('ReportDetail', reply.body)).toEqual([]);
      return reply.body;
    };
    const kpiOf = (detail: ReportDetail, id: string): ReportKpi =>
      detail.generated.goals.flatMap((g) => g.kpis).find((k) => k.id === id)!;
    const pdfOf = (id: string, viewer = secretariat()) => fetchPdf(server.url, `/api/reports/${id}/pdf`, viewer);
    const agreeAll = (roundId: string) => consentAll(as, roundId);
    async function measure(id: string, period: string, value: number) {
      const reply = await secretariat().post(`/api/kpis/${id}/measurements`, { period, value, source: 'Test' });
      expect([200, 201], JSON.stringify(reply.body)).toContain(reply.status);
    }
    async function linkGoals(sectionTitle: string, goalIds: string[]) {
      const reply = await secretariat().put(`/api/sections/${sections.get(sectionTitle)!}/goals`, { goalIds });
      expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(300);
    }

    beforeAll(async () => {
      server = await kind.start({ startsAt: new Date(AT.start) });
      for (const email of [...MUNICIPALITIES, ...PROVIDERS, SECRETARIAT, CHAIR, COUNCIL]) {
        people.set(email, await new Client(server.url).login(email));
      }
      tableId = (await alkmaar().get<TablesResponse>('/api/tables')).body.tables[0]!.id;
      const list = (await alkmaar().get<SectionsResponse>(`/api/tables/${tableId}/sections`)).body.sections;
      sections = new Map(list.map((s) => [s.title, s.id]));
      validate = await replyValidator(server.url);
    }, 120_000);
    afterAll(async () => {
      await server?.close();
    });

    it('starts a draft only for the secretariat, with a period of the right shape that has begun', async () => {
      const path = `/api/tables/${tableId}/reports`;
      expect((await horizon().post(path, { kind: 'progress', period: '2026-H1' })).status).toBe(403);
      expect((await chair().post(path, { kind: 'progress', period: '2026-H1' })).status).toBe(403);
      expect((await secretariat().post(path, { kind: 'progress', period: '2026' })).status).toBe(400);
      expect((await secretariat().post(path, { kind: 'evaluation', period: '2026-H1' })).status).toBe(400);
      expect((await secretariat().post(path, { kind: 'evaluation', period: '1999' })).status).toBe(400);
      expect((await secretariat().post(path, { kind: 'progress', period: '2026-H1', extra: 1 })).status).toBe(400);
      const future = await secretariat().post<ErrorBody>(path, { kind: 'progress', period: '2026-H2' });
      expect(future.status).toBe(400);
      expect(future.body.error.message).toContain('has not started');

      const started = await secretariat().post<ReportDetail>(path, { kind: 'progress', period: '2026-H1' });
      expect(started.status, JSON.stringify(started.body)).toBe(201);
      expect(started.body).toMatchObject({
        kind: 'progress',
        period: '2026-H1',
        revision: 1,
        status: 'draft',
        title: `Voortgangsrapportage 2026-H1 — ${started.body.tableName}`,
        readyByChair: null,
        readyBySecretariat: null,
        can: { writeNarrative: false, markReady: true, publish: false, revise: false },
      });
      expect(started.body.generated).toMatchObject({ periodStart: '2026-01-01', periodEnd: '2026-06-30' });
      const goalIds = (await goals()).goals.map((g) => g.id);
      expect(started.body.narrative.map((p) => p.key)).toEqual([
        'summary',
        ...goalIds.map((id) => `goal-${id}`),
        'outlook',
      ]);
      expect(started.body.narrative[0]).toMatchObject({
        title: 'Samenvatting',
        docName: `report:${started.body.id}:summary`,
      });
      h1 = started.body.id;
      const twice = await secretariat().post<ErrorBody>(path, { kind: 'progress', period: '2026-H1' });
      expect(twice.status).toBe(409);
    });

    it('shows a draft to the table, never to the council (404, not in their list)', async () => {
      const list = await council().get<ReportsResponse>(`/api/tables/${tableId}/reports`);
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ reports: [], canStart: false });
      expect((await council().get(`/api/reports/${h1}`)).status).toBe(404);
      expect((await pdfOf(h1, council())).status).toBe(404);
      const mine = await secretariat().get<ReportsResponse>(`/api/tables/${tableId}/reports`);
      expect(mine.body.canStart).toBe(true);
      expect(mine.body.reports.map((r) => r.id)).toEqual([h1]);
      expect(validate('ReportsResponse', mine.body)).toEqual([]);
      const delegate = await report(h1, horizon());
      expect(delegate.can).toMatchObject({ writeNarrative: true, markReady: false, publish: false });
    });

    it('computes the figures as of the period end: a 2026-H2 figure never shows, a late 2026-H1 one does', async () => {
      const goal = (await goals()).goals[0]!;
      const created = await secretariat().post<KpiView>(`/api/tables/${tableId}/goals/${goal.id}/kpis`, {
        indicator: 'Gemiddelde wachttijd tot passende hulp',
        unit: 'days',
        direction: 'lower_is_better',
        baseline: { year: 2024, value: 40 },
        targets: [
          { year: 2026, value: 30 },
          { year: 2027, value: 25 },
        ],
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      kpiId = created.body.id;
      await measure(kpiId, '2025-H1', 38);
      await measure(kpiId, '2025-H2', 35);
      // Coverage on 2 March: Planning serves Afbakening jeugdhulp (unlinked again after the period).
      const afbakening = (await goals()).goals.find((g) => g.title === 'Afbakening jeugdhulp')!;
      await linkGoals('Planning', [afbakening.id]);
      const coverageInH1 = (await secretariat().get<CoverageResponse>(`/api/tables/${tableId}/coverage`)).body;

      // A round on A that closes on 30 June at 23:59 in Amsterdam counts; B's, at 00:00 on 1 July, does not.
      const a = sections.get('Gezinshuizen en pleegzorg')!;
      const b = sections.get('Vastgoed')!;
      await server.setClock(new Date(AT.roundA));
      const roundA = await alkmaar().post<OpenedRound>(`/api/sections/${a}/rounds`);
      expect(roundA.status, JSON.stringify(roundA.body)).toBe(201);
      await server.setClock(new Date(AT.roundB));
      const roundB = await alkmaar().post<OpenedRound>(`/api/sections/${b}/rounds`);
      expect(roundB.status).toBe(201);
      await server.setClock(new Date(AT.lastMinute));
      await agreeAll(roundA.body.round.id);
      await server.setClock(new Date(AT.nextDay));
      await agreeAll(roundB.body.round.id);

      // After the period: the 2026-H1 figure comes in late, 2026-H2's too, and Planning loses its goal.
      await server.setClock(new Date(AT.later));
      await measure(kpiId, '2026-H1', 31.5);
      await measure(kpiId, '2026-H2', 29);
      await linkGoals('Planning', []);

      const detail = await report(h1);
      const all = await goals();
      for (const view of all.goals.flatMap((g) => g.kpis)) {
        const expected = expectedFigures(view, '2026-H1', null);
        const kpi = kpiOf(detail, view.id);
        expect(kpi.current, view.indicator).toEqual(expected.current);
        expect(kpi.target, view.indicator).toBe(expected.target);
        if (expected.changeSinceBaseline === null) expect(kpi.changeSinceBaseline).toBeNull();
        else expect(kpi.changeSinceBaseline, view.indicator).toBeCloseTo(expected.changeSinceBaseline, 9);
        expect(kpi.changeSincePreviousReport, view.indicator).toBeNull();
        expect(kpi.series.filter((p) => p.value !== null).map((p) => [p.period, p.value])).toEqual(expected.measured);
        expect(kpi.series.at(-1)?.period ?? '2026-H1').toBe('2026-H1');
      }
      const wait = kpiOf(detail, kpiId);
      expect(wait).toMatchObject({
        current: { period: '2026-H1', value: 31.5 },
        target: 30,
        changeSinceBaseline: -8.5,
        // 31.5 days against a target of 30 for 2026-H1, lower is better.
        status: 'off_track',
        series: [
          { period: '2025-H1', value: 38, target: null },
          { period: '2025-H2', value: 35, target: null },
          { period: '2026-H1', value: 31.5, target: 30 },
        ],
      });
      expect(JSON.stringify(wait)).not.toContain('2026-H2');

      const sectionA = detail.generated.sections.find((s) => s.id === a)!;
      expect(sectionA).toMatchObject({ state: 'agreed', adoptedVersion: { number: 1, way: 'consensus' } });
      expect(sectionA.rounds).toEqual([
        {
          id: roundA.body.round.id,
          kind: 'consent',
          versionNumber: 1,
          openedAt: new Date(AT.roundA).toISOString(),
          closedAt: new Date(AT.lastMinute).toISOString(),
          outcome: 'agreed',
        },
      ]);
      const sectionB = detail.generated.sections.find((s) => s.id === b)!;
      expect(sectionB).toMatchObject({ state: 'in_consultation', adoptedVersion: null });
      expect(sectionB.rounds).toEqual([expect.objectContaining({ closedAt: null, outcome: null })]);
      expect(detail.generated.sections.filter((s) => s.id !== a && s.id !== b).every((s) => s.state === 'draft')).toBe(
        true,
      );
      expect(detail.generated.planVersions.find((v) => v.sectionId === a)?.versionNumber).toBe(1);
      expect(detail.generated.planVersions.find((v) => v.sectionId === b)?.versionNumber).toBeNull();

      // The matrix as it stood on 30 June, not as it is now.
      const linksThen = coverageInH1.links.map((l) => `${l.sectionId}:${l.goalId}`).sort();
      expect(detail.generated.coverage.links.map((l) => `${l.sectionId}:${l.goalId}`).sort()).toEqual(linksThen);
      expect(detail.generated.coverage.reconstructed).toBe(true);
      expect(detail.generated.limitations).toHaveLength(1);
    });

    it('publishes only once the chair and the secretariat have both marked it ready; providers cannot', async () => {
      const publish = `/api/reports/${h1}/publish`;
      const early = await secretariat().post<ErrorBody>(publish);
      expect(early.status).toBe(409);
      expect(early.body.error.details).toEqual({ readyByChair: false, readyBySecretariat: false });
      expect((await horizon().post(publish)).status).toBe(403);
      expect((await alkmaar().post(publish)).status).toBe(403);
      expect((await council().post(publish)).status).toBe(403);
      expect((await horizon().post(`/api/reports/${h1}/ready`)).status).toBe(403);

      const byChair = await chair().post<ReportDetail>(`/api/reports/${h1}/ready`);
      expect(byChair.status).toBe(200);
      expect(byChair.body.readyByChair?.by.name).toBeTruthy();
      expect(byChair.body.can.markReady).toBe(false);
      expect((await secretariat().post(publish)).status).toBe(409);
      expect((await secretariat().post(`/api/reports/${h1}/ready`)).status).toBe(200);
      expect((await horizon().post(publish)).status).toBe(403);

      const published = await secretariat().post<ReportDetail>(publish);
      expect(published.status, JSON.stringify(published.body)).toBe(200);
      expect(published.body).toMatchObject({
        status: 'published',
        publishedAt: new Date(AT.later).toISOString(),
        publishedBy: { name: expect.any(String) },
        superseded: false,
        can: { publish: false, revise: true, markReady: false },
      });
      expect((await secretariat().post(publish)).status).toBe(409);
      expect((await chair().post(`/api/reports/${h1}/ready`)).status).toBe(409);
      const pdf = await pdfOf(h1);
      expect(pdf.status).toBe(200);
      expect(pdf.type).toBe('application/pdf');
      h1Published = { detail: await report(h1), pdf: pdf.bytes };

      // Everyone at the table hears of it, the council included, with a link to the report.
      const bell = await council().get<NotificationsResponse>('/api/notifications');
      const note = bell.body.notifications.find((n) => n.kind === 'report_published')!;
      expect(note).toMatchObject({
        message: 'Voortgangsrapportage 2026-H1 gepubliceerd',
        reportId: h1,
        link: `/reports/${h1}`,
      });
    });

    it('shows the council the published report', async () => {
      const list = await council().get<ReportsResponse>(`/api/tables/${tableId}/reports`);
      expect(list.body.reports.map((r) => [r.id, r.status])).toEqual([[h1, 'published']]);
      const seen = await report(h1, council());
      expect(seen.generated).toEqual(h1Published.detail.generated);
      expect(seen.can).toEqual({
        writeNarrative: false,
        markReady: false,
        publish: false,
        revise: false,
        ask: true,
        answer: false,
      });
    });

    it('keeps a published report byte for byte when KPIs and figures change afterwards', async () => {
      const kpiPath = `/api/tables/${tableId}/kpis/${kpiId}`;
      const changed = await secretariat().patch(kpiPath, {
        indicator: 'Wachttijd (nieuw)',
        targets: [{ year: 2026, value: 20 }],
      });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      await measure(kpiId, '2026-H1', 33);
      const after = await report(h1);
      expect(after.generated).toEqual(h1Published.detail.generated);
      expect(after.narrative).toEqual(h1Published.detail.narrative);
      const pdf = await pdfOf(h1);
      expect(Buffer.from(pdf.bytes).equals(Buffer.from(h1Published.pdf))).toBe(true);
    });

    it('renders a tagged PDF with every font embedded, the Dutch figures and the section states', async () => {
      if (!poppler) return;
      const { text, info, fonts } = await readPdf(h1Published.pdf);
      expect(info).toMatch(/^Tagged:\s+yes$/m);
      expect(info).toMatch(/^Page size:.*\(A4\)$/m);
      expect(info).toMatch(/^Title:\s+Voortgangsrapportage 2026-H1 — /m);
      const rows = fontRows(fonts);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$/);
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain('31,5 dagen');
      expect(flat).toContain('-8,5 dagen');
      expect(flat).toContain('1 januari – 30 juni 2026');
      expect(flat).toContain('15 juli 2026');
      // Every KPI's figure of the report, in Dutch: "4,6 %" and the like.
      for (const kpi of h1Published.detail.generated.goals.flatMap((g) => g.kpis)) {
        if (kpi.current) expect(flat, kpi.indicator).toContain(formatKpiValue(kpi.current.value, kpi.unit));
      }
      expect(flat).toContain('Vastgesteld');
      expect(flat).toContain('In instemmingsronde');
      expect(flat).toContain('Concept');
      expect(flat).toContain('Opgesteld op basis van planversies');
      expect(flat).toContain('Gezinshuizen en pleegzorg: versie 1');
    });

    it('corrects a published report with a new revision and keeps the old one readable', async () => {
      const path = `/api/reports/${h1}/revisions`;
      expect((await horizon().post(path, { reason: 'x' })).status).toBe(403);
      expect((await secretariat().post(path, {})).status).toBe(400);
      const revised = await secretariat().post<ReportDetail>(path, {
        reason: 'Correctie van de wachttijd over 2026-H1',
      });
      expect(revised.status, JSON.stringify(revised.body)).toBe(201);
      expect(revised.body).toMatchObject({
        revision: 2,
        status: 'draft',
        reason: 'Correctie van de wachttijd over 2026-H1',
      });
      expect(revised.body.revisions.map((r) => r.revision)).toEqual([1, 2]);
      expect((await secretariat().post(path, { reason: 'nog een' })).status).toBe(409);
      expect((await secretariat().post(`/api/reports/${revised.body.id}/revisions`, { reason: 'x' })).status).toBe(409);
      // The council sees the published revision only.
      expect((await council().get(`/api/reports/${revised.body.id}`)).status).toBe(404);
      expect((await report(h1, council())).revisions.map((r) => r.revision)).toEqual([1]);

      const second = revised.body.id;
      expect(kpiOf(revised.body, kpiId)).toMatchObject({ current: { value: 33 }, target: 20 });
      await chair().post(`/api/reports/${second}/ready`);
      await secretariat().post(`/api/reports/${second}/ready`);
      const published = await secretariat().post<ReportDetail>(`/api/reports/${second}/publish`);
      expect(published.status).toBe(200);

      const old = await report(h1, council());
      expect(old.superseded).toBe(true);
      expect(old.generated).toEqual(h1Published.detail.generated);
      expect(Buffer.from((await pdfOf(h1, council())).bytes).equals(Buffer.from(h1Published.pdf))).toBe(true);
      const list = await council().get<ReportsResponse>(`/api/tables/${tableId}/reports`);
      expect(list.body.reports.map((r) => [r.revision, r.superseded])).toEqual([
        [2, false],
        [1, true],
      ]);
      if (poppler) {
        const { text } = await readPdf((await pdfOf(second, council())).bytes);
        expect(text.replace(/\s+/g, ' ')).toContain('Correctie van de wachttijd over 2026-H1');
      }
    });

    it('compares with the previous published report, and shows a later period as of its own end', async () => {
      const started = await secretariat().post<ReportDetail>(`/api/tables/${tableId}/reports`, {
        kind: 'progress',
        period: '2026-H2',
      });
      expect(started.status, JSON.stringify(started.body)).toBe(201);
      const kpi = kpiOf(started.body, kpiId);
      // Against 33 in the corrected 2026-H1 report (revision 2, the one not superseded).
      expect(kpi).toMatchObject({ current: { period: '2026-H2', value: 29 }, changeSincePreviousReport: -4 });
      const b = started.body.generated.sections.find((s) => s.id === sections.get('Vastgoed'))!;
      expect(b).toMatchObject({ state: 'agreed', rounds: [expect.objectContaining({ outcome: 'agreed' })] });
      const planning = sections.get('Planning')!;
      expect(started.body.generated.coverage.links.some((l) => l.sectionId === planning)).toBe(false);
    });
  });
}
