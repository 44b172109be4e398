import type { Context } from 'hono';
import type { TablesResponse } from '../../shared/api.ts';
import { auditResponseSchema, tableDetailSchema, tablesResponseSchema } from '../../shared/api-schemas/tables.ts';
import { can } from '../../shared/permissions.ts';
import { listTableAudit } from '../audit/queries.ts';
import { outcomeAudit } from '../consensus/queries.ts';
import type { AppEnv } from '../http/app-env.ts';
import { notFound } from '../http/errors.ts';
import { readId } from '../http/validate.ts';
import type { TableAccess } from '../http/access.ts';
import { route } from '../http/route.ts';
import type { Actor } from '../audit/audit.ts';
import { applyEffects } from '../effects.ts';
import {
  addMember,
  assignRole,
  removeMember,
  revokeRole,
  ROLE_RULES,
  setCurrentPhase,
  updateRules,
} from './commands.ts';
import { getTableDetail, listMyTables } from './queries.ts';
import { auditQuery, memberBody, phaseBody, roleBody, rulesBody } from '../../shared/api-requests/tables.ts';

function actor(c: Context<AppEnv>, access: TableAccess): Actor {
  return { userId: access.user.id, tableId: access.tableId, now: c.var.deps.clock.now() };
}

/** Every management route answers with the table as it is after the change. */
async function detail(c: Context<AppEnv>, access: TableAccess) {
  const table = await getTableDetail(c.var.deps.db, access.tableId, access.role);
  if (!table) throw notFound('table');
  return c.json(table);
}

/** Tables, their members and roles. */
export const tableRoutes = [
  route(
    {
      method: 'get',
      path: '/tables',
      operationId: 'listTables',
      tag: 'Tables',
      summary: 'The tables I have a role at',
      permission: 'login',
      reply: tablesResponseSchema,
    },
    async (c, { user }) => {
      const body: TablesResponse = { tables: await listMyTables(c.var.deps.db, user.id) };
      return c.json(body);
    },
  ),
  route(
    {
      method: 'get',
      path: '/tables/:id',
      operationId: 'getTable',
      tag: 'Tables',
      summary: 'A table: members, chair, secretariat, phases, rules',
      permission: 'table.read',
      reply: tableDetailSchema,
    },
    async (c, { access }) => detail(c, access),
  ),
  route(
    {
      method: 'get',
      path: '/tables/:id/audit',
      operationId: 'listTableAudit',
      tag: 'Tables',
      summary: 'The audit trail, newest first',
      permission: 'table.audit.read',
      query: auditQuery,
      reply: auditResponseSchema,
    },
    async (c, { access, query }) => {
      const audit = await listTableAudit(c.var.deps.db, access.tableId, query);
      // Observers read the trail, but not the deliberation texts in it (see consensus/visibility.ts).
      if (can(access.role, 'consensus.readDeliberation')) return c.json(audit);
      return c.json(await outcomeAudit(c.var.deps.db, access.tableId, audit));
    },
  ),
  route(
    {
      method: 'put',
      path: '/tables/:id/rules',
      operationId: 'setTableRules',
      tag: 'Tables',
      summary: 'Set the rules of play (spelregels)',
      permission: 'table.manage',
      body: rulesBody,
      reply: tableDetailSchema,
    },
    async (c, { access, body }) => {
      await updateRules(c.var.deps.db, actor(c, access), await body());
      return detail(c, access);
    },
  ),
  route(
    {
      method: 'put',
      path: '/tables/:id/phase',
      operationId: 'setTablePhase',
      tag: 'Tables',
      summary: 'Set the current phase',
      permission: 'table.manage',
      body: phaseBody,
      reply: tableDetailSchema,
    },
    async (c, { access, body }) => {
      await setCurrentPhase(c.var.deps.db, actor(c, access), (await body()).currentPhaseKey);
      return detail(c, access);
    },
  ),
  route(
    {
      method: 'post',
      path: '/tables/:id/members',
      operationId: 'addTableMember',
      tag: 'Tables',
      summary: 'Add a member organization',
      permission: 'table.manage',
      body: memberBody,
      reply: tableDetailSchema,
      conflict: 'the organization is a member already',
    },
    async (c, { access, body }) => {
      await addMember(c.var.deps.db, actor(c, access), (await body()).organizationId);
      return detail(c, access);
    },
  ),
  route(
    {
      method: 'delete',
      path: '/tables/:id/members/:organizationId',
      operationId: 'removeTableMember',
      tag: 'Tables',
      summary: 'Remove a member organization',
      permission: 'table.manage',
      reply: tableDetailSchema,
      conflict: 'the organization still has delegates at the table',
    },
    async (c, { access }) => {
      await removeMember(c.var.deps.db, actor(c, access), readId(c, 'organizationId', 'member organization'));
      return detail(c, access);
    },
  ),
  route(
    {
      method: 'put',
      path: '/tables/:id/roles/:userId',
      operationId: 'setTableRole',
      tag: 'Tables',
      summary: "Set a person's role",
      permission: 'table.manage',
      body: roleBody,
      reply: tableDetailSchema,
      conflict: ROLE_RULES,
    },
    async (c, { access, body }) => {
      const { role } = await body();
      const userId = readId(c, 'userId', 'person');
      await applyEffects(c.var.deps, (await assignRole(c.var.deps.db, actor(c, access), userId, role)).effects);
      return detail(c, access);
    },
  ),
  route(
    {
      method: 'delete',
      path: '/tables/:id/roles/:userId',
      operationId: 'revokeTableRole',
      tag: 'Tables',
      summary: "Revoke a person's role",
      permission: 'table.manage',
      reply: tableDetailSchema,
      conflict: 'the table would lose its last secretariat',
    },
    async (c, { access }) => {
      const userId = readId(c, 'userId', 'person');
      await applyEffects(c.var.deps, (await revokeRole(c.var.deps.db, actor(c, access), userId)).effects);
      return detail(c, access);
    },
  ),
];
