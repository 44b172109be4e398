import { z } from 'zod';

/** Request bodies of the reports API (shared/api-reports.ts). */

const longText = (max: number) => z.string().trim().min(1).max(max);
const inRange = (year: number) => year >= 2000 && year <= 2100;
const yearMessage = { message: 'the year lies between 2000 and 2100', params: { code: 'out_of_range' } };

/** A progress report covers a half year (2026-H1), an evaluation a year (2026). */
export const startReportBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('progress'),
    period: z
      .string()
      .regex(/^\d{4}-H[12]$/, 'a half year like 2026-H1')
      .refine((p) => inRange(Number(p.slice(0, 4))), yearMessage),
  }),
  z.strictObject({
    kind: z.literal('evaluation'),
    period: z
      .string()
      .regex(/^\d{4}$/, 'a year like 2026')
      .refine((p) => inRange(Number(p)), yearMessage),
  }),
]);
export type StartReportBody = z.infer<typeof startReportBody>;

export const reviseReportBody = z.strictObject({ reason: longText(4000) });

/** partId: a narrative part key, goal-<id>, sections, escalations or coverage; absent or null for the whole report. */
export const questionBody = z.strictObject({
  text: longText(4000),
  partId: z.string().min(1).max(100).nullable().optional(),
});

export const answerBody = z.strictObject({ text: longText(4000) });
