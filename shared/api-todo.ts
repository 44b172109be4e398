/** JSON shapes of "what is asked of you": the home page's to-do list and the mail preference. */

/**
 * What a to-do asks: state the organization's position in an open round, renew a consent that an
 * older version got, endorse or draft the municipalities' ruling, handle an escalation (the chair),
 * mark a draft report ready (chair, secretariat), answer a council question (secretariat), co-write a
 * draft report (delegates).
 */
export const TODO_KINDS = [
  'state_position',
  'renew_position',
  'endorse_ruling',
  'draft_ruling',
  'handle_escalation',
  'review_report',
  'answer_question',
  'write_report',
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

export interface TodoItem {
  kind: TodoKind;
  table: { id: string; name: string };
  /** The section's title, or the report's name ("Voortgangsrapportage 2026-H1"). */
  title: string;
  /** The version a round is about (rounds only). */
  versionNumber: number | null;
  /** When it must be done (a round's response deadline), if there is such a moment. */
  deadline: string | null;
  /** Since when it waits (a round opened, an escalation raised, a question asked). */
  since: string;
  /** The in-app place to act: `/sections/<id>#position-form`, `/reports/<id>#question-<id>`, … */
  link: string;
}

export const MAIL_FREQUENCIES = ['immediate', 'daily'] as const;
export type MailFrequency = (typeof MAIL_FREQUENCIES)[number];

/** GET /api/me/todo: the signed-in person's to-dos across their tables, soonest deadline first. */
export interface TodoResponse {
  items: TodoItem[];
  mailFrequency: MailFrequency;
}

/** PUT /api/me/mail-preference */
export interface MailPreference {
  frequency: MailFrequency;
}
