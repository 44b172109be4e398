import { parseDocumentName } from '../../shared/documents.ts';
import type { DerivedContent } from '../collab/access.ts';
import type { Transaction } from '../db/db.ts';
import { writeSectionContent } from '../sections/documents.ts';

/** The derived-content sink the co-editing store writes into: each kind's owner keeps what it needs. */
export async function writeDerivedContent(tx: Transaction, entries: readonly DerivedContent[]): Promise<void> {
  const sections = entries.flatMap((entry) => {
    // Nothing was derived for this batch (not due yet, or it could not be rendered): keep what is stored.
    if (entry.html === null && entry.text === null) return [];
    const ref = parseDocumentName(entry.docName);
    return ref?.kind === 'section' ? [{ ...entry, sectionId: ref.id }] : [];
  });
  await writeSectionContent(tx, sections);
}
