/** One load window per server, and the rows a load scenario adds to the report. */
import { ownCpuMs, type ProcessTree } from './measure.ts';
import { addRow } from './report.ts';
import { percentile, type FanOutResult } from './scenarios.ts';
import type { BenchServer, ServerKey } from './servers.ts';

/**
 * After the last delivery the CPU window stays open this long for every server alike: Tafelwerk
 * stores updates in 100 ms windows and renders derived content after 2 s of quiet, work the load causes.
 */
const SETTLE_MS = 2500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The part of a deployment's tree a row splits out: the database processes the default deployment runs
 * itself (PostgreSQL's processes name themselves `postgres`), and workerd in the Workers deployment (the
 * rest of that tree is wrangler dev's tooling: npm, wrangler's Node, esbuild watching the sources).
 */
const PART: Partial<Record<ServerKey, (comm: string) => boolean>> = {
  default: (comm) => comm === 'postgres',
  workers: (comm) => comm === 'workerd',
};

/** What one server's turns of a load scenario add up to. */
export interface Tally {
  latencies: number[];
  serverMs: number;
  /** Of serverMs: the part named by PART (the embedded database; workerd). */
  partMs: number;
  /** PostgreSQL's CPU for the deployments on the separate PostgreSQL. */
  postgresMs: number;
  loadGenMs: number;
  delivered: number;
  received: number;
  expected: number;
  endRss: number;
  endPss: number;
  endPartPss: number;
  /** The process tree by name when endRss was taken. */
  endTree: string;
  postgresRss: number;
}

export const emptyTally = (): Tally => ({
  latencies: [],
  serverMs: 0,
  partMs: 0,
  postgresMs: 0,
  loadGenMs: 0,
  delivered: 0,
  received: 0,
  expected: 0,
  endRss: 0,
  endPss: 0,
  endPartPss: 0,
  endTree: '',
  postgresRss: 0,
});

export type PerServer<T> = Partial<Record<ServerKey, T>>;
export const each = <S, T>(figures: PerServer<S>, f: (figure: S) => T): PerServer<T> =>
  Object.fromEntries(Object.entries(figures).map(([key, figure]) => [key, f(figure as S)])) as PerServer<T>;

/**
 * One load window on one server: CPU of its process tree (and of PostgreSQL for the deployments on the
 * separate PostgreSQL) and of the load generator from the first update sent until SETTLE_MS after the last
 * delivery; resident memory at the end of the load, before the settling.
 */
export async function measuredWindow(
  server: BenchServer,
  postgresTree: ProcessTree | null,
  tally: Tally,
  load: () => Promise<FanOutResult>,
): Promise<void> {
  const pg = server.key === 'postgres' || server.key === 'workers' ? postgresTree : null;
  const part = PART[server.key] ?? (() => false);
  const [server0, part0, pg0, gen0] = [server.tree.cpuMs(), server.tree.cpuMs(part), pg?.cpuMs() ?? 0, ownCpuMs()];
  const result = await load();
  const rss = server.tree.rssBytes();
  if (rss > tally.endRss) tally.endTree = server.tree.describe();
  tally.endRss = Math.max(tally.endRss, rss);
  tally.endPss = Math.max(tally.endPss, server.tree.pssBytes());
  tally.endPartPss = Math.max(tally.endPartPss, server.tree.pssBytes(part));
  tally.postgresRss = Math.max(tally.postgresRss, pg?.rssBytes() ?? 0);
  await sleep(SETTLE_MS);
  tally.serverMs += server.tree.cpuMs() - server0;
  tally.partMs += server.tree.cpuMs(part) - part0;
  tally.postgresMs += (pg?.cpuMs() ?? 0) - pg0;
  tally.loadGenMs += ownCpuMs() - gen0;
  tally.latencies.push(...result.latencies);
  tally.delivered += result.delivered;
  tally.received += result.received;
  tally.expected += result.expected;
}

/** The rows of one load scenario. */
export function reportLoad(label: string, tallies: PerServer<Tally>, targets: { cpu: number; p99: number }): void {
  for (const tally of Object.values(tallies)) tally.latencies.sort((a, b) => a - b);
  const perUpdate = (ms: (t: Tally) => number) => each(tallies, (t) => ms(t) / t.delivered);
  addRow(
    `${label}: server CPU per update`,
    'ms',
    perUpdate((t) => t.serverMs),
    { text: `≤ ${targets.cpu}× ref`, maxRatio: targets.cpu },
  );
  const parts: PerServer<Tally> = {};
  if (tallies.default && tallies.default.partMs > 0) parts.default = tallies.default;
  if (tallies.workers) parts.workers = tallies.workers;
  addRow(
    `${label}: … of which the embedded database (default) / workerd (Workers)`,
    'ms',
    each(parts, (t) => t.partMs / t.delivered),
  );
  const onPostgres: PerServer<Tally> = {};
  if (tallies.postgres) onPostgres.postgres = tallies.postgres;
  if (tallies.workers) onPostgres.workers = tallies.workers;
  addRow(
    `${label}: PostgreSQL's own CPU per update`,
    'ms',
    each(onPostgres, (t) => t.postgresMs / t.delivered),
  );
  addRow(
    `${label}: load generator CPU per update`,
    'ms',
    perUpdate((t) => t.loadGenMs),
  );
  addRow(
    `${label}: fan-out p50`,
    'ms',
    each(tallies, (t) => percentile(t.latencies, 50)),
  );
  addRow(
    `${label}: fan-out p99`,
    'ms',
    each(tallies, (t) => percentile(t.latencies, 99)),
    { text: `≤ ${targets.p99}× ref`, maxRatio: targets.p99 },
  );
  addRow(
    `${label}: delivered / expected`,
    '%',
    each(tallies, (t) => t.received / t.expected),
    { text: 'every update', min: 1 },
  );
}
