import { mailPreferenceSchema, todoResponseSchema } from '../../shared/api-schemas/todo.ts';
import { mailPreferenceBody } from '../../shared/api-requests/todo.ts';
import type { MailPreference } from '../../shared/api.ts';
import { route } from '../http/route.ts';
import { setMailFrequency } from '../notifications/commands.ts';
import { listTodo } from './queries.ts';

/** What is asked of the signed-in person, and how they want to hear of it, under /api/me. */
export const todoRoutes = [
  route(
    {
      method: 'get',
      path: '/me/todo',
      operationId: 'listMyTodo',
      tag: 'Notifications',
      summary:
        'What is asked of me across my tables (positions to state, rulings to endorse, escalations, reports, questions), soonest deadline first',
      permission: 'login',
      reply: todoResponseSchema,
    },
    async (c, { user }) =>
      c.json(
        await listTodo(c.var.deps.db, { id: user.id, organizationId: user.organization.id }, c.var.deps.clock.now()),
      ),
  ),
  route(
    {
      method: 'put',
      path: '/me/mail-preference',
      operationId: 'setMailPreference',
      tag: 'Notifications',
      summary: 'Mail each notification at once, or one digest a day at 07:00 (Amsterdam)',
      permission: 'login',
      body: mailPreferenceBody,
      reply: mailPreferenceSchema,
    },
    async (c, { user, body }) => {
      const { frequency } = await body();
      await setMailFrequency(c.var.deps.db, { userId: user.id, now: c.var.deps.clock.now() }, frequency);
      const reply: MailPreference = { frequency };
      return c.json(reply);
    },
  ),
];
