import type {
  PersonRef,
  ReportDetail,
  ReportGenerated,
  ReportKind,
  ReportPart,
  ReportQuestion,
  ReportsResponse,
  ReportSummary,
} from '../../shared/api.ts';
import { goalPartKey, reportPartDocument, type ReportPartKey } from '../../shared/documents.ts';
import { can } from '../../shared/permissions.ts';
import type { Role } from '../../shared/roles.ts';
import type { Queryable } from '../db/db.ts';
import { iso, isoOrNull } from '../db/rows.ts';
import { generateReport } from './generate.ts';
import { reportPeriod, type ReportPeriod } from './period.ts';

/**
 * Reading reports: the list of a table, one report (a revision) with its figures, narrative, revisions and
 * questions, and what the viewer may do with it. A draft is visible only to roles with report.read_draft;
 * to everyone else it does not exist (404), and neither does it appear in their list.
 */

const person = (alias: string) =>
  `${alias}.id as ${alias}_id, ${alias}.name as ${alias}_name, ${alias}o.name as ${alias}_org`;
const leftJoinPerson = (alias: string, column: string) =>
  `left join users ${alias} on ${alias}.id = ${column} left join organizations ${alias}o on ${alias}o.id = ${alias}.organization_id`;

function personOf(row: Record<string, unknown>, alias: string): PersonRef | null {
  const id = row[`${alias}_id`];
  if (typeof id !== 'string') return null;
  return { id, name: row[`${alias}_name`] as string, organizationName: row[`${alias}_org`] as string };
}

export interface ReportRow extends Record<string, unknown> {
  id: string;
  table_id: string;
  table_name: string;
  kind: ReportKind;
  period: string;
  revision: number;
  revision_of: string | null;
  reason: string | null;
  status: 'draft' | 'published';
  created_at: Date;
  ready_chair_at: Date | null;
  ready_secretariat_at: Date | null;
  published_at: Date | null;
  superseded_at: Date | null;
}

const REPORT_SELECT = `
  select r.id, r.table_id, t.name as table_name, r.kind, r.period, r.revision, r.revision_of, r.reason, r.status,
         r.created_at, r.ready_chair_at, r.ready_secretariat_at, r.published_at, r.superseded_at,
         ${person('c')}, ${person('rc')}, ${person('rs')}, ${person('pb')}
    from reports r join tables t on t.id = r.table_id
    ${leftJoinPerson('c', 'r.created_by')} ${leftJoinPerson('rc', 'r.ready_chair_by')}
    ${leftJoinPerson('rs', 'r.ready_secretariat_by')} ${leftJoinPerson('pb', 'r.published_by')}`;

/** "Voortgangsrapportage 2026-H1" / "Evaluatie 2026". */
export const reportName = (kind: ReportKind, period: string) =>
  `${kind === 'progress' ? 'Voortgangsrapportage' : 'Evaluatie'} ${period}`;

export function summaryOf(row: ReportRow): ReportSummary {
  return {
    id: row.id,
    tableId: row.table_id,
    kind: row.kind,
    period: row.period,
    title: `${reportName(row.kind, row.period)} — ${row.table_name}`,
    revision: row.revision,
    reason: row.reason,
    status: row.status,
    createdBy: personOf(row, 'c')!,
    createdAt: iso(row.created_at),
    readyByChair: row.ready_chair_at ? { by: personOf(row, 'rc')!, at: iso(row.ready_chair_at) } : null,
    readyBySecretariat: row.ready_secretariat_at
      ? { by: personOf(row, 'rs')!, at: iso(row.ready_secretariat_at) }
      : null,
    publishedBy: personOf(row, 'pb'),
    publishedAt: isoOrNull(row.published_at),
    superseded: row.superseded_at !== null,
  };
}

/** Whether a role sees a report in this status at all. */
export const mayRead = (role: Role, status: 'draft' | 'published') =>
  can(role, status === 'draft' ? 'report.read_draft' : 'report.read_published');

export async function findReport(db: Queryable, reportId: string): Promise<ReportRow | null> {
  const [row] = await db.query<ReportRow>(`${REPORT_SELECT} where r.id = $1`, [reportId]);
  return row ?? null;
}

/** The table a report belongs to (for the permission check of its routes). */
export async function reportTable(db: Queryable, reportId: string): Promise<{ tableId: string } | null> {
  const [row] = await db.query<{ table_id: string }>('select table_id from reports where id = $1', [reportId]);
  return row ? { tableId: row.table_id } : null;
}

/** The table a question's report belongs to, and the report. */
export async function questionTable(
  db: Queryable,
  questionId: string,
): Promise<{ tableId: string; reportId: string } | null> {
  const [row] = await db.query<{ table_id: string; report_id: string }>(
    'select r.table_id, q.report_id from report_questions q join reports r on r.id = q.report_id where q.id = $1',
    [questionId],
  );
  return row ? { tableId: row.table_id, reportId: row.report_id } : null;
}

/** GET /tables/:id/reports: newest period first; drafts only for those who may read them. */
export async function listReports(db: Queryable, tableId: string, role: Role): Promise<ReportsResponse> {
  const rows = await db.query<ReportRow>(
    `${REPORT_SELECT} where r.table_id = $1 order by r.period desc, r.kind, r.revision desc`,
    [tableId],
  );
  return {
    reports: rows.filter((row) => mayRead(role, row.status)).map(summaryOf),
    canStart: can(role, 'report.manage'),
  };
}

/** The narrative parts of a draft: the summary, one explanation per goal of the table, the outlook. */
export async function draftPartKeys(
  db: Queryable,
  tableId: string,
): Promise<Array<{ key: ReportPartKey; title: string }>> {
  const goals = await db.query<{ id: string; title: string }>(
    'select id, title from goals where table_id = $1 order by position, created_at',
    [tableId],
  );
  return [
    { key: 'summary', title: 'Samenvatting' },
    ...goals.map((g) => ({ key: goalPartKey(g.id), title: `Toelichting: ${g.title}` })),
    { key: 'outlook', title: 'Vooruitblik' },
  ];
}

/** A draft's narrative as stored by the co-editing store's content sink (empty where nobody wrote yet). */
export async function draftNarrative(db: Queryable, reportId: string, tableId: string): Promise<ReportPart[]> {
  const [keys, stored] = await Promise.all([
    draftPartKeys(db, tableId),
    db.query<{ part_key: string; html: string; text: string }>(
      'select part_key, html, text from report_parts where report_id = $1',
      [reportId],
    ),
  ]);
  return keys.map(({ key, title }) => {
    const part = stored.find((s) => s.part_key === key);
    return { key, title, docName: reportPartDocument(reportId, key), html: part?.html ?? '', text: part?.text ?? '' };
  });
}

export async function reportQuestions(db: Queryable, reportId: string): Promise<ReportQuestion[]> {
  const rows = await db.query(
    `select q.id, q.report_id, q.part_id, q.text, q.asked_at, q.answer_text, q.answered_at, ${person('a')}, ${person('b')}
       from report_questions q ${leftJoinPerson('a', 'q.asked_by')} ${leftJoinPerson('b', 'q.answered_by')}
      where q.report_id = $1 order by q.asked_at, q.id`,
    [reportId],
  );
  return rows.map((r) => ({
    id: r.id as string,
    reportId: r.report_id as string,
    partId: r.part_id as string | null,
    text: r.text as string,
    askedBy: personOf(r, 'a')!,
    askedAt: iso(r.asked_at),
    answer:
      r.answer_text === null ? null : { text: r.answer_text as string, by: personOf(r, 'b')!, at: iso(r.answered_at) },
  }));
}

export async function findQuestion(db: Queryable, questionId: string): Promise<ReportQuestion | null> {
  const found = await questionTable(db, questionId);
  if (!found) return null;
  return (await reportQuestions(db, found.reportId)).find((q) => q.id === questionId) ?? null;
}

/** The frozen figures and narrative of a published revision. */
async function frozen(db: Queryable, reportId: string) {
  const [row] = await db.query<{ generated: ReportGenerated; narrative: ReportPart[] }>(
    'select generated, narrative from reports where id = $1',
    [reportId],
  );
  return row!;
}

/** The period of a stored report (its kind and period were checked when it was made). */
export const periodOf = (row: Pick<ReportRow, 'kind' | 'period'>): ReportPeriod => reportPeriod(row.kind, row.period)!;

/**
 * GET /reports/:id — null when there is no such report, or the viewer may not read it (a draft for a
 * council member or an observer). A draft's figures are computed now; a published revision's are frozen.
 */
export async function reportDetail(
  db: Queryable,
  reportId: string,
  viewer: { role: Role; now: Date },
): Promise<ReportDetail | null> {
  const row = await findReport(db, reportId);
  if (!row || !mayRead(viewer.role, row.status)) return null;
  const summary = summaryOf(row);
  const draft = row.status === 'draft';
  const [content, revisions, questions] = await Promise.all([
    draft
      ? Promise.all([
          generateReport(db, { tableId: row.table_id, period: periodOf(row), now: viewer.now }),
          draftNarrative(db, row.id, row.table_id),
        ]).then(([generated, narrative]) => ({ generated, narrative }))
      : frozen(db, row.id),
    db.query<ReportRow>(
      `${REPORT_SELECT} where r.table_id = $1 and r.kind = $2 and r.period = $3 order by r.revision`,
      [row.table_id, row.kind, row.period],
    ),
    reportQuestions(db, row.id),
  ]);
  const { role } = viewer;
  const mark = role === 'chair' ? summary.readyByChair : role === 'secretariat' ? summary.readyBySecretariat : null;
  const draftExists = revisions.some((r) => r.status === 'draft');
  return {
    ...summary,
    tableName: row.table_name,
    generated: content.generated,
    narrative: content.narrative,
    revisions: revisions.filter((r) => mayRead(role, r.status)).map(summaryOf),
    questions,
    can: {
      writeNarrative: draft && can(role, 'report.write_narrative'),
      markReady: draft && can(role, 'report.review') && mark === null,
      publish:
        draft && can(role, 'report.manage') && summary.readyByChair !== null && summary.readyBySecretariat !== null,
      revise: !draft && !summary.superseded && !draftExists && can(role, 'report.manage'),
      ask: !draft && can(role, 'report.ask_question'),
      answer: !draft && can(role, 'report.answer_question'),
    },
  };
}
