/** The benchmark's table: one column per server, ratios of the Tafelwerk deployments to the reference. */
import type { ServerKey } from './servers.ts';

export interface Target {
  /** What the issue asks, as printed. */
  text: string;
  /** Each checked value must be at most this (absolute). */
  max?: number;
  /** Each checked value must be at least this (absolute). */
  min?: number;
  /** Each checked deployment's ratio to the reference must be at most this. */
  maxRatio?: number;
  /**
   * Which columns the target applies to (default: the Node deployments; the Workers column runs under
   * wrangler dev, a development server, and is shown beside them, not judged).
   */
  applies?: ServerKey[];
}

interface Row {
  metric: string;
  unit: string;
  values: Partial<Record<ServerKey, number>>;
  target?: Target | undefined;
}

const COLUMNS: Array<[ServerKey, string]> = [
  ['default', 'default'],
  ['postgres', 'PostgreSQL'],
  ['workers', 'Workers (workerd)'],
  ['reference', 'reference'],
  ['hocuspocus', 'Hocuspocus 4.7'],
];
const TAFELWERK: ServerKey[] = ['default', 'postgres', 'workers'];
const JUDGED: ServerKey[] = ['default', 'postgres'];
const SHORT: Partial<Record<ServerKey, string>> = { default: 'default', postgres: 'PG', workers: 'Workers' };

const rows: Row[] = [];
const notes: string[] = [];

/** Adds a row if any server has a figure for it. */
export function addRow(
  metric: string,
  unit: string,
  values: Partial<Record<ServerKey, number>>,
  target?: Target,
): void {
  if (Object.values(values).some((v) => v !== undefined)) rows.push({ metric, unit, values, target });
}

export function addNote(note: string): void {
  notes.push(note);
}

function number(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en').replace(/,/g, ' ');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

function fmt(value: number | undefined, unit: string): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  if (unit === '%') return `${(value * 100).toFixed(value === 1 ? 0 : 2)} %`;
  return `${number(value)} ${unit}`;
}

function ratioOf(row: Row, key: ServerKey): number | undefined {
  const ours = row.values[key];
  const reference = row.values.reference;
  return ours !== undefined && reference ? ours / reference : undefined;
}

function verdict(row: Row): string {
  const target = row.target;
  if (!target) return '';
  const marks: string[] = [];
  for (const key of target.applies ?? JUDGED) {
    let ok: boolean | undefined;
    if (target.maxRatio !== undefined) {
      const ratio = ratioOf(row, key);
      ok = ratio === undefined ? undefined : ratio <= target.maxRatio;
    } else {
      const value = row.values[key];
      if (value !== undefined && !Number.isNaN(value)) {
        ok = (target.max === undefined || value <= target.max) && (target.min === undefined || value >= target.min);
      }
    }
    if (ok !== undefined) marks.push(`${SHORT[key] ?? key} ${ok ? '✓' : '✗'}`);
  }
  return marks.length > 0 ? `${target.text}: ${marks.join(', ')}` : target.text;
}

/** Names a column after what it turned out to run, e.g. `default (embedded)`. */
export function nameColumn(key: ServerKey, name: string): void {
  const column = COLUMNS.find(([k]) => k === key);
  if (column) column[1] = name;
}

export function printReport(title: string): void {
  const header = ['metric', ...COLUMNS.map(([, name]) => name), 'default/ref', 'PG/ref', 'Workers/ref', 'target'];
  const lines = rows.map((row) => [
    row.metric,
    ...COLUMNS.map(([key]) => fmt(row.values[key], row.unit)),
    ...TAFELWERK.map((key) => {
      const ratio = row.unit === '%' ? undefined : ratioOf(row, key);
      return ratio === undefined ? '—' : `${ratio.toFixed(2)}×`;
    }),
    verdict(row),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log(`${line(header)}\n| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const l of lines) console.log(line(l));
  if (notes.length > 0) console.log(`\n${notes.map((n) => `- ${n}`).join('\n')}`);
}
