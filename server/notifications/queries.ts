import type { NotificationsResponse } from '../../shared/api.ts';
import type { Queryable } from '../db/db.ts';
import { rowLink } from './links.ts';

/** Where things lead in the app, one rule for notifications, mails and the to-do list. */
export { reportLink, sectionLink } from './links.ts';

/** A person's latest 50 notifications, newest first, and how many are unread. */
export async function listNotifications(db: Queryable, userId: string): Promise<NotificationsResponse> {
  const rows = await db.query<{
    id: number;
    kind: string;
    message: string;
    table_id: string | null;
    section_id: string | null;
    report_id: string | null;
    question_id: string | null;
    created_at: Date;
    read_at: Date | null;
  }>(
    `select id, kind, message, table_id, section_id, report_id, question_id, created_at, read_at from notifications
      where user_id = $1 order by id desc limit 50`,
    [userId],
  );
  const [unread] = await db.query<{ n: number }>(
    'select count(*)::integer as n from notifications where user_id = $1 and read_at is null',
    [userId],
  );
  return {
    unread: unread?.n ?? 0,
    notifications: rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      message: r.message,
      tableId: r.table_id,
      sectionId: r.section_id,
      reportId: r.report_id,
      link: rowLink(r),
      createdAt: r.created_at.toISOString(),
      read: r.read_at !== null,
    })),
  };
}
