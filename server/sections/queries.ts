import type { PersonRef, SectionState, SectionView } from '../../shared/api.ts';
import { isWritable } from '../../shared/consensus.ts';
import { sectionDocument } from '../../shared/documents.ts';
import type { Queryable } from '../db/db.ts';
import { isoOrNull } from '../db/rows.ts';
import type { LockEffect } from '../effects.ts';

interface SectionRow extends Record<string, unknown> {
  id: string;
  table_id: string;
  plan_id: string;
  plan_title: string;
  title: string;
  position: number;
  state: SectionState;
  locked: boolean;
  lock_reason: string | null;
  archived_at: Date | null;
  plan_archived_at: Date | null;
  editor_id: string | null;
  editor_name: string | null;
  editor_org: string | null;
  last_edited_at: Date | null;
  edited_via: 'compromise' | 'ruling' | null;
}

const SELECT_SECTION = `select s.id, s.table_id, p.id as plan_id, p.title as plan_title, s.title, s.position, s.state, s.locked,
                               s.lock_reason, s.archived_at, p.archived_at as plan_archived_at, u.id as editor_id, u.name as editor_name,
                               o.name as editor_org, s.last_edited_at,
                               -- The last edit was a proposal applied: its version was made in the same moment.
                               (select case v.origin when 'ruling' then 'ruling' else 'compromise' end
                                  from section_versions v
                                 where v.section_id = s.id and v.created_at = s.last_edited_at
                                   and v.origin in ('mediation_proposal', 'ruling')
                                 order by v.number desc limit 1) as edited_via
                          from sections s
                          join plans p on p.id = s.plan_id
                          left join users u on u.id = s.last_edited_by
                          left join organizations o on o.id = u.organization_id`;

/** Who has which section open; the runtime's rooms know, the app asks through this. */
export type PresenceLookup = (docNames: readonly string[]) => Promise<Map<string, readonly string[]>>;

function inList(count: number, offset = 0): string {
  return Array.from({ length: count }, (_, i) => `$${i + 1 + offset}`).join(', ');
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** Builds full views for section rows: drafters, goals and who is present, in three queries for all. */
async function toViews(db: Queryable, rows: SectionRow[], presence?: PresenceLookup): Promise<SectionView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [drafters, goals, present] = await Promise.all([
    db.query<{ section_id: string; id: string; name: string }>(
      `select d.section_id, o.id, o.name from section_drafters d join organizations o on o.id = d.organization_id
        where d.section_id in (${inList(ids.length)}) order by o.name`,
      ids,
    ),
    db.query<{ section_id: string; id: string; title: string }>(
      `select sg.section_id, g.id, g.title from section_goals sg join goals g on g.id = sg.goal_id
        where sg.section_id in (${inList(ids.length)}) order by g.position, g.title`,
      ids,
    ),
    presence?.(ids.map(sectionDocument)) ?? new Map<string, readonly string[]>(),
  ]);
  const presentIds = [...new Set([...present.values()].flat())];
  const people = presentIds.length
    ? await db.query<{ id: string; name: string; organization_name: string }>(
        `select u.id, u.name, o.name as organization_name from users u join organizations o on o.id = u.organization_id
          where u.id in (${inList(presentIds.length)})`,
        presentIds,
      )
    : [];
  const personById = new Map<string, PersonRef>(
    people.map((p) => [p.id, { id: p.id, name: p.name, organizationName: p.organization_name }]),
  );
  // Grouped once: filtering both lists per row was quadratic in the plan's size (a 700-section list is a bench case).
  const draftersOf = groupBy(drafters, (d) => d.section_id);
  const goalsOf = groupBy(goals, (g) => g.section_id);
  return rows.map((row) => ({
    id: row.id,
    tableId: row.table_id,
    plan: { id: row.plan_id, title: row.plan_title },
    title: row.title,
    position: row.position,
    state: row.state,
    locked: row.locked,
    lockReason: row.lock_reason,
    // A section of an archived plan is history too.
    archived: row.archived_at !== null || row.plan_archived_at !== null,
    drafters: (draftersOf.get(row.id) ?? []).map((d) => ({ id: d.id, name: d.name })),
    goals: (goalsOf.get(row.id) ?? []).map((g) => ({ id: g.id, title: g.title })),
    lastEditedBy:
      row.editor_id && row.editor_name
        ? { id: row.editor_id, name: row.editor_name, organizationName: row.editor_org ?? '' }
        : null,
    lastEditedAt: isoOrNull(row.last_edited_at),
    lastEditedVia: row.edited_via,
    present: (present.get(sectionDocument(row.id)) ?? []).flatMap((id) => personById.get(id) ?? []),
  }));
}

export async function findSection(db: Queryable, id: string, presence?: PresenceLookup): Promise<SectionView | null> {
  const rows = await db.query<SectionRow>(`${SELECT_SECTION} where s.id = $1`, [id]);
  return (await toViews(db, rows, presence))[0] ?? null;
}

/**
 * The live sections of the table's live plans (or, with includeArchived, every section), in plan order.
 * With a planId, that plan's sections only; an archived plan's too, so that it stays readable.
 */
export async function listSections(
  db: Queryable,
  tableId: string,
  options: { presence?: PresenceLookup; includeArchived?: boolean; planId?: string } = {},
): Promise<SectionView[]> {
  const rows = await db.query<SectionRow>(
    `${SELECT_SECTION}
      ${options.includeArchived || options.planId ? '' : 'join live_sections live on live.id = s.id'}
      where s.table_id = $1
        ${options.planId ? `and p.id = $2 ${options.includeArchived ? '' : 'and s.archived_at is null'}` : ''}
      order by p.created_at, p.id, (s.archived_at is not null), s.position`,
    options.planId ? [tableId, options.planId] : [tableId],
  );
  return toViews(db, rows, options.presence);
}

export async function sectionContent(db: Queryable, id: string): Promise<{ html: string; text: string } | null> {
  const rows = await db.query<{ content_html: string; content_text: string }>(
    'select content_html, content_text from sections where id = $1',
    [id],
  );
  const row = rows[0];
  return row ? { html: row.content_html, text: row.content_text } : null;
}

/** Whether a section's text takes edits now (see `isWritable`); a section that does not exist does not. */
export async function isSectionWritable(db: Queryable, sectionId: string): Promise<boolean> {
  const rows = await db.query<{ locked: boolean; archived: boolean }>(
    `select s.locked, s.archived_at is not null or p.archived_at is not null as archived
       from sections s join plans p on p.id = s.plan_id where s.id = $1`,
    [sectionId],
  );
  return rows[0] ? isWritable(rows[0]) : false;
}

/** The lock the database now holds for a section's live document, as an effect: its room follows it. */
export async function sectionLock(db: Queryable, sectionId: string): Promise<LockEffect> {
  return { docName: sectionDocument(sectionId), locked: !(await isSectionWritable(db, sectionId)) };
}
