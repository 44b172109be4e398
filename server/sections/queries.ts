import type { SectionView } from '../../shared/api.ts';
import type { Queryable } from '../db/db.ts';
import { isoOrNull } from '../db/rows.ts';

interface SectionRow extends Record<string, unknown> {
  id: string;
  table_id: string;
  plan_id: string;
  plan_title: string;
  title: string;
  position: number;
  locked: boolean;
  lock_reason: string | null;
  editor_id: string | null;
  editor_name: string | null;
  editor_org: string | null;
  last_edited_at: Date | null;
}

const SELECT_SECTION = `select s.id, s.table_id, p.id as plan_id, p.title as plan_title, s.title, s.position, s.locked,
                               s.lock_reason, u.id as editor_id, u.name as editor_name, o.name as editor_org,
                               s.last_edited_at
                          from sections s
                          join plans p on p.id = s.plan_id
                          left join users u on u.id = s.last_edited_by
                          left join organizations o on o.id = u.organization_id`;

function toView(row: SectionRow): SectionView {
  return {
    id: row.id,
    tableId: row.table_id,
    plan: { id: row.plan_id, title: row.plan_title },
    title: row.title,
    position: row.position,
    locked: row.locked,
    lockReason: row.lock_reason,
    goals: [],
    lastEditedBy:
      row.editor_id && row.editor_name
        ? { id: row.editor_id, name: row.editor_name, organizationName: row.editor_org ?? '' }
        : null,
    lastEditedAt: isoOrNull(row.last_edited_at),
  };
}

export async function findSection(db: Queryable, id: string): Promise<SectionView | null> {
  const rows = await db.query<SectionRow>(`${SELECT_SECTION} where s.id = $1`, [id]);
  return rows[0] ? toView(rows[0]) : null;
}

export async function listSections(db: Queryable, tableId: string): Promise<SectionView[]> {
  const rows = await db.query<SectionRow>(`${SELECT_SECTION} where s.table_id = $1 order by p.created_at, s.position`, [
    tableId,
  ]);
  return rows.map(toView);
}

export async function sectionContent(db: Queryable, id: string): Promise<{ html: string; text: string } | null> {
  const rows = await db.query<{ content_html: string; content_text: string }>(
    'select content_html, content_text from sections where id = $1',
    [id],
  );
  const row = rows[0];
  return row ? { html: row.content_html, text: row.content_text } : null;
}
