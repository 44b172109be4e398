import type { PlanView, SectionView } from '../../shared/api.ts';
import type { Queryable } from '../db/db.ts';
import { iso } from '../db/rows.ts';
import { listSections, type PresenceLookup } from '../sections/queries.ts';

interface PlanRow extends Record<string, unknown> {
  id: string;
  table_id: string;
  title: string;
  period_start: number;
  period_end: number;
  archived_at: Date | null;
  created_at: Date;
}

function toView(row: PlanRow): PlanView {
  return {
    id: row.id,
    tableId: row.table_id,
    title: row.title,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    archived: row.archived_at !== null,
    createdAt: iso(row.created_at),
  };
}

const SELECT_PLAN = 'select id, table_id, title, period_start, period_end, archived_at, created_at from plans';

/** The table's plans, live ones first, each with all its sections (archived ones last). */
export async function listPlans(
  db: Queryable,
  tableId: string,
  presence?: PresenceLookup,
): Promise<Array<PlanView & { sections: SectionView[] }>> {
  const plans = await db.query<PlanRow>(
    `${SELECT_PLAN} where table_id = $1 order by (archived_at is not null), created_at`,
    [tableId],
  );
  const sections = await listSections(db, tableId, { includeArchived: true, ...(presence ? { presence } : {}) });
  return plans.map((plan) => ({ ...toView(plan), sections: sections.filter((s) => s.plan.id === plan.id) }));
}

export async function findPlan(
  db: Queryable,
  tableId: string,
  planId: string,
  presence?: PresenceLookup,
): Promise<(PlanView & { sections: SectionView[] }) | null> {
  const rows = await db.query<PlanRow>(`${SELECT_PLAN} where id = $1 and table_id = $2`, [planId, tableId]);
  const row = rows[0];
  if (!row) return null;
  const sections = await listSections(db, tableId, {
    includeArchived: true,
    planId,
    ...(presence ? { presence } : {}),
  });
  return { ...toView(row), sections };
}

/** The years the table's live plans span: targets are set within it. */
export async function planPeriod(db: Queryable, tableId: string): Promise<{ start: number; end: number } | null> {
  const rows = await db.query<{ start: number | null; end: number | null }>(
    `select min(period_start) as start, max(period_end) as "end" from plans where table_id = $1 and archived_at is null`,
    [tableId],
  );
  const row = rows[0];
  return row && row.start !== null && row.end !== null ? { start: row.start, end: row.end } : null;
}
