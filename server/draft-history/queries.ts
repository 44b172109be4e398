import type { DraftHistoryEntry, PersonRef } from '../../shared/api.ts';
import type { Queryable } from '../db/db.ts';
import { iso } from '../db/rows.ts';

/**
 * A section's draft history: the snapshots taken while people edited and the frozen versions, newest
 * first, each with who edited since the entry before it.
 */

interface EntryRow extends Record<string, unknown> {
  id: string;
  kind: 'snapshot' | 'version';
  reason: DraftHistoryEntry['reason'];
  at: Date;
  editors: string[];
  version_number: number | null;
}

const ENTRIES = `
  select id, 'snapshot' as kind, reason, taken_at as at, editors, null::integer as version_number
    from section_snapshots where section_id = $1
  union all
  select id, 'version' as kind, origin as reason, created_at as at, editors, number as version_number
    from section_versions where section_id = $1`;

async function people(db: Queryable, ids: readonly string[]): Promise<Map<string, PersonRef>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; name: string; org: string }>(
    `select u.id, u.name, o.name as org from users u join organizations o on o.id = u.organization_id
      where u.id = any($1::uuid[])`,
    [[...ids]],
  );
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, organizationName: r.org }]));
}

async function toEntries(db: Queryable, rows: readonly EntryRow[]): Promise<DraftHistoryEntry[]> {
  const byId = await people(db, [...new Set(rows.flatMap((r) => r.editors))]);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    reason: r.reason,
    at: iso(r.at),
    editors: r.editors
      .map((id) => byId.get(id))
      .filter((p): p is PersonRef => p !== undefined)
      .sort((a, b) => a.name.localeCompare(b.name, 'nl')),
    versionNumber: r.version_number,
  }));
}

export async function listDraftHistory(db: Queryable, sectionId: string): Promise<DraftHistoryEntry[]> {
  const rows = await db.query<EntryRow>(`${ENTRIES} order by at desc, version_number desc nulls last`, [sectionId]);
  return toEntries(db, rows);
}

/** One entry with its stored Yjs state, or null when the section has no such entry. */
export async function findDraftEntry(
  db: Queryable,
  sectionId: string,
  entryId: string,
): Promise<{ entry: DraftHistoryEntry; state: Uint8Array } | null> {
  const [row] = await db.query<EntryRow & { doc_state: Uint8Array }>(
    `select e.*, coalesce(s.doc_state, v.doc_state) as doc_state
       from (${ENTRIES}) e
       left join section_snapshots s on s.id = e.id and e.kind = 'snapshot'
       left join section_versions v on v.id = e.id and e.kind = 'version'
      where e.id = $2`,
    [sectionId, entryId],
  );
  if (!row) return null;
  const [entry] = await toEntries(db, [row]);
  return { entry: entry!, state: new Uint8Array(row.doc_state) };
}
