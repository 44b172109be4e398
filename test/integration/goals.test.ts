import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AuditResponse,
  GoalDetail,
  GoalsResponse,
  GoalView,
  KpiView,
  PrincipleView,
  SearchResponse,
  TablesResponse,
} from '../../shared/api.ts';
import type { ErrorBody } from '../../shared/errors.ts';
import { Client } from '../support/app-server.ts';
import { deployments, type Deployment } from '../support/deployments.ts';

for (const kind of deployments()) {
  describe(`principles, goals, KPIs, measurements and search, ${kind.name}`, () => {
    let server: Deployment;
    let tableId: string;
    let secretariat: Client;
    let delegate: Client;
    let council: Client;
    // 2 March 2026: 2026-H1 has started, 2026-H2 has not.

    const latestAudit = async () =>
      (await secretariat.get<AuditResponse>(`/api/tables/${tableId}/audit?limit=1`)).body.events[0]!;
    const goals = async () => (await secretariat.get<GoalsResponse>(`/api/tables/${tableId}/goals`)).body;
    const kpiNamed = async (indicator: string) =>
      (await goals()).goals.flatMap((g) => g.kpis).find((k) => k.indicator === indicator)!;

    beforeAll(async () => {
      server = await kind.start({ startsAt: new Date('2026-03-02T09:00:00Z') });
      secretariat = await new Client(server.url).login('secretariaat@regio-alkmaar.demo');
      delegate = await new Client(server.url).login('beleid@alkmaar.demo');
      council = await new Client(server.url).login('raadslid@alkmaar.demo');
      tableId = (await delegate.get<TablesResponse>('/api/tables')).body.tables[0]!.id;
    });
    afterAll(async () => {
      await server?.close();
    });

    it('shows every member the principles, goals and KPIs with targets, measurements and status', async () => {
      const reply = await council.get<GoalsResponse>(`/api/tables/${tableId}/goals`);
      expect(reply.status).toBe(200);
      const body = reply.body;
      expect(body).toMatchObject({ canManage: false, canMeasure: false, planPeriod: { start: 2026, end: 2030 } });
      expect(body.principles).toHaveLength(10);
      expect(body.principles[0]!.title).toBe('We versterken de eigen kracht');
      expect(body.goals.map((g) => g.title)).toEqual([
        'Ondersteuning eigen kracht',
        'Ambulantisering',
        'Meer uitstroom',
        'Minder instroom',
        'Zo thuis mogelijk',
        'Afbakening jeugdhulp',
      ]);
      const ambulant = body.goals[1]!;
      expect(ambulant.nationalGoal).toBe('C');
      expect(ambulant.principleIds).toHaveLength(2);
      expect(ambulant.sectionIds.length).toBeGreaterThan(0);
      const verblijf = ambulant.kpis.find((k) => k.indicator === 'Aandeel jeugdigen met verblijf')!;
      expect(verblijf).toMatchObject({
        unit: 'percent',
        direction: 'lower_is_better',
        baseline: { year: 2022, value: 5 },
      });
      expect(verblijf.targets[0]).toEqual({ year: 2026, value: 4.5 });
      expect(verblijf.measurements.map((m) => m.period)).toEqual([
        '2023-H1',
        '2023-H2',
        '2024-H1',
        '2024-H2',
        '2025-H1',
        '2025-H2',
        '2026-H1',
      ]);
      expect(verblijf.measurements[0]!.recordedBy.name).toBe('Sanne de Vries');
      // 4.6 % in 2026-H1 against a target of 4.5 %, lower is better: not on track.
      expect(verblijf.status).toEqual({ status: 'off_track', period: '2026-H1' });
      expect(ambulant.kpis.find((k) => k.indicator === 'Aandeel budget voor verblijf')!.status.status).toBe('on_track');

      const mine = await secretariat.get<GoalsResponse>(`/api/tables/${tableId}/goals`);
      expect(mine.body).toMatchObject({ canManage: true, canMeasure: true });
    });

    it('shows a goal page: the goal, the principles it serves and the sections that serve it', async () => {
      const ambulant = (await goals()).goals[1]!;
      const reply = await council.get<GoalDetail>(`/api/tables/${tableId}/goals/${ambulant.id}`);
      expect(reply.status).toBe(200);
      expect(reply.body.goal.id).toBe(ambulant.id);
      expect(reply.body.principles.map((p) => p.title)).toEqual([
        'We bieden ondersteuning nabij en zo thuis als mogelijk',
        'Voor iedereen passende ondersteuning',
      ]);
      expect(reply.body.sections.map((s) => s.title)).toContain('Afbouw verblijf en opbouw ambulant');
      expect((await council.get(`/api/tables/${tableId}/goals/${crypto.randomUUID()}`)).status).toBe(404);
    });

    it('lets the secretariat keep principles; others are refused, bad input gets a 400', async () => {
      const path = `/api/tables/${tableId}/principles`;
      expect((await delegate.post(path, { title: 'Nieuw' })).status).toBe(403);
      expect((await secretariat.post(path, { title: '' })).status).toBe(400);
      expect((await secretariat.post(path, { title: 'x', colour: 'red' })).status).toBe(400);
      const created = await secretariat.post<PrincipleView>(path, {
        title: 'Wij meten wat ertoe doet',
        description: 'Sturen op resultaat.',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ title: 'Wij meten wat ertoe doet', position: 10 });
      expect(await latestAudit()).toMatchObject({ kind: 'principle.created', subject: { id: created.body.id } });

      const one = `${path}/${created.body.id}`;
      expect((await delegate.patch(one, { title: 'Anders' })).status).toBe(403);
      expect((await secretariat.patch(one, {})).status).toBe(400);
      const updated = await secretariat.patch<PrincipleView>(one, { title: 'We meten wat ertoe doet' });
      expect(updated.body.title).toBe('We meten wat ertoe doet');
      expect(await latestAudit()).toMatchObject({ kind: 'principle.updated' });
      expect((await delegate.delete(one)).status).toBe(403);
      expect((await secretariat.delete(one)).status).toBe(204);
      expect(await latestAudit()).toMatchObject({ kind: 'principle.deleted' });
      expect((await secretariat.delete(one)).status).toBe(404);
    });

    it('lets the secretariat keep goals with the principles they serve', async () => {
      const principles = (await goals()).principles;
      const path = `/api/tables/${tableId}/goals`;
      const body = { title: 'Sneller passende hulp', nationalGoal: 'C', principleIds: [principles[5]!.id] };
      expect((await delegate.post(path, body)).status).toBe(403);
      expect((await secretariat.post(path, { ...body, nationalGoal: 'F' })).status).toBe(400);
      const stranger = await secretariat.post<ErrorBody>(path, { ...body, principleIds: [crypto.randomUUID()] });
      expect(stranger.status).toBe(400);
      expect(stranger.body.error.message).toContain('principleIds');

      const created = await secretariat.post<GoalView>(path, body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        title: 'Sneller passende hulp',
        nationalGoal: 'C',
        kpis: [],
        sectionIds: [],
      });
      expect(created.body.principleIds).toEqual([principles[5]!.id]);
      expect(await latestAudit()).toMatchObject({ kind: 'goal.created' });

      const one = `${path}/${created.body.id}`;
      const updated = await secretariat.patch<GoalView>(one, { nationalGoal: null, principleIds: [] });
      expect(updated.body).toMatchObject({ nationalGoal: null, principleIds: [] });
      expect((await delegate.patch(one, { title: 'x' })).status).toBe(403);
      expect((await secretariat.patch(one, { title: 7 })).status).toBe(400);

      // A goal with KPIs stays; without, it can go.
      const kpi = await secretariat.post<KpiView>(`${one}/kpis`, {
        indicator: 'Wachttijd toegang',
        unit: 'days',
        direction: 'lower_is_better',
        baseline: { year: 2024, value: 42 },
        targets: [],
      });
      expect(kpi.status).toBe(201);
      const blocked = await secretariat.delete<ErrorBody>(one);
      expect(blocked.status).toBe(409);
      expect(blocked.body.error.code).toBe('conflict');
      expect((await secretariat.delete(`/api/tables/${tableId}/kpis/${kpi.body.id}`)).status).toBe(204);
      expect(await latestAudit()).toMatchObject({ kind: 'kpi.deleted' });
      expect((await delegate.delete(one)).status).toBe(403);
      expect((await secretariat.delete(one)).status).toBe(204);
      expect(await latestAudit()).toMatchObject({ kind: 'goal.deleted' });
    });

    it('validates KPIs: values fit the unit, targets fall within the plan period', async () => {
      const goal = (await goals()).goals[4]!;
      const path = `/api/tables/${tableId}/goals/${goal.id}/kpis`;
      const kpi = {
        indicator: 'Aandeel pleegzorg binnen verblijf',
        unit: 'percent',
        direction: 'higher_is_better',
        baseline: { year: 2024, value: 31 },
        targets: [
          { year: 2026, value: 33 },
          { year: 2030, value: 40 },
        ],
      };
      expect((await delegate.post(path, kpi)).status).toBe(403);
      const outside = await secretariat.post<ErrorBody>(path, { ...kpi, targets: [{ year: 2031, value: 42 }] });
      expect(outside.status).toBe(400);
      expect(outside.body.error.message).toMatch(/targets\.0\.year.*outside the plan period 2026-2030/);
      const percent = await secretariat.post<ErrorBody>(path, { ...kpi, baseline: { year: 2024, value: 131 } });
      expect(percent.status).toBe(400);
      expect(percent.body.error.message).toMatch(/baseline\.value.*between 0 and 100/);
      const twice = await secretariat.post<ErrorBody>(path, {
        ...kpi,
        targets: [
          { year: 2027, value: 1 },
          { year: 2027, value: 2 },
        ],
      });
      expect(twice.status).toBe(400);
      expect((await secretariat.post(path, { ...kpi, unit: 'liters' })).status).toBe(400);

      const created = await secretariat.post<KpiView>(path, kpi);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ goalId: goal.id, targets: kpi.targets, status: { status: 'no_data' } });
      expect(await latestAudit()).toMatchObject({ kind: 'kpi.created', subject: { id: created.body.id } });

      const one = `/api/tables/${tableId}/kpis/${created.body.id}`;
      const patched = await secretariat.patch<KpiView>(one, { targets: [{ year: 2028, value: 36 }] });
      expect(patched.body.targets).toEqual([{ year: 2028, value: 36 }]);
      expect((await secretariat.patch(one, { targets: [{ year: 2025, value: 36 }] })).status).toBe(400);
      expect((await delegate.patch(one, { indicator: 'x' })).status).toBe(403);
      expect(await latestAudit()).toMatchObject({ kind: 'kpi.updated' });
    });

    it('records and corrects half-yearly measurements, with the rules a secretariat expects', async () => {
      const kpi = await kpiNamed('Aandeel verblijf in een gezinshuis of pleeggezin');
      const path = `/api/tables/${tableId}/kpis/${kpi.id}/measurements`;
      const good = { period: '2026-H1', value: 52.9, source: 'Declaratiedata iJw', note: 'Herziene levering' };

      expect((await delegate.post(path, good)).status).toBe(403);
      expect((await council.post(path, good)).status).toBe(403);
      for (const [body, fragment] of [
        [{ ...good, value: 140 }, 'between 0 and 100'],
        [{ ...good, value: -1 }, 'between 0 and 100'],
        [{ ...good, period: '2026-H3' }, 'period'],
        [{ ...good, period: '2026-H2' }, 'has not started yet'],
        [{ ...good, period: '2021-H2' }, 'before the baseline year'],
        [{ ...good, source: '' }, 'source'],
        [{ ...good, value: '52' }, 'value'],
      ] as const) {
        const reply = await secretariat.post<ErrorBody>(path, body);
        expect(reply.status, JSON.stringify(body)).toBe(400);
        expect(reply.body.error.message).toContain(fragment);
      }

      // 2026-H1 was measured already: this corrects it, and the audit keeps the old figure.
      const corrected = await secretariat.post<KpiView>(path, good);
      expect(corrected.status).toBe(200);
      expect(corrected.body.measurements.at(-1)).toMatchObject({
        period: '2026-H1',
        value: 52.9,
        note: 'Herziene levering',
      });
      expect(await latestAudit()).toMatchObject({
        kind: 'kpi.measurement_corrected',
        data: { period: '2026-H1', value: 52.9, previous: { value: 52.4 } },
      });

      // Half a year later the next half year can be recorded, through the route that names only the KPI.
      await server.advanceClock(183 * 24 * 3600 * 1000);
      // Sessions lapse after 30 days without use: everyone logs in again.
      secretariat = await new Client(server.url).login('secretariaat@regio-alkmaar.demo');
      delegate = await new Client(server.url).login('beleid@alkmaar.demo');
      council = await new Client(server.url).login('raadslid@alkmaar.demo');
      const recorded = await secretariat.post<KpiView>(`/api/kpis/${kpi.id}/measurements`, {
        period: '2026-H2',
        value: 54,
        source: 'Declaratiedata iJw',
      });
      expect(recorded.status).toBe(201);
      expect(recorded.body.measurements.map((m) => m.period).at(-1)).toBe('2026-H2');
      expect(recorded.body.status).toEqual({ status: 'on_track', period: '2026-H2' });
      expect(await latestAudit()).toMatchObject({ kind: 'kpi.measurement_recorded' });
      expect((await delegate.post(`/api/kpis/${kpi.id}/measurements`, good)).status).toBe(403);
      expect((await secretariat.post(`/api/kpis/${crypto.randomUUID()}/measurements`, good)).status).toBe(404);
      const percent = await secretariat.post<ErrorBody>(`/api/kpis/${kpi.id}/measurements`, { ...good, value: 140 });
      expect(percent.status).toBe(400);
      // A code the client words in Dutch.
      expect(percent.body.error.details).toEqual({
        fields: [{ path: 'value', code: 'percent_range' }],
        issues: [{ path: 'value', message: 'a percentage lies between 0 and 100', code: 'percent_range' }],
      });
      const spaced = await secretariat.post<ErrorBody>(`/api/kpis/${kpi.id}/measurements`, {
        ...good,
        period: '2026 H1',
      });
      expect(spaced.body.error.details).toMatchObject({ fields: [{ path: 'period', code: 'invalid_period' }] });

      // A measured KPI stays on record.
      const blocked = await secretariat.delete<ErrorBody>(`/api/tables/${tableId}/kpis/${kpi.id}`);
      expect(blocked.status).toBe(409);
      const unit = await secretariat.patch<ErrorBody>(`/api/tables/${tableId}/kpis/${kpi.id}`, { unit: 'count' });
      expect(unit.status).toBe(409);
    });

    it('searches sections, goals, KPIs and principles in Dutch, the same on every database', async () => {
      const search = async (q: string) =>
        (await council.get<SearchResponse>(`/api/tables/${tableId}/search?q=${encodeURIComponent(q)}`)).body;
      const found = await search('gezinshuizen');
      // What the word itself matches comes first; the singular "gezinshuis" (a word form) after it.
      expect(found.results.map((r) => `${r.kind}: ${r.title}`).slice(0, 2)).toEqual([
        'section: Gezinshuizen en pleegzorg',
        'goal: Zo thuis mogelijk',
      ]);
      expect(found.results.map((r) => `${r.kind}: ${r.title}`)).toContain(
        'kpi: Aandeel verblijf in een gezinshuis of pleeggezin',
      );
      expect(found.results[0]!.snippet.startsWith('\u0002Gezinshuizen\u0003 en pleegzorg: ')).toBe(true);
      // Stemming: "ambulante" finds "ambulant".
      expect((await search('ambulante')).results.map((r) => r.title)).toContain('Afbouw verblijf en opbouw ambulant');

      // Title hits weigh more than body hits; ties are ordered by kind and title.
      const verblijf = await search('verblijf');
      expect(verblijf.results.map((r) => `${r.kind}: ${r.title}`)).toEqual([
        'section: Afbouw verblijf en opbouw ambulant',
        'goal: Ambulantisering',
        'principle: We bieden ondersteuning nabij en zo thuis als mogelijk',
        'section: Doelen en ambitie',
        'section: Financiën en tarieven',
        'kpi: Aandeel budget voor verblijf',
        'kpi: Aandeel jeugdigen met verblijf',
        // Added by the KPI test above.
        'kpi: Aandeel pleegzorg binnen verblijf',
        'kpi: Aandeel verblijf in een gezinshuis of pleeggezin',
      ]);
      expect(verblijf.results.find((r) => r.kind === 'kpi')!.goalId).toEqual(expect.any(String));
      expect((await search('"afbakening jeugdhulp"')).results.map((r) => r.title)).toContain('Afbakening jeugdhulp');
      expect((await search('zzzqqq')).results).toEqual([]);
      // Words the Dutch configuration drops (de, het, en) alone find nothing rather than failing.
      expect((await search('de het en')).results).toEqual([]);

      expect((await council.get<ErrorBody>(`/api/tables/${tableId}/search`)).status).toBe(400);
      expect((await council.get(`/api/tables/${tableId}/search?q=${'a'.repeat(201)}`)).status).toBe(400);
      expect((await council.get(`/api/tables/${tableId}/search?q=x&limit=3`)).status).toBe(400);
    });
  });
}
