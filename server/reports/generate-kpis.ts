import type { ReportGoal, ReportKpi } from '../../shared/api-reports.ts';
import {
  comparePeriods,
  formatPeriod,
  kpiStatus,
  periodsBetween,
  targetFor,
  type KpiDirection,
  type KpiFigures,
  type KpiUnit,
  type NationalGoal,
} from '../../shared/goals.ts';
import type { Queryable } from '../db/db.ts';
import type { ReportPeriod } from './period.ts';

/**
 * The goals part of a report: per goal its KPIs with their figures as of the period's end.
 *
 * A measurement belongs to its half year, not to the moment it was recorded: figures are often only known
 * months later, and a correction of a figure is a better figure for the same half year. So every
 * measurement of a half year up to and including the report's last half year counts, also one recorded
 * after the period ended; one of a later half year never does. (Before publication the report is a live
 * draft; publication freezes what was known then.) Goals, KPIs, baselines and targets keep no history:
 * they are shown as they are recorded now (the report says so in its limitations).
 */

/** Differences are shown to a few decimals; this keeps 4.6 − 5 from reading −0.40000000000000036. */
export const difference = (a: number, b: number): number => Math.round((a - b) * 1e9) / 1e9;

export interface KpiInput extends KpiFigures {
  id: string;
  indicator: string;
  unit: KpiUnit;
}

/** One KPI as of a period's end; `previousValue` is its `current` figure in the previous published report. */
export function kpiAsOf(kpi: KpiInput, period: ReportPeriod, previousValue: number | null): ReportKpi {
  const measurements = kpi.measurements
    .filter((m) => comparePeriods(m.period, period.lastHalfYear) <= 0)
    .sort((a, b) => comparePeriods(a.period, b.period));
  const figures: KpiFigures = { ...kpi, measurements };
  const latest = measurements.at(-1);
  // The chart runs from the first half year after the baseline year (or an earlier measured one) on.
  const afterBaseline = formatPeriod(kpi.baseline.year + 1, 1);
  const first =
    measurements[0] && comparePeriods(measurements[0].period, afterBaseline) < 0
      ? measurements[0].period
      : afterBaseline;
  const series = periodsBetween(first, period.lastHalfYear).map((p) => ({
    period: p,
    value: measurements.find((m) => m.period === p)?.value ?? null,
    target: targetFor(figures, p),
  }));
  return {
    id: kpi.id,
    indicator: kpi.indicator,
    unit: kpi.unit,
    direction: kpi.direction,
    baseline: { ...kpi.baseline },
    series,
    current: latest ? { period: latest.period, value: latest.value } : null,
    target: kpi.targets.find((t) => t.year === period.year)?.value ?? null,
    changeSinceBaseline: latest ? difference(latest.value, kpi.baseline.value) : null,
    changeSincePreviousReport: latest && previousValue !== null ? difference(latest.value, previousValue) : null,
    status: kpiStatus(figures).status,
  };
}

/** The table's goals in order, each with its KPIs as of the period's end. */
export async function reportGoals(
  db: Queryable,
  tableId: string,
  period: ReportPeriod,
  previous: ReadonlyMap<string, number>,
): Promise<ReportGoal[]> {
  const [goals, kpis, targets, measurements] = await Promise.all([
    db.query<{ id: string; title: string; national_goal: NationalGoal | null }>(
      'select id, title, national_goal from goals where table_id = $1 order by position, created_at',
      [tableId],
    ),
    db.query<{
      id: string;
      goal_id: string;
      indicator: string;
      unit: KpiUnit;
      direction: KpiDirection;
      baseline_year: number;
      baseline_value: number;
    }>(
      `select id, goal_id, indicator, unit, direction, baseline_year, baseline_value from kpis
        where table_id = $1 order by position, created_at`,
      [tableId],
    ),
    db.query<{ kpi_id: string; year: number; value: number }>(
      `select t.kpi_id, t.year, t.value from kpi_targets t join kpis k on k.id = t.kpi_id
        where k.table_id = $1 order by t.year`,
      [tableId],
    ),
    db.query<{ kpi_id: string; period: string; value: number }>(
      `select m.kpi_id, m.period, m.value from kpi_measurements m join kpis k on k.id = m.kpi_id
        where k.table_id = $1`,
      [tableId],
    ),
  ]);
  return goals.map((goal) => ({
    id: goal.id,
    title: goal.title,
    nationalGoal: goal.national_goal,
    kpis: kpis
      .filter((k) => k.goal_id === goal.id)
      .map((k) =>
        kpiAsOf(
          {
            id: k.id,
            indicator: k.indicator,
            unit: k.unit,
            direction: k.direction,
            baseline: { year: k.baseline_year, value: k.baseline_value },
            targets: targets.filter((t) => t.kpi_id === k.id).map((t) => ({ year: t.year, value: t.value })),
            measurements: measurements
              .filter((m) => m.kpi_id === k.id)
              .map((m) => ({ period: m.period, value: m.value })),
          },
          period,
          previous.get(k.id) ?? null,
        ),
      ),
  }));
}
