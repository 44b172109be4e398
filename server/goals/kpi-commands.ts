import { kpiValueProblem, parsePeriod, periodOf, comparePeriods, type KpiUnit } from '../../shared/goals.ts';
import { audit, type Actor } from '../audit/audit.ts';
import type { Db, Queryable, Transaction } from '../db/db.ts';
import { conflict, invalid } from '../http/errors.ts';
import { planPeriod } from '../plans/queries.ts';
import { row } from './commands.ts';

/**
 * Named business actions on a table's KPIs and their measurements. Each owns its transaction and
 * writes its audit event inside it.
 */

// --- KPIs ---------------------------------------------------------------------------------------

interface KpiInput {
  indicator: string;
  unit: KpiUnit;
  direction: string;
  baseline: { year: number; value: number };
  targets: ReadonlyArray<{ year: number; value: number }>;
}

/** Values must fit the unit; targets must fall within the years of the table's live plans. */
async function checkKpi(tx: Queryable, actor: Actor, kpi: KpiInput): Promise<void> {
  const baselineProblem = kpiValueProblem(kpi.unit, kpi.baseline.value);
  if (baselineProblem) throw invalid('baseline.value', baselineProblem.message, baselineProblem.code);
  if (kpi.targets.length === 0) return;
  const period = await planPeriod(tx, actor.tableId);
  if (!period) {
    throw invalid('targets', 'the table has no plan yet: targets are set within a plan period', 'no_plan_period');
  }
  for (const [index, target] of kpi.targets.entries()) {
    if (target.year < period.start || target.year > period.end) {
      throw invalid(
        `targets.${index}.year`,
        `${target.year} lies outside the plan period ${period.start}-${period.end}`,
        'target_outside_period',
      );
    }
    const problem = kpiValueProblem(kpi.unit, target.value);
    if (problem) throw invalid(`targets.${index}.value`, problem.message, problem.code);
  }
}

async function setTargets(tx: Transaction, kpiId: string, targets: KpiInput['targets']) {
  await tx.query('delete from kpi_targets where kpi_id = $1', [kpiId]);
  for (const target of targets) {
    await tx.query('insert into kpi_targets (kpi_id, year, value) values ($1, $2, $3)', [
      kpiId,
      target.year,
      target.value,
    ]);
  }
}

export async function createKpi(db: Db, actor: Actor, goalId: string, input: KpiInput) {
  return db.transaction(async (tx) => {
    const goal = await row<{ title: string }>(
      tx,
      'select title from goals where id = $1 and table_id = $2 for update',
      [goalId, actor.tableId],
      'goal',
    );
    await checkKpi(tx, actor, input);
    const [position] = await tx.query<{ next: number }>(
      'select coalesce(max(position) + 1, 0)::integer as next from kpis where goal_id = $1',
      [goalId],
    );
    const [created] = await tx.query<{ id: string }>(
      `insert into kpis (goal_id, table_id, position, indicator, unit, direction, baseline_year, baseline_value, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [
        goalId,
        actor.tableId,
        position!.next,
        input.indicator,
        input.unit,
        input.direction,
        input.baseline.year,
        input.baseline.value,
        actor.now,
      ],
    );
    await setTargets(tx, created!.id, input.targets);
    await audit(tx, actor, 'kpi.created', { type: 'kpi', id: created!.id }, { ...input, goalTitle: goal.title });
    return created!.id;
  });
}

export async function updateKpi(db: Db, actor: Actor, id: string, input: Partial<KpiInput>) {
  await db.transaction(async (tx) => {
    const current = await row<{
      indicator: string;
      unit: KpiUnit;
      direction: string;
      baseline_year: number;
      baseline_value: number;
    }>(
      tx,
      'select indicator, unit, direction, baseline_year, baseline_value from kpis where id = $1 and table_id = $2 for update',
      [id, actor.tableId],
      'KPI',
    );
    const targets = await tx.query<{ year: number; value: number }>(
      'select year, value from kpi_targets where kpi_id = $1 order by year',
      [id],
    );
    const before: KpiInput = {
      indicator: current.indicator,
      unit: current.unit,
      direction: current.direction,
      baseline: { year: current.baseline_year, value: current.baseline_value },
      targets,
    };
    const after: KpiInput = {
      indicator: input.indicator ?? before.indicator,
      unit: input.unit ?? before.unit,
      direction: input.direction ?? before.direction,
      baseline: input.baseline ?? before.baseline,
      // Unchanged targets are not re-checked against a plan period that moved since.
      targets: input.targets ?? [],
    };
    if (after.unit !== before.unit) {
      const [measured] = await tx.query<{ n: number }>(
        'select count(*)::integer as n from kpi_measurements where kpi_id = $1',
        [id],
      );
      if (measured!.n > 0) throw conflict('the unit of a KPI with measurements cannot change');
    }
    await checkKpi(tx, actor, after);
    await tx.query(
      `update kpis set indicator = $2, unit = $3, direction = $4, baseline_year = $5, baseline_value = $6 where id = $1`,
      [id, after.indicator, after.unit, after.direction, after.baseline.year, after.baseline.value],
    );
    if (input.targets) await setTargets(tx, id, input.targets);
    await audit(
      tx,
      actor,
      'kpi.updated',
      { type: 'kpi', id },
      {
        before,
        after: { ...after, targets: input.targets ?? before.targets },
      },
    );
  });
}

export async function deleteKpi(db: Db, actor: Actor, id: string) {
  await db.transaction(async (tx) => {
    const kpi = await row<{ indicator: string }>(
      tx,
      'select indicator from kpis where id = $1 and table_id = $2 for update',
      [id, actor.tableId],
      'KPI',
    );
    const [measured] = await tx.query<{ n: number }>(
      'select count(*)::integer as n from kpi_measurements where kpi_id = $1',
      [id],
    );
    if (measured!.n > 0) throw conflict(`${kpi.indicator} has measurements; a measured KPI stays on record`);
    await tx.query('delete from kpis where id = $1', [id]);
    await audit(tx, actor, 'kpi.deleted', { type: 'kpi', id }, { indicator: kpi.indicator });
  });
}

/**
 * Records the figure of a half year, or corrects it (the audit event keeps the previous figure).
 * The half year must have started and may not precede the baseline year.
 */
export async function recordMeasurement(
  db: Db,
  actor: Actor,
  kpiId: string,
  input: { period: string; value: number; source: string; note?: string | undefined },
): Promise<{ corrected: boolean }> {
  return db.transaction(async (tx) => {
    const kpi = await row<{ indicator: string; unit: KpiUnit; baseline_year: number }>(
      tx,
      'select indicator, unit, baseline_year from kpis where id = $1 and table_id = $2 for update',
      [kpiId, actor.tableId],
      'KPI',
    );
    const period = parsePeriod(input.period);
    if (!period) throw invalid('period', 'a half year like 2026-H1', 'invalid_period');
    if (comparePeriods(input.period, periodOf(actor.now)) > 0) {
      throw invalid('period', `${input.period} has not started yet`, 'period_not_started');
    }
    if (period.year < kpi.baseline_year) {
      throw invalid(
        'period',
        `${input.period} lies before the baseline year ${kpi.baseline_year}`,
        'period_before_baseline',
      );
    }
    const problem = kpiValueProblem(kpi.unit, input.value);
    if (problem) throw invalid('value', problem.message, problem.code);
    const previous = await tx.query<{ value: number; source: string }>(
      'select value, source from kpi_measurements where kpi_id = $1 and period = $2',
      [kpiId, input.period],
    );
    await tx.query(
      `insert into kpi_measurements (kpi_id, period, value, source, note, recorded_by, recorded_at)
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (kpi_id, period) do update set value = excluded.value, source = excluded.source,
         note = excluded.note, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
      [kpiId, input.period, input.value, input.source, input.note ?? '', actor.userId, actor.now],
    );
    const corrected = previous.length > 0;
    await audit(
      tx,
      actor,
      corrected ? 'kpi.measurement_corrected' : 'kpi.measurement_recorded',
      { type: 'kpi', id: kpiId },
      {
        indicator: kpi.indicator,
        period: input.period,
        value: input.value,
        source: input.source,
        ...(corrected ? { previous: previous[0] } : {}),
      },
    );
    return { corrected };
  });
}
