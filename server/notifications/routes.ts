import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/middleware.ts';
import { readJson } from '../http/validate.ts';
import { markRead } from './commands.ts';
import { listNotifications } from './queries.ts';
import { markReadBody } from './schema.ts';

/** A person's own notifications, under /api/notifications. */
export const notificationRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const user = requireUser(c);
    return c.json(await listNotifications(c.var.deps.db, user.id));
  })
  .post('/read', async (c) => {
    const user = requireUser(c);
    const body = await readJson(c, markReadBody);
    await markRead(c.var.deps.db, { userId: user.id, now: c.var.deps.clock.now() }, body);
    return c.json({ ok: true });
  });
