import { notificationsResponseSchema } from '../../shared/api-schemas/consensus.ts';
import { okResponseSchema } from '../../shared/api-schemas/tables.ts';
import { route } from '../http/route.ts';
import { markRead } from './commands.ts';
import { listNotifications } from './queries.ts';
import { markReadBody } from '../../shared/api-requests/notifications.ts';

/** A person's own notifications, under /api/notifications. */
export const notificationRoutes = [
  route(
    {
      method: 'get',
      path: '/notifications',
      operationId: 'listNotifications',
      tag: 'Notifications',
      summary: 'My notifications, newest first, with the unread count',
      permission: 'login',
      reply: notificationsResponseSchema,
    },
    async (c, { user }) => c.json(await listNotifications(c.var.deps.db, user.id)),
  ),
  route(
    {
      method: 'post',
      path: '/notifications/read',
      operationId: 'markNotificationsRead',
      tag: 'Notifications',
      summary: 'Mark notifications read',
      permission: 'login',
      body: markReadBody,
      reply: okResponseSchema,
    },
    async (c, { user, body }) => {
      await markRead(c.var.deps.db, { userId: user.id, now: c.var.deps.clock.now() }, await body());
      return c.json({ ok: true });
    },
  ),
];
