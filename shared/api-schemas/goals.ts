import { z } from 'zod';
import type {
  CoverageResponse,
  GoalDetail,
  GoalsResponse,
  GoalView,
  KpiView,
  MeasurementView,
  PrincipleView,
  SearchResponse,
} from '../api.ts';
import { KPI_DIRECTIONS, KPI_UNITS, NATIONAL_GOALS, PERIOD_PATTERN } from '../goals.ts';
import { replySchema, timestamp, uuid } from './registry.ts';
import { personRefSchema } from './tables.ts';

/** A half year, like 2026-H1. */
const period = z.string().regex(PERIOD_PATTERN);
const yearValue = z.object({ year: z.int(), value: z.number() });
const planPeriod = z.object({ start: z.int(), end: z.int() }).nullable();

export const principleViewSchema = replySchema<PrincipleView>()(
  'PrincipleView',
  z.object({ id: uuid, position: z.int(), title: z.string(), description: z.string() }),
  'A principle (uitgangspunt) of the table.',
);

export const measurementViewSchema = replySchema<MeasurementView>()(
  'MeasurementView',
  z.object({
    period,
    value: z.number(),
    source: z.string(),
    note: z.string(),
    recordedBy: personRefSchema,
    recordedAt: timestamp,
  }),
);

export const kpiViewSchema = replySchema<KpiView>()(
  'KpiView',
  z.object({
    id: uuid,
    goalId: uuid,
    position: z.int(),
    indicator: z.string(),
    unit: z.enum(KPI_UNITS),
    direction: z.enum(KPI_DIRECTIONS),
    baseline: yearValue,
    targets: z.array(yearValue),
    measurements: z.array(measurementViewSchema),
    status: z.object({
      status: z.enum(['on_track', 'off_track', 'no_target', 'no_data']),
      period: period.nullable(),
    }),
  }),
  'A KPI with baseline, targets, measurements and how its latest figure stands against the target.',
);

export const goalViewSchema = replySchema<GoalView>()(
  'GoalView',
  z.object({
    id: uuid,
    position: z.int(),
    title: z.string(),
    description: z.string(),
    nationalGoal: z.enum(NATIONAL_GOALS).nullable(),
    principleIds: z.array(uuid),
    kpis: z.array(kpiViewSchema),
    sectionIds: z.array(uuid),
  }),
  'A goal with its KPIs, the principles it serves and the live sections that serve it.',
);

export const goalsResponseSchema = replySchema<GoalsResponse>()(
  'GoalsResponse',
  z.object({
    principles: z.array(principleViewSchema),
    goals: z.array(goalViewSchema),
    planPeriod,
    canManage: z.boolean(),
    canMeasure: z.boolean(),
  }),
  "planPeriod: the years targets may be set for, the span of the table's live plans (null without a plan).",
);

export const goalDetailSchema = replySchema<GoalDetail>()(
  'GoalDetail',
  z.object({
    goal: goalViewSchema,
    principles: z.array(principleViewSchema),
    sections: z.array(z.object({ id: uuid, title: z.string(), planTitle: z.string(), locked: z.boolean() })),
    planPeriod,
    canManage: z.boolean(),
    canMeasure: z.boolean(),
  }),
);

export const coverageResponseSchema = replySchema<CoverageResponse>()(
  'CoverageResponse',
  z.object({
    goals: z.array(z.object({ id: uuid, title: z.string(), position: z.int() })),
    sections: z.array(
      z.object({ id: uuid, title: z.string(), position: z.int(), planId: uuid, planTitle: z.string() }),
    ),
    links: z.array(z.object({ sectionId: uuid, goalId: uuid })),
    uncoveredGoals: z.array(uuid),
    unlinkedSections: z.array(uuid),
  }),
  "Goals × the live sections of the table's live plans, and the gaps either way.",
);

export const searchResponseSchema = replySchema<SearchResponse>()(
  'SearchResponse',
  z.object({
    query: z.string(),
    results: z.array(
      z.object({
        kind: z.enum(['section', 'goal', 'kpi', 'principle']),
        id: uuid,
        title: z.string(),
        snippet: z.string(),
        goalId: uuid.nullable(),
        plan: z.object({ id: uuid, title: z.string() }).nullable(),
        rank: z.number(),
      }),
    ),
  }),
  'Hits, best first; a snippet marks the matches between U+0002 and U+0003.',
);
