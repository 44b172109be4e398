/**
 * The consensus state machine of a section (domain.md, "Consensus on a section"), as pure functions.
 * The server applies every transition through `transition` and refuses what it refuses (409 with the
 * current state); the client uses `availableActions` only to decide what to offer.
 */
import { can } from './permissions.ts';
import type { Role } from './roles.ts';
import type { RulingRule } from './roles.ts';

export const SECTION_STATES = [
  'draft',
  'in_consultation',
  'agreed',
  'objected',
  'escalated',
  'mediation_proposal',
  'referred',
  'ruled',
] as const;
export type SectionState = (typeof SECTION_STATES)[number];

export const POSITION_KINDS = ['consent', 'consent_with_remarks', 'object', 'abstain'] as const;
export type PositionKind = (typeof POSITION_KINDS)[number];

/** Positions that need a written text: a remark, or the reasons of an objection. */
export const POSITION_NEEDS_TEXT: Record<PositionKind, boolean> = {
  consent: false,
  consent_with_remarks: true,
  object: true,
  abstain: false,
};

export type RoundOutcome = 'agreed' | 'objected' | 'not_all_responded';

export type ConsensusEvent =
  /** A delegate or the chair puts the current text to a consent round. */
  | { type: 'open_round' }
  /** The opener or the chair withdraws the running round. */
  | { type: 'withdraw_round' }
  /** The round closes (everyone responded, or the deadline passed) with its outcome. */
  | { type: 'close_round'; outcome: RoundOutcome }
  /** The table answers an objection by revising the text; or opens an adopted text for revision. */
  | { type: 'revise' }
  /** A member or the chair takes an objected section to the chair. */
  | { type: 'escalate' }
  /** The chair puts a compromise text to a new consent round. */
  | { type: 'propose_compromise' }
  /** The chair concludes that consensus cannot be reached. */
  | { type: 'refer' }
  /** The municipalities' ruling takes effect. */
  | { type: 'rule' };

export type ConsensusEventType = ConsensusEvent['type'];

/**
 * Where each event may happen and where it leads. A mediation proposal that meets an objection goes
 * back to the chair (escalated), not to the table: the dissent is already with the chair.
 */
export function transition(state: SectionState, event: ConsensusEvent): SectionState | null {
  switch (event.type) {
    case 'open_round':
      return state === 'draft' ? 'in_consultation' : null;
    case 'withdraw_round':
      if (state === 'in_consultation') return 'draft';
      if (state === 'mediation_proposal') return 'escalated';
      return null;
    case 'close_round':
      if (state === 'in_consultation') return event.outcome === 'agreed' ? 'agreed' : 'objected';
      if (state === 'mediation_proposal') return event.outcome === 'agreed' ? 'agreed' : 'escalated';
      return null;
    case 'revise':
      return state === 'objected' || state === 'agreed' || state === 'ruled' ? 'draft' : null;
    case 'escalate':
      return state === 'objected' ? 'escalated' : null;
    case 'propose_compromise':
      return state === 'escalated' ? 'mediation_proposal' : null;
    case 'refer':
      return state === 'escalated' ? 'referred' : null;
    case 'rule':
      return state === 'referred' ? 'ruled' : null;
  }
}

/** The text is frozen (no edits over the socket) in every state but draft. */
export function isTextLocked(state: SectionState): boolean {
  return state !== 'draft';
}

/** States with a consent round running. */
export function hasOpenRound(state: SectionState): boolean {
  return state === 'in_consultation' || state === 'mediation_proposal';
}

/** States with consensus under way (a round, an escalation, a referral): the section, and its plan, stay until that ends. */
export function isConsensusUnderWay(state: SectionState): boolean {
  return hasOpenRound(state) || state === 'escalated' || state === 'referred';
}

/**
 * Whether a section's text takes edits now: not frozen by its consensus state (the stored `locked`
 * flag, which follows `isTextLocked`) and not archived, itself or with its plan. The section API's
 * `canEdit` and the lock of the section's live document both ask this.
 */
export function isWritable(section: { locked: boolean; archived: boolean }): boolean {
  return !section.locked && !section.archived;
}

/**
 * Who may withdraw a running round: the chair (`round.withdraw_any`) any round, and whoever may open
 * rounds the one they opened. `openedIt: true` asks whether a role could withdraw any round at all.
 */
export function mayWithdrawRound(role: Role, openedIt: boolean): boolean {
  return can(role, 'round.withdraw_any') || (openedIt && can(role, 'round.open'));
}

/**
 * How a round ends, given the member organizations and the positions stated (the last per
 * organization). Null while it is still open: someone has not responded and the deadline has not passed.
 * An objection means no consensus; otherwise consensus needs every organization's response, unless
 * the rules of play count silence as consent.
 */
export function roundOutcome(input: {
  organizationIds: readonly string[];
  positions: ReadonlyMap<string, PositionKind>;
  silenceIsConsent: boolean;
  deadlinePassed: boolean;
}): RoundOutcome | null {
  const responded = input.organizationIds.filter((id) => input.positions.has(id));
  const everyone = responded.length === input.organizationIds.length;
  if (!everyone && !input.deadlinePassed) return null;
  if (responded.some((id) => input.positions.get(id) === 'object')) return 'objected';
  if (everyone || input.silenceIsConsent) return 'agreed';
  return 'not_all_responded';
}

/** Whether a ruling has the endorsements it needs under the table's ruling rule. */
export function rulingCarried(
  rule: RulingRule,
  municipalityIds: readonly string[],
  endorsedBy: ReadonlySet<string>,
): boolean {
  const endorsing = municipalityIds.filter((id) => endorsedBy.has(id)).length;
  if (municipalityIds.length === 0) return false;
  return rule === 'all_municipalities' ? endorsing === municipalityIds.length : endorsing * 2 > municipalityIds.length;
}

/** What a person can do about a section's consensus right now; the client offers exactly these. */
export const CONSENSUS_ACTIONS = [
  'open_round',
  'state_position',
  'withdraw_round',
  'revise',
  'escalate',
  'mediate',
  'propose_compromise',
  'refer',
  'draft_ruling',
  'endorse_ruling',
] as const;
export type ConsensusAction = (typeof CONSENSUS_ACTIONS)[number];

export function consensusActions(
  state: SectionState,
  role: Role,
  context: {
    /** The person's organization is a member of the table (it has a position to state). */
    memberOrganization: boolean;
    /** The person's organization is a member municipality (it speaks in a ruling). */
    memberMunicipality: boolean;
    /** The person opened the running round. */
    openedRound: boolean;
    /** A drafted ruling waits for endorsements, and the person's municipality has not endorsed it. */
    rulingToEndorse: boolean;
  },
): ConsensusAction[] {
  const actions: ConsensusAction[] = [];
  const allowed = (event: ConsensusEvent) => transition(state, event) !== null;
  if (allowed({ type: 'open_round' }) && can(role, 'round.open')) actions.push('open_round');
  if (hasOpenRound(state) && can(role, 'position.state') && context.memberOrganization) actions.push('state_position');
  if (allowed({ type: 'withdraw_round' }) && mayWithdrawRound(role, context.openedRound))
    actions.push('withdraw_round');
  if (allowed({ type: 'revise' }) && can(role, 'section.edit')) actions.push('revise');
  if (allowed({ type: 'escalate' }) && can(role, 'section.escalate')) actions.push('escalate');
  if (state === 'escalated' && can(role, 'escalation.mediate')) actions.push('mediate', 'propose_compromise', 'refer');
  if (state === 'referred' && can(role, 'ruling.draft') && context.memberMunicipality) actions.push('draft_ruling');
  if (state === 'referred' && can(role, 'ruling.endorse') && context.memberMunicipality && context.rulingToEndorse) {
    actions.push('endorse_ruling');
  }
  return actions;
}
