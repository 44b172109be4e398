import type { Context } from 'hono';
import { answerBody, questionBody, reviseReportBody, startReportBody } from '../../shared/api-requests/reports.ts';
import { reportDetailSchema, reportQuestionSchema, reportsResponseSchema } from '../../shared/api-schemas/reports.ts';
import type { ReportDetail } from '../../shared/api.ts';
import type { Role } from '../../shared/roles.ts';
import { applyEffects } from '../effects.ts';
import type { TableAccess } from '../http/access.ts';
import type { AppEnv } from '../http/app-env.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { route, type ErrorCase, type Scope } from '../http/route.ts';
import {
  answerQuestion,
  askQuestion,
  markReady,
  publishReport,
  reviseReport,
  startReport,
  type ReportActor,
} from './commands.ts';
import { NO_PDF, renderReportPdf } from './publish.ts';
import { reportPdfModel } from './pdf-model.ts';
import {
  draftPartKeys,
  findQuestion,
  listReports,
  mayRead,
  questionTable,
  reportDetail,
  reportName,
  reportTable,
} from './queries.ts';
import { reportPartDocument } from '../../shared/documents.ts';

/** `/reports/:id/…`: the report leads to its table. */
const REPORT: Scope<{ tableId: string; reportId: string }> = {
  what: 'report',
  find: async (deps, id) => {
    const found = await reportTable(deps.db, id);
    return found ? { tableId: found.tableId, reportId: id } : null;
  },
};

/** `/questions/:id/…`: the question leads to its report's table. */
const QUESTION: Scope<{ tableId: string; reportId: string; questionId: string }> = {
  what: 'question',
  find: async (deps, id) => {
    const found = await questionTable(deps.db, id);
    return found ? { ...found, questionId: id } : null;
  },
};

const NO_PDF_ERROR: ErrorCase = { status: NO_PDF.status, code: NO_PDF.code, when: NO_PDF.when };

/** The app's base URL for the links in mails: the public URL, or the request's own origin. */
const baseUrl = (c: Context<AppEnv>) => c.var.deps.config.publicUrl?.replace(/\/$/, '') ?? new URL(c.req.url).origin;

const actor = (c: Context<AppEnv>, access: TableAccess): ReportActor => ({
  userId: access.user.id,
  tableId: access.tableId,
  role: access.role,
  now: c.var.deps.clock.now(),
  baseUrl: baseUrl(c),
});

/** A draft's narrative lags up to a minute behind the documents people type in: the loaded rooms catch up first. */
async function refreshNarrative(c: Context<AppEnv>, reportId: string, tableId: string): Promise<void> {
  const { collab } = c.var.deps;
  if (!collab) return;
  const parts = await draftPartKeys(c.var.deps.db, tableId);
  await collab.refreshContent(parts.map((p) => reportPartDocument(reportId, p.key)));
}

/** The report as the viewer may see it; 404 for a draft to those who may not read drafts. */
async function detail(c: Context<AppEnv>, reportId: string, role: Role): Promise<ReportDetail> {
  const body = await reportDetail(c.var.deps.db, reportId, { role, now: c.var.deps.clock.now() });
  if (!body) throw notFound('report');
  return body;
}

async function detailReply(c: Context<AppEnv>, reportId: string, role: Role, status: 200 | 201 = 200) {
  return c.json(await detail(c, reportId, role), status);
}

/** A file name without characters that trouble a Content-Disposition header or a file system. */
const fileName = (report: ReportDetail) =>
  `${reportName(report.kind, report.period)}${report.revision > 1 ? ` revisie ${report.revision}` : ''}${report.status === 'draft' ? ' concept' : ''}`
    .replace(/[^\p{L}\p{N} ._-]+/gu, '')
    .replace(/\s+/g, ' ')
    .trim() + '.pdf';

export const tableReportRoutes = [
  route(
    {
      method: 'get',
      path: '/tables/:id/reports',
      operationId: 'listReports',
      tag: 'Reports',
      summary: "The table's progress reports and evaluations (council members and observers: published ones only)",
      permission: 'report.read_published',
      reply: reportsResponseSchema,
    },
    async (c, { access }) => c.json(await listReports(c.var.deps.db, access.tableId, access.role)),
  ),
  route(
    {
      method: 'post',
      path: '/tables/:id/reports',
      operationId: 'startReport',
      tag: 'Reports',
      summary: 'Start a progress report (a half year, 2026-H1) or an evaluation (a year, 2026) as a draft',
      permission: 'report.manage',
      body: startReportBody,
      reply: reportDetailSchema,
      status: 201,
      conflict: 'a draft of the report exists already, or it has been published (correct it with a revision)',
    },
    async (c, { access, body }) => {
      const id = await startReport(c.var.deps.db, actor(c, access), await body());
      return detailReply(c, id, access.role, 201);
    },
  ),
];

export const reportRoutes = [
  route(
    {
      method: 'get',
      path: '/reports/:id',
      operationId: 'getReport',
      tag: 'Reports',
      summary:
        'A report: figures as of the period end (live for a draft, frozen once published), narrative, revisions, questions',
      permission: 'report.read_published',
      scope: REPORT,
      reply: reportDetailSchema,
      errors: [{ status: 404, code: 'not_found', when: 'a draft, for a role that may not read drafts' }],
    },
    async (c, { access, scope }) => {
      await refreshNarrative(c, scope.reportId, access.tableId);
      return detailReply(c, scope.reportId, access.role);
    },
  ),
  route(
    {
      method: 'get',
      path: '/reports/:id/pdf',
      operationId: 'getReportPdf',
      tag: 'Reports',
      summary: 'A report as a tagged PDF: the frozen one once published, a preview of a draft',
      permission: 'report.read_published',
      scope: REPORT,
      reply: { mediaType: 'application/pdf', description: 'The report as PDF (A4, Dutch, tagged).' },
      errors: [NO_PDF_ERROR, { status: 404, code: 'not_found', when: 'a draft, for a role that may not read drafts' }],
    },
    async (c, { access, scope }) => {
      const { db, pdfFonts } = c.var.deps;
      const [stored] = await db.query<{ status: 'draft' | 'published'; pdf: Uint8Array | null }>(
        'select status, pdf from reports where id = $1',
        [scope.reportId],
      );
      if (!stored || !mayRead(access.role, stored.status)) throw notFound('report');
      if (!stored.pdf) {
        if (!pdfFonts) throw new ApiError(NO_PDF.status, NO_PDF.code, NO_PDF.when);
        await refreshNarrative(c, scope.reportId, access.tableId);
      }
      const report = await detail(c, scope.reportId, access.role);
      // A published revision's PDF was stored with it and is served as it is, byte for byte.
      const bytes = stored.pdf ?? (await renderReportPdf(reportPdfModel(report), pdfFonts!));
      return c.body(new Uint8Array(bytes) as Uint8Array<ArrayBuffer>, 200, {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="${fileName(report)}"`,
        // A published revision never changes; a draft's preview does.
        'cache-control': stored.pdf ? 'private, max-age=31536000, immutable' : 'no-store',
      });
    },
  ),
  route(
    {
      method: 'post',
      path: '/reports/:id/ready',
      operationId: 'markReportReady',
      tag: 'Reports',
      summary: 'The chair or the secretariat marks the draft ready for publication',
      permission: 'report.review',
      scope: REPORT,
      reply: reportDetailSchema,
      conflict: 'the report has been published',
    },
    async (c, { access, scope }) => {
      const { effects } = await markReady(c.var.deps.db, actor(c, access), scope.reportId);
      await applyEffects(c.var.deps, effects);
      return detailReply(c, scope.reportId, access.role);
    },
  ),
  route(
    {
      method: 'post',
      path: '/reports/:id/publish',
      operationId: 'publishReport',
      tag: 'Reports',
      summary: 'Publish the draft: figures, narrative and PDF are frozen for good; council members are notified',
      permission: 'report.manage',
      scope: REPORT,
      reply: reportDetailSchema,
      conflict: 'the chair and the secretariat have not both marked it ready, or it has been published already',
      errors: [NO_PDF_ERROR],
    },
    async (c, { access, scope }) => {
      const { effects } = await publishReport(c.var.deps, actor(c, access), scope.reportId);
      await applyEffects(c.var.deps, effects);
      return detailReply(c, scope.reportId, access.role);
    },
  ),
  route(
    {
      method: 'post',
      path: '/reports/:id/revisions',
      operationId: 'reviseReport',
      tag: 'Reports',
      summary: 'Start a correction of a published report: a new draft revision, saying why',
      permission: 'report.manage',
      scope: REPORT,
      body: reviseReportBody,
      reply: reportDetailSchema,
      status: 201,
      conflict: 'the report is not published, a later revision exists, or a draft revision exists already',
    },
    async (c, { access, scope, body }) => {
      const { reason } = await body();
      const { id, effects } = await reviseReport(c.var.deps.db, actor(c, access), scope.reportId, reason);
      await applyEffects(c.var.deps, effects);
      return detailReply(c, id, access.role, 201);
    },
  ),
  route(
    {
      method: 'post',
      path: '/reports/:id/questions',
      operationId: 'askReportQuestion',
      tag: 'Reports',
      summary: 'A council member asks a question (raadsvraag) on a published report, optionally about one part',
      permission: 'report.ask_question',
      scope: REPORT,
      body: questionBody,
      reply: reportQuestionSchema,
      status: 201,
      conflict: 'the report is a draft',
    },
    async (c, { access, scope, body }) => {
      const { id, effects } = await askQuestion(c.var.deps.db, actor(c, access), scope.reportId, await body());
      await applyEffects(c.var.deps, effects);
      return c.json(await findQuestion(c.var.deps.db, id), 201);
    },
  ),
];

export const questionRoutes = [
  route(
    {
      method: 'post',
      path: '/questions/:id/answer',
      operationId: 'answerReportQuestion',
      tag: 'Reports',
      summary: 'The secretariat answers a council question; the asker is notified',
      permission: 'report.answer_question',
      scope: QUESTION,
      body: answerBody,
      reply: reportQuestionSchema,
      conflict: 'the question has been answered already',
    },
    async (c, { access, scope, body }) => {
      const { text } = await body();
      const { effects } = await answerQuestion(c.var.deps.db, actor(c, access), scope.questionId, text);
      await applyEffects(c.var.deps, effects);
      return c.json(await findQuestion(c.var.deps.db, scope.questionId));
    },
  ),
];
