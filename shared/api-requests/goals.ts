import { z } from 'zod';
import { KPI_DIRECTIONS, KPI_UNITS, NATIONAL_GOALS, PERIOD_PATTERN } from '../goals.ts';

const title = z.string().trim().min(1).max(200);
const description = z.string().trim().max(4000);
const year = z.number().int().min(2000).max(2100);
const value = z.number().finite();
const nonEmpty = { message: 'nothing to change', params: { code: 'nothing_to_change' } };

export const createPrincipleBody = z.strictObject({ title, description: description.optional() });
export const updatePrincipleBody = z
  .strictObject({ title: title.optional(), description: description.optional() })
  .refine((b) => Object.keys(b).length > 0, nonEmpty);

const goalFields = {
  title,
  description: description.optional(),
  nationalGoal: z.enum(NATIONAL_GOALS).nullable().optional(),
  principleIds: z.array(z.uuid()).max(50).optional(),
};
export const createGoalBody = z.strictObject(goalFields);
export const updateGoalBody = z
  .strictObject({ ...goalFields, title: title.optional() })
  .refine((b) => Object.keys(b).length > 0, nonEmpty);

const targets = z
  .array(z.strictObject({ year, value }))
  .max(40)
  .refine((list) => new Set(list.map((t) => t.year)).size === list.length, {
    message: 'one target per year',
    params: { code: 'duplicate_year' },
  });

const kpiFields = {
  indicator: z.string().trim().min(1).max(300),
  unit: z.enum(KPI_UNITS),
  direction: z.enum(KPI_DIRECTIONS),
  baseline: z.strictObject({ year, value }),
  targets,
};
export const createKpiBody = z.strictObject(kpiFields);
export const updateKpiBody = z
  .strictObject({
    indicator: kpiFields.indicator.optional(),
    unit: kpiFields.unit.optional(),
    direction: kpiFields.direction.optional(),
    baseline: kpiFields.baseline.optional(),
    targets: targets.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, nonEmpty);

export const measurementBody = z.strictObject({
  period: z.string().regex(PERIOD_PATTERN, 'a half year like 2026-H1'),
  value,
  source: z.string().trim().min(1).max(300),
  note: z.string().trim().max(2000).optional(),
});
export type MeasurementBody = z.infer<typeof measurementBody>;
