import { htmlToBlocks } from './html.ts';
import type { PdfBlock, PdfInline, PdfRun } from './model.ts';

/**
 * What the renderer lays out: the model's blocks with the html ones already converted, every text
 * as runs, headings with their structure level (H1-H6), and list items with their label. The model
 * stays the contract for the callers; this is the renderer's own, more uniform, view of it.
 */
export type TableBlock = Extract<PdfBlock, { kind: 'table' }>;
export type ChartBlock = Extract<PdfBlock, { kind: 'chart' }>;

export interface ListItem {
  label: string;
  runs: PdfRun[];
  /** 0 for a top-level item; a nested list is flattened into its parent with a deeper indent. */
  depth: number;
}

export type FlowBlock =
  | {
      kind: 'heading';
      /** 1-6, the structure type H1-H6. */
      level: number;
      text: string;
      /** The model's own headings get a bookmark, and levels 1-2 a line in the table of contents. */
      listed: boolean;
    }
  | {
      kind: 'paragraph';
      runs: PdfRun[];
      /** Quotes are indented one step per level. */
      indent: number;
      /** Preformatted text keeps its line breaks and runs of spaces. */
      preformatted?: boolean;
    }
  | { kind: 'list'; ordered: boolean; items: ListItem[] }
  | TableBlock
  | ChartBlock
  | { kind: 'pageBreak' };

export function toRuns(inline: PdfInline): PdfRun[] {
  return typeof inline === 'string' ? [{ text: inline }] : inline;
}

/**
 * Html headings sit one level under the model heading before them: a section's text under its H2
 * heading turns h1/h2 into H3 and h3-h6 into H4. Authors use h1 and h2 freely inside a section, so
 * they cannot keep their own level without outranking the section; and a skipped level (H2 → H4)
 * would break the heading outline that screen readers navigate by.
 */
export function flowBlocks(blocks: PdfBlock[]): FlowBlock[] {
  const flow: FlowBlock[] = [];
  let headingLevel = 0;
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        headingLevel = block.level;
        flow.push({ kind: 'heading', level: block.level, text: block.text, listed: true });
        break;
      case 'paragraph':
        flow.push({ kind: 'paragraph', runs: toRuns(block.text), indent: 0 });
        break;
      case 'list':
        flow.push({
          kind: 'list',
          ordered: block.ordered,
          items: block.items.map((item, index) => ({
            label: block.ordered ? `${index + 1}.` : '•',
            runs: toRuns(item),
            depth: 0,
          })),
        });
        break;
      case 'html':
        flow.push(...htmlToBlocks(block.html, Math.min(5, headingLevel + 1)));
        break;
      case 'table':
      case 'chart':
      case 'pageBreak':
        flow.push(block);
        break;
    }
  }
  return flow;
}
