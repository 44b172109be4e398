import { z } from 'zod';
import type {
  ReportDetail,
  ReportGenerated,
  ReportPart,
  ReportQuestion,
  ReportsResponse,
  ReportSummary,
} from '../api.ts';
import { REPORT_KINDS } from '../api-reports.ts';
import { KPI_DIRECTIONS, KPI_UNITS, NATIONAL_GOALS } from '../goals.ts';
import { sectionStateSchema } from './plans.ts';
import { day, replySchema, timestamp, uuid } from './registry.ts';
import { personRefSchema } from './tables.ts';

const readyMark = z.object({ by: personRefSchema, at: timestamp }).nullable();
const halfYear = z.string().regex(/^\d{4}-H[12]$/);
const partKey = z.string().regex(/^(summary|outlook|goal-[0-9a-f-]{36})$/);

export const reportSummarySchema = replySchema<ReportSummary>()(
  'ReportSummary',
  z.object({
    id: uuid,
    tableId: uuid,
    kind: z.enum(REPORT_KINDS),
    period: z.string(),
    title: z.string(),
    revision: z.int().min(1),
    reason: z.string().nullable(),
    status: z.enum(['draft', 'published']),
    createdBy: personRefSchema,
    createdAt: timestamp,
    readyByChair: readyMark,
    readyBySecretariat: readyMark,
    publishedBy: personRefSchema.nullable(),
    publishedAt: timestamp.nullable(),
    superseded: z.boolean(),
  }),
  'A report (one revision): a progress report for a half year or an evaluation for a year.',
);

export const reportsResponseSchema = replySchema<ReportsResponse>()(
  'ReportsResponse',
  z.object({ reports: z.array(reportSummarySchema), canStart: z.boolean() }),
  "The table's reports, newest period first; only published revisions for roles that may not read drafts.",
);

export const reportGeneratedSchema = replySchema<ReportGenerated>()(
  'ReportGenerated',
  z.object({
    periodStart: day,
    periodEnd: day,
    generatedAt: timestamp,
    goals: z.array(
      z.object({
        id: uuid,
        title: z.string(),
        nationalGoal: z.enum(NATIONAL_GOALS).nullable(),
        kpis: z.array(
          z.object({
            id: uuid,
            indicator: z.string(),
            unit: z.enum(KPI_UNITS),
            direction: z.enum(KPI_DIRECTIONS),
            baseline: z.object({ year: z.int(), value: z.number() }),
            series: z.array(
              z.object({ period: halfYear, value: z.number().nullable(), target: z.number().nullable() }),
            ),
            current: z.object({ period: halfYear, value: z.number() }).nullable(),
            target: z.number().nullable(),
            changeSinceBaseline: z.number().nullable(),
            changeSincePreviousReport: z.number().nullable(),
            status: z.enum(['on_track', 'off_track', 'no_target', 'no_data']),
          }),
        ),
      }),
    ),
    sections: z.array(
      z.object({
        id: uuid,
        title: z.string(),
        position: z.int(),
        state: sectionStateSchema,
        adoptedVersion: z
          .object({ number: z.int(), at: timestamp, way: z.enum(['consensus', 'mediation', 'ruling']) })
          .nullable(),
        rounds: z.array(
          z.object({
            id: uuid,
            kind: z.enum(['consent', 'mediation_proposal']),
            versionNumber: z.int(),
            openedAt: timestamp,
            closedAt: timestamp.nullable(),
            outcome: z.enum(['agreed', 'objected', 'not_all_responded', 'withdrawn']).nullable(),
          }),
        ),
      }),
    ),
    escalations: z.array(
      z.object({
        id: uuid,
        sectionId: uuid,
        sectionTitle: z.string(),
        escalatedAt: timestamp,
        referredAt: timestamp.nullable(),
        closedAt: timestamp.nullable(),
        durationDays: z.int().min(0),
        mediationSteps: z.array(z.object({ occurredOn: day, kind: z.enum(['meeting', 'call', 'written']) })),
        ruling: z.object({ effectiveAt: timestamp, versionNumber: z.int().nullable() }).nullable(),
      }),
    ),
    coverage: z.object({
      goals: z.array(z.object({ id: uuid, title: z.string() })),
      sections: z.array(z.object({ id: uuid, title: z.string() })),
      links: z.array(z.object({ sectionId: uuid, goalId: uuid })),
      reconstructed: z.boolean(),
    }),
    planVersions: z.array(z.object({ sectionId: uuid, title: z.string(), versionNumber: z.int().nullable() })),
    limitations: z.array(z.string()),
  }),
  "A report's figures as of its period's end (frozen at publication): KPIs, sections, escalations, coverage.",
);

export const reportPartSchema = replySchema<ReportPart>()(
  'ReportPart',
  z.object({
    key: partKey as z.ZodType<ReportPart['key']>,
    title: z.string(),
    docName: z.string(),
    html: z.string(),
    text: z.string(),
  }),
  'A co-written narrative part: the summary, the explanation of a goal, or the outlook.',
);

export const reportQuestionSchema = replySchema<ReportQuestion>()(
  'ReportQuestion',
  z.object({
    id: uuid,
    reportId: uuid,
    partId: z.string().nullable(),
    text: z.string(),
    askedBy: personRefSchema,
    askedAt: timestamp,
    answer: z.object({ text: z.string(), by: personRefSchema, at: timestamp }).nullable(),
  }),
  'A council question (raadsvraag) on a published report, with its answer once given.',
);

export const reportDetailSchema = replySchema<ReportDetail>()(
  'ReportDetail',
  reportSummarySchema.extend({
    tableName: z.string(),
    generated: reportGeneratedSchema,
    narrative: z.array(reportPartSchema),
    revisions: z.array(reportSummarySchema),
    questions: z.array(reportQuestionSchema),
    can: z.object({
      writeNarrative: z.boolean(),
      markReady: z.boolean(),
      publish: z.boolean(),
      revise: z.boolean(),
      ask: z.boolean(),
      answer: z.boolean(),
    }),
  }),
  'A report with its figures (live for a draft, frozen once published), narrative, revisions, questions and what the viewer may do.',
);
