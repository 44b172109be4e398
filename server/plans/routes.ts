import type { Context } from 'hono';
import { planWithSectionsSchema, plansResponseSchema, sectionViewSchema } from '../../shared/api-schemas/plans.ts';
import type { PlansResponse } from '../../shared/api.ts';
import { PLAN_TEMPLATES } from '../../shared/plan-templates.ts';
import { can } from '../../shared/permissions.ts';
import type { AppEnv } from '../http/app-env.ts';
import { notFound } from '../http/errors.ts';
import { route } from '../http/route.ts';
import { readId } from '../http/validate.ts';
import { applyEffects } from '../effects.ts';
import { findSection } from '../sections/queries.ts';
import type { TableAccess } from '../http/access.ts';
import type { Actor } from '../audit/audit.ts';
import { createPlan, createSection, reorderSections, updatePlan, updateSection } from './commands.ts';
import { findPlan, listPlans } from './queries.ts';
import { createPlanBody, createSectionBody, orderBody, updatePlanBody, updateSectionBody } from '../../shared/api-requests/plans.ts';

function actor(c: Context<AppEnv>, access: TableAccess): Actor {
  return { userId: access.user.id, tableId: access.tableId, now: c.var.deps.clock.now() };
}

const presence = (c: Context<AppEnv>) => c.var.deps.collab?.presence;

async function planReply(c: Context<AppEnv>, access: TableAccess, planId: string, status: 200 | 201 = 200) {
  const plan = await findPlan(c.var.deps.db, access.tableId, planId, presence(c));
  if (!plan) throw notFound('plan');
  return c.json(plan, status);
}

async function sectionReply(c: Context<AppEnv>, sectionId: string, status: 200 | 201 = 200) {
  const section = await findSection(c.var.deps.db, sectionId, presence(c));
  if (!section) throw notFound('section');
  return c.json(section, status);
}

/** Plans and the sections in them, under /api/tables/:id. Managing them is the secretariat's (plan.manage). */
export const tablePlanRoutes = [
  route(
    {
      method: 'get',
      path: '/tables/:id/plans',
      operationId: 'listTablePlans',
      tag: 'Plans',
      summary: 'Plans with their sections (archived ones flagged) and the templates',
      permission: 'section.read',
      reply: plansResponseSchema,
    },
    async (c, { access }) => {
      const body: PlansResponse = {
        plans: await listPlans(c.var.deps.db, access.tableId, presence(c)),
        templates: PLAN_TEMPLATES,
        canManage: can(access.role, 'plan.manage'),
      };
      return c.json(body);
    },
  ),
  route(
    {
      method: 'post',
      path: '/tables/:id/plans',
      operationId: 'createPlan',
      tag: 'Plans',
      summary: 'Create a plan from a template',
      permission: 'plan.manage',
      body: createPlanBody,
      reply: planWithSectionsSchema,
      status: 201,
    },
    async (c, { access, body }) => {
      const input = await body();
      return planReply(c, access, await createPlan(c.var.deps.db, actor(c, access), input), 201);
    },
  ),
  route(
    {
      method: 'patch',
      path: '/tables/:id/plans/:planId',
      operationId: 'updatePlan',
      tag: 'Plans',
      summary: 'Rename, re-period, archive or restore a plan',
      permission: 'plan.manage',
      body: updatePlanBody,
      reply: planWithSectionsSchema,
    },
    async (c, { access, body }) => {
      const planId = readId(c, 'planId', 'plan');
      const { effects } = await updatePlan(c.var.deps.db, actor(c, access), planId, await body());
      await applyEffects(c.var.deps, effects);
      return planReply(c, access, planId);
    },
  ),
  route(
    {
      method: 'put',
      path: '/tables/:id/plans/:planId/order',
      operationId: 'reorderPlanSections',
      tag: 'Plans',
      summary: "Reorder the plan's live sections",
      permission: 'plan.manage',
      body: orderBody,
      reply: planWithSectionsSchema,
    },
    async (c, { access, body }) => {
      const planId = readId(c, 'planId', 'plan');
      const { sectionIds } = await body();
      await reorderSections(c.var.deps.db, actor(c, access), planId, sectionIds);
      return planReply(c, access, planId);
    },
  ),
  route(
    {
      method: 'post',
      path: '/tables/:id/plans/:planId/sections',
      operationId: 'createSection',
      tag: 'Plans',
      summary: 'Add a section',
      permission: 'plan.manage',
      body: createSectionBody,
      reply: sectionViewSchema,
      status: 201,
    },
    async (c, { access, body }) => {
      const planId = readId(c, 'planId', 'plan');
      const input = await body();
      return sectionReply(c, await createSection(c.var.deps.db, actor(c, access), planId, input), 201);
    },
  ),
  route(
    {
      method: 'patch',
      path: '/tables/:id/sections/:sectionId',
      operationId: 'updateSection',
      tag: 'Plans',
      summary: 'Rename a section, set its drafting organizations, archive or restore it',
      permission: 'plan.manage',
      body: updateSectionBody,
      reply: sectionViewSchema,
      conflict: 'archiving a section whose consensus is under way (a round, an escalation, a referral); details.state',
    },
    async (c, { access, body }) => {
      const sectionId = readId(c, 'sectionId', 'section');
      const { effects } = await updateSection(c.var.deps.db, actor(c, access), sectionId, await body());
      await applyEffects(c.var.deps, effects);
      return sectionReply(c, sectionId);
    },
  ),
];
