import type { ReportPart } from '../../shared/api.ts';
import type { ReportPartKey } from '../../shared/documents.ts';
import { can } from '../../shared/permissions.ts';
import type { Queryable, SqlParam, Transaction } from '../db/db.ts';
import { valuesList } from '../db/values-list.ts';
import { roleAt } from '../tables/queries.ts';
import { draftPartKeys } from './queries.ts';

/**
 * The narrative parts of a report as live documents (`report:<id>:<part>`), as the reports capability
 * answers for them to the co-editing service: who may open and write one, whether it is locked, and where
 * its derived HTML and text go.
 */

async function reportState(db: Queryable, reportId: string) {
  const [row] = await db.query<{ table_id: string; status: 'draft' | 'published'; narrative: ReportPart[] | null }>(
    'select table_id, status, narrative from reports where id = $1',
    [reportId],
  );
  return row ?? null;
}

/** Whether the part is one of the report's: a draft's current parts, or the parts frozen with a publication. */
async function hasPart(
  db: Queryable,
  report: { table_id: string; narrative: ReportPart[] | null },
  part: ReportPartKey,
) {
  if (report.narrative) return report.narrative.some((p) => p.key === part);
  return (await draftPartKeys(db, report.table_id)).some((p) => p.key === part);
}

/**
 * Who may read and write a narrative part: null when there is no such report or part, or when the
 * person may not know of it (a draft, for a council member or an observer: the same 404 as over HTTP).
 * Writing is for the delegates (report.write_narrative) while the report is a draft.
 */
export async function reportDocumentAccess(
  db: Queryable,
  reportId: string,
  part: ReportPartKey,
  userId: string,
): Promise<{ read: boolean; write: boolean } | null> {
  const report = await reportState(db, reportId);
  if (!report) return null;
  const role = await roleAt(db, report.table_id, userId);
  if (!role) return null;
  const draft = report.status === 'draft';
  if (draft && !can(role, 'report.read_draft')) return null;
  if (!(await hasPart(db, report, part))) return null;
  return {
    read: can(role, draft ? 'report.read_draft' : 'report.read_published'),
    write: draft && can(role, 'report.write_narrative'),
  };
}

/** A report's documents take edits only while it is a draft; a published revision is frozen for good. */
export async function isReportDocumentLocked(db: Queryable, reportId: string): Promise<boolean> {
  const report = await reportState(db, reportId);
  return report?.status !== 'draft';
}

/**
 * Keeps each narrative part's derived HTML and text with the batch that changed it, in the same
 * transaction; only for drafts (a published revision's parts are frozen with it).
 */
export async function writeReportContent(
  tx: Transaction,
  entries: ReadonlyArray<{ reportId: string; part: ReportPartKey; html: string; text: string; at: Date }>,
): Promise<void> {
  if (entries.length === 0) return;
  await tx.query(
    `insert into report_parts (report_id, part_key, html, text, updated_at)
     select v.id, v.part, v.html, v.text, v.at
       from (values ${valuesList(entries.length, ['::uuid', '::text', '::text', '::text', '::timestamptz'])})
         as v (id, part, html, text, at)
       join reports r on r.id = v.id and r.status = 'draft'
     on conflict (report_id, part_key) do update
       set html = excluded.html, text = excluded.text, updated_at = excluded.updated_at
       where exists (select 1 from reports r where r.id = report_parts.report_id and r.status = 'draft')`,
    entries.flatMap((e): SqlParam[] => [e.reportId, e.part, e.html, e.text, e.at]),
  );
}

/**
 * Starts a correction's narrative documents from the frozen Yjs state of the published revision's (kept in
 * report_parts.doc_state at publication), in the transaction that makes the correction: each becomes the
 * first stored update of the new document, which nobody can have open yet (its report did not exist).
 * Parts whose goal is gone are left out; parts new since then start empty.
 */
export async function seedRevisionDocuments(
  tx: Transaction,
  from: string,
  to: { reportId: string; tableId: string; now: Date },
  docName: (part: ReportPartKey) => string,
): Promise<number> {
  const keys = new Set((await draftPartKeys(tx, to.tableId)).map((p) => p.key as string));
  const parts = await tx.query<{ part_key: ReportPartKey; html: string; text: string; doc_state: Uint8Array | null }>(
    'select part_key, html, text, doc_state from report_parts where report_id = $1 order by part_key',
    [from],
  );
  let seeded = 0;
  for (const part of parts.filter((p) => keys.has(p.part_key))) {
    if (part.doc_state && part.doc_state.length > 0) {
      await tx.query('insert into doc_updates (doc_name, data, created_at) values ($1, $2, $3)', [
        docName(part.part_key),
        new Uint8Array(part.doc_state),
        to.now,
      ]);
      seeded++;
    }
    await tx.query(
      'insert into report_parts (report_id, part_key, html, text, updated_at) values ($1, $2, $3, $4, $5)',
      [to.reportId, part.part_key, part.html, part.text, to.now],
    );
  }
  return seeded;
}
