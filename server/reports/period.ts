import type { ReportKind } from '../../shared/api-reports.ts';
import { formatPeriod, type Period } from '../../shared/goals.ts';
import { addDays, endOfAmsterdamDay } from '../../shared/working-days.ts';

/**
 * A report's period, as calendar days in Europe/Amsterdam and as the instants that bound it. Pure.
 *
 * "As of the period's end" is exact: whatever happened before 00:00 Amsterdam time on the day after the
 * last day counts (30 June 23:59:59.999 does), whatever happened at that instant or later does not
 * (1 July 00:00 does not). Timestamps are compared with `< end`; calendar dates (a mediation step's
 * occurred_on) with `<= lastDay`; half years ("2026-H1") by order with `<= lastHalfYear`.
 */
export interface ReportPeriod {
  kind: ReportKind;
  period: string;
  year: number;
  /** First and last day, YYYY-MM-DD (the last day counts). */
  firstDay: string;
  lastDay: string;
  /** 00:00 Amsterdam on the first day. */
  start: Date;
  /** 00:00 Amsterdam on the day after the last day: the first instant that no longer counts. */
  end: Date;
  /** The half years the period covers, in order: one for a progress report, two for an evaluation. */
  halfYears: Period[];
  /** The last half year in the period: measurements of it and before count. */
  lastHalfYear: Period;
}

const PROGRESS = /^(\d{4})-H([12])$/;
const EVALUATION = /^(\d{4})$/;
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** 00:00 in Amsterdam at the start of a calendar day (the instant after the previous day ends). */
export function startOfAmsterdamDay(date: string): Date {
  return new Date(endOfAmsterdamDay(addDays(date, -1)).getTime() + 1);
}

/** The period of a report of this kind, or null when it is not one (wrong shape for the kind, year out of range). */
export function reportPeriod(kind: ReportKind, period: string): ReportPeriod | null {
  const match = (kind === 'progress' ? PROGRESS : EVALUATION).exec(period);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  const half = kind === 'progress' ? (Number(match[2]) as 1 | 2) : null;
  const firstDay = half === 2 ? `${year}-07-01` : `${year}-01-01`;
  const lastDay = half === 1 ? `${year}-06-30` : `${year}-12-31`;
  const halfYears = half === null ? [formatPeriod(year, 1), formatPeriod(year, 2)] : [formatPeriod(year, half)];
  return {
    kind,
    period,
    year,
    firstDay,
    lastDay,
    start: startOfAmsterdamDay(firstDay),
    end: startOfAmsterdamDay(addDays(lastDay, 1)),
    halfYears,
    lastHalfYear: halfYears.at(-1)!,
  };
}

/** Whether a period is well-formed for its kind (the request schema and the database check say the same). */
export function isReportPeriod(kind: ReportKind, period: string): boolean {
  return reportPeriod(kind, period) !== null;
}

/** Whole calendar days between two YYYY-MM-DD dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Orders periods by their end: negative when a ends first. Reports of different kinds can end on the same day. */
export function compareByEnd(a: ReportPeriod, b: ReportPeriod): number {
  return a.end.getTime() - b.end.getTime();
}
