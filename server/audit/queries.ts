import type { AuditEventView, AuditResponse } from '../../shared/api.ts';
import type { Queryable } from '../db/db.ts';
import { iso } from '../db/rows.ts';

interface AuditRow extends Record<string, unknown> {
  id: number;
  kind: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_name: string | null;
  actor_org: string | null;
  subject_type: string;
  subject_id: string;
  data: Record<string, unknown>;
}

const SELECT_EVENTS = `select e.id, e.kind, e.occurred_at, e.subject_type, e.subject_id, e.data,
                              u.id as actor_id, u.name as actor_name, o.name as actor_org
                         from audit_events e
                         left join users u on u.id = e.actor_user_id
                         left join organizations o on o.id = u.organization_id`;

export async function listTableAudit(
  db: Queryable,
  tableId: string,
  page: { limit: number; before?: number | undefined },
): Promise<AuditResponse> {
  const rows = await db.query<AuditRow>(
    `${SELECT_EVENTS}
      where e.table_id = $1 and ($2::integer is null or e.id < $2)
      order by e.id desc
      limit $3`,
    [tableId, page.before ?? null, page.limit + 1],
  );
  const events = rows.slice(0, page.limit).map(toView);
  const last = events[events.length - 1];
  return { events, nextBefore: rows.length > page.limit && last ? last.id : null };
}

/** Every event about one section (its consensus, its management), oldest first: the section's history. */
export async function listSectionAudit(db: Queryable, sectionId: string): Promise<AuditEventView[]> {
  const rows = await db.query<AuditRow>(
    `${SELECT_EVENTS}
      where e.subject_type = 'section' and e.subject_id = $1
      order by e.id`,
    [sectionId],
  );
  return rows.map(toView);
}

function toView(row: AuditRow): AuditEventView {
  return {
    id: row.id,
    kind: row.kind,
    occurredAt: iso(row.occurred_at),
    actor:
      row.actor_id && row.actor_name
        ? { id: row.actor_id, name: row.actor_name, organizationName: row.actor_org ?? '' }
        : null,
    subject: { type: row.subject_type, id: row.subject_id },
    data: row.data,
  };
}
