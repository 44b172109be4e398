import type { Queryable } from '../db/db.ts';

/** Who does something, at which table, and when: the person every table command acts for. */
export interface Actor {
  userId: string;
  tableId: string;
  now: Date;
}

/**
 * Whom an audit event is recorded for: a person at a table (an `Actor`), the scheduler (no person:
 * a round that closed at its deadline), or a person outside any table (a changed password).
 */
export interface AuditActor {
  userId: string | null;
  tableId: string | null;
  now: Date;
}

/** What an event is about: a section, a plan, a goal, a person, … */
export interface AuditSubject {
  type: string;
  id: string;
}

/**
 * Appends an event to the audit log (append-only: a trigger refuses UPDATE and DELETE). Call it with
 * the transaction of the change it records, so that a change and its record can never part.
 */
export async function audit(
  tx: Queryable,
  actor: AuditActor,
  kind: string,
  subject: AuditSubject,
  data: Record<string, unknown> = {},
): Promise<void> {
  await tx.query(
    `insert into audit_events (table_id, actor_user_id, kind, subject_type, subject_id, data, occurred_at)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [actor.tableId, actor.userId, kind, subject.type, subject.id, data, actor.now],
  );
}
