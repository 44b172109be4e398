import { chartHeight, renderChart } from './chart.ts';
import type { FlowBlock, ListItem } from './flow.ts';
import { BODY, COLORS, type Layout } from './layout.ts';
import type { PdfRun } from './model.ts';
import { renderTable, tableStartHeight } from './table.ts';

/**
 * Lays the flow out page after page. Pages break before a block that does not fit, never leave a
 * heading alone at the bottom of a page (a heading brings the start of what follows with it), and
 * long paragraphs and list items continue on the next page by themselves (pdfkit carries their
 * marked content over).
 */

export interface HeadingPlaced {
  level: number;
  text: string;
  listed: boolean;
  pageIndex: number;
  y: number;
}

const HEADING_STYLE: Record<number, { size: number; before: number; after: number }> = {
  1: { size: 19, before: 18, after: 10 },
  2: { size: 14.5, before: 16, after: 7 },
  3: { size: 12.5, before: 12, after: 5 },
  4: { size: 11, before: 10, after: 4 },
};
const PARAGRAPH_AFTER = 7;
const QUOTE_INDENT = 18;
const LIST_LABEL = 16;
const LIST_INDENT = 18;

function headingStyle(level: number) {
  return HEADING_STYLE[Math.min(4, level)]!;
}

function headingHeight(layout: Layout, block: Extract<FlowBlock, { kind: 'heading' }>): number {
  const style = headingStyle(block.level);
  return (
    style.before +
    layout.measureRuns([{ text: block.text }], layout.width, { size: style.size, face: 'bold' }) +
    style.after
  );
}

/** What has to fit on the page for a block to start there: its whole self, or its first two lines. */
function startHeight(layout: Layout, flow: FlowBlock[], index: number, depth = 0): number {
  const block = flow[index];
  if (!block || depth > 3) return 0;
  const twoLines = 2 * layout.lineHeight(BODY.size);
  switch (block.kind) {
    case 'heading':
      return headingHeight(layout, block) + startHeight(layout, flow, index + 1, depth + 1);
    case 'paragraph':
      return Math.min(paragraphHeight(layout, block.runs, block.indent), twoLines);
    case 'list': {
      const first = block.items[0];
      return first ? Math.min(itemHeight(layout, first), twoLines) : 0;
    }
    case 'table':
      return tableStartHeight(layout, block);
    case 'chart':
      return chartHeight(layout, block);
    case 'pageBreak':
      return 0;
  }
}

function paragraphHeight(layout: Layout, runs: PdfRun[], indent: number): number {
  return layout.measureRuns(runs, layout.width - indent * QUOTE_INDENT, BODY);
}

function itemHeight(layout: Layout, item: ListItem): number {
  return layout.measureRuns(item.runs, layout.width - item.depth * LIST_INDENT - LIST_LABEL, BODY);
}

function renderHeading(
  layout: Layout,
  flow: FlowBlock[],
  index: number,
  block: Extract<FlowBlock, { kind: 'heading' }>,
  onHeading: (heading: HeadingPlaced) => void,
): void {
  const style = headingStyle(block.level);
  layout.ensure(startHeight(layout, flow, index));
  layout.space(style.before);
  const y = layout.y;
  const tag = `H${Math.min(6, Math.max(1, block.level))}`;
  layout.leaf(layout.root, tag, () => {
    layout.writeRuns([{ text: block.text }], layout.left, y, layout.width, {
      size: style.size,
      face: block.level >= 4 ? 'boldItalic' : 'bold',
      color: COLORS.heading,
      lineGap: 1,
    });
  });
  onHeading({ level: block.level, text: block.text, listed: block.listed, pageIndex: layout.pageIndex, y });
  if (block.level === 1) {
    layout.rule(layout.left, layout.right, layout.y + 2, COLORS.heading, 0.8);
    layout.y += 4;
  }
  layout.y += style.after;
}

function renderParagraph(layout: Layout, block: Extract<FlowBlock, { kind: 'paragraph' }>): void {
  const indent = block.indent * QUOTE_INDENT;
  const height = paragraphHeight(layout, block.runs, block.indent);
  layout.ensure(Math.min(height, 2 * layout.lineHeight(BODY.size)));
  const y = layout.y;
  const page = layout.pageIndex;
  layout.leaf(layout.root, 'P', () => {
    layout.writeRuns(block.runs, layout.left + indent, y, layout.width - indent, {
      ...BODY,
      color: block.indent > 0 ? COLORS.muted : COLORS.text,
    });
  });
  // The bar beside a quote; one broken over two pages gets none (rare, and harmless).
  if (block.indent > 0 && layout.pageIndex === page) {
    const x = layout.left + indent - 9;
    const bottom = layout.y - BODY.lineGap;
    layout.artifact(() => {
      layout.doc.moveTo(x, y).lineTo(x, bottom).lineWidth(2).strokeColor(COLORS.rule).stroke();
    });
  }
  layout.y += PARAGRAPH_AFTER;
}

function renderList(layout: Layout, block: Extract<FlowBlock, { kind: 'list' }>): void {
  const list = layout.element(layout.root, 'L');
  for (const item of block.items) {
    const x = layout.left + item.depth * LIST_INDENT;
    const bodyX = x + LIST_LABEL;
    const width = layout.right - bodyX;
    layout.ensure(Math.min(itemHeight(layout, item), 2 * layout.lineHeight(BODY.size)));
    const y = layout.y;
    const li = layout.element(list, 'LI');
    if (item.label) {
      layout.leaf(li, 'Lbl', () =>
        layout.writeLine(item.label, x + (item.label === '•' ? 3 : 0), y, 'regular', BODY.size),
      );
    }
    layout.leaf(li, 'LBody', () => layout.writeRuns(item.runs, bodyX, y, width, BODY));
    li.end();
    layout.y += 3;
  }
  list.end();
  layout.y += PARAGRAPH_AFTER - 3;
}

export function renderFlow(layout: Layout, flow: FlowBlock[], onHeading: (heading: HeadingPlaced) => void): void {
  flow.forEach((block, index) => {
    switch (block.kind) {
      case 'heading':
        return renderHeading(layout, flow, index, block, onHeading);
      case 'paragraph':
        return renderParagraph(layout, block);
      case 'list':
        return renderList(layout, block);
      case 'table':
        renderTable(layout, block);
        layout.y += PARAGRAPH_AFTER + 4;
        return;
      case 'chart':
        renderChart(layout, block);
        layout.y += PARAGRAPH_AFTER + 4;
        return;
      case 'pageBreak':
        if (!layout.atPageTop) layout.newPage();
        return;
    }
  });
}
