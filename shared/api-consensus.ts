/** JSON shapes of the consensus part of the HTTP API (positions, rounds, escalations, rulings, versions, notifications). */
import type { AuditEventView, OrganizationRef, PersonRef } from './api.ts';
import type { ConsensusAction, PositionKind, RoundOutcome, SectionState } from './consensus.ts';
import type { OrganizationKind } from './roles.ts';

export interface PositionView {
  id: string;
  organization: OrganizationRef;
  kind: PositionKind;
  /** The remark or reason; left out for viewers who may not read the deliberation while it is undecided. */
  text?: string;
  statedBy: PersonRef;
  statedAt: string;
  /** A later statement of the same organization replaced this one. */
  superseded: boolean;
  versionNumber: number;
  /** The text changed since (a newer version exists): the position asks to be renewed. */
  stale: boolean;
}

export interface RoundView {
  id: string;
  kind: 'consent' | 'mediation_proposal';
  versionNumber: number;
  openedBy: PersonRef;
  openedAt: string;
  deadline: string;
  closedAt: string | null;
  outcome: RoundOutcome | 'withdrawn' | null;
  /** The positions that count (one per organization). */
  positions: PositionView[];
  /** Every statement, replaced ones included, oldest first. */
  statements: PositionView[];
}

export interface MediationStepView {
  id: string;
  occurredOn: string;
  kind: 'meeting' | 'call' | 'written';
  note?: string;
  recordedBy: PersonRef;
}

export interface EscalationView {
  id: string;
  /** Left out, like referralReport and step notes, for viewers who may not read the deliberation. */
  reason?: string;
  escalatedBy: PersonRef;
  escalatedAt: string;
  /** Whole days since it reached the chair (until it was concluded). */
  ageDays: number;
  steps: MediationStepView[];
  referredAt: string | null;
  referralReport?: string | null;
  closedAt: string | null;
}

export interface RulingView {
  id: string;
  text: string;
  rationale: string;
  draftedBy: PersonRef;
  draftedAt: string;
  effectiveAt: string | null;
  /** A newer draft replaced this one; its endorsements lapsed. */
  superseded: boolean;
  versionNumber: number | null;
  endorsements: Array<{ organization: OrganizationRef; endorsedBy: PersonRef; endorsedAt: string }>;
  /** The member municipalities whose endorsement is still missing. */
  awaiting: OrganizationRef[];
}

/** GET /api/sections/:id/consensus — where the section stands and what the viewer can do about it. */
export interface SectionConsensus {
  sectionId: string;
  state: SectionState;
  currentVersion: number | null;
  /** Every member organization with its latest position on this section (any round). */
  organizations: Array<{ id: string; name: string; kind: OrganizationKind; position: PositionView | null }>;
  /** The running round, or the last one. */
  round: RoundView | null;
  escalation: EscalationView | null;
  ruling: RulingView | null;
  /** Objections of the round before the referral: they stay visible beside a ruling. */
  minorityPositions: PositionView[];
  actions: ConsensusAction[];
}

export interface VersionView {
  number: number;
  origin: 'round' | 'mediation_proposal' | 'ruling';
  createdBy: PersonRef;
  createdAt: string;
  contentHash: string;
}

/** GET /api/sections/:id/versions/:n */
export interface VersionDetail extends VersionView {
  html: string;
  text: string;
}

/**
 * A ProseMirror node as JSON (`Node.toJSON()`), the editor's own document format: the client rebuilds
 * it with the editor's schema, so a diff can see headings, lists, tables and marks, not only text.
 */
export interface PmNodeJson {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmNodeJson[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
}

/** One side of a diff: a frozen version, or the live draft ("current"). */
export interface DiffSide {
  version: number | 'current';
  doc: PmNodeJson;
}

/**
 * GET /api/sections/:id/diff?from=&to= — `to` may be "current" for the live text. The server sends both
 * documents; the client computes the changes (prosemirror-changeset) with the schema it renders with.
 */
export interface VersionDiff {
  from: DiffSide;
  to: DiffSide;
}

/**
 * A compromise or a draft ruling being written live in its own document (`docName`), started from the
 * text under objection (version `basedOnVersion`): GET /api/sections/:id/proposal gives the one being
 * written, with both documents for the rich diff; POST /api/escalations/:id/compromise-document and
 * POST /api/sections/:id/ruling-document start one (or give the one already started).
 */
export interface ProposalView {
  id: string;
  kind: 'compromise' | 'ruling';
  docName: string;
  createdBy: PersonRef;
  createdAt: string;
  basedOnVersion: number;
  /** Whether the viewer may write in it (the chair a compromise, a municipal delegate a ruling). */
  canWrite: boolean;
  base: PmNodeJson;
  current: PmNodeJson;
}

export interface ProposalResponse {
  proposal: ProposalView | null;
}

/** GET /api/sections/:id/history */
export interface SectionHistory {
  versions: VersionView[];
  rounds: RoundView[];
  escalations: EscalationView[];
  rulings: RulingView[];
  events: AuditEventView[];
}

/** POST /api/sections/:id/rounds */
export interface OpenedRound {
  round: { id: string; deadline: string };
  version: { number: number };
}

export interface NotificationView {
  id: number;
  kind: string;
  message: string;
  tableId: string | null;
  sectionId: string | null;
  /** The report it is about (a publication, a council question), if any. */
  reportId: string | null;
  /** Where it leads in the app: /sections/<id>, /reports/<id> or /reports/<id>#question-<id>; null for nowhere. */
  link: string | null;
  createdAt: string;
  read: boolean;
}

/** GET /api/notifications */
export interface NotificationsResponse {
  unread: number;
  notifications: NotificationView[];
}

/** GET /api/tables/:id/escalations — the chair's inbox, oldest first. */
export interface EscalationInbox {
  escalations: Array<EscalationView & { section: { id: string; title: string; state: SectionState } }>;
}
