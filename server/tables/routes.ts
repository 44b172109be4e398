import { Hono, type Context } from 'hono';
import type { TablesResponse } from '../../shared/api.ts';
import { can } from '../../shared/permissions.ts';
import { listTableAudit } from '../audit/queries.ts';
import { outcomeAudit } from '../consensus/queries.ts';
import type { AppEnv } from '../http/app-env.ts';
import { notFound } from '../http/errors.ts';
import { requireUser } from '../http/middleware.ts';
import { readId, readJson, readQuery } from '../http/validate.ts';
import { requireTableAction, type TableAccess } from '../http/access.ts';
import type { Actor } from '../audit/audit.ts';
import { applyEffects } from '../effects.ts';
import { addMember, assignRole, removeMember, revokeRole, setCurrentPhase, updateRules } from './commands.ts';
import { getTableDetail, listMyTables } from './queries.ts';
import { auditQuery, memberBody, phaseBody, roleBody, rulesBody } from './schema.ts';

function actor(c: Context<AppEnv>, access: TableAccess): Actor {
  return { userId: access.user.id, tableId: access.tableId, now: c.var.deps.clock.now() };
}

/** Every management route answers with the table as it is after the change. */
async function detail(c: Context<AppEnv>, access: TableAccess) {
  const table = await getTableDetail(c.var.deps.db, access.tableId, access.role);
  if (!table) throw notFound('table');
  return c.json(table);
}

export const tableRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const user = requireUser(c);
    const body: TablesResponse = { tables: await listMyTables(c.var.deps.db, user.id) };
    return c.json(body);
  })
  .get('/:id', async (c) => detail(c, await requireTableAction(c, 'table.read')))
  .get('/:id/audit', async (c) => {
    const access = await requireTableAction(c, 'table.audit.read');
    const page = readQuery(c, auditQuery);
    const audit = await listTableAudit(c.var.deps.db, access.tableId, page);
    // Observers read the trail, but not the deliberation texts in it (see consensus/visibility.ts).
    if (can(access.role, 'consensus.readDeliberation')) return c.json(audit);
    return c.json(await outcomeAudit(c.var.deps.db, access.tableId, audit));
  })
  .put('/:id/rules', async (c) => {
    const access = await requireTableAction(c, 'table.manage');
    await updateRules(c.var.deps.db, actor(c, access), await readJson(c, rulesBody));
    return detail(c, access);
  })
  .put('/:id/phase', async (c) => {
    const access = await requireTableAction(c, 'table.manage');
    const body = await readJson(c, phaseBody);
    await setCurrentPhase(c.var.deps.db, actor(c, access), body.currentPhaseKey);
    return detail(c, access);
  })
  .post('/:id/members', async (c) => {
    const access = await requireTableAction(c, 'table.manage');
    const body = await readJson(c, memberBody);
    await addMember(c.var.deps.db, actor(c, access), body.organizationId);
    return detail(c, access);
  })
  .delete('/:id/members/:organizationId', async (c) => {
    const access = await requireTableAction(c, 'table.manage');
    await removeMember(c.var.deps.db, actor(c, access), readId(c, 'organizationId', 'member organization'));
    return detail(c, access);
  })
  .put('/:id/roles/:userId', async (c) => {
    const access = await requireTableAction(c, 'table.manage');
    const body = await readJson(c, roleBody);
    const userId = readId(c, 'userId', 'person');
    await applyEffects(c.var.deps, (await assignRole(c.var.deps.db, actor(c, access), userId, body.role)).effects);
    return detail(c, access);
  })
  .delete('/:id/roles/:userId', async (c) => {
    const access = await requireTableAction(c, 'table.manage');
    const userId = readId(c, 'userId', 'person');
    await applyEffects(c.var.deps, (await revokeRole(c.var.deps.db, actor(c, access), userId)).effects);
    return detail(c, access);
  });
