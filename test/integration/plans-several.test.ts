import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CoverageResponse,
  PlansResponse,
  PlanView,
  SearchResponse,
  SectionsResponse,
  SectionView,
  TablesResponse,
} from '../../shared/api.ts';
import type { ErrorBody } from '../../shared/errors.ts';
import { Client } from '../support/app-server.ts';
import { deployments, type Deployment } from '../support/deployments.ts';

type PlanReply = PlanView & { sections: SectionView[] };

/**
 * Issue 16, items 3 and 4: a table with a second plan keeps its plans apart (sections numbered within
 * their plan, coverage per plan, search naming the plan), and search joins Dutch word forms the stemmer
 * does not ("huizen" and "huis"), on every database.
 */
for (const kind of deployments()) {
  describe(`several plans in one table, and word forms in search, ${kind.name}`, () => {
    let server: Deployment;
    let tableId: string;
    let secretariat: Client;
    let council: Client;
    let firstPlan: PlanReply;
    let secondPlan: PlanReply;
    const added: Record<string, SectionView> = {};

    /** The text a section's live document would have stored; search reads content_text. */
    const writeText = (sectionId: string, text: string) =>
      server.query('update sections set content_text = $2 where id = $1', [sectionId, text]);
    const search = async (q: string) =>
      (await council.get<SearchResponse>(`/api/tables/${tableId}/search?q=${encodeURIComponent(q)}`)).body;

    beforeAll(async () => {
      server = await kind.start();
      secretariat = await new Client(server.url).login('secretariaat@regio-alkmaar.demo');
      council = await new Client(server.url).login('raadslid@alkmaar.demo');
      tableId = (await secretariat.get<TablesResponse>('/api/tables')).body.tables[0]!.id;
      firstPlan = (await secretariat.get<PlansResponse>(`/api/tables/${tableId}/plans`)).body.plans[0]!;

      const plans = `/api/tables/${tableId}/plans`;
      const created = await secretariat.post<PlanReply>(plans, {
        title: 'Verbeterplan wonen 2027-2029',
        periodStart: 2027,
        periodEnd: 2029,
        template: 'leeg',
      });
      expect(created.status).toBe(201);
      secondPlan = created.body;
      for (const [key, title, text] of [
        ['woonplekken', 'Woonplekken', 'Elk kind krijgt een huis dichtbij school.'],
        ['kleinschalig', 'Kleinschalig wonen', 'In de wijk komen kleine huizen voor jongeren.'],
        ['duiventil', 'Duiventil', 'De zorg is als een duif die terugkeert.'],
      ] as const) {
        const reply = await secretariat.post<SectionView>(`${plans}/${secondPlan.id}/sections`, { title });
        expect(reply.status).toBe(201);
        added[key] = reply.body;
        await writeText(reply.body.id, text);
      }
    });
    afterAll(async () => {
      await server?.close();
    });

    it('numbers sections within their own plan', async () => {
      const of = async (planId: string) =>
        (await council.get<SectionsResponse>(`/api/tables/${tableId}/sections?planId=${planId}`)).body.sections;
      const second = await of(secondPlan.id);
      expect(second.map((s) => s.title)).toEqual(['Woonplekken', 'Kleinschalig wonen', 'Duiventil']);
      expect(second.map((s) => s.position)).toEqual([0, 1, 2]);
      expect(new Set(second.map((s) => s.plan.title))).toEqual(new Set(['Verbeterplan wonen 2027-2029']));
      const first = await of(firstPlan.id);
      expect(first.length).toBeGreaterThan(0);
      expect(first.every((s) => s.plan.id === firstPlan.id)).toBe(true);
      expect(first.map((s) => s.position)).toEqual([...first.map((s) => s.position)].sort((a, b) => a - b));
      // Without a plan: every live plan, grouped plan by plan (never interleaved).
      const all = (await council.get<SectionsResponse>(`/api/tables/${tableId}/sections`)).body.sections;
      const planOrder = all.map((s) => s.plan.id).filter((id, i, ids) => ids[i - 1] !== id);
      expect(planOrder).toEqual([firstPlan.id, secondPlan.id]);
      expect((await council.get<ErrorBody>(`/api/tables/${tableId}/sections?planId=nope`)).status).toBe(400);
    });

    it('judges coverage per plan', async () => {
      const coverage = async (planId: string) =>
        (await council.get<CoverageResponse>(`/api/tables/${tableId}/coverage?planId=${planId}`)).body;
      const second = await coverage(secondPlan.id);
      expect(second.sections.map((s) => s.id)).toEqual(Object.values(added).map((s) => s.id));
      expect(second.unlinkedSections).toEqual(second.sections.map((s) => s.id));
      // No section of the new plan serves a goal yet: every goal is uncovered by it, whatever the first plan does.
      expect(second.uncoveredGoals).toEqual(second.goals.map((g) => g.id));
      const first = await coverage(firstPlan.id);
      expect(first.sections.every((s) => s.planId === firstPlan.id)).toBe(true);
      expect(first.sections.some((s) => second.sections.some((t) => t.id === s.id))).toBe(false);
    });

    it('keeps an archived plan readable on its own', async () => {
      const archived = await secretariat.post<PlanReply>(`/api/tables/${tableId}/plans`, {
        title: 'Oud plan',
        periodStart: 2023,
        periodEnd: 2025,
        template: 'leeg',
      });
      const old = await secretariat.post<SectionView>(`/api/tables/${tableId}/plans/${archived.body.id}/sections`, {
        title: 'Terugblik',
      });
      expect(
        (await secretariat.patch(`/api/tables/${tableId}/plans/${archived.body.id}`, { archived: true })).status,
      ).toBe(200);
      const sections = (
        await council.get<SectionsResponse>(`/api/tables/${tableId}/sections?planId=${archived.body.id}`)
      ).body.sections;
      expect(sections.map((s) => [s.id, s.archived])).toEqual([[old.body.id, true]]);
      const all = (await council.get<SectionsResponse>(`/api/tables/${tableId}/sections`)).body.sections;
      expect(all.some((s) => s.id === old.body.id)).toBe(false);
    });

    it('names the plan of every section it finds', async () => {
      const found = await search('kleine huizen');
      const hit = found.results.find((r) => r.id === added.kleinschalig!.id);
      expect(hit?.plan).toEqual({ id: secondPlan.id, title: 'Verbeterplan wonen 2027-2029' });
      const goal = (await search('ambulantisering')).results.find((r) => r.kind === 'goal');
      if (goal) expect(goal.plan).toBeNull();
    });

    it('finds word forms the stemmer does not join, below what the query itself matches', async () => {
      const huizen = await search('huizen');
      const ids = huizen.results.map((r) => r.id);
      const literal = ids.indexOf(added.kleinschalig!.id);
      const singular = ids.indexOf(added.woonplekken!.id);
      expect(literal).toBeGreaterThanOrEqual(0);
      expect(singular).toBeGreaterThan(literal);
      expect(huizen.results[singular]!.rank).toBeLessThan(huizen.results[literal]!.rank);
      expect(huizen.results[singular]!.snippet).toContain('\u0002huis\u0003');

      expect((await search('duiven')).results.map((r) => r.id)).toContain(added.duiventil!.id);
      // Phrases keep their exact meaning: no word forms are added to them.
      expect((await search('"kleine huis"')).results.map((r) => r.id)).not.toContain(added.kleinschalig!.id);
    });
  });
}
