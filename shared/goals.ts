/**
 * The rules for goals and KPIs that both sides need: units and their value ranges, half-year periods,
 * and how a KPI stands against its target. Pure functions; the server enforces, the client renders.
 */

export const KPI_UNITS = ['percent', 'count', 'euro', 'days', 'number'] as const;
export type KpiUnit = (typeof KPI_UNITS)[number];

export const KPI_DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

/** The five national transformation goals of the Jeugdwet (A-E). */
export const NATIONAL_GOALS = ['A', 'B', 'C', 'D', 'E'] as const;
export type NationalGoal = (typeof NATIONAL_GOALS)[number];

/** Codes of the rules a value can break; the client words them from its catalog (field.<code>). */
export type ValueProblemCode = 'not_finite' | 'percent_range' | 'count_whole' | 'not_negative';

/** Why a value does not fit a unit, or null when it does. */
export function kpiValueProblem(unit: KpiUnit, value: number): { code: ValueProblemCode; message: string } | null {
  if (!Number.isFinite(value)) return { code: 'not_finite', message: 'must be a finite number' };
  switch (unit) {
    case 'percent':
      return value < 0 || value > 100
        ? { code: 'percent_range', message: 'a percentage lies between 0 and 100' }
        : null;
    case 'count':
      return Number.isInteger(value) && value >= 0
        ? null
        : { code: 'count_whole', message: 'a count is a whole number of 0 or more' };
    case 'euro':
    case 'days':
      return value < 0 ? { code: 'not_negative', message: `an amount of ${unit} cannot be negative` } : null;
    case 'number':
      return null;
  }
}

export const PERIOD_PATTERN = /^(\d{4})-H([12])$/;
export type Period = `${number}-H${1 | 2}`;

export function parsePeriod(period: string): { year: number; half: 1 | 2 } | null {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) return null;
  return { year: Number(match[1]), half: match[2] === '1' ? 1 : 2 };
}

export function formatPeriod(year: number, half: 1 | 2): Period {
  return `${year}-H${half}` as Period;
}

/** The half year a moment falls in (UTC; half years start on 1 January and 1 July). */
export function periodOf(at: Date): Period {
  return formatPeriod(at.getUTCFullYear(), at.getUTCMonth() < 6 ? 1 : 2);
}

/** Orders periods; negative when a comes first. */
export function comparePeriods(a: string, b: string): number {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  if (!pa || !pb) return a.localeCompare(b);
  return pa.year - pb.year || pa.half - pb.half;
}

/** Every half year from the first through the last, in order. */
export function periodsBetween(first: string, last: string): Period[] {
  const from = parsePeriod(first);
  const to = parsePeriod(last);
  if (!from || !to) return [];
  const periods: Period[] = [];
  for (let year = from.year, half = from.half; year < to.year || (year === to.year && half <= to.half);) {
    periods.push(formatPeriod(year, half));
    [year, half] = half === 1 ? [year, 2] : [year + 1, 1];
  }
  return periods;
}

export interface KpiFigures {
  direction: KpiDirection;
  baseline: { year: number; value: number };
  targets: ReadonlyArray<{ year: number; value: number }>;
  measurements: ReadonlyArray<{ period: string; value: number }>;
}

/**
 * The target that applies to a half year: the target of its year; the second half of a year is held
 * to the full-year target, the first half to the point halfway from the previous year's target (or the
 * baseline). Null when the year has no target.
 */
export function targetFor(kpi: KpiFigures, period: string): number | null {
  const parsed = parsePeriod(period);
  if (!parsed) return null;
  const target = kpi.targets.find((t) => t.year === parsed.year);
  if (!target) return null;
  if (parsed.half === 2) return target.value;
  const previous =
    kpi.targets.find((t) => t.year === parsed.year - 1)?.value ??
    (kpi.baseline.year === parsed.year - 1 ? kpi.baseline.value : null);
  return previous === null ? target.value : (previous + target.value) / 2;
}

export type KpiStatus = 'on_track' | 'off_track' | 'no_target' | 'no_data';

/** How the latest measurement stands against the target of its half year, in the KPI's direction. */
export function kpiStatus(kpi: KpiFigures): { status: KpiStatus; period: string | null } {
  const latest = [...kpi.measurements].sort((a, b) => comparePeriods(a.period, b.period)).at(-1);
  if (!latest) return { status: 'no_data', period: null };
  const target = targetFor(kpi, latest.period);
  if (target === null) return { status: 'no_target', period: latest.period };
  const onTrack = kpi.direction === 'higher_is_better' ? latest.value >= target : latest.value <= target;
  return { status: onTrack ? 'on_track' : 'off_track', period: latest.period };
}
