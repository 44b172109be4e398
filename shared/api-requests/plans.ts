import { z } from 'zod';
import { PLAN_TEMPLATE_NAMES } from '../plan-templates.ts';

const title = z.string().trim().min(1).max(200);
const year = z.number().int().min(2000).max(2100);
const ids = z.array(z.uuid()).max(100);

export const createPlanBody = z
  .strictObject({
    title,
    periodStart: year,
    periodEnd: year,
    template: z.enum(PLAN_TEMPLATE_NAMES as [string, ...string[]]),
  })
  .refine((plan) => plan.periodEnd >= plan.periodStart, {
    path: ['periodEnd'],
    message: 'the period cannot end before it starts',
    params: { code: 'end_before_start' },
  });

export const updatePlanBody = z
  .strictObject({
    title: title.optional(),
    periodStart: year.optional(),
    periodEnd: year.optional(),
    archived: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: 'nothing to change',
    params: { code: 'nothing_to_change' },
  });

export const createSectionBody = z.strictObject({ title, drafterIds: ids.optional() });

export const updateSectionBody = z
  .strictObject({ title: title.optional(), drafterIds: ids.optional(), archived: z.boolean().optional() })
  .refine((body) => Object.keys(body).length > 0, {
    message: 'nothing to change',
    params: { code: 'nothing_to_change' },
  });

/** One plan of the table (the plan tab shows one at a time); without it, every live plan. */
export const planQuery = z.strictObject({ planId: z.uuid().optional() });

export const orderBody = z.strictObject({ sectionIds: z.array(z.uuid()).min(1).max(200) });

export const sectionGoalsBody = z.strictObject({ goalIds: ids });
