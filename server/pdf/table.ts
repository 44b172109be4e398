import type { Face } from './document.ts';
import type { TableBlock } from './flow.ts';
import { COLORS, type Layout } from './layout.ts';
import type { StructElement } from './document.ts';

/**
 * Tables as Table → Caption, THead → TR → TH (scope Column), TBody → TR → TD. A row is never split:
 * a row that does not fit starts a new page, which first repeats the header row. The repeat is an
 * artifact (pagination), so the structure holds the header once, as a screen reader should hear it.
 * The caption and the header only start where at least the first row fits beside them.
 */

const CELL = { size: 9.5, padX: 5, padY: 4, lineGap: 1.5 } as const;
const CAPTION = { size: 10, after: 5 } as const;

type Align = 'left' | 'right';

interface Geometry {
  xs: number[];
  widths: number[];
  align: Align[];
}

function geometry(layout: Layout, block: TableBlock): Geometry {
  const count = Math.max(block.header.length, ...block.rows.map((row) => row.length), 1);
  const weights = Array.from({ length: count }, (_, i) => {
    const weight = block.widths?.[i];
    return weight !== undefined && weight > 0 ? weight : 1;
  });
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const widths = weights.map((weight) => (layout.width * weight) / total);
  const xs: number[] = [];
  let x = layout.left;
  for (const width of widths) {
    xs.push(x);
    x += width;
  }
  return { xs, widths, align: widths.map((_, i) => block.align?.[i] ?? 'left') };
}

function rowHeight(layout: Layout, cells: string[], geo: Geometry, face: Face): number {
  let height = 0;
  geo.widths.forEach((width, i) => {
    const text = cells[i] ?? '';
    if (!text) return;
    const measured = layout.measureRuns([{ text }], width - 2 * CELL.padX, {
      size: CELL.size,
      lineGap: CELL.lineGap,
      face,
    });
    height = Math.max(height, measured);
  });
  return Math.max(height, layout.lineHeight(CELL.size, CELL.lineGap)) + 2 * CELL.padY;
}

function captionHeight(layout: Layout, block: TableBlock): number {
  if (!block.caption) return 0;
  return (
    layout.measureRuns([{ text: block.caption }], layout.width, { size: CAPTION.size, face: 'bold' }) + CAPTION.after
  );
}

export function tableStartHeight(layout: Layout, block: TableBlock): number {
  const geo = geometry(layout, block);
  const header = block.header.length > 0 ? rowHeight(layout, block.header, geo, 'bold') : 0;
  const first = block.rows[0] ? rowHeight(layout, block.rows[0], geo, 'regular') : 0;
  return captionHeight(layout, block) + header + first;
}

type RowKind = 'header' | 'repeat' | 'body';

/** Draws one row at layout.y and moves below it. `tr` is null for the artifact repeat of the header. */
function drawRow(
  layout: Layout,
  cells: string[],
  geo: Geometry,
  height: number,
  kind: RowKind,
  tr: StructElement | null,
  zebra: boolean,
): void {
  const y = layout.y;
  const header = kind !== 'body';
  layout.artifact(
    () => {
      const doc = layout.doc;
      if (header || zebra) {
        doc
          .rect(layout.left, y, layout.width, height)
          .fillColor(header ? COLORS.tableHeader : COLORS.zebra)
          .fill();
      }
      doc.lineWidth(header ? 0.8 : 0.4).strokeColor(header ? COLORS.heading : COLORS.grid);
      doc
        .moveTo(layout.left, y + height)
        .lineTo(layout.right, y + height)
        .stroke();
      if (header) doc.moveTo(layout.left, y).lineTo(layout.right, y).stroke();
    },
    kind === 'repeat' ? 'Pagination' : 'Layout',
  );
  geo.widths.forEach((width, i) => {
    const text = cells[i] ?? '';
    const draw = () =>
      layout.writeRuns([{ text }], geo.xs[i]! + CELL.padX, y + CELL.padY, width - 2 * CELL.padX, {
        size: CELL.size,
        lineGap: CELL.lineGap,
        face: header ? 'bold' : 'regular',
        align: geo.align[i],
        height: height - CELL.padY,
      });
    if (!tr) layout.artifact(draw, 'Pagination');
    else if (kind === 'header') layout.leaf(tr, 'TH', draw, { scope: 'Column' });
    else layout.leaf(tr, 'TD', draw);
  });
  layout.y = y + height;
}

export function renderTable(layout: Layout, block: TableBlock): void {
  const geo = geometry(layout, block);
  const hasHeader = block.header.length > 0;
  const headerHeight = hasHeader ? rowHeight(layout, block.header, geo, 'bold') : 0;
  // A row taller than a whole page is cut off rather than split: tables hold figures, not essays.
  const maxRow = layout.bottom - layout.top - headerHeight;
  layout.ensure(tableStartHeight(layout, block));

  const table = layout.element(layout.root, 'Table');
  if (block.caption) {
    const caption = block.caption;
    const y = layout.y;
    layout.leaf(table, 'Caption', () =>
      layout.writeRuns([{ text: caption }], layout.left, y, layout.width, {
        size: CAPTION.size,
        face: 'bold',
        color: COLORS.heading,
      }),
    );
    layout.y += CAPTION.after;
  }
  if (hasHeader) {
    const head = layout.element(table, 'THead');
    const tr = layout.element(head, 'TR');
    drawRow(layout, block.header, geo, headerHeight, 'header', tr, false);
    tr.end();
    head.end();
  }
  const body = layout.element(table, 'TBody');
  block.rows.forEach((row, index) => {
    const height = Math.min(rowHeight(layout, row, geo, 'regular'), maxRow);
    if (layout.y + height > layout.bottom) {
      layout.newPage();
      if (hasHeader) drawRow(layout, block.header, geo, headerHeight, 'repeat', null, false);
    }
    const tr = layout.element(body, 'TR');
    drawRow(layout, row, geo, height, 'body', tr, index % 2 === 1);
    tr.end();
  });
  body.end();
  table.end();
}
