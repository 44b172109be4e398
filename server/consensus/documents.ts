import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { PmNodeJson } from '../../shared/api.ts';
import { sectionDocument } from '../../shared/documents.ts';
import type { Queryable } from '../db/db.ts';
import type { CollabControl } from '../deps.ts';

/**
 * A section's text as ProseMirror JSON, the editor's own format, for the rich diff: a frozen version
 * from its stored Yjs state, or the live draft from its room. Text alone would hide that a heading
 * became a paragraph or a table row went missing.
 */

/** Tiptap's Collaboration extension keeps the document in this fragment (see server/collab/render.ts). */
const FRAGMENT = 'default';

/**
 * Documents built on the server (demo data, a compromise, a ruling: server/collab/render.ts) store a
 * heading's level as the string "2"; the editor writes the number 2 and its schema only knows numbers.
 */
function normalize(node: PmNodeJson): PmNodeJson {
  const level = node.attrs?.level;
  const attrs =
    typeof level === 'string' && /^[1-6]$/.test(level) ? { ...node.attrs, level: Number(level) } : node.attrs;
  return {
    ...node,
    ...(attrs ? { attrs } : {}),
    ...(node.content ? { content: node.content.map(normalize) } : {}),
  };
}

/** The ProseMirror JSON of a document's Yjs state (an update that holds the whole document). */
export function stateToPmJson(state: Uint8Array): PmNodeJson {
  const doc = new Y.Doc();
  try {
    if (state.length > 0) Y.applyUpdate(doc, state);
    return normalize(yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(FRAGMENT)) as PmNodeJson);
  } finally {
    doc.destroy();
  }
}

/** The frozen document of a version, or null if the section has no such version. */
export async function versionDocument(db: Queryable, sectionId: string, number: number): Promise<PmNodeJson | null> {
  const [row] = await db.query<{ doc_state: Uint8Array }>(
    'select doc_state from section_versions where section_id = $1 and number = $2',
    [sectionId, number],
  );
  return row ? stateToPmJson(new Uint8Array(row.doc_state)) : null;
}

/**
 * The live draft, with what people typed in the last moments: the room flushes what is pending and
 * hands over its whole state (loading the document if nobody has it open).
 */
export async function draftDocument(collab: CollabControl, sectionId: string): Promise<PmNodeJson> {
  const { state } = await collab.snapshot(sectionDocument(sectionId));
  return stateToPmJson(state);
}
