import { devClockResponseSchema, outboxResponseSchema } from '../../shared/api-schemas/tables.ts';
import type { OutboxResponse } from '../../shared/api.ts';
import { iso } from '../db/rows.ts';
import { isDemoSecretariat } from '../demo/queries.ts';
import { route } from '../http/route.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { tablesWhere } from '../http/access.ts';
import { runDueWork } from '../consensus/commands.ts';
import { clockBody } from '../../shared/api-requests/consensus.ts';

/** Development aids; createApp mounts these only when dev routes are enabled, never in production. */
export const devRoutes = [
  // Moves the clock (a settable one exists only with dev routes) and runs what became due. Time is
  // shared by everyone on the server, so only the demo region's secretariat may move it.
  route(
    {
      method: 'post',
      path: '/dev/clock',
      operationId: 'setDevClock',
      tag: 'Development',
      summary: "Move the server clock and run what became due (dev routes only; the demo region's secretariat)",
      permission: 'login',
      body: clockBody,
      reply: devClockResponseSchema,
      errors: [
        { status: 403, code: 'forbidden', when: "the person is not the demo region's secretariat" },
        { status: 404, code: 'not_found', when: 'the server has no settable clock' },
      ],
      devOnly: true,
    },
    async (c, { user, body }) => {
      const clock = c.var.deps.devClock;
      if (!clock) throw notFound('dev clock');
      if (!(await isDemoSecretariat(c.var.deps.db, user.id)))
        throw forbidden("only the demo region's secretariat may move the clock");
      const { now } = await body();
      clock.set(new Date(now));
      const due = await runDueWork(c.var.deps);
      return c.json({ now: clock.now().toISOString(), ...due });
    },
  ),
  // A reader sees the mails of the tables whose outbox they may read, and the mails sent to themselves.
  route(
    {
      method: 'get',
      path: '/dev/outbox',
      operationId: 'listDevOutbox',
      tag: 'Development',
      summary: 'Mails kept in the outbox: those of my tables as secretariat, and those to me (dev routes only)',
      permission: 'login',
      reply: outboxResponseSchema,
      devOnly: true,
    },
    async (c, { user }) => {
      const { db } = c.var.deps;
      const tableIds = await tablesWhere(db, user.id, 'outbox.read');
      const rows = await db.query<{
        id: string;
        to_address: string;
        subject: string;
        text_body: string;
        created_at: Date;
        delivered_via: 'smtp' | 'api' | 'outbox';
        error: string | null;
      }>(
        `select m.id, m.to_address, m.subject, m.text_body, m.created_at, m.delivered_via, m.error
         from mail_outbox m
        where m.to_address = $1 or m.table_id = any($2)
        order by m.created_at desc
        limit 200`,
        [user.email, tableIds],
      );
      const body: OutboxResponse = {
        mails: rows.map((row) => ({
          id: row.id,
          to: row.to_address,
          subject: row.subject,
          text: row.text_body,
          createdAt: iso(row.created_at),
          deliveredVia: row.delivered_via,
          error: row.error,
        })),
      };
      return c.json(body);
    },
  ),
];
