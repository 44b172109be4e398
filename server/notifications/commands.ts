import type { MailFrequency } from '../../shared/api-todo.ts';
import type { Role } from '../../shared/roles.ts';
import { audit } from '../audit/audit.ts';
import type { Db, Queryable } from '../db/db.ts';
import type { Effect } from '../effects.ts';
import { noticeText, type Notice, type NoticeFacts } from '../mail/templates.ts';
import { noticeLink, type NoticeTarget } from './links.ts';

/** The scheduler's digest step (digest.ts), for runDueWork. */
export { runDigests } from './digest.ts';

/**
 * Notifications: a row per person in the app (written in the transaction of the action they are
 * about) and the same message by mail (an effect, sent after the commit).
 */

export interface Recipient extends Record<string, unknown> {
  id: string;
  email: string;
  name: string;
  role: Role;
  organization_id: string;
}

export const DELEGATES: Role[] = ['municipality_delegate', 'provider_delegate'];
export const PARTICIPANTS: Role[] = ['municipality_delegate', 'provider_delegate', 'chair', 'secretariat'];

/** People at the table in the given roles (optionally only of some organizations). */
export async function recipients(
  tx: Queryable,
  tableId: string,
  roles: readonly Role[],
  organizationIds?: readonly string[],
): Promise<Recipient[]> {
  const rows = await tx.query<Recipient>(
    `select u.id, u.email, u.name, tr.role, u.organization_id from table_roles tr join users u on u.id = tr.user_id
      where tr.table_id = $1 and tr.role in (${roles.map((_, i) => `$${i + 2}`).join(', ')})
      order by u.name`,
    [tableId, ...roles],
  );
  return organizationIds ? rows.filter((r) => organizationIds.includes(r.organization_id)) : rows;
}

/**
 * In-app notifications (same transaction) and the matching mails (effects, sent after commit). The
 * words come from the notice's kind (server/mail/templates.ts), the link from its target
 * (links.ts). Whoever reads mail once a day gets no mail now: the row waits, unmailed, for the digest.
 */
export async function notify(
  tx: Queryable,
  effects: Effect[],
  people: readonly Recipient[],
  input: {
    tableId: string;
    target: NoticeTarget;
    notice: NoticeFacts;
    now: Date;
    exceptUserId?: string | undefined;
    /** The public base for the mail's link when the command knows it (from its request). */
    base?: string | undefined;
  },
): Promise<void> {
  const seen = new Set<string>();
  const unique = people.filter((p) => {
    if (seen.has(p.id) || p.id === input.exceptUserId) return false;
    seen.add(p.id);
    return true;
  });
  if (unique.length === 0) return;
  const daily = new Set(
    (
      await tx.query<{ id: string }>(
        `select id from users where id in (${unique.map((_, i) => `$${i + 1}`).join(', ')}) and mail_frequency = 'daily'`,
        unique.map((p) => p.id),
      )
    ).map((r) => r.id),
  );
  const [table] = await tx.query<{ name: string }>('select name from tables where id = $1', [input.tableId]);
  const text = noticeText({ ...input.notice, table: table?.name ?? '' } as Notice);
  const link = noticeLink(input.notice.kind, input.target);
  const sectionId = 'sectionId' in input.target ? input.target.sectionId : null;
  const reportId = 'reportId' in input.target ? input.target.reportId : null;
  const questionId = 'reportId' in input.target ? (input.target.questionId ?? null) : null;
  for (const person of unique) {
    const immediate = !daily.has(person.id);
    await tx.query(
      `insert into notifications (user_id, table_id, section_id, report_id, question_id, kind, message, created_at, mailed_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        person.id,
        input.tableId,
        sectionId,
        reportId,
        questionId,
        input.notice.kind,
        text.message,
        input.now,
        immediate ? input.now : null,
      ],
    );
    if (!immediate) continue;
    effects.push({
      noticeMail: {
        to: person.email,
        name: person.name,
        tableId: input.tableId,
        text,
        link,
        ...(input.base ? { base: input.base } : {}),
      },
    });
  }
}

/** "Direct" or "one digest a day": the person's own choice, recorded in the audit log. */
export async function setMailFrequency(
  db: Db,
  actor: { userId: string; now: Date },
  frequency: MailFrequency,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.query<{ mail_frequency: MailFrequency }>(
      'select mail_frequency from users where id = $1 for update',
      [actor.userId],
    );
    if (before?.mail_frequency === frequency) return;
    await tx.query('update users set mail_frequency = $2 where id = $1', [actor.userId, frequency]);
    await audit(
      tx,
      { userId: actor.userId, tableId: null, now: actor.now },
      'user.mail_frequency',
      { type: 'user', id: actor.userId },
      { from: before?.mail_frequency ?? null, to: frequency },
    );
  });
}

/** Marks some of a person's notifications (or all of them) as read. */
export async function markRead(
  db: Db,
  reader: { userId: string; now: Date },
  which: { ids: readonly number[] } | { all: true },
): Promise<void> {
  if ('all' in which) {
    await db.query('update notifications set read_at = $2 where user_id = $1 and read_at is null', [
      reader.userId,
      reader.now,
    ]);
    return;
  }
  await db.query(
    `update notifications set read_at = $2 where user_id = $1 and read_at is null
        and id in (${which.ids.map((_, i) => `$${i + 3}`).join(', ')})`,
    [reader.userId, reader.now, ...which.ids],
  );
}
