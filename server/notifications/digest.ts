import { amsterdamDate, endOfAmsterdamDay } from '../../shared/working-days.ts';
import { audit } from '../audit/audit.ts';
import type { AppDeps } from '../deps.ts';
import type { Db, Queryable } from '../db/db.ts';
import { applyEffects, type Effect } from '../effects.ts';
import { digestMail } from '../mail/templates.ts';
import { publicBase, rowLink } from './links.ts';

/**
 * The daily digest: whoever chose 'daily' gets no mail per notification; at 07:00 Amsterdam time (by
 * the app's clock, so the dev clock moves it too) one mail lists every notification not yet mailed,
 * each with its table and absolute link. At most one digest per person per day.
 */

const DIGEST_HOUR = 7;

/** Today's 07:00 in Amsterdam, as an instant: 17 hours before the day ends there (the clocks change at night). */
export function digestMoment(now: Date): Date {
  return new Date(endOfAmsterdamDay(amsterdamDate(now)).getTime() + 1 - (24 - DIGEST_HOUR) * 3_600_000);
}

/**
 * People whose digest of today is due: not sent since today's 07:00, with a notification from before
 * it waiting. What arrives after 07:00 waits for tomorrow's digest (it is not a second mail today).
 */
export async function dueDigests(db: Queryable, now: Date): Promise<string[]> {
  const moment = digestMoment(now);
  if (now < moment) return [];
  const rows = await db.query<{ id: string }>(
    `select u.id from users u
      where (u.last_digest_at is null or u.last_digest_at < $1)
        and exists (select 1 from notifications n where n.user_id = u.id and n.mailed_at is null and n.created_at < $1)`,
    [moment],
  );
  return rows.map((r) => r.id);
}

/**
 * Sends one person's digest: their unmailed notifications are marked mailed in the same transaction
 * that records the digest (audit event), and the mail is the effect for after the commit. Does
 * nothing when another run sent it meanwhile (the user row is locked and checked again).
 */
export async function sendDigest(
  db: Db,
  userId: string,
  now: Date,
  base: string,
): Promise<{ sent: boolean; effects: Effect[] }> {
  return db.transaction(async (tx) => {
    const [user] = await tx.query<{ email: string; name: string; last_digest_at: Date | null }>(
      'select email, name, last_digest_at from users where id = $1 for update',
      [userId],
    );
    if (!user || (user.last_digest_at && user.last_digest_at >= digestMoment(now))) return { sent: false, effects: [] };
    const rows = await tx.query<{
      id: number;
      kind: string;
      message: string;
      table_name: string | null;
      section_id: string | null;
      report_id: string | null;
      question_id: string | null;
    }>(
      `select n.id, n.kind, n.message, t.name as table_name, n.section_id, n.report_id, n.question_id
         from notifications n left join tables t on t.id = n.table_id
        where n.user_id = $1 and n.mailed_at is null order by n.id`,
      [userId],
    );
    if (rows.length === 0) return { sent: false, effects: [] };
    await tx.query('update notifications set mailed_at = $2 where user_id = $1 and mailed_at is null', [userId, now]);
    await tx.query('update users set last_digest_at = $2 where id = $1', [userId, now]);
    await audit(
      tx,
      { userId: null, tableId: null, now },
      'mail.digest_sent',
      { type: 'user', id: userId },
      {
        notifications: rows.length,
      },
    );
    const mail = digestMail({
      to: user.email,
      name: user.name,
      items: rows.map((r) => {
        const link = rowLink(r);
        return { table: r.table_name, message: r.message, link: link ? `${base}${link}` : null };
      }),
    });
    return { sent: true, effects: [{ mail }] };
  });
}

/** The scheduler's step: every digest that is due, each its own command; mails go out at the end. */
export async function runDigests(deps: AppDeps): Promise<number> {
  const now = deps.clock.now();
  const base = publicBase(deps.config);
  const effects: Effect[] = [];
  let sent = 0;
  for (const userId of await dueDigests(deps.db, now)) {
    const outcome = await sendDigest(deps.db, userId, now, base);
    effects.push(...outcome.effects);
    if (outcome.sent) sent++;
  }
  await applyEffects(deps, effects);
  return sent;
}
