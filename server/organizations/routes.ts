import { Hono } from 'hono';
import type { OrganizationsResponse } from '../../shared/api.ts';
import type { OrganizationKind } from '../../shared/roles.ts';
import type { AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/middleware.ts';

export const organizationRoutes = new Hono<AppEnv>().get('/', async (c) => {
  requireUser(c);
  const rows = await c.var.deps.db.query<{ id: string; name: string; kind: OrganizationKind }>(
    'select id, name, kind from organizations order by kind, name',
  );
  const body: OrganizationsResponse = { organizations: rows };
  return c.json(body);
});
