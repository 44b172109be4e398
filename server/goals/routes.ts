import type { Context } from 'hono';
import {
  goalDetailSchema,
  goalsResponseSchema,
  goalViewSchema,
  kpiViewSchema,
  principleViewSchema,
} from '../../shared/api-schemas/goals.ts';
import type { GoalsResponse, KpiView } from '../../shared/api.ts';
import { can } from '../../shared/permissions.ts';
import type { AppEnv } from '../http/app-env.ts';
import { notFound } from '../http/errors.ts';
import { route, type OtherReply, type Scope } from '../http/route.ts';
import { readId } from '../http/validate.ts';
import { planPeriod } from '../plans/queries.ts';
import type { TableAccess } from '../http/access.ts';
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
  type MeasurementBody,
} from '../../shared/api-requests/goals.ts';

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

async function measure(
  c: Context<AppEnv>,
  access: { user: { id: string }; tableId: string },
  kpiId: string,
  body: MeasurementBody,
) {
  const { corrected } = await recordMeasurement(c.var.deps.db, actor(c, access), kpiId, body);
  return kpiReply(c, access.tableId, kpiId, corrected ? 200 : 201);
}

const CORRECTED: OtherReply = {
  status: 200,
  schema: kpiViewSchema,
  when: 'The figure of that half year was recorded before and is corrected',
};

/** A route about the KPI in its path, at the KPI's table. */
const KPI: Scope = {
  what: 'KPI',
  find: async (deps, id) => {
    const tableId = await kpiTable(deps.db, id);
    return tableId ? { tableId } : null;
  },
};

/** Principles, goals, KPIs and measurements, under /api/tables/:id. */
export const tableGoalRoutes = [
  route(
    {
      method: 'get',
      path: '/tables/:id/goals',
      operationId: 'listTableGoals',
      tag: 'Goals',
      summary: 'Principles, goals, KPIs with targets, measurements and status',
      permission: 'table.read',
      reply: goalsResponseSchema,
    },
    async (c, { access }) => {
      const body: GoalsResponse = { ...(await loadGoals(c.var.deps.db, access.tableId)), ...(await flags(c, access)) };
      return c.json(body);
    },
  ),
  route(
    {
      method: 'get',
      path: '/tables/:id/goals/:goalId',
      operationId: 'getGoal',
      tag: 'Goals',
      summary: 'A goal with its KPIs, the principles it serves and the sections that serve it',
      permission: 'table.read',
      reply: goalDetailSchema,
    },
    async (c, { access }) => {
      const goalId = readId(c, 'goalId', 'goal');
      const body = await goalDetail(c.var.deps.db, access.tableId, goalId, await flags(c, access));
      if (!body) throw notFound('goal');
      return c.json(body);
    },
  ),
  route(
    {
      method: 'post',
      path: '/tables/:id/principles',
      operationId: 'createPrinciple',
      tag: 'Goals',
      summary: 'Add a principle (uitgangspunt)',
      permission: 'goals.manage',
      body: createPrincipleBody,
      reply: principleViewSchema,
      status: 201,
    },
    async (c, { access, body }) => {
      const id = await createPrinciple(c.var.deps.db, actor(c, access), await body());
      const { principles } = await loadGoals(c.var.deps.db, access.tableId);
      return c.json(
        principles.find((p) => p.id === id),
        201,
      );
    },
  ),
  route(
    {
      method: 'patch',
      path: '/tables/:id/principles/:principleId',
      operationId: 'updatePrinciple',
      tag: 'Goals',
      summary: 'Change a principle',
      permission: 'goals.manage',
      body: updatePrincipleBody,
      reply: principleViewSchema,
    },
    async (c, { access, body }) => {
      const id = readId(c, 'principleId', 'principle');
      await updatePrinciple(c.var.deps.db, actor(c, access), id, await body());
      const { principles } = await loadGoals(c.var.deps.db, access.tableId);
      return c.json(principles.find((p) => p.id === id));
    },
  ),
  route(
    {
      method: 'delete',
      path: '/tables/:id/principles/:principleId',
      operationId: 'deletePrinciple',
      tag: 'Goals',
      summary: 'Remove a principle',
      permission: 'goals.manage',
      reply: null,
      status: 204,
    },
    async (c, { access }) => {
      await deletePrinciple(c.var.deps.db, actor(c, access), readId(c, 'principleId', 'principle'));
      return c.body(null, 204);
    },
  ),
  route(
    {
      method: 'post',
      path: '/tables/:id/goals',
      operationId: 'createGoal',
      tag: 'Goals',
      summary: 'Add a goal',
      permission: 'goals.manage',
      body: createGoalBody,
      reply: goalViewSchema,
      status: 201,
    },
    async (c, { access, body }) => {
      const input = await body();
      return goalReply(c, access.tableId, await createGoal(c.var.deps.db, actor(c, access), input), 201);
    },
  ),
  route(
    {
      method: 'patch',
      path: '/tables/:id/goals/:goalId',
      operationId: 'updateGoal',
      tag: 'Goals',
      summary: 'Change a goal and the principles it serves',
      permission: 'goals.manage',
      body: updateGoalBody,
      reply: goalViewSchema,
    },
    async (c, { access, body }) => {
      const id = readId(c, 'goalId', 'goal');
      await updateGoal(c.var.deps.db, actor(c, access), id, await body());
      return goalReply(c, access.tableId, id);
    },
  ),
  route(
    {
      method: 'delete',
      path: '/tables/:id/goals/:goalId',
      operationId: 'deleteGoal',
      tag: 'Goals',
      summary: 'Remove a goal without KPIs or sections',
      permission: 'goals.manage',
      reply: null,
      status: 204,
      conflict: 'the goal still has KPIs or sections that serve it; details lists them',
    },
    async (c, { access }) => {
      await deleteGoal(c.var.deps.db, actor(c, access), readId(c, 'goalId', 'goal'));
      return c.body(null, 204);
    },
  ),
  route(
    {
      method: 'post',
      path: '/tables/:id/goals/:goalId/kpis',
      operationId: 'createKpi',
      tag: 'KPIs',
      summary: 'Add a KPI with baseline and targets (within the plan period)',
      permission: 'goals.manage',
      body: createKpiBody,
      reply: kpiViewSchema,
      status: 201,
    },
    async (c, { access, body }) => {
      const goalId = readId(c, 'goalId', 'goal');
      const input = await body();
      return kpiReply(c, access.tableId, await createKpi(c.var.deps.db, actor(c, access), goalId, input), 201);
    },
  ),
  route(
    {
      method: 'patch',
      path: '/tables/:id/kpis/:kpiId',
      operationId: 'updateKpi',
      tag: 'KPIs',
      summary: 'Change a KPI (its unit only while unmeasured)',
      permission: 'goals.manage',
      body: updateKpiBody,
      reply: kpiViewSchema,
      conflict: 'changing the unit of a KPI with measurements',
    },
    async (c, { access, body }) => {
      const id = readId(c, 'kpiId', 'KPI');
      await updateKpi(c.var.deps.db, actor(c, access), id, await body());
      return kpiReply(c, access.tableId, id);
    },
  ),
  route(
    {
      method: 'delete',
      path: '/tables/:id/kpis/:kpiId',
      operationId: 'deleteKpi',
      tag: 'KPIs',
      summary: 'Remove an unmeasured KPI',
      permission: 'goals.manage',
      reply: null,
      status: 204,
      conflict: 'the KPI has measurements: a measured KPI stays on record',
    },
    async (c, { access }) => {
      await deleteKpi(c.var.deps.db, actor(c, access), readId(c, 'kpiId', 'KPI'));
      return c.body(null, 204);
    },
  ),
  route(
    {
      method: 'post',
      path: '/tables/:id/kpis/:kpiId/measurements',
      operationId: 'recordTableKpiMeasurement',
      tag: 'KPIs',
      summary: 'Record (201) or correct (200) the figure of a half year',
      permission: 'kpi.measure',
      body: measurementBody,
      reply: kpiViewSchema,
      status: 201,
      otherReplies: [CORRECTED],
    },
    async (c, { access, body }) => {
      const kpiId = readId(c, 'kpiId', 'KPI');
      return measure(c, access, kpiId, await body());
    },
  ),
];

/** POST /api/kpis/:id/measurements: the same as under the table, for callers that know only the KPI. */
export const kpiRoutes = [
  route(
    {
      method: 'post',
      path: '/kpis/:id/measurements',
      operationId: 'recordKpiMeasurement',
      tag: 'KPIs',
      summary: 'The same, for callers that know only the KPI',
      permission: 'kpi.measure',
      scope: KPI,
      body: measurementBody,
      reply: kpiViewSchema,
      status: 201,
      otherReplies: [CORRECTED],
    },
    async (c, { access, body }) => measure(c, access, readId(c, 'id', 'KPI'), await body()),
  ),
];
