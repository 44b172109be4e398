import { Hono } from 'hono';
import type { OutboxResponse } from '../../shared/api.ts';
import { iso } from '../db/rows.ts';
import type { AppEnv } from '../http/env.ts';
import { notFound } from '../http/errors.ts';
import { requireUser } from '../http/middleware.ts';
import { readJson } from '../http/validate.ts';
import { runDueWork } from '../consensus/due.ts';
import { clockBody } from '../consensus/schema.ts';

/** Development aids; createApp mounts these only outside production. */
export const devRoutes = new Hono<AppEnv>()
  // Moves the clock (only a settable one exists outside production) and runs what became due.
  .post('/clock', async (c) => {
    requireUser(c);
    const clock = c.var.deps.devClock;
    if (!clock) throw notFound('dev clock');
    const { now } = await readJson(c, clockBody);
    clock.set(new Date(now));
    const due = await runDueWork(c.var.deps);
    return c.json({ now: clock.now().toISOString(), ...due });
  })
  .get('/outbox', async (c) => {
    const user = requireUser(c);
    const { db } = c.var.deps;
    const secretariat = await db.query(
      "select 1 from table_roles where user_id = $1 and role = 'secretariat' limit 1",
      [user.id],
    );
    if (secretariat.length === 0) throw notFound('outbox');
    const rows = await db.query<{
      id: string;
      to_address: string;
      subject: string;
      text_body: string;
      created_at: Date;
      delivered_via: 'smtp' | 'outbox';
      error: string | null;
    }>(
      'select id, to_address, subject, text_body, created_at, delivered_via, error from mail_outbox order by created_at desc limit 200',
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
