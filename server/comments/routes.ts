import type { Context } from 'hono';
import type { CommentThreadResponse, CommentThreadsResponse } from '../../shared/api.ts';
import { newThreadBody, replyBody } from '../../shared/api-requests/comments.ts';
import { commentThreadResponseSchema, commentThreadsResponseSchema } from '../../shared/api-schemas/comments.ts';
import { can } from '../../shared/permissions.ts';
import type { Actor } from '../audit/audit.ts';
import { sectionOf } from '../consensus/queries.ts';
import type { TableAccess } from '../http/access.ts';
import type { AppEnv } from '../http/app-env.ts';
import { notFound } from '../http/errors.ts';
import { route, type Scope } from '../http/route.ts';
import { replyToThread, setThreadResolved, startThread } from './commands.ts';
import { listThreads, threadScope } from './queries.ts';

/**
 * Comment threads anchored to a section's text. Reading them is reading the deliberation (council
 * members and observers do not: shared/permissions.ts); writing needs section.comment.
 */

/** The section in the path, at its table (404 for a missing one or a non-member of that table). */
const SECTION: Scope<{ sectionId: string; tableId: string }> = {
  what: 'section',
  find: async (deps, id) => {
    const found = await sectionOf(deps.db, 'section', id);
    return found ? { sectionId: found.sectionId, tableId: found.tableId } : null;
  },
};

const THREAD: Scope<{ id: string; sectionId: string; tableId: string }> = {
  what: 'comment thread',
  find: (deps, id) => threadScope(deps.db, id),
};

const ARCHIVED = 'the section or its plan is archived; resolving or reopening what already is so';

function actorOf(c: Context<AppEnv>, access: TableAccess): Actor {
  return { userId: access.user.id, tableId: access.tableId, now: c.var.deps.clock.now() };
}

async function threadReply(c: Context<AppEnv>, sectionId: string, threadId: string, status: 200 | 201 = 200) {
  const [thread] = await listThreads(c.var.deps.db, sectionId, threadId);
  if (!thread) throw notFound('comment thread');
  const body: CommentThreadResponse = { thread };
  return c.json(body, status);
}

export const commentRoutes = [
  route(
    {
      method: 'get',
      path: '/sections/:id/comments',
      operationId: 'listSectionComments',
      tag: 'Comments',
      summary: "The comment threads on the section's text, resolved ones included",
      permission: 'consensus.readDeliberation',
      scope: SECTION,
      reply: commentThreadsResponseSchema,
    },
    async (c, { access, scope }) => {
      const body: CommentThreadsResponse = {
        threads: await listThreads(c.var.deps.db, scope.sectionId),
        canComment: can(access.role, 'section.comment'),
      };
      return c.json(body);
    },
  ),
  route(
    {
      method: 'post',
      path: '/sections/:id/comments',
      operationId: 'startCommentThread',
      tag: 'Comments',
      summary: 'Comment on a passage of the text: starts a thread anchored to it',
      permission: 'section.comment',
      scope: SECTION,
      body: newThreadBody,
      reply: commentThreadResponseSchema,
      status: 201,
      conflict: 'the section or its plan is archived',
    },
    async (c, { access, scope, body }) => {
      const input = await body();
      const { threadId } = await startThread(c.var.deps.db, actorOf(c, access), scope.sectionId, input);
      return threadReply(c, scope.sectionId, threadId, 201);
    },
  ),
  route(
    {
      method: 'post',
      path: '/comment-threads/:id/replies',
      operationId: 'replyToCommentThread',
      tag: 'Comments',
      summary: 'Reply in a thread (a reply reopens a resolved thread)',
      permission: 'section.comment',
      scope: THREAD,
      body: replyBody,
      reply: commentThreadResponseSchema,
      status: 201,
      conflict: 'the section or its plan is archived',
    },
    async (c, { access, scope, body }) => {
      const { body: text } = await body();
      await replyToThread(c.var.deps.db, actorOf(c, access), scope.id, text);
      return threadReply(c, scope.sectionId, scope.id, 201);
    },
  ),
  route(
    {
      method: 'post',
      path: '/comment-threads/:id/resolve',
      operationId: 'resolveCommentThread',
      tag: 'Comments',
      summary: 'Mark a thread resolved (it is kept, and can be shown and reopened)',
      permission: 'section.comment',
      scope: THREAD,
      reply: commentThreadResponseSchema,
      conflict: ARCHIVED,
    },
    async (c, { access, scope }) => {
      await setThreadResolved(c.var.deps.db, actorOf(c, access), scope.id, true);
      return threadReply(c, scope.sectionId, scope.id);
    },
  ),
  route(
    {
      method: 'post',
      path: '/comment-threads/:id/reopen',
      operationId: 'reopenCommentThread',
      tag: 'Comments',
      summary: 'Reopen a resolved thread',
      permission: 'section.comment',
      scope: THREAD,
      reply: commentThreadResponseSchema,
      conflict: ARCHIVED,
    },
    async (c, { access, scope }) => {
      await setThreadResolved(c.var.deps.db, actorOf(c, access), scope.id, false);
      return threadReply(c, scope.sectionId, scope.id);
    },
  ),
];
