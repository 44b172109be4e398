import type { Role } from '../../shared/roles.ts';
import type { Db, Queryable } from '../db/db.ts';
import type { Effect } from '../effects.ts';

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

/** In-app notifications (same transaction) and the matching mails (effects, sent after commit). */
export async function notify(
  tx: Queryable,
  effects: Effect[],
  people: readonly Recipient[],
  input: { tableId: string; sectionId: string; kind: string; message: string; now: Date; exceptUserId?: string },
): Promise<void> {
  const seen = new Set<string>();
  for (const person of people) {
    if (seen.has(person.id) || person.id === input.exceptUserId) continue;
    seen.add(person.id);
    await tx.query(
      `insert into notifications (user_id, table_id, section_id, kind, message, created_at) values ($1, $2, $3, $4, $5, $6)`,
      [person.id, input.tableId, input.sectionId, input.kind, input.message, input.now],
    );
    effects.push({
      mail: {
        to: person.email,
        tableId: input.tableId,
        subject: `Tafelwerk: ${input.message}`,
        text: [
          `Beste ${person.name},`,
          '',
          input.message,
          '',
          'Open Tafelwerk om de sectie te bekijken.',
          '',
          'Tafelwerk',
        ].join('\n'),
      },
    });
  }
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
