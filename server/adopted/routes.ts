import type { Context } from 'hono';
import { adoptedPlanSchema, sectionAdoptedSchema } from '../../shared/api-schemas/adopted.ts';
import type { AdoptedPlan, SectionAdopted } from '../../shared/api.ts';
import { sectionDocument } from '../../shared/documents.ts';
import { sectionOf } from '../consensus/queries.ts';
import type { AppEnv } from '../http/app-env.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { route, type ErrorCase, type Scope } from '../http/route.ts';
import { renderPdf } from '../pdf/render.ts';
import { adoptedPlanPdfModel } from './pdf-model.ts';
import { adoptedPlan, planSectionIds, planTable, sectionAdopted } from './queries.ts';

/** `/plans/:id/…`: the plan leads to its table; 404 for a missing plan or a non-member of its table. */
const PLAN: Scope<{ tableId: string; planId: string }> = {
  what: 'plan',
  find: async (deps, id) => {
    const found = await planTable(deps.db, id);
    return found ? { tableId: found.tableId, planId: id } : null;
  },
};

/** `/sections/:id/…`: the section leads to its table. */
const SECTION: Scope<{ tableId: string; sectionId: string }> = {
  what: 'section',
  find: async (deps, id) => {
    const found = await sectionOf(deps.db, 'section', id);
    return found ? { tableId: found.tableId, sectionId: id } : null;
  },
};

const NO_PDF: ErrorCase = { status: 503, code: 'internal', when: 'PDF rendering is not available in this runtime' };

/**
 * The stored draft text lags up to a minute behind a document people are typing in; "does the draft
 * differ from the adopted text" should see what they typed, so the loaded rooms catch up first.
 */
async function refreshDrafts(c: Context<AppEnv>, sectionIds: readonly string[]): Promise<void> {
  const { collab } = c.var.deps;
  if (!collab) return;
  await collab.refreshContent(sectionIds.map(sectionDocument));
}

async function loadAdoptedPlan(c: Context<AppEnv>, planId: string): Promise<AdoptedPlan> {
  await refreshDrafts(c, await planSectionIds(c.var.deps.db, planId));
  const plan = await adoptedPlan(c.var.deps.db, planId, c.var.deps.clock.now());
  if (!plan) throw notFound('plan');
  return plan;
}

/** A file name without characters that trouble a Content-Disposition header or a file system. */
const fileName = (title: string) =>
  `Vastgesteld plan - ${title}`
    .replace(/[^\p{L}\p{N} ._-]+/gu, '')
    .replace(/\s+/g, ' ')
    .trim() + '.pdf';

/**
 * The adopted text (vastgestelde tekst): per section the last version agreed or ruled, and per plan
 * "Het vastgestelde plan", which council members and observers read first. Anyone who may read the
 * table's sections may read them.
 */
export const adoptedRoutes = [
  route(
    {
      method: 'get',
      path: '/plans/:id/adopted',
      operationId: 'getAdoptedPlan',
      tag: 'Plans',
      summary: 'Het vastgestelde plan: the adopted text of every section in order, with when and how it was adopted',
      permission: 'section.read',
      scope: PLAN,
      reply: adoptedPlanSchema,
    },
    async (c, { scope }) => c.json(await loadAdoptedPlan(c, scope.planId)),
  ),
  route(
    {
      method: 'get',
      path: '/plans/:id/adopted/pdf',
      operationId: 'getAdoptedPlanPdf',
      tag: 'Plans',
      summary: 'Het vastgestelde plan as a tagged PDF, for printing and sending on',
      permission: 'section.read',
      scope: PLAN,
      reply: { mediaType: 'application/pdf', description: 'Het vastgestelde plan as PDF (Dutch, tagged).' },
      errors: [NO_PDF],
    },
    async (c, { scope }) => {
      const { pdfFonts } = c.var.deps;
      if (!pdfFonts) throw new ApiError(NO_PDF.status as 503, NO_PDF.code, NO_PDF.when);
      const plan = await loadAdoptedPlan(c, scope.planId);
      const bytes = await renderPdf(adoptedPlanPdfModel(plan), await pdfFonts());
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="${fileName(plan.plan.title)}"`,
        // The adopted text changes only when a new version is adopted, but someone may have just adopted one.
        'cache-control': 'no-store',
      });
    },
  ),
  route(
    {
      method: 'get',
      path: '/sections/:id/adopted',
      operationId: 'getSectionAdopted',
      tag: 'Sections',
      summary: "The section's adopted text (the last version agreed or ruled), and whether the live draft differs",
      permission: 'section.read',
      scope: SECTION,
      reply: sectionAdoptedSchema,
    },
    async (c, { scope }) => {
      await refreshDrafts(c, [scope.sectionId]);
      const body: SectionAdopted = await sectionAdopted(c.var.deps.db, scope.sectionId);
      return c.json(body);
    },
  ),
];
