/**
 * The names of live documents, one module for every kind: the co-editing service addresses documents
 * only by these names and knows nothing of what they belong to.
 * - `section:<uuid>`: a plan section's text;
 * - `report:<uuid>:<part>`: a narrative part of a report (revision), where part is `summary`,
 *   `outlook` or `goal-<goal uuid>` (the explanation per goal);
 * - `proposal:<uuid>`: a chair's compromise or the municipalities' draft ruling (a proposals row), written
 *   beside the section it will replace.
 */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const SECTION_NAME = new RegExp(`^section:(${UUID})$`);
const REPORT_NAME = new RegExp(`^report:(${UUID}):(summary|outlook|goal-${UUID})$`);
const PROPOSAL_NAME = new RegExp(`^proposal:(${UUID})$`);

export type DocumentKind = 'section' | 'report' | 'proposal';

/** A narrative part of a report: the summary, the outlook, or the explanation of one goal. */
export type ReportPartKey = 'summary' | 'outlook' | `goal-${string}`;

export type DocumentRef =
  | { kind: 'section'; id: string }
  | { kind: 'report'; id: string; part: ReportPartKey }
  | { kind: 'proposal'; id: string };

export function documentName(ref: DocumentRef): string {
  return ref.kind === 'report' ? `report:${ref.id}:${ref.part}` : `${ref.kind}:${ref.id}`;
}

export const sectionDocument = (sectionId: string): string => documentName({ kind: 'section', id: sectionId });

export const reportPartDocument = (reportId: string, part: ReportPartKey): string =>
  documentName({ kind: 'report', id: reportId, part });

export const proposalDocument = (proposalId: string): string => documentName({ kind: 'proposal', id: proposalId });

/** The key of the narrative part that explains a goal. */
export const goalPartKey = (goalId: string): ReportPartKey => `goal-${goalId}`;

/** The kind and id a document name stands for, or null for anything that is not one of ours. */
export function parseDocumentName(name: string): DocumentRef | null {
  const section = SECTION_NAME.exec(name);
  if (section?.[1]) return { kind: 'section', id: section[1] };
  const report = REPORT_NAME.exec(name);
  if (report?.[1] && report[2]) return { kind: 'report', id: report[1], part: report[2] as ReportPartKey };
  const proposal = PROPOSAL_NAME.exec(name);
  if (proposal?.[1]) return { kind: 'proposal', id: proposal[1] };
  return null;
}
