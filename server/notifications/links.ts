/**
 * Where a notification leads, inside the app: one rule for the bell, the e-mail and the to-do list.
 * What asks for a position (a round opened, a reminder, a consent gone stale) lands on the position
 * form; a question on a report on that question; anything else on its section or report.
 */

/** The notification kinds that ask the reader's organization to state (or renew) a position. */
export const ASKS_FOR_POSITION: ReadonlySet<string> = new Set([
  'round_opened',
  'mediation_proposal',
  'round_reminder',
  'position_stale',
]);

/** Where a notification is about: a section, or a report (optionally a question on it). */
export type NoticeTarget = { sectionId: string } | { reportId: string; questionId?: string | undefined };

export const sectionLink = (sectionId: string, positionForm = false) =>
  `/sections/${sectionId}${positionForm ? '#position-form' : ''}`;

export const reportLink = (reportId: string, questionId?: string | null) =>
  `/reports/${reportId}${questionId ? `#question-${questionId}` : ''}`;

export function noticeLink(kind: string, target: NoticeTarget): string {
  if ('reportId' in target) return reportLink(target.reportId, target.questionId);
  return sectionLink(target.sectionId, ASKS_FOR_POSITION.has(kind));
}

/** The same for a stored notification row (either id may be missing on old or table-wide rows). */
export function rowLink(row: {
  kind: string;
  section_id: string | null;
  report_id: string | null;
  question_id: string | null;
}): string | null {
  if (row.report_id) return noticeLink(row.kind, { reportId: row.report_id, questionId: row.question_id ?? undefined });
  return row.section_id ? noticeLink(row.kind, { sectionId: row.section_id }) : null;
}

/** The public base of links in mails: the configured public URL, else the address the server listens on. */
export function publicBase(config: { publicUrl?: string | undefined; serverUrl?: string | undefined }): string {
  return (config.publicUrl ?? config.serverUrl ?? '').replace(/\/$/, '');
}
