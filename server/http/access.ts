import type { Context } from 'hono';
import { can, type Action } from '../../shared/permissions.ts';
import type { Role } from '../../shared/roles.ts';
import type { Queryable } from '../db/db.ts';
import { roleAt } from '../tables/queries.ts';
import type { AppEnv, CurrentUser } from './app-env.ts';
import { forbidden, notFound } from './errors.ts';
import { requireUser } from './middleware.ts';

export interface TableAccess {
  user: CurrentUser;
  role: Role;
  tableId: string;
}

/**
 * Who may do what at a table, in one place. Someone without a role at the table learns nothing
 * about it or what is in it (404 for `what`, as if it did not exist); a member whose role lacks the
 * action gets 403.
 */
export async function requireAccess(
  c: Context<AppEnv>,
  tableId: string,
  action: Action,
  what = 'table',
): Promise<TableAccess> {
  const user = requireUser(c);
  const role = await roleAt(c.var.deps.db, tableId, user.id);
  if (!role) throw notFound(what);
  if (!can(role, action)) throw forbidden();
  return { user, role, tableId };
}

/** The tables where a person's role grants an action (e.g. whose development outbox they may read). */
export async function tablesWhere(db: Queryable, userId: string, action: Action): Promise<string[]> {
  const rows = await db.query<{ table_id: string; role: Role }>(
    'select table_id, role from table_roles where user_id = $1',
    [userId],
  );
  return rows.filter((r) => can(r.role, action)).map((r) => r.table_id);
}
