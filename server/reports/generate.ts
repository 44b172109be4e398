import type { ReportGenerated, ReportKind } from '../../shared/api-reports.ts';
import { formatDateNl } from '../../shared/format-nl.ts';
import type { Queryable } from '../db/db.ts';
import { reportGoals } from './generate-kpis.ts';
import { coverageAsOf, sectionsAsOf } from './generate-sections.ts';
import { reportPeriod, type ReportPeriod } from './period.ts';

/**
 * Everything a report computes from the data, as of its period's end: the goals with their KPI figures
 * (generate-kpis.ts), the sections, rounds and escalations (generate-sections.ts), the coverage matrix,
 * the plan versions it reflects and what could not be reconstructed. A draft computes it on every read;
 * publication computes it once more and freezes the result.
 */

/** Said in every report: these have no history in the data, so they are today's. */
export const CURRENT_DEFINITIONS =
  'Doelen, KPI’s, nulmetingen, doelwaarden en de titels van secties worden getoond zoals ze nu zijn vastgelegd; eerdere wijzigingen daarin worden niet bijgehouden.';

/** "2 secties zijn na 30 juni 2026 aan het plan toegevoegd en staan niet in dit rapport." */
function laterSectionsLine(count: number, period: ReportPeriod): string {
  const day = formatDateNl(new Date(`${period.lastDay}T12:00:00Z`));
  return count === 1
    ? `Eén sectie is na ${day} aan het plan toegevoegd en staat niet in deze rapportage.`
    : `${count} secties zijn na ${day} aan het plan toegevoegd en staan niet in deze rapportage.`;
}

/**
 * The `current` figure of every KPI in the previous report: the last published revision (not superseded)
 * of the table whose period ended before this one's, of either kind; its frozen figures are what the
 * council read then.
 */
export async function previousFigures(
  db: Queryable,
  tableId: string,
  period: ReportPeriod,
): Promise<Map<string, number>> {
  const rows = await db.query<{ kind: ReportKind; period: string; published_at: Date; generated: ReportGenerated }>(
    `select kind, period, published_at, generated from reports
      where table_id = $1 and status = 'published' and superseded_at is null`,
    [tableId],
  );
  const earlier = rows
    .map((row) => ({ row, end: reportPeriod(row.kind, row.period)?.end.getTime() ?? Infinity }))
    .filter(({ end }) => end < period.end.getTime())
    .sort((a, b) => b.end - a.end || b.row.published_at.getTime() - a.row.published_at.getTime());
  const previous = earlier[0]?.row.generated;
  const figures = new Map<string, number>();
  for (const kpi of previous?.goals.flatMap((g) => g.kpis) ?? []) {
    if (kpi.current) figures.set(kpi.id, kpi.current.value);
  }
  return figures;
}

export async function generateReport(
  db: Queryable,
  input: { tableId: string; period: ReportPeriod; now: Date },
): Promise<ReportGenerated> {
  const { tableId, period } = input;
  const [goals, { sections, escalations, laterSections }] = await Promise.all([
    previousFigures(db, tableId, period).then((previous) => reportGoals(db, tableId, period, previous)),
    sectionsAsOf(db, tableId, period),
  ]);
  const { coverage, limitation } = await coverageAsOf(db, tableId, period, goals, sections);
  return {
    periodStart: period.firstDay,
    periodEnd: period.lastDay,
    generatedAt: input.now.toISOString(),
    goals,
    sections,
    escalations,
    coverage,
    planVersions: sections.map((s) => ({
      sectionId: s.id,
      title: s.title,
      versionNumber: s.adoptedVersion?.number ?? null,
    })),
    limitations: [
      ...(limitation ? [limitation] : []),
      ...(laterSections > 0 ? [laterSectionsLine(laterSections, period)] : []),
      CURRENT_DEFINITIONS,
    ],
  };
}
