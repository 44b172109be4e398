import type { Context } from 'hono';
import type { DraftHistoryDocument, DraftHistoryResponse } from '../../shared/api.ts';
import { draftHistoryDocumentSchema, draftHistoryResponseSchema } from '../../shared/api-schemas/comments.ts';
import { can } from '../../shared/permissions.ts';
import { draftDocument, sectionOf, stateToPmJson } from '../consensus/queries.ts';
import { requireCollab } from '../effects.ts';
import type { TableAccess } from '../http/access.ts';
import type { AppEnv } from '../http/app-env.ts';
import { notFound } from '../http/errors.ts';
import { route, type ErrorCase, type Scope } from '../http/route.ts';
import { readId } from '../http/validate.ts';
import { isSectionWritable } from '../sections/queries.ts';
import { findDraftEntry, listDraftHistory } from './queries.ts';
import { restoreDraftEntry } from './commands.ts';

/**
 * A section's draft history: snapshots with who edited, frozen versions, the rich diff of an entry
 * against the live draft, and restoring one. Who edited when is part of the deliberation.
 */

/** The section in the path, at its table (404 for a missing one or a non-member of that table). */
const SECTION: Scope<{ sectionId: string; tableId: string }> = {
  what: 'section',
  find: async (deps, id) => {
    const found = await sectionOf(deps.db, 'section', id);
    return found ? { sectionId: found.sectionId, tableId: found.tableId } : null;
  },
};

const NO_COLLAB: ErrorCase = { status: 503, code: 'internal', when: 'co-editing is not available in this runtime' };

async function historyReply(c: Context<AppEnv>, sectionId: string, access: TableAccess) {
  const { db } = c.var.deps;
  const body: DraftHistoryResponse = {
    entries: await listDraftHistory(db, sectionId),
    canRestore: can(access.role, 'section.edit') && (await isSectionWritable(db, sectionId)),
  };
  return c.json(body);
}

export const draftHistoryRoutes = [
  route(
    {
      method: 'get',
      path: '/sections/:id/draft-history',
      operationId: 'listDraftHistory',
      tag: 'Comments',
      summary: "The section's draft history, newest first: snapshots while editing and frozen versions",
      permission: 'consensus.readDeliberation',
      scope: SECTION,
      reply: draftHistoryResponseSchema,
    },
    (c, { access, scope }) => historyReply(c, scope.sectionId, access),
  ),
  route(
    {
      method: 'get',
      path: '/sections/:id/draft-history/:entryId',
      operationId: 'getDraftHistoryEntry',
      tag: 'Comments',
      summary: 'One history entry and the live draft, both as ProseMirror JSON, for the rich diff',
      permission: 'consensus.readDeliberation',
      scope: SECTION,
      reply: draftHistoryDocumentSchema,
      errors: [NO_COLLAB],
    },
    async (c, { scope }) => {
      const found = await findDraftEntry(c.var.deps.db, scope.sectionId, readId(c, 'entryId', 'history entry'));
      if (!found) throw notFound('history entry');
      const body: DraftHistoryDocument = {
        entry: found.entry,
        doc: stateToPmJson(found.state),
        current: await draftDocument(requireCollab(c.var.deps), scope.sectionId),
      };
      return c.json(body);
    },
  ),
  route(
    {
      method: 'post',
      path: '/sections/:id/draft-history/:entryId/restore',
      operationId: 'restoreDraftHistoryEntry',
      tag: 'Comments',
      summary: 'Restore a history entry: a new edit (the text it replaces becomes an entry first)',
      permission: 'section.edit',
      scope: SECTION,
      reply: draftHistoryResponseSchema,
      conflict: 'the section is not open for editing',
      errors: [NO_COLLAB],
    },
    async (c, { access, scope }) => {
      const entryId = readId(c, 'entryId', 'history entry');
      const actor = { userId: access.user.id, tableId: access.tableId, now: c.var.deps.clock.now() };
      await restoreDraftEntry(c.var.deps, actor, scope.sectionId, entryId);
      return historyReply(c, scope.sectionId, access);
    },
  ),
];
