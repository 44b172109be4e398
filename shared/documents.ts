/**
 * The names of live documents, one module for every kind: the co-editing service addresses documents
 * only by these names and knows nothing of what they belong to. `section:<uuid>` is a plan section's
 * text; reports and proposals will add their kinds here.
 */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const NAME = new RegExp(`^(section):(${UUID})$`);

export type DocumentKind = 'section';

export interface DocumentRef {
  kind: DocumentKind;
  id: string;
}

export function documentName(ref: DocumentRef): string {
  return `${ref.kind}:${ref.id}`;
}

export const sectionDocument = (sectionId: string): string => documentName({ kind: 'section', id: sectionId });

/** The kind and id a document name stands for, or null for anything that is not one of ours. */
export function parseDocumentName(name: string): DocumentRef | null {
  const match = NAME.exec(name);
  if (!match?.[1] || !match[2]) return null;
  return { kind: match[1] as DocumentKind, id: match[2] };
}
