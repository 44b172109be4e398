import type { CommentAnchor } from '../../shared/api.ts';
import { audit, type Actor } from '../audit/audit.ts';
import type { Db, Transaction } from '../db/db.ts';
import { conflict, notFound } from '../http/errors.ts';
import { checkAnchor } from './anchors.ts';

/**
 * Comment threads on a section's text: start one on a passage, reply, resolve, reopen. Each is one
 * command with its audit event in its transaction. Threads are never deleted: a resolved thread is
 * history the panel can show again. Commenting is part of the deliberation, so it goes on in every
 * state of the section (a round is when it matters most), but not on an archived section or plan.
 */

interface ThreadSection {
  id: string;
  title: string;
}

async function openSection(tx: Transaction, sectionId: string): Promise<ThreadSection> {
  const [section] = await tx.query<{ id: string; title: string; archived: boolean }>(
    `select s.id, s.title, s.archived_at is not null or p.archived_at is not null as archived
       from sections s join plans p on p.id = s.plan_id where s.id = $1`,
    [sectionId],
  );
  if (!section) throw notFound('section');
  if (section.archived) throw conflict('the section is archived: its comments can be read, not added to');
  return section;
}

async function insertThread(
  tx: Transaction,
  actor: Actor,
  sectionId: string,
  anchor: CommentAnchor,
  positionId: string | null,
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into comment_threads (section_id, anchor_start, anchor_end, quote, position_id, created_by, created_at)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [sectionId, anchor.start, anchor.end, anchor.quote, positionId, actor.userId, actor.now],
  );
  return row!.id;
}

/** Starts a thread on a passage with its first comment. */
export async function startThread(
  db: Db,
  actor: Actor,
  sectionId: string,
  input: { anchor: CommentAnchor; body: string },
): Promise<{ threadId: string }> {
  checkAnchor('anchor', input.anchor);
  return db.transaction(async (tx) => {
    const section = await openSection(tx, sectionId);
    const threadId = await insertThread(tx, actor, sectionId, input.anchor, null);
    await tx.query('insert into comments (thread_id, author_id, body, created_at) values ($1, $2, $3, $4)', [
      threadId,
      actor.userId,
      input.body,
      actor.now,
    ]);
    await audit(tx, actor, 'comment.thread_started', { type: 'section', id: sectionId }, {
      title: section.title,
      threadId,
      quote: input.anchor.quote,
    });
    return { threadId };
  });
}

/**
 * The passages a position (an objection, a remark) is about: a thread per passage, tied to the
 * position, in the transaction that records it. Its reasons are the position's text; no comment here.
 */
export async function anchorPosition(
  tx: Transaction,
  actor: Actor,
  sectionId: string,
  positionId: string,
  anchors: readonly CommentAnchor[],
): Promise<void> {
  anchors.forEach((anchor, i) => checkAnchor(`anchors.${i}`, anchor));
  for (const anchor of anchors) await insertThread(tx, actor, sectionId, anchor, positionId);
}

interface LockedThread extends Record<string, unknown> {
  id: string;
  section_id: string;
  title: string;
  quote: string;
  resolved_at: Date | null;
}

async function lockThread(tx: Transaction, threadId: string): Promise<LockedThread> {
  const [thread] = await tx.query<LockedThread>(
    `select t.id, t.section_id, s.title, t.quote, t.resolved_at
       from comment_threads t join sections s on s.id = t.section_id where t.id = $1 for update of t`,
    [threadId],
  );
  if (!thread) throw notFound('comment thread');
  return thread;
}

/** Adds a reply; replying to a resolved thread reopens it (the discussion is evidently not over). */
export async function replyToThread(db: Db, actor: Actor, threadId: string, body: string): Promise<void> {
  await db.transaction(async (tx) => {
    const thread = await lockThread(tx, threadId);
    await openSection(tx, thread.section_id);
    await tx.query('insert into comments (thread_id, author_id, body, created_at) values ($1, $2, $3, $4)', [
      threadId,
      actor.userId,
      body,
      actor.now,
    ]);
    if (thread.resolved_at) {
      await tx.query('update comment_threads set resolved_at = null, resolved_by = null where id = $1', [threadId]);
    }
    await audit(tx, actor, 'comment.replied', { type: 'section', id: thread.section_id }, {
      title: thread.title,
      threadId,
      quote: thread.quote,
    });
  });
}

/** Resolves or reopens a thread; doing what is already done is a conflict, so two people cannot both think they did it. */
export async function setThreadResolved(db: Db, actor: Actor, threadId: string, resolved: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const thread = await lockThread(tx, threadId);
    await openSection(tx, thread.section_id);
    if ((thread.resolved_at !== null) === resolved) {
      throw conflict(resolved ? 'the thread is resolved already' : 'the thread is open already');
    }
    await tx.query('update comment_threads set resolved_at = $2, resolved_by = $3 where id = $1', [
      threadId,
      resolved ? actor.now : null,
      resolved ? actor.userId : null,
    ]);
    await audit(
      tx,
      actor,
      resolved ? 'comment.resolved' : 'comment.reopened',
      { type: 'section', id: thread.section_id },
      { title: thread.title, threadId, quote: thread.quote },
    );
  });
}
