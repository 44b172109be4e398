import type { ReportKpi } from '../../../shared/api.ts';
import { parsePeriod } from '../../../shared/goals.ts';
import type { ChartKpi } from '../goals/trend.ts';
import { periodYear } from './period.ts';

/**
 * A report's KPI in the shape the trend chart draws: the figures recorded up to the period's end, and the
 * target per year (a second half year carries its year's full target; the period's own year has `target`).
 * Figures after the period's end are not in the series, so the chart shows the data as of then.
 */
export function chartKpiOf(kpi: ReportKpi, period: string): ChartKpi {
  const targets = new Map<number, number>();
  for (const point of kpi.series) {
    const parsed = parsePeriod(point.period);
    if (parsed?.half === 2 && point.target !== null) targets.set(parsed.year, point.target);
  }
  if (kpi.target !== null) targets.set(periodYear(period), kpi.target);
  return {
    indicator: kpi.indicator,
    unit: kpi.unit,
    direction: kpi.direction,
    baseline: kpi.baseline,
    targets: [...targets].map(([year, value]) => ({ year, value })).sort((a, b) => a.year - b.year),
    measurements: kpi.series.flatMap((point) =>
      point.value === null ? [] : [{ period: point.period, value: point.value }],
    ),
  };
}
