/**
 * The names of live documents, one module for every kind: the co-editing service addresses documents
 * only by these names and knows nothing of what they belong to.
 * - `section:<uuid>`: a plan section's text;
 * - `report:<uuid>:<part>`: a narrative part of a report (revision), where part is `summary`,
 *   `outlook` or `goal-<goal uuid>` (the explanation per goal).
 */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const SECTION_NAME = new RegExp(`^section:(${UUID})$`);
const REPORT_NAME = new RegExp(`^report:(${UUID}):(summary|outlook|goal-${UUID})$`);

export type DocumentKind = 'section' | 'report';

/** A narrative part of a report: the summary, the outlook, or the explanation of one goal. */
export type ReportPartKey = 'summary' | 'outlook' | `goal-${string}`;

export type DocumentRef = { kind: 'section'; id: string } | { kind: 'report'; id: string; part: ReportPartKey };

export function documentName(ref: DocumentRef): string {
  return ref.kind === 'section' ? `section:${ref.id}` : `report:${ref.id}:${ref.part}`;
}

export const sectionDocument = (sectionId: string): string => documentName({ kind: 'section', id: sectionId });

export const reportPartDocument = (reportId: string, part: ReportPartKey): string =>
  documentName({ kind: 'report', id: reportId, part });

/** The key of the narrative part that explains a goal. */
export const goalPartKey = (goalId: string): ReportPartKey => `goal-${goalId}`;

/** The kind and id a document name stands for, or null for anything that is not one of ours. */
export function parseDocumentName(name: string): DocumentRef | null {
  const section = SECTION_NAME.exec(name);
  if (section?.[1]) return { kind: 'section', id: section[1] };
  const report = REPORT_NAME.exec(name);
  if (report?.[1] && report[2]) return { kind: 'report', id: report[1], part: report[2] as ReportPartKey };
  return null;
}
