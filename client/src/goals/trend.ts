import type { KpiView } from '../../../shared/api.ts';
import {
  comparePeriods,
  formatPeriod,
  periodsBetween,
  targetFor,
  type KpiFigures,
  type Period,
} from '../../../shared/goals.ts';

export interface TrendPoint {
  period: string;
  value: number;
}

/** What the trend chart draws: the half years on the x axis, the measured line, the target line, the y scale. */
export interface Trend {
  periods: Period[];
  measurements: TrendPoint[];
  /** The baseline first (at the second half of its year), then the target of every half year that has one. */
  targets: TrendPoint[];
  baseline: TrendPoint;
  ticks: number[];
}

/** Round steps (1, 2, 5 × 10^n) from the lowest to the highest value, about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  // Equal (or indistinguishable) values get room around them; a zero step would never end.
  if (!(max - min > 1e-9 * Math.max(1, Math.abs(max)))) {
    const pad = Math.abs(min) || 1;
    return niceTicks(min - pad, max + pad, count);
  }
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude;
  // The axis must reach the highest value (a target line above the last tick would be drawn off it).
  const ticks: number[] = [];
  for (let value = Math.floor(min / step) * step; ; value += step) {
    ticks.push(Number(value.toFixed(10)));
    if (value >= max - step * 1e-9 && ticks.length >= 2) break;
  }
  return ticks;
}

/** Any KPI with figures: a goal's KPI (KpiView) or a report's KPI as of its period's end. */
export type ChartKpi = KpiFigures & Pick<KpiView, 'indicator' | 'unit'>;

export function trendOf(kpi: ChartKpi): Trend {
  const baseline = { period: formatPeriod(kpi.baseline.year, 2), value: kpi.baseline.value };
  const measurements = [...kpi.measurements]
    .sort((a, b) => comparePeriods(a.period, b.period))
    .map(({ period, value }) => ({ period, value }));
  const lastTargetYear = Math.max(kpi.baseline.year, ...kpi.targets.map((target) => target.year));
  const candidates = [baseline.period, formatPeriod(lastTargetYear, 2), ...measurements.map((m) => m.period)].sort(
    comparePeriods,
  );
  const periods = periodsBetween(candidates[0]!, candidates.at(-1)!);
  const targets: TrendPoint[] = [baseline];
  for (const period of periods) {
    if (comparePeriods(period, baseline.period) <= 0) continue;
    const value = targetFor(kpi, period);
    if (value !== null) targets.push({ period, value });
  }
  // The scale follows the figures (a line needs no zero baseline), with some room above and below.
  const values = [...measurements, ...targets].map((point) => point.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = (max - min) * 0.15 || Math.abs(max) * 0.1 || 1;
  const low = min >= 0 ? Math.max(0, min - pad) : min - pad;
  const high = kpi.unit === 'percent' && max <= 100 ? Math.min(100, max + pad) : max + pad;
  return { periods, measurements, targets, baseline, ticks: niceTicks(low, high) };
}
