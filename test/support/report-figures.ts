import type { KpiView } from '../../shared/api.ts';

/**
 * The figures a report must show for a KPI as of the end of a half year, computed here, independently of
 * the server's report generation, from the KPI as the goals API returns it (what the test recorded).
 */
export function expectedFigures(kpi: KpiView, last: string, previous: number | null) {
  const measured = kpi.measurements.filter((m) => m.period <= last).sort((a, b) => a.period.localeCompare(b.period));
  const current = measured.at(-1) ?? null;
  return {
    current: current ? { period: current.period, value: current.value } : null,
    target: kpi.targets.find((t) => t.year === Number(last.slice(0, 4)))?.value ?? null,
    changeSinceBaseline: current ? current.value - kpi.baseline.value : null,
    changeSincePreviousReport: current && previous !== null ? current.value - previous : null,
    measured: measured.map((m) => [m.period, m.value]),
  };
}
