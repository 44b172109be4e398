import { z } from 'zod';
import { POSITION_KINDS, POSITION_NEEDS_TEXT } from '../consensus.ts';
import { anchorBody, MAX_POSITION_ANCHORS } from './comments.ts';

const longText = (max: number) => z.string().trim().min(1).max(max);

export const positionBody = z
  .strictObject({
    kind: z.enum(POSITION_KINDS),
    text: z.string().trim().max(8000).optional(),
    // The passages an objection or a remark is about: each becomes a comment thread beside the text.
    anchors: z.array(anchorBody).max(MAX_POSITION_ANCHORS).optional(),
  })
  .refine((p) => !POSITION_NEEDS_TEXT[p.kind] || (p.text ?? '').length > 0, {
    path: ['text'],
    message: 'a remark or an objection needs its reasons written out',
    params: { code: 'required' },
  });

export const escalationBody = z.strictObject({ reason: longText(8000) });

export const stepBody = z.strictObject({
  occurredOn: z.iso.date(),
  kind: z.enum(['meeting', 'call', 'written']),
  note: longText(8000),
});

/**
 * A compromise is put to a round from its proposal document (`proposalId`, the editor's way) or, for
 * clients of the API without an editor, as plain text; exactly one of the two.
 */
export const proposalBody = z
  .strictObject({ text: longText(100_000).optional(), proposalId: z.uuid().optional() })
  .refine((p) => (p.text === undefined) !== (p.proposalId === undefined), {
    message: 'either the text or the proposal document, not both',
  });

export const referralBody = z.strictObject({ report: longText(8000) });

/** A draft ruling from its proposal document (`proposalId`) or as plain text; exactly one of the two. */
export const rulingBody = z
  .strictObject({
    text: longText(100_000).optional(),
    proposalId: z.uuid().optional(),
    rationale: longText(8000),
  })
  .refine((p) => (p.text === undefined) !== (p.proposalId === undefined), {
    message: 'either the text or the proposal document, not both',
  });

export const versionParam = z.coerce.number().int().min(1).max(1_000_000);

export const diffQuery = z.strictObject({
  from: versionParam,
  to: z.union([z.literal('current'), versionParam]),
});

export const clockBody = z.strictObject({ now: z.iso.datetime({ offset: true }) });
