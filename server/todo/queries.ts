import type { MailFrequency, TodoItem, TodoKind, TodoResponse } from '../../shared/api.ts';
import { can, type Action } from '../../shared/permissions.ts';
import type { Role } from '../../shared/roles.ts';
import type { Queryable, SqlParam } from '../db/db.ts';
import { iso, isoOrNull } from '../db/rows.ts';
import { reportLink, sectionLink } from '../notifications/queries.ts';
import { reportName } from '../reports/queries.ts';

/**
 * "What is asked of you": everything that waits for the signed-in person, across all their tables.
 * Who may do what comes from shared/permissions.ts: the person's roles are read once, each kind of
 * to-do is asked only for the tables where one of their roles grants its action, and each kind is one
 * query over all those tables (never one per item).
 */

interface Row extends Record<string, unknown> {
  table_id: string;
  table_name: string;
  title: string;
  version_number?: number | null;
  deadline?: Date | null;
  since: Date;
}

type ReportRow = Row & { report_id: string; kind: 'progress' | 'evaluation'; period: string };

/** The person's tables where one of their roles grants the action. */
function tablesWhere(roles: ReadonlyArray<{ table_id: string; role: Role }>, action: Action): string[] {
  return [...new Set(roles.filter((r) => can(r.role, action)).map((r) => r.table_id))];
}

/** One kind's query over the given tables ($1); not asked at all when no table qualifies. */
async function rowsFor<T extends Row>(db: Queryable, tableIds: string[], sql: string, params: SqlParam[]) {
  if (tableIds.length === 0) return [] as T[];
  return db.query<T>(sql, [tableIds, ...params]);
}

export async function listTodo(
  db: Queryable,
  user: { id: string; organizationId: string },
  now: Date,
): Promise<TodoResponse> {
  const [roles, [me]] = await Promise.all([
    db.query<{ table_id: string; role: Role }>('select table_id, role from table_roles where user_id = $1', [user.id]),
    db.query<{ mail_frequency: MailFrequency }>('select mail_frequency from users where id = $1', [user.id]),
  ]);
  const org = user.organizationId;
  const [rounds, toEndorse, toDraft, escalations, toReview, questions, toWrite] = await Promise.all([
    // Open rounds, still open for positions, in which the person's member organization has none. With
    // an earlier consent of the organization on the section (now stale), its renewal is what is asked.
    rowsFor<Row & { section_id: string; renew: boolean }>(
      db,
      tablesWhere(roles, 'position.state'),
      `select s.table_id, t.name as table_name, s.id as section_id, s.title, v.number as version_number,
              r.deadline, r.opened_at as since,
              exists (select 1 from positions p join rounds r2 on r2.id = p.round_id
                       where r2.section_id = s.id and r2.id <> r.id and p.organization_id = $2
                         and p.superseded_at is null and p.kind in ('consent', 'consent_with_remarks')) as renew
         from rounds r join sections s on s.id = r.section_id join tables t on t.id = s.table_id
         join section_versions v on v.id = r.version_id
         join table_members m on m.table_id = s.table_id and m.organization_id = $2
        where s.table_id = any($1) and r.closed_at is null and r.deadline >= $3
          and not exists (select 1 from positions p where p.round_id = r.id and p.organization_id = $2
                             and p.superseded_at is null)`,
      [org, now],
    ),
    // The current draft ruling that the person's member municipality has not endorsed.
    rowsFor<Row & { section_id: string }>(
      db,
      tablesWhere(roles, 'ruling.endorse'),
      `select s.table_id, t.name as table_name, s.id as section_id, s.title, g.drafted_at as since
         from rulings g join sections s on s.id = g.section_id join tables t on t.id = s.table_id
         join table_members m on m.table_id = s.table_id and m.organization_id = $2
         join organizations o on o.id = m.organization_id and o.kind = 'municipality'
        where s.table_id = any($1) and s.state = 'referred' and g.superseded_at is null and g.effective_at is null
          and not exists (select 1 from ruling_endorsements e where e.ruling_id = g.id and e.organization_id = $2)`,
      [org],
    ),
    // Referred sections without a draft ruling: the municipalities are to write one.
    rowsFor<Row & { section_id: string }>(
      db,
      tablesWhere(roles, 'ruling.draft'),
      `select s.table_id, t.name as table_name, s.id as section_id, s.title, e.referred_at as since
         from sections s join tables t on t.id = s.table_id
         join escalations e on e.section_id = s.id and e.closed_at is null and e.referred_at is not null
         join table_members m on m.table_id = s.table_id and m.organization_id = $2
         join organizations o on o.id = m.organization_id and o.kind = 'municipality'
        where s.table_id = any($1) and s.state = 'referred'
          and not exists (select 1 from rulings g where g.section_id = s.id and g.superseded_at is null
                            and g.effective_at is null)`,
      [org],
    ),
    // Escalations that wait for the chair: not out to a compromise round, not referred, not closed.
    rowsFor<Row & { section_id: string }>(
      db,
      tablesWhere(roles, 'escalation.mediate'),
      `select s.table_id, t.name as table_name, s.id as section_id, s.title, e.escalated_at as since
         from escalations e join sections s on s.id = e.section_id join tables t on t.id = s.table_id
        where s.table_id = any($1) and s.state = 'escalated' and e.closed_at is null and e.referred_at is null`,
      [],
    ),
    // Draft reports still to be marked ready by the person's role: the chair's mark or the secretariat's.
    rowsFor<ReportRow>(
      db,
      tablesWhere(roles, 'report.review'),
      `select r.table_id, t.name as table_name, r.id as report_id, r.kind, r.period, '' as title, r.created_at as since
         from reports r join tables t on t.id = r.table_id
         join table_roles tr on tr.table_id = r.table_id and tr.user_id = $2
        where r.table_id = any($1) and r.status = 'draft'
          and ((tr.role = 'chair' and r.ready_chair_at is null)
            or (tr.role = 'secretariat' and r.ready_secretariat_at is null))`,
      [user.id],
    ),
    // Council questions on published reports without an answer.
    rowsFor<ReportRow & { question_id: string }>(
      db,
      tablesWhere(roles, 'report.answer_question'),
      `select r.table_id, t.name as table_name, r.id as report_id, q.id as question_id, r.kind, r.period,
              '' as title, q.asked_at as since
         from report_questions q join reports r on r.id = q.report_id join tables t on t.id = r.table_id
        where r.table_id = any($1) and r.status = 'published' and q.answered_at is null`,
      [],
    ),
    // Draft reports whose narrative the delegates co-write.
    rowsFor<ReportRow>(
      db,
      tablesWhere(roles, 'report.write_narrative'),
      `select r.table_id, t.name as table_name, r.id as report_id, r.kind, r.period, '' as title, r.created_at as since
         from reports r join tables t on t.id = r.table_id
        where r.table_id = any($1) and r.status = 'draft'`,
      [],
    ),
  ]);

  const item = (kind: TodoKind, row: Row, link: string, title = row.title): TodoItem => ({
    kind,
    table: { id: row.table_id, name: row.table_name },
    title,
    versionNumber: row.version_number ?? null,
    deadline: isoOrNull(row.deadline ?? null),
    since: iso(row.since),
    link,
  });
  const report = (kind: TodoKind, r: ReportRow, questionId?: string) =>
    item(kind, r, reportLink(r.report_id, questionId), reportName(r.kind, r.period));
  const items = [
    ...rounds.map((r) => item(r.renew ? 'renew_position' : 'state_position', r, sectionLink(r.section_id, true))),
    ...toEndorse.map((r) => item('endorse_ruling', r, sectionLink(r.section_id))),
    ...toDraft.map((r) => item('draft_ruling', r, sectionLink(r.section_id))),
    ...escalations.map((r) => item('handle_escalation', r, sectionLink(r.section_id))),
    ...toReview.map((r) => report('review_report', r)),
    ...questions.map((r) => report('answer_question', r, r.question_id)),
    ...toWrite.map((r) => report('write_report', r)),
  ];
  return { items: items.sort(byUrgency), mailFrequency: me?.mail_frequency ?? 'immediate' };
}

/** Soonest deadline first; what has no deadline after it, longest waiting first. */
function byUrgency(a: TodoItem, b: TodoItem): number {
  if (a.deadline !== b.deadline) {
    if (a.deadline === null) return 1;
    if (b.deadline === null) return -1;
    return a.deadline < b.deadline ? -1 : 1;
  }
  return a.since < b.since ? -1 : a.since > b.since ? 1 : 0;
}
