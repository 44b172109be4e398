import type { Queryable } from '../db/db.ts';
import type { Effect } from '../effects.ts';
import type { NoticeFacts } from '../mail/templates.ts';
import { notify, type Recipient } from '../notifications/commands.ts';
import { reportName } from './queries.ts';

/**
 * Notifications about reports: a row per person (in the command's transaction) that links to the
 * report, or to a question on it, and the same message by mail with that link (an effect). The words
 * come from server/mail/templates.ts, made from the report (and question) as stored.
 */

export async function notifyAboutReport(
  tx: Queryable,
  effects: Effect[],
  people: readonly Recipient[],
  input: {
    tableId: string;
    reportId: string;
    questionId?: string;
    kind: 'report_published' | 'question_asked' | 'question_answered';
    now: Date;
    /** The app's public base URL, for the link in the mail. */
    baseUrl: string;
    exceptUserId?: string;
  },
): Promise<void> {
  const [facts] = await tx.query<{
    kind: 'progress' | 'evaluation';
    period: string;
    revision: number;
    reason: string | null;
    question: string | null;
    answer: string | null;
  }>(
    `select r.kind, r.period, r.revision, r.reason, q.text as question, q.answer_text as answer
       from reports r left join report_questions q on q.id = $2 and q.report_id = r.id where r.id = $1`,
    [input.reportId, input.questionId ?? null],
  );
  if (!facts) return;
  const report = reportName(facts.kind, facts.period);
  const notice: NoticeFacts =
    input.kind === 'report_published'
      ? {
          kind: input.kind,
          report,
          shortName: `${facts.kind === 'progress' ? 'Rapportage' : 'Evaluatie'} ${facts.period}`,
          revision: facts.revision,
          reason: facts.reason,
        }
      : input.kind === 'question_asked'
        ? { kind: input.kind, report, question: facts.question ?? '' }
        : { kind: input.kind, report, question: facts.question ?? '', answer: facts.answer ?? '' };
  await notify(tx, effects, people, {
    tableId: input.tableId,
    target: { reportId: input.reportId, questionId: input.questionId },
    notice,
    now: input.now,
    exceptUserId: input.exceptUserId,
    base: input.baseUrl,
  });
}
