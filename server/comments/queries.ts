import type { CommentThreadView } from '../../shared/api.ts';
import type { Queryable } from '../db/db.ts';
import { iso, isoOrNull } from '../db/rows.ts';
import { JOIN_PERSON, PERSON, person } from '../consensus/queries.ts';

/** A section's comment threads, oldest first, each with its comments and the position that opened it. */
export async function listThreads(db: Queryable, sectionId: string, threadId?: string): Promise<CommentThreadView[]> {
  const filter = threadId ? 'and t.id = $2' : '';
  const params = threadId ? [sectionId, threadId] : [sectionId];
  const [threads, comments] = await Promise.all([
    db.query(
      `select t.id, t.section_id, t.anchor_start, t.anchor_end, t.quote, t.created_at, t.resolved_at,
              ${PERSON('c')}, r.id as r_id, r.name as r_name, ro.name as r_org,
              p.id as position_id, p.kind as position_kind, po.name as position_org, v.number as position_version
         from comment_threads t ${JOIN_PERSON('c', 't.created_by')}
         left join users r on r.id = t.resolved_by left join organizations ro on ro.id = r.organization_id
         left join positions p on p.id = t.position_id
         left join organizations po on po.id = p.organization_id
         left join rounds rd on rd.id = p.round_id left join section_versions v on v.id = rd.version_id
        where t.section_id = $1 ${filter}
        order by t.created_at, t.id`,
      params,
    ),
    db.query(
      `select m.id, m.thread_id, m.body, m.created_at, ${PERSON('a')}
         from comments m join comment_threads t on t.id = m.thread_id ${JOIN_PERSON('a', 'm.author_id')}
        where t.section_id = $1 ${filter}
        order by m.created_at, m.id`,
      params,
    ),
  ]);
  return threads.map((t) => ({
    id: t.id as string,
    sectionId: t.section_id as string,
    anchor: { start: t.anchor_start as string, end: t.anchor_end as string, quote: t.quote as string },
    comments: comments
      .filter((m) => m.thread_id === t.id)
      .map((m) => ({ id: m.id as string, author: person(m, 'a'), body: m.body as string, createdAt: iso(m.created_at) })),
    position: t.position_id
      ? {
          id: t.position_id as string,
          kind: t.position_kind as 'consent' | 'consent_with_remarks' | 'object' | 'abstain',
          organizationName: t.position_org as string,
          versionNumber: t.position_version as number,
        }
      : null,
    createdBy: person(t, 'c'),
    createdAt: iso(t.created_at),
    resolvedAt: isoOrNull(t.resolved_at),
    resolvedBy: t.r_id ? person(t, 'r') : null,
  }));
}

/** The thread's section and table, for the routes' scope: null when there is no such thread. */
export async function threadScope(
  db: Queryable,
  threadId: string,
): Promise<{ id: string; sectionId: string; tableId: string } | null> {
  const [row] = await db.query<{ section_id: string; table_id: string }>(
    'select t.section_id, s.table_id from comment_threads t join sections s on s.id = t.section_id where t.id = $1',
    [threadId],
  );
  return row ? { id: threadId, sectionId: row.section_id, tableId: row.table_id } : null;
}
