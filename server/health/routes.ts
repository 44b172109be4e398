import { healthOkSchema, healthUnavailableSchema } from '../../shared/api-schemas/tables.ts';
import type { HealthResponse } from '../../shared/api.ts';
import { currentVersion } from '../db/migrate.ts';
import { route } from '../http/route.ts';

/** A database that does not answer within this is as good as away, for a health check. */
const HEALTH_TIMEOUT_MS = 3_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export const healthRoutes = [
  route(
    {
      method: 'get',
      path: '/health',
      operationId: 'getHealth',
      tag: 'System',
      summary: 'Health: database kind and migration level',
      permission: 'public',
      reply: healthOkSchema,
      otherReplies: [{ status: 503, schema: healthUnavailableSchema, when: 'The database does not answer' }],
    },
    async (c) => {
      const { db } = c.var.deps;
      try {
        const migration = await withTimeout(currentVersion(db), HEALTH_TIMEOUT_MS);
        const body: HealthResponse = { status: 'ok', runtime: c.var.deps.config.runtime, database: db.kind, migration };
        return c.json(body);
      } catch (error) {
        const reason = `database unavailable: ${error instanceof Error ? error.message : String(error)}`;
        const body: HealthResponse = {
          status: 'unavailable',
          runtime: c.var.deps.config.runtime,
          database: db.kind,
          reason,
        };
        return c.json(body, 503);
      }
    },
  ),
];
