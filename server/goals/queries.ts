import type { GoalDetail, GoalsResponse, GoalView, KpiView, PrincipleView } from '../../shared/api.ts';
import { comparePeriods, kpiStatus, type KpiDirection, type KpiUnit, type NationalGoal } from '../../shared/goals.ts';
import type { Queryable } from '../db/db.ts';
import { iso } from '../db/rows.ts';

/** Everything about a table's principles, goals and KPIs, in a handful of queries. */
export async function loadGoals(
  db: Queryable,
  tableId: string,
): Promise<{ principles: PrincipleView[]; goals: GoalView[] }> {
  const [principles, goals, goalPrinciples, kpis, targets, measurements, links] = await Promise.all([
    db.query<{ id: string; position: number; title: string; description: string }>(
      'select id, position, title, description from principles where table_id = $1 order by position, created_at',
      [tableId],
    ),
    db.query<{ id: string; position: number; title: string; description: string; national_goal: NationalGoal | null }>(
      `select id, position, title, description, national_goal from goals where table_id = $1
        order by position, created_at`,
      [tableId],
    ),
    db.query<{ goal_id: string; principle_id: string }>(
      `select gp.goal_id, gp.principle_id from goal_principles gp join goals g on g.id = gp.goal_id
         join principles p on p.id = gp.principle_id
        where g.table_id = $1 order by p.position`,
      [tableId],
    ),
    db.query<{
      id: string;
      goal_id: string;
      position: number;
      indicator: string;
      unit: KpiUnit;
      direction: KpiDirection;
      baseline_year: number;
      baseline_value: number;
    }>(
      `select id, goal_id, position, indicator, unit, direction, baseline_year, baseline_value from kpis
        where table_id = $1 order by position, created_at`,
      [tableId],
    ),
    db.query<{ kpi_id: string; year: number; value: number }>(
      `select t.kpi_id, t.year, t.value from kpi_targets t join kpis k on k.id = t.kpi_id
        where k.table_id = $1 order by t.year`,
      [tableId],
    ),
    db.query<{
      kpi_id: string;
      period: string;
      value: number;
      source: string;
      note: string;
      user_id: string;
      user_name: string;
      organization_name: string;
      recorded_at: Date;
    }>(
      `select m.kpi_id, m.period, m.value, m.source, m.note, u.id as user_id, u.name as user_name,
              o.name as organization_name, m.recorded_at
         from kpi_measurements m join kpis k on k.id = m.kpi_id
         join users u on u.id = m.recorded_by join organizations o on o.id = u.organization_id
        where k.table_id = $1`,
      [tableId],
    ),
    db.query<{ goal_id: string; section_id: string }>(
      `select sg.goal_id, sg.section_id from section_goals sg
         join sections s on s.id = sg.section_id join live_sections live on live.id = s.id
        where s.table_id = $1
        order by s.position`,
      [tableId],
    ),
  ]);
  const kpiViews = kpis.map((k): KpiView => {
    const figures = {
      direction: k.direction,
      baseline: { year: k.baseline_year, value: k.baseline_value },
      targets: targets.filter((t) => t.kpi_id === k.id).map((t) => ({ year: t.year, value: t.value })),
      measurements: measurements
        .filter((m) => m.kpi_id === k.id)
        .sort((a, b) => comparePeriods(a.period, b.period))
        .map((m) => ({
          period: m.period,
          value: m.value,
          source: m.source,
          note: m.note,
          recordedBy: { id: m.user_id, name: m.user_name, organizationName: m.organization_name },
          recordedAt: iso(m.recorded_at),
        })),
    };
    return {
      id: k.id,
      goalId: k.goal_id,
      position: k.position,
      indicator: k.indicator,
      unit: k.unit,
      ...figures,
      status: kpiStatus(figures),
    };
  });
  return {
    principles,
    goals: goals.map((g) => ({
      id: g.id,
      position: g.position,
      title: g.title,
      description: g.description,
      nationalGoal: g.national_goal,
      principleIds: goalPrinciples.filter((gp) => gp.goal_id === g.id).map((gp) => gp.principle_id),
      kpis: kpiViews.filter((k) => k.goalId === g.id),
      sectionIds: links.filter((l) => l.goal_id === g.id).map((l) => l.section_id),
    })),
  };
}

export type GoalsFlags = Pick<GoalsResponse, 'planPeriod' | 'canManage' | 'canMeasure'>;

export async function goalDetail(
  db: Queryable,
  tableId: string,
  goalId: string,
  flags: GoalsFlags,
): Promise<GoalDetail | null> {
  const { principles, goals } = await loadGoals(db, tableId);
  const goal = goals.find((g) => g.id === goalId);
  if (!goal) return null;
  const sections = goal.sectionIds.length
    ? await db.query<{ id: string; title: string; plan_title: string; locked: boolean }>(
        `select s.id, s.title, p.title as plan_title, s.locked from sections s join plans p on p.id = s.plan_id
          where s.id in (${goal.sectionIds.map((_, i) => `$${i + 1}`).join(', ')}) order by p.created_at, s.position`,
        goal.sectionIds,
      )
    : [];
  return {
    goal,
    principles: principles.filter((p) => goal.principleIds.includes(p.id)),
    sections: sections.map((s) => ({ id: s.id, title: s.title, planTitle: s.plan_title, locked: s.locked })),
    ...flags,
  };
}

/** The table a KPI belongs to (for routes that name only the KPI). */
export async function kpiTable(db: Queryable, kpiId: string): Promise<string | null> {
  const rows = await db.query<{ table_id: string }>('select table_id from kpis where id = $1', [kpiId]);
  return rows[0]?.table_id ?? null;
}
