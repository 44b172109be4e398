/** JSON shapes of the HTTP API, shared by the server (which produces them) and the client. */
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
  deliveredVia: 'smtp' | 'outbox';
  error: string | null;
}

export interface OutboxResponse {
  mails: OutboxMail[];
}

export interface HealthResponse {
  status: 'ok';
  database: 'pglite' | 'postgres';
  migration: number;
}

export interface SectionView {
  id: string;
  tableId: string;
  plan: { id: string; title: string };
  title: string;
  position: number;
  locked: boolean;
  lockReason: string | null;
  /** Goals come with the plan work; until then an empty list. */
  goals: Array<{ id: string; title: string }>;
  lastEditedBy: { id: string; name: string; organizationName: string } | null;
  lastEditedAt: string | null;
}

/** GET /api/tables/:id/sections */
export interface SectionsResponse {
  sections: SectionView[];
}

/** GET /api/sections/:id — canEdit: the viewer's role allows editing and the section is not locked. */
export interface SectionDetail extends SectionView {
  canEdit: boolean;
}

/** GET /api/sections/:id/content — derived on the server from the live document. */
export interface SectionContent {
  html: string;
  text: string;
}
