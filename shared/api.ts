/** JSON shapes of the HTTP API, shared by the server (which produces them) and the client. */
import type { SectionState } from './consensus.ts';
import type { KpiDirection, KpiStatus, KpiUnit, NationalGoal } from './goals.ts';
import type { Action } from './permissions.ts';
import type { OrganizationKind, Role, RulingRule } from './roles.ts';

export interface OrganizationSummary {
  id: string;
  name: string;
  kind: OrganizationKind;
}

export interface UserSummary {
  id: string;
  name: string;
  email: string;
  organization: OrganizationSummary;
}

export interface TableMembership {
  id: string;
  name: string;
  regionName: string;
  role: Role;
  currentPhase: PhaseView | null;
}

/** GET /api/me, and the body of a successful login. */
export interface MeResponse {
  user: UserSummary;
  tables: TableMembership[];
  /** True when the person holds the secretariat role somewhere (e.g. to show the dev outbox). */
  isSecretariat: boolean;
}

export interface PhaseView {
  key: string;
  name: string;
  description: string;
  startsOn: string;
  endsOn: string;
  isCurrent: boolean;
}

/** Spelregels: the rules of play a table agreed on. */
export interface TableRules {
  /** Response period of a consent round, in Dutch working days. */
  responsePeriodDays: number;
  silenceIsConsent: boolean;
  rulingRule: RulingRule;
}

export interface PersonView {
  userId: string;
  name: string;
  email: string;
  organization: OrganizationSummary;
  role: Role;
}

export interface MemberOrganization {
  organization: OrganizationSummary;
  joinedAt: string;
  delegates: PersonView[];
}

/** GET /api/tables/:id */
export interface TableDetail {
  id: string;
  name: string;
  description: string;
  region: { id: string; name: string };
  /** The viewer's role at this table and what it allows. */
  role: Role;
  allowedActions: Action[];
  phases: PhaseView[];
  rules: TableRules;
  members: MemberOrganization[];
  chair: PersonView | null;
  secretariat: PersonView[];
  /** Council members and observers. */
  readers: PersonView[];
}

export interface TablesResponse {
  tables: TableMembership[];
}

export interface AuditEventView {
  id: number;
  kind: string;
  occurredAt: string;
  actor: { id: string; name: string; organizationName: string } | null;
  subject: { type: string; id: string };
  data: Record<string, unknown>;
}

/** GET /api/tables/:id/audit?limit=&before= — newest first; pass nextBefore as before for the next page. */
export interface AuditResponse {
  events: AuditEventView[];
  nextBefore: number | null;
}

export interface OrganizationsResponse {
  organizations: OrganizationSummary[];
}

export interface InvitationView {
  id: string;
  email: string;
  name: string;
  role: Role;
  organization: OrganizationSummary;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
}

export interface InvitationsResponse {
  invitations: InvitationView[];
}

/** GET /api/invitations/:token — what the invitee sees before accepting. */
export interface InvitationPreview {
  email: string;
  name: string;
  role: Role;
  tableName: string;
  organizationName: string;
  expiresAt: string;
  /** An account with this e-mail exists already: accepting adds the role and keeps its password. */
  existingAccount: boolean;
}

/** POST /api/invitations/:token/accept */
export interface AcceptInvitationResponse {
  tableId: string;
  me: MeResponse;
}

export interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
  deliveredVia: 'smtp' | 'api' | 'outbox';
  error: string | null;
}

export interface OutboxResponse {
  mails: OutboxMail[];
}

/**
 * 200 with status ok; 503 with status unavailable and the reason while the database does not answer.
 * database: 'embedded' is the PostgreSQL the server runs itself (the default), 'postgres' one at
 * DATABASE_URL, 'pglite' PGlite in memory (tests only). runtime: the Node server, or Cloudflare Workers.
 */
export type HealthResponse =
  | { status: 'ok'; runtime: Runtime; database: 'embedded' | 'postgres' | 'pglite'; migration: number }
  | { status: 'unavailable'; runtime: Runtime; database: 'embedded' | 'postgres' | 'pglite'; reason: string };

/** Where the server runs: one Node process, or Workers with a Durable Object per document. */
export type Runtime = 'node' | 'workers';

export interface OrganizationRef {
  id: string;
  name: string;
}

export interface PersonRef {
  id: string;
  name: string;
  organizationName: string;
}

/** Where a section stands in the consensus state machine (shared/consensus.ts). */
export type { SectionState } from './consensus.ts';

export interface SectionView {
  id: string;
  tableId: string;
  plan: { id: string; title: string };
  title: string;
  position: number;
  state: SectionState;
  locked: boolean;
  lockReason: string | null;
  archived: boolean;
  /** The organizations that write this section. */
  drafters: OrganizationRef[];
  /** The goals this section serves. */
  goals: Array<{ id: string; title: string }>;
  lastEditedBy: PersonRef | null;
  lastEditedAt: string | null;
  /** Set when the last edit was a compromise or a ruling applied to the section (credited to its author). */
  lastEditedVia: 'compromise' | 'ruling' | null;
  /** People with the section open right now. */
  present: PersonRef[];
}

/** GET /api/tables/:id/sections */
export interface SectionsResponse {
  sections: SectionView[];
}

/** GET /api/sections/:id — canEdit: the viewer's role allows editing and the section is not locked. */
export interface SectionDetail extends SectionView {
  canEdit: boolean;
  canLinkGoals: boolean;
}

/** GET /api/sections/:id/content — derived on the server from the live document. */
export interface SectionContent {
  html: string;
  text: string;
}

export interface PlanView {
  id: string;
  tableId: string;
  title: string;
  periodStart: number;
  periodEnd: number;
  archived: boolean;
  createdAt: string;
}

/** GET /api/tables/:id/plans — each plan with its sections (archived ones last, flagged). */
export interface PlansResponse {
  plans: Array<PlanView & { sections: SectionView[] }>;
  templates: Record<string, readonly string[]>;
  canManage: boolean;
}

export interface PrincipleView {
  id: string;
  position: number;
  title: string;
  description: string;
}

export interface MeasurementView {
  period: string;
  value: number;
  source: string;
  note: string;
  recordedBy: PersonRef;
  recordedAt: string;
}

export interface KpiView {
  id: string;
  goalId: string;
  position: number;
  indicator: string;
  unit: KpiUnit;
  direction: KpiDirection;
  baseline: { year: number; value: number };
  targets: Array<{ year: number; value: number }>;
  measurements: MeasurementView[];
  status: { status: KpiStatus; period: string | null };
}

export interface GoalView {
  id: string;
  position: number;
  title: string;
  description: string;
  nationalGoal: NationalGoal | null;
  principleIds: string[];
  kpis: KpiView[];
  /** Live (not archived) sections that serve this goal. */
  sectionIds: string[];
}

/** GET /api/tables/:id/goals */
export interface GoalsResponse {
  principles: PrincipleView[];
  goals: GoalView[];
  /** The years targets may be set for: the span of the table's live plans (null without a plan). */
  planPeriod: { start: number; end: number } | null;
  canManage: boolean;
  canMeasure: boolean;
}

/** GET /api/tables/:id/goals/:goalId */
export interface GoalDetail {
  goal: GoalView;
  principles: PrincipleView[];
  sections: Array<{ id: string; title: string; planTitle: string; locked: boolean }>;
  planPeriod: { start: number; end: number } | null;
  canManage: boolean;
  canMeasure: boolean;
}

/** GET /api/tables/:id/coverage — goals × live sections of the table's live plans. */
export interface CoverageResponse {
  goals: Array<{ id: string; title: string; position: number }>;
  sections: Array<{ id: string; title: string; position: number; planId: string; planTitle: string }>;
  links: Array<{ sectionId: string; goalId: string }>;
  uncoveredGoals: string[];
  unlinkedSections: string[];
}

export type SearchKind = 'section' | 'goal' | 'kpi' | 'principle';

/** GET /api/tables/:id/search?q= — snippet marks matches between \u0002 and \u0003. */
export interface SearchResponse {
  query: string;
  results: Array<{
    kind: SearchKind;
    id: string;
    title: string;
    snippet: string;
    goalId: string | null;
    /** The plan a section belongs to (a table can have several); null for goals, KPIs and principles. */
    plan: { id: string; title: string } | null;
    rank: number;
  }>;
}

export type * from './api-consensus.ts';
export type * from './api-adopted.ts';
export type * from './api-reports.ts';
export type * from './api-todo.ts';
export type * from './api-comments.ts';
