import { parseDocumentName, type ReportPartKey } from '../../shared/documents.ts';
import type { DerivedContent } from '../collab/access.ts';
import type { Transaction } from '../db/db.ts';
import { writeProposalContent } from '../consensus/proposal-documents.ts';
import { writeReportContent } from '../reports/documents.ts';
import { writeSectionContent } from '../sections/documents.ts';

/** The derived-content sink the co-editing store writes into: each kind's owner keeps what it needs. */
export async function writeDerivedContent(tx: Transaction, entries: readonly DerivedContent[]): Promise<void> {
  const sections = [];
  // One entry per document and batch; should a batch hold two, the later wins.
  const reports = new Map<string, { reportId: string; part: ReportPartKey; html: string; text: string; at: Date }>();
  const proposals = new Map<string, { proposalId: string; html: string; text: string; at: Date }>();
  for (const entry of entries) {
    // Nothing was derived for this batch (not due yet, or it could not be rendered): keep what is stored.
    if (entry.html === null && entry.text === null) continue;
    const ref = parseDocumentName(entry.docName);
    if (ref?.kind === 'section') sections.push({ ...entry, sectionId: ref.id });
    if (ref?.kind === 'report') {
      const { html, text } = entry;
      if (html !== null && text !== null)
        reports.set(entry.docName, { reportId: ref.id, part: ref.part, html, text, at: entry.at });
    }
    if (ref?.kind === 'proposal' && entry.html !== null && entry.text !== null) {
      proposals.set(entry.docName, { proposalId: ref.id, html: entry.html, text: entry.text, at: entry.at });
    }
  }
  await writeSectionContent(tx, sections);
  await writeReportContent(tx, [...reports.values()]);
  await writeProposalContent(tx, [...proposals.values()]);
}
