import { can } from '../../shared/permissions.ts';
import type { Queryable, SqlParam, Transaction } from '../db/db.ts';
import { valuesList } from '../db/values-list.ts';
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
    at: Date;
  }>,
): Promise<void> {
  if (entries.length === 0) return;
  await tx.query(
    `update sections s
        set content_html = coalesce(v.html, s.content_html), content_text = coalesce(v.text, s.content_text),
            last_edited_by = coalesce(v.editor, s.last_edited_by), last_edited_at = v.at
       from (values ${valuesList(entries.length, ['::uuid', '::text', '::text', '::uuid', '::timestamptz'])})
         as v (id, html, text, editor, at)
      where s.id = v.id`,
    entries.flatMap((e): SqlParam[] => [e.sectionId, e.html, e.text, e.editorUserId, e.at]),
  );
}
