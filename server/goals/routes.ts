import { Hono, type Context } from 'hono';
import type { GoalsResponse, KpiView } from '../../shared/api.ts';
import { can } from '../../shared/permissions.ts';
import type { AppEnv } from '../http/app-env.ts';
import { notFound } from '../http/errors.ts';
import { readId, readJson } from '../http/validate.ts';
import { planPeriod } from '../plans/queries.ts';
import { requireAccess, requireTableAction, type TableAccess } from '../http/access.ts';
import { createGoal, createPrinciple, deleteGoal, deletePrinciple, updateGoal, updatePrinciple } from './commands.ts';
import { createKpi, deleteKpi, recordMeasurement, updateKpi } from './kpi-commands.ts';
import { goalDetail, kpiTable, loadGoals, type GoalsFlags } from './queries.ts';
import {
  createGoalBody,
  createKpiBody,
  createPrincipleBody,
  measurementBody,
  updateGoalBody,
  updateKpiBody,
  updatePrincipleBody,
} from './schema.ts';

const actor = (c: Context<AppEnv>, access: { user: { id: string }; tableId: string }) => ({
  userId: access.user.id,
  tableId: access.tableId,
  now: c.var.deps.clock.now(),
});

async function flags(c: Context<AppEnv>, access: TableAccess): Promise<GoalsFlags> {
  return {
    planPeriod: await planPeriod(c.var.deps.db, access.tableId),
    canManage: can(access.role, 'goals.manage'),
    canMeasure: can(access.role, 'kpi.measure'),
  };
}

async function goalReply(c: Context<AppEnv>, tableId: string, goalId: string, status: 200 | 201 = 200) {
  const { goals } = await loadGoals(c.var.deps.db, tableId);
  const goal = goals.find((g) => g.id === goalId);
  if (!goal) throw notFound('goal');
  return c.json(goal, status);
}

async function kpiReply(c: Context<AppEnv>, tableId: string, kpiId: string, status: 200 | 201 = 200) {
  const { goals } = await loadGoals(c.var.deps.db, tableId);
  const kpi: KpiView | undefined = goals.flatMap((g) => g.kpis).find((k) => k.id === kpiId);
  if (!kpi) throw notFound('KPI');
  return c.json(kpi, status);
}

async function measure(c: Context<AppEnv>, access: { user: { id: string }; tableId: string }, kpiId: string) {
  const body = await readJson(c, measurementBody);
  const { corrected } = await recordMeasurement(c.var.deps.db, actor(c, access), kpiId, body);
  return kpiReply(c, access.tableId, kpiId, corrected ? 200 : 201);
}

/** Principles, goals, KPIs and measurements, under /api/tables/:id. */
export const tableGoalRoutes = new Hono<AppEnv>()
  .get('/:id/goals', async (c) => {
    const access = await requireTableAction(c, 'table.read');
    const body: GoalsResponse = { ...(await loadGoals(c.var.deps.db, access.tableId)), ...(await flags(c, access)) };
    return c.json(body);
  })
  .get('/:id/goals/:goalId', async (c) => {
    const access = await requireTableAction(c, 'table.read');
    const goalId = readId(c, 'goalId', 'goal');
    const body = await goalDetail(c.var.deps.db, access.tableId, goalId, await flags(c, access));
    if (!body) throw notFound('goal');
    return c.json(body);
  })
  .post('/:id/principles', async (c) => {
    const access = await requireTableAction(c, 'goals.manage');
    const body = await readJson(c, createPrincipleBody);
    const id = await createPrinciple(c.var.deps.db, actor(c, access), body);
    const { principles } = await loadGoals(c.var.deps.db, access.tableId);
    return c.json(
      principles.find((p) => p.id === id),
      201,
    );
  })
  .patch('/:id/principles/:principleId', async (c) => {
    const access = await requireTableAction(c, 'goals.manage');
    const id = readId(c, 'principleId', 'principle');
    await updatePrinciple(c.var.deps.db, actor(c, access), id, await readJson(c, updatePrincipleBody));
    const { principles } = await loadGoals(c.var.deps.db, access.tableId);
    return c.json(principles.find((p) => p.id === id));
  })
  .delete('/:id/principles/:principleId', async (c) => {
    const access = await requireTableAction(c, 'goals.manage');
    await deletePrinciple(c.var.deps.db, actor(c, access), readId(c, 'principleId', 'principle'));
    return c.body(null, 204);
  })
  .post('/:id/goals', async (c) => {
    const access = await requireTableAction(c, 'goals.manage');
    const body = await readJson(c, createGoalBody);
    return goalReply(c, access.tableId, await createGoal(c.var.deps.db, actor(c, access), body), 201);
  })
  .patch('/:id/goals/:goalId', async (c) => {
    const access = await requireTableAction(c, 'goals.manage');
    const id = readId(c, 'goalId', 'goal');
    await updateGoal(c.var.deps.db, actor(c, access), id, await readJson(c, updateGoalBody));
    return goalReply(c, access.tableId, id);
  })
  .delete('/:id/goals/:goalId', async (c) => {
    const access = await requireTableAction(c, 'goals.manage');
    await deleteGoal(c.var.deps.db, actor(c, access), readId(c, 'goalId', 'goal'));
    return c.body(null, 204);
  })
  .post('/:id/goals/:goalId/kpis', async (c) => {
    const access = await requireTableAction(c, 'goals.manage');
    const goalId = readId(c, 'goalId', 'goal');
    const body = await readJson(c, createKpiBody);
    return kpiReply(c, access.tableId, await createKpi(c.var.deps.db, actor(c, access), goalId, body), 201);
  })
  .patch('/:id/kpis/:kpiId', async (c) => {
    const access = await requireTableAction(c, 'goals.manage');
    const id = readId(c, 'kpiId', 'KPI');
    await updateKpi(c.var.deps.db, actor(c, access), id, await readJson(c, updateKpiBody));
    return kpiReply(c, access.tableId, id);
  })
  .delete('/:id/kpis/:kpiId', async (c) => {
    const access = await requireTableAction(c, 'goals.manage');
    await deleteKpi(c.var.deps.db, actor(c, access), readId(c, 'kpiId', 'KPI'));
    return c.body(null, 204);
  })
  .post('/:id/kpis/:kpiId/measurements', async (c) => {
    const access = await requireTableAction(c, 'kpi.measure');
    return measure(c, access, readId(c, 'kpiId', 'KPI'));
  });

/** POST /api/kpis/:id/measurements: the same as under the table, for callers that know only the KPI. */
export const kpiRoutes = new Hono<AppEnv>().post('/:id/measurements', async (c) => {
  const kpiId = readId(c, 'id', 'KPI');
  const tableId = await kpiTable(c.var.deps.db, kpiId);
  if (!tableId) throw notFound('KPI');
  return measure(c, await requireAccess(c, tableId, 'kpi.measure', 'KPI'), kpiId);
});
