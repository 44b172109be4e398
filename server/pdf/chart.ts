import type { ChartBlock } from './flow.ts';
import { COLORS, type Layout } from './layout.ts';

/**
 * A line chart drawn as vectors: categories on x, formatted ticks on y with gridlines, one line per
 * series (targets dashed), gaps where a figure is missing, a legend below. The chart title is a
 * paragraph of its own; the drawing is one Figure element whose Alt text says what it shows, so a
 * screen reader reads the alt text instead of the loose tick labels.
 */

const PALETTE = ['#0b5cad', '#c05600', '#2e7d32', '#7b1fa2', '#b71c1c', '#00838f'];
const PLOT_HEIGHT = 150;
const TICK_SIZE = 8;
const LEGEND_SIZE = 8.5;
const LEGEND_ROW = 13;
const LEGEND_SAMPLE = 20;
const TITLE_SIZE = 10;

export function niceTicks(min: number, max: number, target = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min === max) {
    const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normalized = raw / magnitude;
  const step =
    (normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 2.5 ? 2.5 : normalized <= 5 ? 5 : 10) * magnitude;
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  // Multiplying the step (instead of adding it up) keeps 0,1 + 0,2 from becoming 0,30000000000000004.
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

function yDomain(block: ChartBlock): number[] {
  const values = block.series
    .flatMap((series) => series.values)
    .filter((value): value is number => value !== null && Number.isFinite(value));
  if (values.length === 0) return niceTicks(0, 1);
  let min = Math.min(...values);
  const max = Math.max(...values);
  // Start at zero when the data sits not far above it: the lines' height then says something.
  if (min >= 0 && min <= max * 0.4) min = 0;
  const ticks = niceTicks(min, max);
  const lowest = ticks[0]!;
  const step = (ticks[1] ?? lowest + 1) - lowest;
  // A point on the x axis itself is hard to see: unless the axis is zero, give it a step of room.
  if (lowest !== 0 && min - lowest < step * 0.1) ticks.unshift(Number((lowest - step).toPrecision(12)));
  return ticks;
}

interface LegendItem {
  label: string;
  color: string;
  dashed: boolean;
  x: number;
  row: number;
}

function legendLayout(layout: Layout, block: ChartBlock, left: number): { items: LegendItem[]; rows: number } {
  let x = left;
  let row = 0;
  const items = block.series.map((series, index) => {
    const width = LEGEND_SAMPLE + 5 + layout.textWidth(series.label, 'regular', LEGEND_SIZE) + 16;
    if (x + width > layout.right && x > left) {
      row++;
      x = left;
    }
    const item = {
      label: series.label,
      color: PALETTE[index % PALETTE.length]!,
      dashed: Boolean(series.dashed),
      x,
      row,
    };
    x += width;
    return item;
  });
  return { items, rows: items.length > 0 ? row + 1 : 0 };
}

function titleHeight(layout: Layout, block: ChartBlock): number {
  return layout.measureRuns([{ text: block.title }], layout.width, { size: TITLE_SIZE, face: 'bold' }) + 4;
}

function figureHeight(layout: Layout, block: ChartBlock): number {
  return 6 + PLOT_HEIGHT + 22 + legendLayout(layout, block, layout.left).rows * LEGEND_ROW;
}

/** Title, plot, axis labels and legend together: what has to fit on a page. */
export function chartHeight(layout: Layout, block: ChartBlock): number {
  return titleHeight(layout, block) + figureHeight(layout, block);
}

function drawPlot(layout: Layout, block: ChartBlock, top: number): void {
  const doc = layout.doc;
  const ticks = yDomain(block);
  const lo = ticks[0]!;
  const hi = ticks.at(-1)!;
  const labels = ticks.map((tick) => block.format(tick));
  const labelWidth = Math.max(...labels.map((label) => layout.textWidth(label, 'regular', TICK_SIZE)));
  const plotLeft = layout.left + labelWidth + 8;
  const plotRight = layout.right - 4;
  const plotTop = top + 6;
  const plotBottom = plotTop + PLOT_HEIGHT;
  const yOf = (value: number) => plotBottom - ((value - lo) / (hi - lo)) * PLOT_HEIGHT;
  const count = Math.max(1, block.categories.length);
  const step = (plotRight - plotLeft) / count;
  const xOf = (index: number) => plotLeft + (index + 0.5) * step;
  const tickHeight = layout.face('regular', TICK_SIZE).currentLineHeight();

  ticks.forEach((tick, i) => {
    const y = yOf(tick);
    doc.moveTo(plotLeft, y).lineTo(plotRight, y).lineWidth(0.4).strokeColor(COLORS.grid).stroke();
    const label = labels[i]!;
    layout.writeLine(
      label,
      plotLeft - 5 - layout.textWidth(label, 'regular', TICK_SIZE),
      y - tickHeight / 2,
      'regular',
      TICK_SIZE,
      COLORS.muted,
    );
  });
  doc
    .moveTo(plotLeft, plotTop)
    .lineTo(plotLeft, plotBottom)
    .lineTo(plotRight, plotBottom)
    .lineWidth(0.8)
    .strokeColor(COLORS.muted)
    .stroke();

  // Labels that would touch their neighbours are thinned out: every second one, every third, ...
  const widest = Math.max(0, ...block.categories.map((category) => layout.textWidth(category, 'regular', TICK_SIZE)));
  const every = Math.max(1, Math.ceil((widest + 6) / step));
  block.categories.forEach((category, i) => {
    const x = xOf(i);
    doc
      .moveTo(x, plotBottom)
      .lineTo(x, plotBottom + 3)
      .lineWidth(0.6)
      .strokeColor(COLORS.muted)
      .stroke();
    if (i % every !== 0) return;
    const width = layout.textWidth(category, 'regular', TICK_SIZE);
    layout.writeLine(category, x - width / 2, plotBottom + 5, 'regular', TICK_SIZE, COLORS.muted);
  });

  block.series.forEach((series, index) => {
    const color = PALETTE[index % PALETTE.length]!;
    doc
      .lineWidth(series.dashed ? 1.4 : 1.8)
      .strokeColor(color)
      .fillColor(color);
    if (series.dashed) doc.dash(5, { space: 3 });
    let drawing = false;
    series.values.forEach((value, i) => {
      if (i >= count) return;
      if (value === null || !Number.isFinite(value)) {
        drawing = false;
        return;
      }
      if (drawing) doc.lineTo(xOf(i), yOf(value));
      else doc.moveTo(xOf(i), yOf(value));
      drawing = true;
    });
    doc.stroke();
    if (series.dashed) doc.undash();
    // Markers make single points (a gap on both sides) visible; targets keep their plain dashes.
    if (!series.dashed) {
      series.values.forEach((value, i) => {
        if (i < count && value !== null && Number.isFinite(value)) doc.circle(xOf(i), yOf(value), 2.3).fill(color);
      });
    }
  });

  const legendTop = plotBottom + 22;
  const legend = legendLayout(layout, block, plotLeft);
  for (const item of legend.items) {
    const y = legendTop + item.row * LEGEND_ROW;
    const mid = y + LEGEND_SIZE * 0.7;
    doc.lineWidth(item.dashed ? 1.4 : 1.8).strokeColor(item.color);
    if (item.dashed) doc.dash(5, { space: 3 });
    doc
      .moveTo(item.x, mid)
      .lineTo(item.x + LEGEND_SAMPLE, mid)
      .stroke();
    if (item.dashed) doc.undash();
    layout.writeLine(item.label, item.x + LEGEND_SAMPLE + 5, y, 'regular', LEGEND_SIZE, COLORS.text);
  }
}

export function renderChart(layout: Layout, block: ChartBlock): void {
  layout.ensure(chartHeight(layout, block));
  const titleY = layout.y;
  layout.leaf(layout.root, 'P', () =>
    layout.writeRuns([{ text: block.title }], layout.left, titleY, layout.width, {
      size: TITLE_SIZE,
      face: 'bold',
      color: COLORS.heading,
    }),
  );
  layout.y += 4;
  const top = layout.y;
  const height = figureHeight(layout, block);
  const figure = layout.element(layout.root, 'Figure', {
    alt: block.alt,
    bbox: [layout.left, top, layout.right, top + height],
    placement: 'Block',
  });
  layout.mark(figure, 'Figure', () => {
    layout.doc.save();
    drawPlot(layout, block, top);
    layout.doc.restore();
  });
  figure.end();
  layout.y = top + height;
}
