import type { PersonRef, ReportPart } from '../../shared/api.ts';
import { reportPartDocument } from '../../shared/documents.ts';
import { ROLES } from '../../shared/roles.ts';
import { audit } from '../audit/audit.ts';
import type { Queryable } from '../db/db.ts';
import type { CollabControl, DocumentSnapshot } from '../deps.ts';
import type { Effect } from '../effects.ts';
import { ApiError, conflict, notFound } from '../http/errors.ts';
import { recipients } from '../notifications/commands.ts';
import type { PdfFonts } from '../pdf/fonts.ts';
import type { PdfDocumentModel } from '../pdf/model.ts';
import { renderPdf } from '../pdf/render.ts';
import type { LockedReport, ReportActor, ReportDeps } from './commands.ts';
import { isReportDocumentLocked } from './documents.ts';
import { generateReport } from './generate.ts';
import { notifyAboutReport } from './notify.ts';
import { reportPdfModel } from './pdf-model.ts';
import { draftNarrative, findReport, periodOf, reportName, type ReportRow } from './queries.ts';

/**
 * Publication: the draft becomes an immutable revision. Its narrative documents are frozen first, like a
 * section's text when a consent round opens: each room is loaded, locked (no edit slips in after), flushed
 * and snapshotted. The figures are computed and the PDF rendered from them BEFORE the transaction: a
 * render takes up to a second or so, and a transaction held open that long would hold the report's row
 * and a database connection for nothing. The transaction then re-checks the review under the row's lock
 * and only writes: figures, narrative, PDF and the frozen document states, the earlier revision
 * superseded, the audit event and the notifications. Should it refuse, the rooms go back to the lock the
 * database holds (unlocked: the report is still a draft).
 */

export const NO_PDF = {
  status: 503,
  code: 'internal',
  when: 'PDF rendering is not available in this runtime',
} as const;

/** Renders a report's PDF (its fonts are loaded when the first PDF is made). */
export async function renderReportPdf(model: PdfDocumentModel, fonts: () => Promise<PdfFonts>): Promise<Uint8Array> {
  return renderPdf(model, await fonts());
}

function checkPublishable(report: Pick<LockedReport, 'status' | 'ready_chair_at' | 'ready_secretariat_at'>): void {
  if (report.status !== 'draft') throw conflict('this revision has been published already', { status: report.status });
  if (!report.ready_chair_at || !report.ready_secretariat_at) {
    throw conflict('the chair and the secretariat must both mark the report ready first', {
      readyByChair: report.ready_chair_at !== null,
      readyBySecretariat: report.ready_secretariat_at !== null,
    });
  }
}

/** Loads, locks and snapshots each document: what the snapshot holds is all it will ever hold. */
async function freeze(collab: CollabControl, docNames: readonly string[]): Promise<DocumentSnapshot[]> {
  return Promise.all(
    docNames.map(async (docName) => {
      await collab.snapshot(docName); // loads the room, so that the lock below reaches it
      await collab.setLocked(docName, true);
      return collab.snapshot(docName);
    }),
  );
}

async function personRef(db: Queryable, userId: string): Promise<PersonRef> {
  const [row] = await db.query<{ id: string; name: string; org: string }>(
    'select u.id, u.name, o.name as org from users u join organizations o on o.id = u.organization_id where u.id = $1',
    [userId],
  );
  return { id: row!.id, name: row!.name, organizationName: row!.org };
}

async function publishedContent(deps: ReportDeps, actor: ReportActor, report: ReportRow) {
  const stored = await draftNarrative(deps.db, report.id, report.table_id);
  const docNames = stored.map((part) => reportPartDocument(report.id, part.key));
  // Without co-editing rooms (a runtime without them) the stored content is all there is.
  const snapshots = deps.collab ? await freeze(deps.collab, docNames) : null;
  const narrative: ReportPart[] = stored.map((part, i) => ({
    ...part,
    html: snapshots?.[i]?.html ?? part.html,
    text: snapshots?.[i]?.text ?? part.text,
  }));
  const generated = await generateReport(deps.db, {
    tableId: report.table_id,
    period: periodOf(report),
    now: actor.now,
  });
  const publishedBy = await personRef(deps.db, actor.userId);
  const model = reportPdfModel({
    kind: report.kind,
    period: report.period,
    revision: report.revision,
    reason: report.reason,
    status: 'published',
    tableName: report.table_name,
    publishedBy,
    publishedAt: actor.now.toISOString(),
    generated,
    narrative,
  });
  const pdf = await renderReportPdf(model, deps.pdfFonts!);
  return { narrative, states: snapshots?.map((s) => s.state) ?? null, generated, pdf, docNames };
}

export async function publishReport(
  deps: ReportDeps,
  actor: ReportActor,
  reportId: string,
): Promise<{ effects: Effect[] }> {
  const report = await findReport(deps.db, reportId);
  if (!report || report.table_id !== actor.tableId) throw notFound('report');
  // Refused before any room is touched; checked again under the row's lock below.
  checkPublishable(report);
  if (!deps.pdfFonts) throw new ApiError(NO_PDF.status, NO_PDF.code, NO_PDF.when);
  let docNames: readonly string[] = [];
  try {
    const content = await publishedContent(deps, actor, report);
    docNames = content.docNames;
    return await deps.db.transaction(async (tx) => {
      const effects: Effect[] = [];
      const [locked] = await tx.query<LockedReport>(
        'select status, ready_chair_at, ready_secretariat_at from reports where id = $1 for update',
        [reportId],
      );
      checkPublishable(locked!);
      for (const [i, part] of content.narrative.entries()) {
        await tx.query(
          `insert into report_parts (report_id, part_key, html, text, doc_state, updated_at)
           values ($1, $2, $3, $4, $5, $6)
           on conflict (report_id, part_key) do update
             set html = excluded.html, text = excluded.text, doc_state = excluded.doc_state, updated_at = excluded.updated_at`,
          [reportId, part.key, part.html, part.text, content.states?.[i] ?? null, actor.now],
        );
      }
      await tx.query(
        `update reports set status = 'published', published_by = $2, published_at = $3,
                generated = $4::text::jsonb, narrative = $5::text::jsonb, pdf = $6
          where id = $1 and status = 'draft'`,
        [
          reportId,
          actor.userId,
          actor.now,
          JSON.stringify(content.generated),
          JSON.stringify(content.narrative),
          content.pdf,
        ],
      );
      // The earlier revisions stay readable, as history.
      await tx.query(
        `update reports set superseded_at = $5
          where table_id = $1 and kind = $2 and period = $3 and id <> $4 and status = 'published' and superseded_at is null`,
        [report.table_id, report.kind, report.period, reportId, actor.now],
      );
      const name = reportName(report.kind, report.period);
      await audit(
        tx,
        actor,
        'report.published',
        { type: 'report', id: reportId },
        {
          title: name,
          revision: report.revision,
          ...(report.reason ? { reason: report.reason } : {}),
        },
      );
      await notifyAboutReport(tx, effects, await recipients(tx, report.table_id, ROLES), {
        tableId: report.table_id,
        reportId,
        kind: 'report_published',
        now: actor.now,
        baseUrl: actor.baseUrl,
        exceptUserId: actor.userId,
      });
      effects.push(...docNames.map((docName) => ({ docName, locked: true })));
      return { effects };
    });
  } catch (error) {
    if (deps.collab && docNames.length === 0) {
      docNames = (await draftNarrative(deps.db, reportId, report.table_id)).map((p) => p.docName);
    }
    const stillLocked = await isReportDocumentLocked(deps.db, reportId);
    await Promise.all(docNames.map((docName) => deps.collab?.setLocked(docName, stillLocked)));
    throw error;
  }
}
