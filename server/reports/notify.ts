import type { Queryable } from '../db/db.ts';
import type { Effect } from '../effects.ts';
import type { Recipient } from '../notifications/commands.ts';

/**
 * Notifications about reports: a row per person (in the command's transaction) that links to the
 * report, or to a question on it, and the same message by mail with that link (an effect).
 */

/** The in-app path of a report, or of a question on it: what the client links to and the mail carries. */
export const reportLink = (reportId: string, questionId?: string) =>
  `/reports/${reportId}${questionId ? `#question-${questionId}` : ''}`;

export async function notifyAboutReport(
  tx: Queryable,
  effects: Effect[],
  people: readonly Recipient[],
  input: {
    tableId: string;
    reportId: string;
    questionId?: string;
    kind: string;
    message: string;
    now: Date;
    /** The app's public base URL, for the link in the mail. */
    baseUrl: string;
    exceptUserId?: string;
  },
): Promise<void> {
  const seen = new Set<string>();
  const link = `${input.baseUrl}${reportLink(input.reportId, input.questionId)}`;
  for (const person of people) {
    if (seen.has(person.id) || person.id === input.exceptUserId) continue;
    seen.add(person.id);
    await tx.query(
      `insert into notifications (user_id, table_id, report_id, question_id, kind, message, created_at)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [person.id, input.tableId, input.reportId, input.questionId ?? null, input.kind, input.message, input.now],
    );
    effects.push({
      mail: {
        to: person.email,
        tableId: input.tableId,
        subject: `Tafelwerk: ${input.message}`,
        text: [
          `Beste ${person.name},`,
          '',
          input.message,
          '',
          `Bekijk het in Tafelwerk: ${link}`,
          '',
          'Tafelwerk',
        ].join('\n'),
      },
    });
  }
}
