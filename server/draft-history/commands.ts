import * as Y from 'yjs';
import { sectionDocument } from '../../shared/documents.ts';
import { audit, type Actor } from '../audit/audit.ts';
import type { Queryable, Transaction } from '../db/db.ts';
import type { AppDeps } from '../deps.ts';
import { requireCollab } from '../effects.ts';
import { conflict, notFound } from '../http/errors.ts';
import { isSectionWritable } from '../sections/queries.ts';
import { findDraftEntry } from './queries.ts';

/**
 * A section's draft history is kept as people type: at most one snapshot per SNAPSHOT_EVERY of
 * editing, each naming who edited since the entry before it (a snapshot or a frozen version). The
 * snapshot is taken in the transaction that stores the batch, from the stored log itself, so it holds
 * exactly what is durable.
 */
export const SNAPSHOT_EVERY_MS = 5 * 60 * 1000;

/** The whole stored state of a document: its compacted snapshot and the log after it, merged. */
async function storedState(tx: Queryable, docName: string): Promise<Uint8Array> {
  const [compacted] = await tx.query<{ state: Uint8Array; through_update_id: number }>(
    'select state, through_update_id from doc_snapshots where doc_name = $1',
    [docName],
  );
  const log = await tx.query<{ data: Uint8Array }>(
    'select data from doc_updates where doc_name = $1 and id > $2 order by id',
    [docName, compacted?.through_update_id ?? 0],
  );
  const updates = [...(compacted ? [compacted.state] : []), ...log.map((row) => row.data)].map(
    (bytes) => new Uint8Array(bytes),
  );
  return updates.length === 0 ? Y.encodeStateAsUpdate(new Y.Doc()) : Y.mergeUpdates(updates);
}

/** A section the batch wrote: whether anyone edited it in this batch, and when its history last got an entry. */
export interface DraftEditing extends Record<string, unknown> {
  id: string;
  edited: boolean;
  history_at: Date | null;
}

/**
 * Takes the snapshots now due: a section someone edited in this batch whose last history entry (a
 * snapshot or a version) is SNAPSHOT_EVERY old, or which has none yet. Called with the batch's
 * transaction, after its updates, derived content and editors are written (writeSectionContent).
 */
export async function takeDueSnapshots(
  tx: Transaction,
  rows: readonly DraftEditing[],
  entries: ReadonlyArray<{ sectionId: string; html: string | null; text: string | null; at: Date }>,
): Promise<void> {
  for (const row of rows) {
    const entry = entries.find((e) => e.sectionId === row.id);
    if (!row.edited || !entry || entry.html === null || entry.text === null) continue;
    const last = row.history_at === null ? null : new Date(row.history_at).getTime();
    if (last !== null && entry.at.getTime() - last < SNAPSHOT_EVERY_MS) continue;
    await insertSnapshot(tx, row.id, 'editing', entry.at, {
      state: await storedState(tx, sectionDocument(row.id)),
      html: entry.html,
      text: entry.text,
    });
  }
}

/** Stores a snapshot naming everyone who edited since the previous entry, and starts counting anew. */
export async function insertSnapshot(
  tx: Transaction,
  sectionId: string,
  reason: 'editing' | 'before_restore',
  at: Date,
  content: { state: Uint8Array; html: string; text: string },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into section_snapshots (section_id, reason, taken_at, doc_state, content_html, content_text, editors)
     select $1, $2, $3, $4, $5, $6, draft_editors from sections where id = $1
     returning id`,
    [sectionId, reason, at, content.state, content.html, content.text],
  );
  await tx.query(`update sections set draft_editors = '{}', history_at = $2 where id = $1`, [sectionId, at]);
  return row!.id;
}

const NOT_OPEN = 'the section is not open for editing (a round, a dispute or an archived plan holds its text)';

/**
 * A delegate restores an entry of the draft history. A restore is a new edit, made live in the room
 * (everyone's editor follows it), structure for structure; nothing is destroyed: the text it replaces
 * becomes a history entry first ("before_restore"). As with a compromise, the replacement happens
 * BEFORE the transaction (the room stores it in its own batch, which writes the section's row this
 * transaction would otherwise hold); the transaction then records the entry before it, the credit
 * and the audit event. The section is checked to be open just before; a round opened in that same
 * instant can still freeze its version on either side of the restore (its lock is set on the room,
 * which a server-side replacement does not consult).
 */
export async function restoreDraftEntry(
  deps: Pick<AppDeps, 'db' | 'collab'>,
  actor: Actor,
  sectionId: string,
  entryId: string,
): Promise<void> {
  const { db } = deps;
  const found = await findDraftEntry(db, sectionId, entryId);
  if (!found) throw notFound('history entry');
  if (!(await isSectionWritable(db, sectionId))) throw conflict(NOT_OPEN);
  const collab = requireCollab(deps);
  const docName = sectionDocument(sectionId);
  const before = await collab.snapshot(docName);
  await collab.replaceWithState(docName, found.state);
  await db.transaction(async (tx) => {
    await insertSnapshot(tx, sectionId, 'before_restore', actor.now, before);
    const [section] = await tx.query<{ title: string }>(
      `update sections set last_edited_by = $2, last_edited_at = $3,
              draft_editors = array(select distinct e from unnest(draft_editors || array[$2::uuid]) e order by e)
        where id = $1 returning title`,
      [sectionId, actor.userId, actor.now],
    );
    await audit(
      tx,
      actor,
      'section.draft_restored',
      { type: 'section', id: sectionId },
      {
        title: section!.title,
        entryKind: found.entry.kind,
        entryAt: found.entry.at,
        versionNumber: found.entry.versionNumber,
      },
    );
  });
}
