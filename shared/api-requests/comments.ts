import { z } from 'zod';

/** An encoded Yjs relative position: a few dozen bytes, base64. The server also decodes it (anchors.ts). */
const relativePosition = z
  .string()
  .max(512)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not a base64-encoded relative position');

export const anchorBody = z.strictObject({
  start: relativePosition,
  end: relativePosition,
  quote: z.string().trim().min(1).max(2000),
});

const commentText = z.string().trim().min(1).max(8000);

export const newThreadBody = z.strictObject({ anchor: anchorBody, body: commentText });

export const replyBody = z.strictObject({ body: commentText });

/** A position may point at up to this many passages it is about. */
export const MAX_POSITION_ANCHORS = 5;
