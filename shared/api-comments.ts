import type { PersonRef, PmNodeJson } from './api.ts';

/**
 * Comments anchored to text, and a section's draft history. Anchors are Yjs relative positions in the
 * section's document, so they follow the text as people edit and survive a version freeze (a version
 * is a copy; the live document goes on). The server stores them as it got them and never resolves
 * them: every client has the document and turns them into a range with the editor's own mapping.
 */

/** A passage: both ends as encoded Yjs relative positions (base64), and the text as it read then. */
export interface CommentAnchor {
  start: string;
  end: string;
  quote: string;
}

export interface CommentView {
  id: string;
  author: PersonRef;
  body: string;
  createdAt: string;
}

/** What a thread is about beside its passage: the position (an objection, a remark) it was given with. */
export interface CommentPositionRef {
  id: string;
  kind: 'consent' | 'consent_with_remarks' | 'object' | 'abstain';
  organizationName: string;
  versionNumber: number;
}

export interface CommentThreadView {
  id: string;
  sectionId: string;
  anchor: CommentAnchor;
  /** The comments in order; the first opened the thread (empty for a thread opened by a position). */
  comments: CommentView[];
  position: CommentPositionRef | null;
  createdBy: PersonRef;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: PersonRef | null;
}

/** GET /api/sections/:id/comments — every thread, resolved ones included (the client hides them by default). */
export interface CommentThreadsResponse {
  threads: CommentThreadView[];
  /** Whether the viewer may comment, reply, resolve and reopen here. */
  canComment: boolean;
}

/** POST /api/sections/:id/comments, POST /api/comment-threads/:id/{replies,resolve,reopen}. */
export interface CommentThreadResponse {
  thread: CommentThreadView;
}

/**
 * One entry of a section's draft history: a snapshot taken while people edit (at most one per few
 * minutes of editing, and just before a restore), or a frozen version. `editors` are who edited since
 * the entry before it.
 */
export interface DraftHistoryEntry {
  id: string;
  kind: 'snapshot' | 'version';
  /** A snapshot's reason; a version's origin. */
  reason: 'editing' | 'before_restore' | 'round' | 'mediation_proposal' | 'ruling';
  at: string;
  editors: PersonRef[];
  /** A version's number, null for a snapshot. */
  versionNumber: number | null;
}

/** GET /api/sections/:id/draft-history — newest first. */
export interface DraftHistoryResponse {
  entries: DraftHistoryEntry[];
  /** Whether the viewer may restore an entry now (a delegate, the section open for editing). */
  canRestore: boolean;
}

/** GET /api/sections/:id/draft-history/:entryId — the entry's document and the live draft, for the rich diff. */
export interface DraftHistoryDocument {
  entry: DraftHistoryEntry;
  doc: PmNodeJson;
  current: PmNodeJson;
}
