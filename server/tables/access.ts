import type { Context } from 'hono';
import { can, type Action } from '../../shared/permissions.ts';
import type { Role } from '../../shared/roles.ts';
import type { AppEnv, CurrentUser } from '../http/env.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { requireUser } from '../http/middleware.ts';
import { readId } from '../http/validate.ts';
import { roleAt } from './queries.ts';

export interface TableAccess {
  user: CurrentUser;
  role: Role;
  tableId: string;
}

/**
 * Who may do what at a table, in one place. Someone without a role at the table learns nothing
 * about it (404, as if it did not exist); a member whose role lacks the action gets 403.
 */
export async function requireTableAction(c: Context<AppEnv>, action: Action, param = 'id'): Promise<TableAccess> {
  const user = requireUser(c);
  const tableId = readId(c, param, 'table');
  const role = await roleAt(c.var.deps.db, tableId, user.id);
  if (!role) throw notFound('table');
  if (!can(role, action)) throw forbidden();
  return { user, role, tableId };
}
