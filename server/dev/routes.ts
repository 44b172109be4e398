import { Hono } from 'hono';
import type { OutboxResponse } from '../../shared/api.ts';
import { iso } from '../db/rows.ts';
import { DEMO_REGION } from '../demo/demo-data.ts';
import type { AppEnv } from '../http/app-env.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { requireUser } from '../http/middleware.ts';
import { readJson } from '../http/validate.ts';
import { tablesWhere } from '../http/access.ts';
import { runDueWork } from '../consensus/due.ts';
import { clockBody } from '../consensus/schema.ts';

/** Development aids; createApp mounts these only when dev routes are enabled, never in production. */
export const devRoutes = new Hono<AppEnv>()
  // Moves the clock (a settable one exists only with dev routes) and runs what became due. Time is
  // shared by everyone on the server, so only the demo region's secretariat may move it.
  .post('/clock', async (c) => {
    const user = requireUser(c);
    const clock = c.var.deps.devClock;
    if (!clock) throw notFound('dev clock');
    const demoSecretariat = await c.var.deps.db.query(
      `select 1 from table_roles tr join tables t on t.id = tr.table_id join regions r on r.id = t.region_id
        where tr.user_id = $1 and tr.role = 'secretariat' and r.name = $2 limit 1`,
      [user.id, DEMO_REGION],
    );
    if (demoSecretariat.length === 0) throw forbidden("only the demo region's secretariat may move the clock");
    const { now } = await readJson(c, clockBody);
    clock.set(new Date(now));
    const due = await runDueWork(c.var.deps);
    return c.json({ now: clock.now().toISOString(), ...due });
  })
  // A reader sees the mails of the tables whose outbox they may read, and the mails sent to themselves.
  .get('/outbox', async (c) => {
    const user = requireUser(c);
    const { db } = c.var.deps;
    const tableIds = await tablesWhere(db, user.id, 'outbox.read');
    const rows = await db.query<{
      id: string;
      to_address: string;
      subject: string;
      text_body: string;
      created_at: Date;
      delivered_via: 'smtp' | 'outbox';
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
  });
