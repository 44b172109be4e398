import type { OrganizationsResponse } from '../../shared/api.ts';
import { organizationsResponseSchema } from '../../shared/api-schemas/tables.ts';
import type { OrganizationKind } from '../../shared/roles.ts';
import { route } from '../http/route.ts';

export const organizationRoutes = [
  route(
    {
      method: 'get',
      path: '/organizations',
      operationId: 'listOrganizations',
      tag: 'Tables',
      summary: 'Organizations of the region',
      permission: 'login',
      reply: organizationsResponseSchema,
    },
    async (c) => {
      const rows = await c.var.deps.db.query<{ id: string; name: string; kind: OrganizationKind }>(
        'select id, name, kind from organizations order by kind, name',
      );
      const body: OrganizationsResponse = { organizations: rows };
      return c.json(body);
    },
  ),
];
