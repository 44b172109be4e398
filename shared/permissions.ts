import type { Role } from './roles.ts';

/**
 * Everything a person can try to do at a table. The server checks these on every request and
 * WebSocket message; the client only uses them to hide what is not allowed.
 */
export const ACTIONS = [
  'table.read',
  'table.audit.read',
  'table.manage',
  'plan.manage',
  'goals.manage',
  'kpi.measure',
  'section.read',
  'section.edit',
  'section.link_goals',
  // Comment threads anchored to a section's text: part of the deliberation (reading them needs
  // consensus.readDeliberation), open to everyone who takes part in it.
  'section.comment',
  'consensus.readDeliberation',
  'round.open',
  'round.withdraw_any',
  'position.state',
  'section.escalate',
  'escalation.mediate',
  'ruling.draft',
  'ruling.endorse',
  'report.read_draft',
  'report.read_published',
  // Co-writing the narrative parts of a draft report (samenvatting, toelichting per doel, vooruitblik).
  'report.write_narrative',
  'report.manage',
  'report.review',
  'report.ask_question',
  'report.answer_question',
  'outbox.read',
] as const;
export type Action = (typeof ACTIONS)[number];

const DELEGATE: readonly Action[] = [
  'table.read',
  'table.audit.read',
  'section.read',
  'section.edit',
  'section.link_goals',
  'section.comment',
  'consensus.readDeliberation',
  'round.open',
  'position.state',
  'section.escalate',
  'report.read_draft',
  'report.read_published',
  'report.write_narrative',
];

/** The role × action matrix: one row per role, the actions it grants. */
const MATRIX: Record<Role, ReadonlySet<Action>> = {
  municipality_delegate: new Set<Action>([...DELEGATE, 'ruling.draft', 'ruling.endorse']),
  provider_delegate: new Set<Action>(DELEGATE),
  // The chair runs the process but never takes a position or speaks for the municipalities.
  chair: new Set<Action>([
    'table.read',
    'table.audit.read',
    'section.read',
    'section.comment',
    'consensus.readDeliberation',
    'round.open',
    'round.withdraw_any',
    'section.escalate',
    'escalation.mediate',
    'report.read_draft',
    'report.read_published',
    'report.review',
  ]),
  secretariat: new Set<Action>([
    'table.read',
    'table.audit.read',
    'table.manage',
    'plan.manage',
    'goals.manage',
    'kpi.measure',
    'section.read',
    'section.link_goals',
    'section.comment',
    'consensus.readDeliberation',
    'report.read_draft',
    'report.read_published',
    'report.manage',
    'report.review',
    'report.answer_question',
    'outbox.read',
  ]),
  // Council members and observers see what the table has published and agreed, and the outcomes (who
  // consented, who objected, the ruling, minority positions), not the deliberation in progress: without
  // consensus.readDeliberation, open-round positions, position texts of undecided rounds, escalation
  // reasons, mediation notes, referral reports and unratified ruling drafts are left out.
  council_member: new Set<Action>(['table.read', 'section.read', 'report.read_published', 'report.ask_question']),
  observer: new Set<Action>(['table.read', 'table.audit.read', 'section.read', 'report.read_published']),
};

export function can(role: Role, action: Action): boolean {
  return MATRIX[role].has(action);
}

/** The actions a role grants, in the order of ACTIONS, for the client to render what it may offer. */
export function allowedActions(role: Role): Action[] {
  return ACTIONS.filter((action) => MATRIX[role].has(action));
}
