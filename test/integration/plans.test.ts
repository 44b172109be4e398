import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AuditResponse,
  CoverageResponse,
  GoalsResponse,
  PlansResponse,
  PlanView,
  SectionDetail,
  SectionsResponse,
  SectionView,
  TablesResponse,
} from '../../shared/api.ts';
import type { ErrorBody } from '../../shared/errors.ts';
import { PLAN_TEMPLATES } from '../../shared/plan-templates.ts';
import { argon2Passwords } from '../../server/runtime/node-deps.ts';
import { Client } from '../support/app-server.ts';
import { deployments, type Deployment } from '../support/deployments.ts';

type PlanReply = PlanView & { sections: SectionView[] };

for (const kind of deployments()) {
  describe(`plans, sections and goal links, ${kind.name}`, () => {
    let server: Deployment;
    let tableId: string;
    let secretariat: Client;
    let delegate: Client;
    let chair: Client;
    let council: Client;
    let demoPlan: PlanReply;

    const orgId = async (name: string) =>
      (await server.query<{ id: string }>('select id from organizations where name = $1', [name]))[0]!.id;
    const latestAudit = async () =>
      (await secretariat.get<AuditResponse>(`/api/tables/${tableId}/audit?limit=1`)).body.events[0]!;
    const section = (title: string) => demoPlan.sections.find((s) => s.title === title)!;

    beforeAll(async () => {
      server = await kind.start();
      secretariat = await new Client(server.url).login('secretariaat@regio-alkmaar.demo');
      delegate = await new Client(server.url).login('bestuur@horizon-jeugd.demo');
      chair = await new Client(server.url).login('voorzitter@regio-alkmaar.demo');
      council = await new Client(server.url).login('raadslid@alkmaar.demo');
      tableId = (await delegate.get<TablesResponse>('/api/tables')).body.tables[0]!.id;
      demoPlan = (await delegate.get<PlansResponse>(`/api/tables/${tableId}/plans`)).body.plans[0]!;
    });
    afterAll(async () => {
      await server?.close();
    });

    it('tells someone without a role at the table nothing: 404 on every route of plans, goals, coverage and search', async () => {
      const [org] = await server.query<{ id: string }>("select id from organizations where name = 'Gemeente Bergen'");
      await server.query(
        `insert into users (email, name, organization_id, password_hash, is_demo, created_at)
         values ('buiten@bergen.demo', 'Buitenstaander', $1, $2, true, now())`,
        [org!.id, await argon2Passwords.hash('demo-tafelwerk')],
      );
      const outsider = await new Client(server.url).login('buiten@bergen.demo');
      const sectionId = demoPlan.sections[0]!.id;
      const goalId = (await delegate.get<GoalsResponse>(`/api/tables/${tableId}/goals`)).body.goals[0]!.id;
      for (const [method, path, body] of [
        ['GET', `/api/tables/${tableId}/plans`],
        ['POST', `/api/tables/${tableId}/plans`, { title: 'X', periodStart: 2026, periodEnd: 2027, template: 'leeg' }],
        ['GET', `/api/tables/${tableId}/goals`],
        ['GET', `/api/tables/${tableId}/goals/${goalId}`],
        ['GET', `/api/tables/${tableId}/coverage`],
        ['GET', `/api/tables/${tableId}/search?q=verblijf`],
        ['GET', `/api/sections/${sectionId}`],
        ['PUT', `/api/sections/${sectionId}/goals`, { goalIds: [] }],
        ['GET', `/api/sections/${sectionId}/consensus`],
        ['POST', `/api/sections/${sectionId}/rounds`, {}],
      ] as const) {
        const reply = await outsider.request<ErrorBody>(method, path, body);
        expect(reply.status, `${method} ${path}`).toBe(404);
        expect(reply.body.error.code).toBe('not_found');
      }
    });

    it('lists the plans with their sections, drafters, goals and the templates', async () => {
      const reply = await council.get<PlansResponse>(`/api/tables/${tableId}/plans`);
      expect(reply.status).toBe(200);
      expect(reply.body.canManage).toBe(false);
      expect(reply.body.templates.transformatieplan).toEqual(PLAN_TEMPLATES.transformatieplan);
      const [plan] = reply.body.plans;
      expect(plan).toMatchObject({
        title: 'Transformatieplan 2026-2030',
        periodStart: 2026,
        periodEnd: 2030,
        archived: false,
      });
      expect(plan!.sections.map((s) => s.title)).toEqual([...PLAN_TEMPLATES.transformatieplan]);
      const afbouw = plan!.sections.find((s) => s.title === 'Afbouw verblijf en opbouw ambulant')!;
      expect(afbouw.drafters.map((d) => d.name)).toEqual(['Gemeente Alkmaar', 'Horizon Jeugd', 'Kompas GGZ']);
      expect(afbouw.goals.map((g) => g.title)).toEqual(['Ambulantisering', 'Meer uitstroom']);
      expect(afbouw).toMatchObject({ state: 'draft', archived: false, present: [] });
      expect((await secretariat.get<PlansResponse>(`/api/tables/${tableId}/plans`)).body.canManage).toBe(true);
    });

    it('lets the secretariat create a plan from a template, and no one else', async () => {
      const body = {
        title: 'Plan van aanpak verlenging',
        periodStart: 2031,
        periodEnd: 2034,
        template: 'transformatieplan',
      };
      expect((await delegate.post(`/api/tables/${tableId}/plans`, body)).status).toBe(403);
      expect((await chair.post(`/api/tables/${tableId}/plans`, body)).status).toBe(403);
      const created = await secretariat.post<PlanReply>(`/api/tables/${tableId}/plans`, body);
      expect(created.status).toBe(201);
      expect(created.body.sections).toHaveLength(9);
      expect(created.body.sections.map((s) => s.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
      expect(await latestAudit()).toMatchObject({ kind: 'plan.created', subject: { id: created.body.id } });

      const empty = await secretariat.post<PlanReply>(`/api/tables/${tableId}/plans`, { ...body, template: 'leeg' });
      expect(empty.status).toBe(201);
      expect(empty.body.sections).toEqual([]);
    });

    it('refuses bad plans with a 400 that names the problem', async () => {
      const base = { title: 'X', periodStart: 2026, periodEnd: 2030, template: 'leeg' };
      for (const [body, path] of [
        [{ ...base, periodEnd: 2025 }, 'periodEnd'],
        [{ ...base, template: 'onbekend' }, 'template'],
        [{ ...base, title: '' }, 'title'],
        [{ ...base, periodStart: 'twintig' }, 'periodStart'],
        [{ ...base, extra: true }, ''],
      ] as const) {
        const reply = await secretariat.post<ErrorBody>(`/api/tables/${tableId}/plans`, body);
        expect(reply.status, JSON.stringify(body)).toBe(400);
        expect(reply.body.error.code).toBe('validation_failed');
        if (path) expect(reply.body.error.message).toContain(path);
      }
    });

    it('adds, renames, reorders and archives sections, with drafters from the member organizations', async () => {
      const plans = `/api/tables/${tableId}/plans`;
      const horizon = await orgId('Horizon Jeugd');
      const bergen = await orgId('Gemeente Bergen');
      const rno = await orgId('Regionaal Netwerk Organisatie Alkmaar (RNO)');

      expect((await delegate.post(`${plans}/${demoPlan.id}/sections`, { title: 'Onderwijs' })).status).toBe(403);
      const refused = await secretariat.post<ErrorBody>(`${plans}/${demoPlan.id}/sections`, {
        title: 'Onderwijs',
        drafterIds: [rno],
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/drafterIds.*not a member/);

      const added = await secretariat.post<SectionView>(`${plans}/${demoPlan.id}/sections`, {
        title: 'Aansluiting onderwijs',
        drafterIds: [horizon, bergen],
      });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ title: 'Aansluiting onderwijs', position: 9 });
      expect(added.body.drafters.map((d) => d.name)).toEqual(['Gemeente Bergen', 'Horizon Jeugd']);
      expect(await latestAudit()).toMatchObject({ kind: 'section.created', subject: { id: added.body.id } });

      const sections = `/api/tables/${tableId}/sections/${added.body.id}`;
      expect((await delegate.patch(sections, { title: 'Onderwijs en jeugdhulp' })).status).toBe(403);
      expect((await secretariat.patch(sections, {})).status).toBe(400);
      const renamed = await secretariat.patch<SectionView>(sections, {
        title: 'Onderwijs en jeugdhulp',
        drafterIds: [bergen],
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body.title).toBe('Onderwijs en jeugdhulp');
      expect(renamed.body.drafters.map((d) => d.name)).toEqual(['Gemeente Bergen']);

      // Move the new section to the front.
      const order = [added.body.id, ...demoPlan.sections.map((s) => s.id)];
      expect((await delegate.put(`${plans}/${demoPlan.id}/order`, { sectionIds: order })).status).toBe(403);
      const incomplete = await secretariat.put<ErrorBody>(`${plans}/${demoPlan.id}/order`, {
        sectionIds: order.slice(1),
      });
      expect(incomplete.status).toBe(400);
      expect(incomplete.body.error.message).toContain('sectionIds');
      const twice = await secretariat.put(`${plans}/${demoPlan.id}/order`, {
        sectionIds: [...order.slice(1), order[1]],
      });
      expect(twice.status).toBe(400);
      const reordered = await secretariat.put<PlanReply>(`${plans}/${demoPlan.id}/order`, { sectionIds: order });
      expect(reordered.status).toBe(200);
      expect(reordered.body.sections.map((s) => s.id)).toEqual(order);
      expect(reordered.body.sections.map((s) => s.position)).toEqual(order.map((_, i) => i));
      expect(await latestAudit()).toMatchObject({ kind: 'plan.sections_reordered' });

      // Archived: gone from the live list and the coverage, read-only on its own page, still in the plan's history.
      const archived = await secretariat.patch<SectionView>(sections, { archived: true });
      expect(archived.body.archived).toBe(true);
      expect(await latestAudit()).toMatchObject({ kind: 'section.archived', subject: { id: added.body.id } });
      const live = await delegate.get<SectionsResponse>(`/api/tables/${tableId}/sections`);
      expect(live.body.sections.map((s) => s.id)).not.toContain(added.body.id);
      const coverage = await delegate.get<CoverageResponse>(`/api/tables/${tableId}/coverage`);
      expect(coverage.body.sections.map((s) => s.id)).not.toContain(added.body.id);
      const page = await delegate.get<SectionDetail>(`/api/sections/${added.body.id}`);
      expect(page.body).toMatchObject({ archived: true, canEdit: false, canLinkGoals: false });
      const history = await delegate.get<PlansResponse>(`/api/tables/${tableId}/plans`);
      expect(history.body.plans[0]!.sections.at(-1)).toMatchObject({ id: added.body.id, archived: true });

      // Restored: back at the end of the plan.
      const restored = await secretariat.patch<SectionView>(sections, { archived: false });
      expect(restored.body).toMatchObject({ archived: false, position: 10 });
    });

    it('renames and archives a plan; its sections leave the live list', async () => {
      const created = await secretariat.post<PlanReply>(`/api/tables/${tableId}/plans`, {
        title: 'Tijdelijk plan',
        periodStart: 2026,
        periodEnd: 2027,
        template: 'transformatieplan',
      });
      const path = `/api/tables/${tableId}/plans/${created.body.id}`;
      expect((await delegate.patch(path, { title: 'Anders' })).status).toBe(403);
      expect((await secretariat.patch(path, { periodStart: 2028 })).status).toBe(400);
      expect((await secretariat.patch(`/api/tables/${tableId}/plans/not-a-uuid`, { title: 'x' })).status).toBe(404);
      const renamed = await secretariat.patch<PlanReply>(path, { title: 'Tijdelijk plan (concept)' });
      expect(renamed.body.title).toBe('Tijdelijk plan (concept)');
      expect(await latestAudit()).toMatchObject({ kind: 'plan.updated' });
      const archived = await secretariat.patch<PlanReply>(path, { archived: true });
      expect(archived.body.archived).toBe(true);
      expect(await latestAudit()).toMatchObject({ kind: 'plan.archived' });
      const live = await delegate.get<SectionsResponse>(`/api/tables/${tableId}/sections`);
      expect(live.body.sections.some((s) => s.plan.id === created.body.id)).toBe(false);
      const page = await delegate.get<SectionDetail>(`/api/sections/${created.body.sections[0]!.id}`);
      expect(page.body.canEdit).toBe(false);
    });

    it('refuses to archive a plan while consensus is under way on one of its sections (409 with them)', async () => {
      const created = await secretariat.post<PlanReply>(`/api/tables/${tableId}/plans`, {
        title: 'Plan in overleg',
        periodStart: 2026,
        periodEnd: 2027,
        template: 'transformatieplan',
      });
      const path = `/api/tables/${tableId}/plans/${created.body.id}`;
      const busy = created.body.sections[1]!;
      const opened = await delegate.post<{ round: { id: string } }>(`/api/sections/${busy.id}/rounds`);
      expect(opened.status).toBe(201);

      const refused = await secretariat.patch<ErrorBody>(path, { archived: true });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('conflict');
      expect(refused.body.error.details).toEqual({
        sections: [{ id: busy.id, title: busy.title, state: 'in_consultation' }],
      });
      const plans = (await secretariat.get<PlansResponse>(`/api/tables/${tableId}/plans`)).body.plans;
      expect(plans.find((p) => p.id === created.body.id)!.archived).toBe(false);
      // Renaming is not archiving: it still works.
      expect((await secretariat.patch(path, { title: 'Plan in overleg (concept)' })).status).toBe(200);

      // Once the round is withdrawn the section is a draft again, and the plan can go.
      expect((await delegate.post(`/api/rounds/${opened.body.round.id}/withdraw`)).status).toBe(200);
      const archived = await secretariat.patch<PlanReply>(path, { archived: true });
      expect(archived.status).toBe(200);
      expect(archived.body.archived).toBe(true);
    });

    it('lets delegates link a section to goals, changes the coverage, and refuses others and bad ids', async () => {
      const goals = (await delegate.get<GoalsResponse>(`/api/tables/${tableId}/goals`)).body.goals;
      const afbakening = goals.find((g) => g.title === 'Afbakening jeugdhulp')!;
      const thuis = goals.find((g) => g.title === 'Zo thuis mogelijk')!;
      const planning = section('Planning');

      const before = (await chair.get<CoverageResponse>(`/api/tables/${tableId}/coverage`)).body;
      expect(before.uncoveredGoals).toEqual([afbakening.id]);
      expect(before.unlinkedSections).toContain(planning.id);
      expect(before.goals).toHaveLength(6);

      const path = `/api/sections/${planning.id}/goals`;
      expect((await council.put(path, { goalIds: [afbakening.id] })).status).toBe(403);
      expect((await chair.put(path, { goalIds: [afbakening.id] })).status).toBe(403);
      const unknown = await delegate.put<ErrorBody>(path, { goalIds: [crypto.randomUUID()] });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toContain('goalIds');
      expect((await delegate.put(path, { goalIds: ['nope'] })).status).toBe(400);
      expect((await delegate.put(path, { goals: [] })).status).toBe(400);

      const linked = await delegate.put<SectionDetail>(path, { goalIds: [afbakening.id, thuis.id] });
      expect(linked.status).toBe(200);
      expect(linked.body.goals.map((g) => g.title)).toEqual(['Zo thuis mogelijk', 'Afbakening jeugdhulp']);
      expect(linked.body.canLinkGoals).toBe(true);
      expect(await latestAudit()).toMatchObject({
        kind: 'section.goals_linked',
        subject: { id: planning.id },
        data: { added: expect.arrayContaining(['Afbakening jeugdhulp', 'Zo thuis mogelijk']), removed: [] },
      });

      const after = (await chair.get<CoverageResponse>(`/api/tables/${tableId}/coverage`)).body;
      expect(after.uncoveredGoals).toEqual([]);
      expect(after.unlinkedSections).not.toContain(planning.id);
      expect(after.links).toContainEqual({ sectionId: planning.id, goalId: afbakening.id });

      // The same set again changes nothing and records nothing.
      const events = (await secretariat.get<AuditResponse>(`/api/tables/${tableId}/audit?limit=200`)).body.events
        .length;
      await delegate.put(path, { goalIds: [thuis.id, afbakening.id] });
      expect((await secretariat.get<AuditResponse>(`/api/tables/${tableId}/audit?limit=200`)).body.events).toHaveLength(
        events,
      );

      const unlinked = await secretariat.put<SectionDetail>(path, { goalIds: [thuis.id] });
      expect(unlinked.body.goals.map((g) => g.title)).toEqual(['Zo thuis mogelijk']);
      expect((await council.get<CoverageResponse>(`/api/tables/${tableId}/coverage`)).body.uncoveredGoals).toEqual([
        afbakening.id,
      ]);
    });
  });
}
