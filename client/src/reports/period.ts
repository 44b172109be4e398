import type { ReportKind } from '../../../shared/api.ts';

/** What a period looks like per kind: a half year for a progress report, a year for an evaluation. */
const PERIOD_PATTERN: Record<ReportKind, RegExp> = {
  progress: /^\d{4}-H[12]$/,
  evaluation: /^\d{4}$/,
};

/** The catalog key of what is wrong with a period, or null when it has the kind's form. */
export function periodProblem(
  kind: ReportKind,
  period: string,
): 'reports.start.periodInvalid.progress' | 'reports.start.periodInvalid.evaluation' | null {
  return PERIOD_PATTERN[kind].test(period.trim()) ? null : `reports.start.periodInvalid.${kind}`;
}

/**
 * A calendar day (YYYY-MM-DD) as a local noon, for formatDate: `new Date('2026-06-30')` is UTC midnight,
 * which a browser west of Greenwich would show as the day before.
 */
export const day = (date: string): string => `${date}T12:00:00`;

/** The year a period belongs to (`2026-H1` and `2026` are both 2026). */
export const periodYear = (period: string): number => Number(period.slice(0, 4));
