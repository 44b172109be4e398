/**
 * JSON shapes of the reports part of the HTTP API: progress reports (voortgangsrapportage, a half year)
 * and evaluations (a year), their generated figures, co-written narrative parts, review, publication,
 * revisions and council questions (raadsvragen).
 */
import type { PersonRef } from './api.ts';
import type { SectionState } from './consensus.ts';
import type { ReportPartKey } from './documents.ts';
import type { KpiDirection, KpiStatus, KpiUnit, NationalGoal } from './goals.ts';

export const REPORT_KINDS = ['progress', 'evaluation'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** A draft is generated live and co-written; a published revision is frozen for good. */
export type ReportStatus = 'draft' | 'published';

/** A period: `2026-H1` / `2026-H2` for a progress report, `2026` for an evaluation. */
export type ReportPeriod = string;

export interface ReadyMark {
  by: PersonRef;
  at: string;
}

export interface ReportSummary {
  id: string;
  tableId: string;
  kind: ReportKind;
  period: ReportPeriod;
  /** "Voortgangsrapportage 2026-H1 — <table name>", as shown and printed. */
  title: string;
  /** 1 for the first publication; a correction is revision 2, 3, … of the same report. */
  revision: number;
  /** Why this revision was made (null for revision 1). */
  reason: string | null;
  status: ReportStatus;
  createdBy: PersonRef;
  createdAt: string;
  readyByChair: ReadyMark | null;
  readyBySecretariat: ReadyMark | null;
  publishedBy: PersonRef | null;
  publishedAt: string | null;
  /** A later revision of the same report has been published: this one is kept as history. */
  superseded: boolean;
}

export interface ReportsResponse {
  reports: ReportSummary[];
  /** The viewer may start a report (secretariat). */
  canStart: boolean;
}

/** One KPI's figures as of the period's end. */
export interface ReportKpi {
  id: string;
  indicator: string;
  unit: KpiUnit;
  direction: KpiDirection;
  baseline: { year: number; value: number };
  /** Every half year from the baseline up to the period's end: the figure (null where none was recorded) and the target of its year. */
  series: Array<{ period: string; value: number | null; target: number | null }>;
  /** The last figure in or before the period. */
  current: { period: string; value: number } | null;
  /** The target of the period's year. */
  target: number | null;
  changeSinceBaseline: number | null;
  /** Against the figure shown in the previous published report of the table (null when there is none). */
  changeSincePreviousReport: number | null;
  status: KpiStatus;
}

export interface ReportGoal {
  id: string;
  title: string;
  nationalGoal: NationalGoal | null;
  kpis: ReportKpi[];
}

export interface ReportRound {
  id: string;
  kind: 'consent' | 'mediation_proposal';
  versionNumber: number;
  openedAt: string;
  closedAt: string | null;
  /** Null while it still ran at the period's end. */
  outcome: 'agreed' | 'objected' | 'not_all_responded' | 'withdrawn' | null;
}

export interface ReportSection {
  id: string;
  title: string;
  position: number;
  /** The state at the period's end. */
  state: SectionState;
  /** The last version adopted (agreed or ruled) by the period's end. */
  adoptedVersion: { number: number; at: string; way: 'consensus' | 'mediation' | 'ruling' } | null;
  /** Rounds opened or closed in the period. */
  rounds: ReportRound[];
}

export interface ReportEscalation {
  id: string;
  sectionId: string;
  sectionTitle: string;
  escalatedAt: string;
  referredAt: string | null;
  closedAt: string | null;
  /** Calendar days from escalation to closing, or to the period's end while still open. */
  durationDays: number;
  mediationSteps: Array<{ occurredOn: string; kind: 'meeting' | 'call' | 'written' }>;
  ruling: { effectiveAt: string; versionNumber: number | null } | null;
}

export interface ReportCoverage {
  goals: Array<{ id: string; title: string }>;
  sections: Array<{ id: string; title: string }>;
  links: Array<{ sectionId: string; goalId: string }>;
  /** False when the links at the period's end could not be reconstructed (the current links are shown). */
  reconstructed: boolean;
}

/** Everything computed from the data as of the period's end. */
export interface ReportGenerated {
  /** First and last day of the period (YYYY-MM-DD, Europe/Amsterdam); the last day counts. */
  periodStart: string;
  periodEnd: string;
  generatedAt: string;
  goals: ReportGoal[];
  sections: ReportSection[];
  escalations: ReportEscalation[];
  coverage: ReportCoverage;
  /** The plan versions the report reflects: per section the adopted version number at the period's end. */
  planVersions: Array<{ sectionId: string; title: string; versionNumber: number | null }>;
  /** What could not be reconstructed as of the period's end, in words (Dutch), for the report to say. */
  limitations: string[];
}

export interface ReportPart {
  key: ReportPartKey;
  /** "Samenvatting", "Toelichting: <goal title>", "Vooruitblik". */
  title: string;
  /** The live document's name (shared/documents.ts), for co-editing while a draft. */
  docName: string;
  html: string;
  text: string;
}

export interface ReportQuestion {
  id: string;
  reportId: string;
  /** The part of the report it is about: a narrative part key, `goal-<id>`, `sections`, `escalations` or `coverage`; null for the whole report. */
  partId: string | null;
  text: string;
  askedBy: PersonRef;
  askedAt: string;
  answer: { text: string; by: PersonRef; at: string } | null;
}

export interface ReportDetail extends ReportSummary {
  tableName: string;
  generated: ReportGenerated;
  narrative: ReportPart[];
  /** Every revision of this report, oldest first (this one included). */
  revisions: ReportSummary[];
  questions: ReportQuestion[];
  /** What the viewer may do now. */
  can: {
    writeNarrative: boolean;
    markReady: boolean;
    publish: boolean;
    revise: boolean;
    ask: boolean;
    answer: boolean;
  };
}
