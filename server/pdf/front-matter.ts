import type { HeadingPlaced } from './blocks.ts';
import type { StructElement } from './document.ts';
import type { FlowBlock } from './flow.ts';
import { BODY, COLORS, type Layout } from './layout.ts';
import type { PdfDocumentModel } from './model.ts';

/**
 * The pages around the content: the title page, the table of contents and the page footers. The
 * contents are planned before the body is laid out (their page count is known from the headings'
 * texts alone), their pages reserved, and filled in with page numbers once the body is done.
 */

export function renderTitlePage(layout: Layout, titlePage: PdfDocumentModel['titlePage']): void {
  const { doc } = layout;
  let y = layout.top + 150;
  layout.artifact(() => {
    doc
      .rect(layout.left, y - 28, 64, 5)
      .fillColor(COLORS.heading)
      .fill();
  });
  layout.leaf(layout.root, 'P', () =>
    layout.writeRuns([{ text: titlePage.title }], layout.left, y, layout.width, {
      size: 26,
      face: 'bold',
      color: COLORS.heading,
      lineGap: 2,
    }),
  );
  y = layout.y + 8;
  if (titlePage.subtitle) {
    const subtitle = titlePage.subtitle;
    layout.leaf(layout.root, 'P', () =>
      layout.writeRuns([{ text: subtitle }], layout.left, y, layout.width, { size: 14, color: COLORS.muted }),
    );
    y = layout.y + 8;
  }
  y += 28;
  if (titlePage.lines.length === 0) return;
  layout.rule(layout.left, layout.right, y - 12);
  const labelWidth = Math.min(
    150,
    Math.max(...titlePage.lines.map((line) => layout.textWidth(line.label, 'bold', BODY.size))) + 16,
  );
  for (const line of titlePage.lines) {
    const top = y;
    // Label and value are one paragraph, read as "Periode 1 januari – 30 juni 2026".
    layout.leaf(layout.root, 'P', () => {
      layout.writeRuns([{ text: line.label, bold: true }], layout.left, top, labelWidth - 8, BODY);
      const labelBottom = layout.y;
      layout.writeRuns([{ text: line.value }], layout.left + labelWidth, top, layout.width - labelWidth, BODY);
      layout.y = Math.max(layout.y, labelBottom);
    });
    y = layout.y + 4;
  }
}

const CONTENTS = {
  titleSize: 19,
  titleAfter: 16,
  numberColumn: 40,
  levels: {
    1: { size: BODY.size, indent: 0, before: 7, face: 'bold' },
    2: { size: 10, indent: 16, before: 2, face: 'regular' },
  },
} as const;

interface PlannedEntry {
  level: 1 | 2;
  text: string;
  /** Which of the contents pages, from 0. */
  page: number;
  y: number;
}

export interface Contents {
  /** Writes the entries with the pages their headings landed on (in order of the flow). */
  fill(headings: HeadingPlaced[]): void;
}

/** Plans the contents, reserves their pages after the current one and adds their structure. */
export function reserveContents(layout: Layout, title: string, flow: FlowBlock[]): Contents {
  const entries: PlannedEntry[] = [];
  const titleHeight = layout.measureRuns([{ text: title }], layout.width, { size: CONTENTS.titleSize, face: 'bold' });
  let page = 0;
  let y = layout.top + titleHeight + CONTENTS.titleAfter;
  for (const block of flow) {
    if (block.kind !== 'heading' || !block.listed || block.level > 2) continue;
    const level = block.level === 1 ? 1 : 2;
    const style = CONTENTS.levels[level];
    const width = layout.width - style.indent - CONTENTS.numberColumn;
    const height = layout.measureRuns([{ text: block.text }], width, { size: style.size, face: style.face });
    if (y + style.before + height > layout.bottom) {
      page++;
      y = layout.top;
    }
    entries.push({ level, text: block.text, page, y: y + style.before });
    y += style.before + height;
  }
  const pages: number[] = [];
  for (let i = 0; i <= page; i++) {
    layout.newPage();
    pages.push(layout.pageIndex);
  }
  // Created now, so that the structure tree reads title page, contents, body: the order of the pages.
  const heading = layout.element(layout.root, 'H1');
  const toc = layout.element(layout.root, 'TOC');
  return {
    fill(headings) {
      const listed = headings.filter((placed) => placed.listed && placed.level <= 2);
      layout.doc.switchToPage(pages[0]!);
      layout.mark(heading, 'H1', () =>
        layout.writeRuns([{ text: title }], layout.left, layout.top, layout.width, {
          size: CONTENTS.titleSize,
          face: 'bold',
          color: COLORS.heading,
        }),
      );
      heading.end();
      entries.forEach((entry, index) => {
        const placed = listed[index];
        layout.doc.switchToPage(pages[entry.page]!);
        writeEntry(layout, toc, entry, placed ? String(placed.pageIndex + 1) : '');
      });
      toc.end();
    },
  };
}

function writeEntry(layout: Layout, toc: StructElement, entry: PlannedEntry, pageNumber: string): void {
  const style = CONTENTS.levels[entry.level];
  const x = layout.left + style.indent;
  const width = layout.width - style.indent - CONTENTS.numberColumn;
  const height = layout.measureRuns([{ text: entry.text }], width, { size: style.size, face: style.face });
  const numberWidth = layout.textWidth(pageNumber, style.face, style.size);
  const item = layout.element(toc, 'TOCI');
  layout.mark(item, 'TOCI', () => {
    layout.writeRuns([{ text: entry.text }], x, entry.y, width, {
      size: style.size,
      face: style.face,
      height: height + 1,
    });
    layout.writeLine(
      pageNumber,
      layout.right - numberWidth,
      entry.y + height - layout.lineHeight(style.size),
      style.face,
      style.size,
    );
  });
  item.end();
  // Dotted leaders guide the eye on one-line entries; they are decoration, so an artifact.
  const textWidth = layout.textWidth(entry.text, style.face, style.size);
  if (textWidth <= width) {
    const lineY = entry.y + layout.lineHeight(style.size) - BODY.lineGap - 3;
    const from = x + textWidth + 6;
    const to = layout.right - numberWidth - 6;
    if (to > from) {
      layout.artifact(() => {
        layout.doc
          .moveTo(from, lineY)
          .lineTo(to, lineY)
          .lineWidth(0.7)
          .strokeColor(COLORS.rule)
          .dash(0.7, { space: 2.5 })
          .stroke()
          .undash();
      });
    }
  }
}

/** "Pagina 3 van 12" and the footer text on every page but the title page, as pagination artifacts. */
export function writeFooters(layout: Layout, footer: PdfDocumentModel['footer']): void {
  const { doc } = layout;
  const { count } = doc.bufferedPageRange();
  const ruleY = layout.bottom + 22;
  const textY = ruleY + 6;
  const size = 8.5;
  for (let index = 1; index < count; index++) {
    doc.switchToPage(index);
    const label = `${footer.pageLabel} ${index + 1} ${footer.ofLabel} ${count}`;
    const labelWidth = layout.textWidth(label, 'regular', size);
    layout.artifact(() => {
      doc.moveTo(layout.left, ruleY).lineTo(layout.right, ruleY).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
      // The left text gives way to the page number rather than run into it.
      const leftWidth = layout.width - labelWidth - 16;
      layout.writeLine(
        layout.fitText(footer.left, leftWidth, 'regular', size),
        layout.left,
        textY,
        'regular',
        size,
        COLORS.muted,
      );
      layout.writeLine(label, layout.right - labelWidth, textY, 'regular', size, COLORS.muted);
    }, 'Pagination');
  }
}
