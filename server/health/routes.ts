import { Hono } from 'hono';
import type { HealthResponse } from '../../shared/api.ts';
import { currentVersion } from '../db/migrate.ts';
import type { AppEnv } from '../http/env.ts';

export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const { db } = c.var.deps;
  const body: HealthResponse = { status: 'ok', database: db.kind, migration: await currentVersion(db) };
  return c.json(body);
});
