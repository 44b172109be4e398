import type { ReportKind, ReportPart } from '../../shared/api.ts';
import { reportPartDocument } from '../../shared/documents.ts';
import type { Role } from '../../shared/roles.ts';
import { audit } from '../audit/audit.ts';
import { pgErrorCode, UNIQUE_VIOLATION, type Db, type Queryable } from '../db/db.ts';
import type { AppDeps } from '../deps.ts';
import type { Effect } from '../effects.ts';
import { conflict, forbidden, invalid, notFound } from '../http/errors.ts';
import { recipients, type Recipient } from '../notifications/commands.ts';
import type { ReportGenerated } from '../../shared/api-reports.ts';
import { seedRevisionDocuments } from './documents.ts';
import { notifyAboutReport } from './notify.ts';
import { reportPeriod } from './period.ts';
import { reportName } from './queries.ts';

export { publishReport } from './publish.ts';

/**
 * The report actions, each one named command that owns its transaction and its audit event and returns
 * the effects for after the commit (server/effects.ts): start a report, mark it ready, publish it
 * (publish.ts), start a correction, ask a council question, answer it.
 */

export type ReportDeps = Pick<AppDeps, 'db' | 'collab' | 'pdfFonts'>;

/** Who acts, in which role, at which table, when; and the app's base URL for links in mails. */
export interface ReportActor {
  userId: string;
  tableId: string;
  role: Role;
  now: Date;
  baseUrl: string;
}

export interface LockedReport extends Record<string, unknown> {
  id: string;
  table_id: string;
  kind: ReportKind;
  period: string;
  revision: number;
  revision_of: string | null;
  status: 'draft' | 'published';
  ready_chair_at: Date | null;
  ready_secretariat_at: Date | null;
  superseded_at: Date | null;
}

/** The report row, locked for the rest of the transaction: its status changes one step at a time. */
export async function lockReport(tx: Queryable, reportId: string, tableId: string): Promise<LockedReport> {
  const [row] = await tx.query<LockedReport>(
    `select id, table_id, kind, period, revision, revision_of, status, ready_chair_at, ready_secretariat_at,
            superseded_at
       from reports where id = $1 and table_id = $2 for update`,
    [reportId, tableId],
  );
  if (!row) throw notFound('report');
  return row;
}

const subject = (id: string) => ({ type: 'report', id });

/** Starts a report of a period that has begun; one per (kind, period): a published one is corrected by a revision. */
export async function startReport(
  db: Db,
  actor: ReportActor,
  input: { kind: ReportKind; period: string },
): Promise<string> {
  const period = reportPeriod(input.kind, input.period);
  if (!period) throw invalid('period', `not a period of a ${input.kind} report`, 'invalid_period');
  if (period.start > actor.now) throw invalid('period', `${input.period} has not started yet`, 'period_not_started');
  try {
    return await db.transaction(async (tx) => {
      const existing = await tx.query<{ id: string; status: string }>(
        'select id, status from reports where table_id = $1 and kind = $2 and period = $3 order by revision desc',
        [actor.tableId, input.kind, input.period],
      );
      const draft = existing.find((r) => r.status === 'draft');
      if (draft) throw conflict('a draft of this report exists already', { reportId: draft.id });
      if (existing[0]) {
        throw conflict('this report has been published; a correction is a new revision of it', {
          reportId: existing[0].id,
        });
      }
      const [created] = await tx.query<{ id: string }>(
        `insert into reports (table_id, kind, period, revision, created_by, created_at)
         values ($1, $2, $3, 1, $4, $5) returning id`,
        [actor.tableId, input.kind, input.period, actor.userId, actor.now],
      );
      await audit(tx, actor, 'report.started', subject(created!.id), {
        kind: input.kind,
        period: input.period,
        title: reportName(input.kind, input.period),
      });
      return created!.id;
    });
  } catch (error) {
    // Two starts at once: the second meets the first's row.
    if (pgErrorCode(error) === UNIQUE_VIOLATION) throw conflict('this report was started just now');
    throw error;
  }
}

/** The chair or the secretariat marks a draft ready for publication (once; a second mark changes nothing). */
export async function markReady(db: Db, actor: ReportActor, reportId: string): Promise<{ effects: Effect[] }> {
  const side = actor.role === 'chair' ? 'chair' : actor.role === 'secretariat' ? 'secretariat' : null;
  if (!side) throw forbidden('only the chair and the secretariat mark a report ready');
  await db.transaction(async (tx) => {
    const report = await lockReport(tx, reportId, actor.tableId);
    if (report.status !== 'draft')
      throw conflict('a published report is not reviewed again', { status: report.status });
    if (report[`ready_${side}_at`] !== null) return;
    await tx.query(`update reports set ready_${side}_by = $2, ready_${side}_at = $3 where id = $1`, [
      reportId,
      actor.userId,
      actor.now,
    ]);
    await audit(tx, actor, 'report.marked_ready', subject(reportId), {
      title: reportName(report.kind, report.period),
      revision: report.revision,
      as: side,
    });
  });
  return { effects: [] };
}

/**
 * A correction of a published revision: a new draft revision of the same report with the reason why, its
 * narrative documents starting from the published text (their frozen Yjs state). Only of the latest
 * published revision, and only while no other draft of it exists.
 */
export async function reviseReport(
  db: Db,
  actor: ReportActor,
  reportId: string,
  reason: string,
): Promise<{ id: string; effects: Effect[] }> {
  try {
    return await db.transaction(async (tx) => {
      const report = await lockReport(tx, reportId, actor.tableId);
      if (report.status !== 'published') throw conflict('only a published report is corrected by a revision');
      if (report.superseded_at) throw conflict('a later revision of this report has been published');
      const [latest] = await tx.query<{ revision: number; drafts: number }>(
        `select max(revision)::integer as revision, count(*) filter (where status = 'draft')::integer as drafts
           from reports where table_id = $1 and kind = $2 and period = $3`,
        [report.table_id, report.kind, report.period],
      );
      if (latest!.drafts > 0) throw conflict('a draft revision of this report exists already');
      const revision = latest!.revision + 1;
      const [created] = await tx.query<{ id: string }>(
        `insert into reports (table_id, kind, period, revision, revision_of, reason, created_by, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
        [
          report.table_id,
          report.kind,
          report.period,
          revision,
          report.revision_of ?? report.id,
          reason,
          actor.userId,
          actor.now,
        ],
      );
      const id = created!.id;
      await seedRevisionDocuments(tx, report.id, { reportId: id, tableId: report.table_id, now: actor.now }, (part) =>
        reportPartDocument(id, part),
      );
      await audit(tx, actor, 'report.revision_started', subject(id), {
        title: reportName(report.kind, report.period),
        revision,
        revisionOf: report.id,
        reason,
      });
      return { id, effects: [] };
    });
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION) throw conflict('a draft revision of this report exists already');
    throw error;
  }
}

/** The parts of a published report a question may be about. */
function questionParts(narrative: readonly ReportPart[], generated: ReportGenerated): Set<string> {
  return new Set([
    ...narrative.map((p) => p.key as string),
    ...generated.goals.map((g) => `goal-${g.id}`),
    'sections',
    'escalations',
    'coverage',
  ]);
}

/** A council member asks a question on a published report, optionally about one of its parts. */
export async function askQuestion(
  db: Db,
  actor: ReportActor,
  reportId: string,
  input: { text: string; partId?: string | null | undefined },
): Promise<{ id: string; effects: Effect[] }> {
  return db.transaction(async (tx) => {
    const effects: Effect[] = [];
    const [report] = await tx.query<{
      kind: ReportKind;
      period: string;
      status: string;
      narrative: ReportPart[] | null;
      generated: ReportGenerated | null;
    }>('select kind, period, status, narrative, generated from reports where id = $1 and table_id = $2 for share', [
      reportId,
      actor.tableId,
    ]);
    if (!report) throw notFound('report');
    if (report.status !== 'published') throw conflict('questions are asked on a published report');
    const partId = input.partId ?? null;
    if (partId !== null && !questionParts(report.narrative!, report.generated!).has(partId)) {
      throw invalid('partId', `${partId} is not a part of this report`, 'unknown_part');
    }
    const [created] = await tx.query<{ id: string }>(
      `insert into report_questions (report_id, part_id, text, asked_by, asked_at) values ($1, $2, $3, $4, $5)
       returning id`,
      [reportId, partId, input.text, actor.userId, actor.now],
    );
    const name = reportName(report.kind, report.period);
    await audit(tx, actor, 'report.question_asked', subject(reportId), {
      title: name,
      questionId: created!.id,
      partId,
    });
    await notifyAboutReport(tx, effects, await recipients(tx, actor.tableId, ['secretariat']), {
      tableId: actor.tableId,
      reportId,
      questionId: created!.id,
      kind: 'question_asked',
      now: actor.now,
      baseUrl: actor.baseUrl,
    });
    return { id: created!.id, effects };
  });
}

/** The secretariat answers a question, once; the asker is told (in the app and by mail, with a link). */
export async function answerQuestion(
  db: Db,
  actor: ReportActor,
  questionId: string,
  text: string,
): Promise<{ reportId: string; effects: Effect[] }> {
  return db.transaction(async (tx) => {
    const effects: Effect[] = [];
    const [question] = await tx.query<{
      report_id: string;
      asked_by: string;
      answered_at: Date | null;
      kind: ReportKind;
      period: string;
    }>(
      `select q.report_id, q.asked_by, q.answered_at, r.kind, r.period
         from report_questions q join reports r on r.id = q.report_id
        where q.id = $1 and r.table_id = $2 for update of q`,
      [questionId, actor.tableId],
    );
    if (!question) throw notFound('question');
    if (question.answered_at) throw conflict('this question has been answered already');
    await tx.query('update report_questions set answer_text = $2, answered_by = $3, answered_at = $4 where id = $1', [
      questionId,
      text,
      actor.userId,
      actor.now,
    ]);
    const name = reportName(question.kind, question.period);
    await audit(tx, actor, 'report.question_answered', subject(question.report_id), { title: name, questionId });
    const askers = await tx.query<Recipient>(
      `select u.id, u.email, u.name, coalesce(tr.role, 'council_member') as role, u.organization_id
         from users u left join table_roles tr on tr.user_id = u.id and tr.table_id = $2 where u.id = $1`,
      [question.asked_by, actor.tableId],
    );
    await notifyAboutReport(tx, effects, askers, {
      tableId: actor.tableId,
      reportId: question.report_id,
      questionId,
      kind: 'question_answered',
      now: actor.now,
      baseUrl: actor.baseUrl,
    });
    return { reportId: question.report_id, effects };
  });
}
