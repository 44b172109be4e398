import { Hono, type Context } from 'hono';
import type { PlansResponse } from '../../shared/api.ts';
import { PLAN_TEMPLATES } from '../../shared/plan-templates.ts';
import { can } from '../../shared/permissions.ts';
import type { AppEnv } from '../http/app-env.ts';
import { notFound } from '../http/errors.ts';
import { readId, readJson } from '../http/validate.ts';
import { applyEffects } from '../effects.ts';
import { findSection } from '../sections/queries.ts';
import { requireTableAction, type TableAccess } from '../http/access.ts';
import type { Actor } from '../audit/audit.ts';
import { createPlan, createSection, reorderSections, updatePlan, updateSection } from './commands.ts';
import { findPlan, listPlans } from './queries.ts';
import { createPlanBody, createSectionBody, orderBody, updatePlanBody, updateSectionBody } from './schema.ts';

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
export const tablePlanRoutes = new Hono<AppEnv>()
  .get('/:id/plans', async (c) => {
    const access = await requireTableAction(c, 'section.read');
    const body: PlansResponse = {
      plans: await listPlans(c.var.deps.db, access.tableId, presence(c)),
      templates: PLAN_TEMPLATES,
      canManage: can(access.role, 'plan.manage'),
    };
    return c.json(body);
  })
  .post('/:id/plans', async (c) => {
    const access = await requireTableAction(c, 'plan.manage');
    const body = await readJson(c, createPlanBody);
    return planReply(c, access, await createPlan(c.var.deps.db, actor(c, access), body), 201);
  })
  .patch('/:id/plans/:planId', async (c) => {
    const access = await requireTableAction(c, 'plan.manage');
    const planId = readId(c, 'planId', 'plan');
    const body = await readJson(c, updatePlanBody);
    const { effects } = await updatePlan(c.var.deps.db, actor(c, access), planId, body);
    await applyEffects(c.var.deps, effects);
    return planReply(c, access, planId);
  })
  .put('/:id/plans/:planId/order', async (c) => {
    const access = await requireTableAction(c, 'plan.manage');
    const planId = readId(c, 'planId', 'plan');
    const body = await readJson(c, orderBody);
    await reorderSections(c.var.deps.db, actor(c, access), planId, body.sectionIds);
    return planReply(c, access, planId);
  })
  .post('/:id/plans/:planId/sections', async (c) => {
    const access = await requireTableAction(c, 'plan.manage');
    const planId = readId(c, 'planId', 'plan');
    const body = await readJson(c, createSectionBody);
    return sectionReply(c, await createSection(c.var.deps.db, actor(c, access), planId, body), 201);
  })
  .patch('/:id/sections/:sectionId', async (c) => {
    const access = await requireTableAction(c, 'plan.manage');
    const sectionId = readId(c, 'sectionId', 'section');
    const body = await readJson(c, updateSectionBody);
    const { effects } = await updateSection(c.var.deps.db, actor(c, access), sectionId, body);
    await applyEffects(c.var.deps, effects);
    return sectionReply(c, sectionId);
  });
