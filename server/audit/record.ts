import type { Queryable } from '../db/db.ts';

export interface AuditEventInput {
  tableId: string | null;
  actorUserId: string | null;
  kind: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
  at: Date;
}

/** Appends an audit event; call it with the same transaction as the change it records. */
export async function recordAuditEvent(tx: Queryable, event: AuditEventInput): Promise<void> {
  await tx.query(
    `insert into audit_events (table_id, actor_user_id, kind, subject_type, subject_id, data, occurred_at)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [event.tableId, event.actorUserId, event.kind, event.subjectType, event.subjectId, event.data ?? {}, event.at],
  );
}
