import { z } from 'zod';
import type {
  CommentAnchor,
  CommentPositionRef,
  CommentThreadResponse,
  CommentThreadsResponse,
  CommentThreadView,
  CommentView,
  DraftHistoryDocument,
  DraftHistoryEntry,
  DraftHistoryResponse,
} from '../api.ts';
import { POSITION_KINDS } from '../consensus.ts';
import { pmNodeSchema } from './consensus.ts';
import { replySchema, timestamp, uuid } from './registry.ts';
import { personRefSchema } from './tables.ts';

export const commentAnchorSchema = replySchema<CommentAnchor>()(
  'CommentAnchor',
  z.object({ start: z.string(), end: z.string(), quote: z.string() }),
  'A passage: both ends as encoded Yjs relative positions (base64), and its text as it read when anchored',
);

const commentSchema = replySchema<CommentView>()(
  'Comment',
  z.object({ id: uuid, author: personRefSchema, body: z.string(), createdAt: timestamp }),
);

const commentPositionSchema = replySchema<CommentPositionRef>()(
  'CommentPosition',
  z.object({ id: uuid, kind: z.enum(POSITION_KINDS), organizationName: z.string(), versionNumber: z.int().min(1) }),
);

export const commentThreadSchema = replySchema<CommentThreadView>()(
  'CommentThread',
  z.object({
    id: uuid,
    sectionId: uuid,
    anchor: commentAnchorSchema,
    comments: z.array(commentSchema),
    position: commentPositionSchema.nullable(),
    createdBy: personRefSchema,
    createdAt: timestamp,
    resolvedAt: timestamp.nullable(),
    resolvedBy: personRefSchema.nullable(),
  }),
  'A discussion anchored to a passage of a section, possibly opened by a position on it',
);

export const commentThreadsResponseSchema = replySchema<CommentThreadsResponse>()(
  'CommentThreadsResponse',
  z.object({ threads: z.array(commentThreadSchema), canComment: z.boolean() }),
);

export const commentThreadResponseSchema = replySchema<CommentThreadResponse>()(
  'CommentThreadResponse',
  z.object({ thread: commentThreadSchema }),
);

const draftHistoryEntrySchema = replySchema<DraftHistoryEntry>()(
  'DraftHistoryEntry',
  z.object({
    id: uuid,
    kind: z.enum(['snapshot', 'version']),
    reason: z.enum(['editing', 'before_restore', 'round', 'mediation_proposal', 'ruling']),
    at: timestamp,
    editors: z.array(personRefSchema),
    versionNumber: z.int().min(1).nullable(),
  }),
);

export const draftHistoryResponseSchema = replySchema<DraftHistoryResponse>()(
  'DraftHistoryResponse',
  z.object({ entries: z.array(draftHistoryEntrySchema), canRestore: z.boolean() }),
);

export const draftHistoryDocumentSchema = replySchema<DraftHistoryDocument>()(
  'DraftHistoryDocument',
  z.object({ entry: draftHistoryEntrySchema, doc: pmNodeSchema, current: pmNodeSchema }),
  'One history entry as ProseMirror JSON beside the live draft: the client computes the rich diff',
);
