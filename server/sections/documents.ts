import { can } from '../../shared/permissions.ts';
import type { Queryable, SqlParam, Transaction } from '../db/db.ts';
import { valuesList } from '../db/values-list.ts';
import { takeDueSnapshots, type DraftEditing } from '../draft-history/commands.ts';
import { roleAt } from '../tables/queries.ts';
import { findSection, isSectionWritable } from './queries.ts';

/** A section's live document, as the sections capability answers for it to the co-editing service. */

/** Who may read and write a section's document: null when the section does not exist. */
export async function sectionDocumentAccess(
  db: Queryable,
  sectionId: string,
  userId: string,
): Promise<{ read: boolean; write: boolean } | null> {
  const section = await findSection(db, sectionId);
  if (!section) return null;
  const role = await roleAt(db, section.tableId, userId);
  return { read: role !== null && can(role, 'section.read'), write: role !== null && can(role, 'section.edit') };
}

/** Locked while consensus freezes the text, and for good once archived (see `isWritable`). */
export async function isSectionDocumentLocked(db: Queryable, sectionId: string): Promise<boolean> {
  return !(await isSectionWritable(db, sectionId));
}

/**
 * Keeps each section's derived content (search, the plan overview, exports) with the batch that
 * changed it, in the same transaction. Null content keeps what is stored (it could not be rendered).
 */
export async function writeSectionContent(
  tx: Transaction,
  entries: ReadonlyArray<{
    sectionId: string;
    html: string | null;
    text: string | null;
    editorUserId: string | null;
    editorUserIds: readonly string[];
    at: Date;
  }>,
): Promise<void> {
  if (entries.length === 0) return;
  // One statement for the whole batch, which also notes who edited since the last history entry: the
  // draft history costs nothing more per flush than this, and a snapshot only when one is due.
  const rows = await tx.query<DraftEditing>(
    `update sections s
        set content_html = coalesce(v.html, s.content_html), content_text = coalesce(v.text, s.content_text),
            last_edited_by = coalesce(v.editor, s.last_edited_by), last_edited_at = v.at,
            draft_editors = case when cardinality(v.editors) = 0 then s.draft_editors
              else array(select distinct e from unnest(s.draft_editors || v.editors) e order by e) end
       from (values ${valuesList(entries.length, ['::uuid', '::text', '::text', '::uuid', '::timestamptz', '::uuid[]'])})
         as v (id, html, text, editor, at, editors)
      where s.id = v.id
      returning s.id, cardinality(v.editors) > 0 as edited, s.history_at`,
    entries.flatMap((e): SqlParam[] => [e.sectionId, e.html, e.text, e.editorUserId, e.at, [...e.editorUserIds]]),
  );
  await takeDueSnapshots(tx, rows, entries);
}
