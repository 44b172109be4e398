import { coverageResponseSchema } from '../../shared/api-schemas/goals.ts';
import type { CoverageResponse } from '../../shared/api.ts';
import { coverageGaps } from '../../shared/coverage.ts';
import type { Queryable } from '../db/db.ts';
import { route } from '../http/route.ts';
import { planQuery } from '../../shared/api-requests/plans.ts';

/**
 * Goals × the live sections of the table's live plans, and the gaps either way; with a planId, of that
 * plan alone (archived or not): each plan is judged against the goals on its own.
 */
export async function tableCoverage(db: Queryable, tableId: string, planId?: string): Promise<CoverageResponse> {
  const sectionFilter = planId
    ? 's.table_id = $1 and s.plan_id = $2 and s.archived_at is null'
    : 's.table_id = $1 and s.id in (select id from live_sections)';
  const sectionParams = planId ? [tableId, planId] : [tableId];
  const [goals, sections, links] = await Promise.all([
    db.query<{ id: string; title: string; position: number }>(
      'select id, title, position from goals where table_id = $1 order by position, created_at',
      [tableId],
    ),
    db.query<{ id: string; title: string; position: number; plan_id: string; plan_title: string }>(
      `select s.id, s.title, s.position, p.id as plan_id, p.title as plan_title
         from sections s join plans p on p.id = s.plan_id
        where ${sectionFilter}
        order by p.created_at, p.id, s.position`,
      sectionParams,
    ),
    db.query<{ section_id: string; goal_id: string }>(
      `select sg.section_id, sg.goal_id from section_goals sg join sections s on s.id = sg.section_id
        where s.table_id = $1`,
      [tableId],
    ),
  ]);
  const sectionViews = sections.map((s) => ({
    id: s.id,
    title: s.title,
    position: s.position,
    planId: s.plan_id,
    planTitle: s.plan_title,
  }));
  const live = new Set(sections.map((s) => s.id));
  const linkViews = links
    .filter((l) => live.has(l.section_id))
    .map((l) => ({ sectionId: l.section_id, goalId: l.goal_id }));
  return {
    goals,
    sections: sectionViews,
    links: linkViews,
    ...coverageGaps(
      goals.map((g) => g.id),
      sections.map((s) => s.id),
      linkViews,
    ),
  };
}

export const tableCoverageRoutes = [
  route(
    {
      method: 'get',
      path: '/tables/:id/coverage',
      operationId: 'getTableCoverage',
      tag: 'Goals',
      summary: 'Coverage matrix: goals × live sections, uncovered goals and unlinked sections',
      permission: 'section.read',
      query: planQuery,
      reply: coverageResponseSchema,
    },
    async (c, { access, query }) => c.json(await tableCoverage(c.var.deps.db, access.tableId, query.planId)),
  ),
];
