/**
 * `npm run bench`: drives simulated editors (real WebSockets) against Tafelwerk as users run it
 * (`npm start` with its own DATA_DIR: the default deployment, whose database the app runs itself) and on a
 * throwaway PostgreSQL (DATABASE_URL), and with the same load in the same run against the reference
 * @y/websocket-server 0.1.1 and Hocuspocus 4.7 (both in memory, no auth). For each server it prints
 * the CPU time of its whole process tree per delivered update, resident memory, fan-out latency and
 * delivery ratio; for Tafelwerk also HTTP latency under load and cold-load times. Servers take turns
 * in every scenario, so that drifts of the machine fall on all alike.
 *
 * `--quick` for a short run; `--only=memory,one-section,many-sections,http,cold-load` for a subset.
 */
import postgres from 'postgres';
import { findPostgresBinDir, freePort, startPostgresCluster } from '../test/support/postgres-cluster.ts';
import { coldLoadRows } from './cold-load.ts';
import { httpLoad, login, setUpTafelwerk, type HttpResult } from './http-load.ts';
import { findPostmaster, machineLine, ownCpuMs, processTree, type ProcessTree } from './measure.ts';
import { addNote, addRow, nameColumn, printReport } from './report.ts';
import type { BenchClient } from './load-client.ts';
import { burst, closeAll, connectRooms, fanOut, percentile, type FanOutResult } from './scenarios.ts';
import { startHocuspocus, startReference, startTafelwerk, type BenchServer, type ServerKey } from './servers.ts';

const quick = process.argv.includes('--quick');
const SECONDS = quick ? 3 : 10;
const SCENARIOS = ['memory', 'one-section', 'many-sections', 'http', 'cold-load'] as const;
const onlyArg = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const only = new Set(onlyArg ? onlyArg.split(',') : SCENARIOS);
for (const name of only) {
  if (!(SCENARIOS as readonly string[]).includes(name))
    throw new Error(`unknown scenario ${name}: ${SCENARIOS.join(', ')}`);
}
const runs = (scenario: (typeof SCENARIOS)[number]) => only.has(scenario);

const IDLE_COUNT = quick ? 50 : 200;
const SECTION_COUNT = quick ? 100 : 500;
const EDITORS = 50;
const EDITOR_RATE = 40;
const SPREAD_RATE = 350;
const HTTP_RATE = 200;
/**
 * After the last delivery the CPU window stays open this long for every server alike: Tafelwerk
 * stores updates in 100 ms windows and renders derived content after 2 s of quiet, work the load causes.
 */
const SETTLE_MS = 2500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MB = 1024 * 1024;
/** The processes of a database: PostgreSQL's postmaster and backends name themselves `postgres`. */
const isDb = (comm: string) => comm === 'postgres';

/** What one server's turns of a load scenario add up to. */
interface Tally {
  latencies: number[];
  serverMs: number;
  /** Of serverMs: the database processes the server runs itself (a postgres child of the default deployment). */
  childDbMs: number;
  postgresMs: number;
  loadGenMs: number;
  delivered: number;
  received: number;
  expected: number;
  endRss: number;
  endPss: number;
  /** The process tree by name when endRss was taken. */
  endTree: string;
  postgresRss: number;
}
const emptyTally = (): Tally => ({
  latencies: [],
  serverMs: 0,
  childDbMs: 0,
  postgresMs: 0,
  loadGenMs: 0,
  delivered: 0,
  received: 0,
  expected: 0,
  endRss: 0,
  endPss: 0,
  endTree: '',
  postgresRss: 0,
});

type PerServer<T> = Partial<Record<ServerKey, T>>;
const each = <S, T>(figures: PerServer<S>, f: (figure: S) => T): PerServer<T> =>
  Object.fromEntries(Object.entries(figures).map(([key, figure]) => [key, f(figure as S)])) as PerServer<T>;

/**
 * One load window on one server: CPU of its process tree (and of PostgreSQL for the PostgreSQL
 * deployment) and of the load generator from the first update sent until SETTLE_MS after the last
 * delivery; resident memory at the end of the load, before the settling.
 */
async function measuredWindow(
  server: BenchServer,
  postgresTree: ProcessTree | null,
  tally: Tally,
  load: () => Promise<FanOutResult>,
): Promise<void> {
  const pg = server.key === 'postgres' ? postgresTree : null;
  const [server0, db0, pg0, gen0] = [server.tree.cpuMs(), server.tree.cpuMs(isDb), pg?.cpuMs() ?? 0, ownCpuMs()];
  const result = await load();
  const rss = server.tree.rssBytes();
  if (rss > tally.endRss) tally.endTree = server.tree.describe();
  tally.endRss = Math.max(tally.endRss, rss);
  tally.endPss = Math.max(tally.endPss, server.tree.pssBytes());
  tally.postgresRss = Math.max(tally.postgresRss, pg?.rssBytes() ?? 0);
  await sleep(SETTLE_MS);
  tally.serverMs += server.tree.cpuMs() - server0;
  tally.childDbMs += server.tree.cpuMs(isDb) - db0;
  tally.postgresMs += (pg?.cpuMs() ?? 0) - pg0;
  tally.loadGenMs += ownCpuMs() - gen0;
  tally.latencies.push(...result.latencies);
  tally.delivered += result.delivered;
  tally.received += result.received;
  tally.expected += result.expected;
}

/** The rows of one load scenario. */
function reportLoad(label: string, tallies: PerServer<Tally>, targets: { cpu: number; p99: number }): void {
  for (const tally of Object.values(tallies)) tally.latencies.sort((a, b) => a - b);
  const perUpdate = (ms: (t: Tally) => number) => each(tallies, (t) => ms(t) / t.delivered);
  const cpuTarget = `≤ ${targets.cpu}× ref`;
  addRow(
    `${label}: server CPU per update`,
    'ms',
    perUpdate((t) => t.serverMs),
    {
      text: cpuTarget,
      maxRatio: targets.cpu,
    },
  );
  if (tallies.default && tallies.default.childDbMs > 0) {
    addRow(`${label}: … of which its database processes`, 'ms', {
      default: tallies.default.childDbMs / tallies.default.delivered,
    });
  }
  if (tallies.postgres) {
    addRow(`${label}: PostgreSQL's own CPU per update`, 'ms', {
      postgres: tallies.postgres.postgresMs / tallies.postgres.delivered,
    });
  }
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
    {
      text: `≤ ${targets.p99}× ref`,
      maxRatio: targets.p99,
    },
  );
  addRow(
    `${label}: delivered / expected`,
    '%',
    each(tallies, (t) => t.received / t.expected),
    {
      text: 'every update',
      min: 1,
    },
  );
}

async function main(): Promise<void> {
  const binDir = findPostgresBinDir();
  if (!binDir) throw new Error('the benchmark needs PostgreSQL server binaries (apt-get install postgresql)');
  const cluster = await startPostgresCluster(binDir);
  const admin = postgres(cluster.adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe('create database bench');
  await admin.end();
  const databaseUrl = cluster.adminUrl.replace(/\/postgres$/, '/bench');
  const postmaster = findPostmaster(Number(new URL(cluster.adminUrl).port));
  const postgresTree = postmaster ? processTree(postmaster) : null;
  const servers: BenchServer[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  // An interrupted run must not leave its servers and PostgreSQL behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void Promise.allSettled([...servers.map((s) => s.stop()), cluster.stop()]).then(() => process.exit(130));
    });
  }
  try {
    // One after the other: each `npm start` builds the client into the same directory first.
    servers.push(await startTafelwerk());
    servers.push(await startTafelwerk(databaseUrl));
    servers.push(await startReference(await freePort()));
    servers.push(await startHocuspocus(await freePort()));
    const tafelwerk = servers.filter((s) => s.tafelwerk);
    nameColumn('default', `default (${servers[0]!.database ?? 'npm start'})`);

    // Idle as a deployment sits between meetings: started, someone logged in, nothing going on for a
    // while (long enough for the embedded database's pool to let go of connections a burst opened).
    // Measured before the benchmark's own set-up creates hundreds of sections.
    for (const server of tafelwerk) await login(server.httpBase, 'beleid@alkmaar.demo');
    await sleep(quick ? 3_000 : 15_000);
    const idle: PerServer<number> = {};
    const idlePss: PerServer<number> = {};
    for (const server of servers) {
      idle[server.key] = server.tree.rssBytes() / MB;
      idlePss[server.key] = server.tree.pssBytes() / MB;
    }
    const idleTrees = servers.map((s) => `${s.name}: ${s.tree.describe()}`).join('; ');
    const postgresIdle = postgresTree ? [postgresTree.rssBytes() / MB, postgresTree.pssBytes() / MB] : null;

    const needed = runs('memory') || runs('one-section') || runs('many-sections') || runs('http');
    const sectionTotal = needed ? IDLE_COUNT + 1 + SECTION_COUNT : 0;
    const names: PerServer<string[]> = {};
    const headers: PerServer<Record<string, string>> = {};
    const overview: PerServer<{ tableId: string; sectionIds: string[] }> = {};
    for (const server of tafelwerk) {
      const setup = await setUpTafelwerk(server.httpBase, sectionTotal);
      names[server.key] = setup.docNames;
      headers[server.key] = { cookie: setup.cookie };
      overview[server.key] = setup;
    }
    // The bare servers take any name: they get the default deployment's.
    for (const server of servers) names[server.key] ??= names.default!;
    await sleep(1500);
    addRow('resident memory idle, after start + login (process tree)', 'MB', idle, {
      text: '≤ 250 MB (default)',
      max: 250,
      applies: ['default'],
    });
    addRow('… the same as PSS (shared pages split among processes)', 'MB', idlePss);
    addNote(`idle process trees: ${idleTrees}`);
    if (postgresIdle) {
      const [rss, pss] = postgresIdle as [number, number];
      addNote(`the separate PostgreSQL idle, all its processes: VmRSS ${rss.toFixed(0)} MB, PSS ${pss.toFixed(0)} MB`);
    }

    // Memory per idle loaded section: one idle connection each to fresh documents.
    if (runs('memory')) {
      const memory: PerServer<number> = {};
      for (const server of servers) {
        const before = server.tree.rssBytes();
        const docs = names[server.key]!.slice(0, IDLE_COUNT);
        const rooms = await connectRooms(server, docs, 1, headers[server.key] ?? {});
        await sleep(1500);
        memory[server.key] = (server.tree.rssBytes() - before) / IDLE_COUNT / 1024;
        await closeAll(rooms);
      }
      addRow(`memory per idle loaded section (${IDLE_COUNT})`, 'KB', memory, { text: '< 200 KB', max: 200 });
    }

    // 50 editors on one section, turns over the servers; latencies and CPU of each server's runs pooled.
    if (runs('one-section')) {
      const turns = quick ? 1 : 3;
      const tallies: PerServer<Tally> = {};
      const ups: PerServer<number[]> = {};
      for (let turn = 0; turn < turns; turn++) {
        for (const server of servers) {
          const doc = names[server.key]![IDLE_COUNT]!;
          const rooms = await connectRooms(server, [doc], EDITORS, headers[server.key] ?? {});
          const tally = (tallies[server.key] ??= emptyTally());
          await measuredWindow(server, postgresTree, tally, () => fanOut(rooms, EDITOR_RATE, SECONDS));
          (ups[server.key] ??= []).push(await burst(rooms, quick ? 300 : 1000));
          await closeAll(rooms);
        }
      }
      reportLoad(`${EDITORS} editors @${EDITOR_RATE}/s${turns > 1 ? ` (${turns} runs)` : ''}`, tallies, {
        cpu: 1.3,
        p99: 1.3,
      });
      const mean = (list: number[]) => list.reduce((sum, v) => sum + v, 0) / list.length;
      addRow(`${EDITORS} editors: sustained updates/s (burst)`, '/s', each(ups, mean));
    }

    // 1 500 clients over 500 sections at 350 updates/s; for Tafelwerk then again with HTTP GETs beside.
    if (runs('many-sections') || runs('http')) {
      const turns = quick || !runs('many-sections') ? 1 : 2;
      const tallies: PerServer<Tally> = {};
      const http: PerServer<HttpResult & { fan: number[] }> = {};
      for (let turn = 0; turn < turns; turn++) {
        for (const server of runs('many-sections') ? servers : tafelwerk) {
          const docs = names[server.key]!.slice(IDLE_COUNT + 1, IDLE_COUNT + 1 + SECTION_COUNT);
          const rooms = await connectRooms(server, docs, 3, headers[server.key] ?? {});
          if (runs('many-sections')) {
            const tally = (tallies[server.key] ??= emptyTally());
            await measuredWindow(server, postgresTree, tally, () => fanOut(rooms, SPREAD_RATE, SECONDS));
          }
          if (runs('http') && server.tafelwerk && turn === turns - 1) {
            http[server.key] = await httpWindow(server, rooms, overview[server.key]!, headers[server.key]!.cookie!);
          }
          await closeAll(rooms);
        }
      }
      const label = `${SECTION_COUNT * 3} clients / ${SECTION_COUNT} sections @${SPREAD_RATE}/s`;
      if (runs('many-sections')) {
        reportLoad(`${label}${turns > 1 ? ` (${turns} runs)` : ''}`, tallies, { cpu: 1.5, p99: 1.5 });
        addRow(
          `${label}: resident memory at end of load`,
          'MB',
          each(tallies, (t) => t.endRss / MB),
          {
            text: '≤ 2× ref',
            maxRatio: 2,
          },
        );
        addRow(
          '… the same as PSS',
          'MB',
          each(tallies, (t) => t.endPss / MB),
        );
        addNote(
          `process trees at the end of the load: ${servers
            .filter((s) => tallies[s.key])
            .map((s) => `${s.name}: ${tallies[s.key]!.endTree}`)
            .join('; ')}`,
        );
        if (tallies.postgres) {
          addRow(`${label}: PostgreSQL's own resident memory`, 'MB', { postgres: tallies.postgres.postgresRss / MB });
        }
      }
      if (runs('http')) {
        const sectionsInTable = sectionTotal;
        const rate = `@${HTTP_RATE / 2}/s`;
        const target = { text: '< 20 ms', max: 20 };
        const p99 = (route: string) => each(http, (h) => percentile(h.latencies[route]!, 99));
        addRow(
          `HTTP under ${SECTION_COUNT * 3} clients: GET /api/tables/:id/sections (${sectionsInTable}+ sections) ${rate} p99`,
          'ms',
          p99('overview'),
          target,
        );
        addRow(
          `HTTP under ${SECTION_COUNT * 3} clients: GET /api/sections/:id ${rate} p99`,
          'ms',
          p99('section'),
          target,
        );
        addRow(
          `HTTP under ${SECTION_COUNT * 3} clients: answered (${HTTP_RATE} sent/s)`,
          '/s',
          each(http, (h) => h.answeredPerSecond),
        );
        addRow(
          `${label} beside the HTTP load: fan-out p99`,
          'ms',
          each(http, (h) => percentile(h.fan, 99)),
        );
        for (const [key, result] of Object.entries(http)) {
          if (result.failures > 0) addNote(`${key}: ${result.failures} HTTP requests failed`);
        }
      }
    }

    if (runs('cold-load')) await coldLoadRows(databaseUrl, quick ? [10_000] : [10_000, 100_000], cleanups);
  } finally {
    await Promise.allSettled(servers.map((s) => s.stop()));
    for (const cleanup of cleanups) await cleanup();
    await cluster.stop();
  }
  printReport(`${machineLine()}${quick ? ' (--quick)' : ''}`);
}

/** The plan tab's overview and a section's detail, half the rate each, while the editors type. */
async function httpWindow(
  server: BenchServer,
  rooms: BenchClient[][],
  setup: { tableId: string; sectionIds: string[] },
  cookie: string,
): Promise<HttpResult & { fan: number[] }> {
  const pick = () => setup.sectionIds[Math.floor(Math.random() * setup.sectionIds.length)]!;
  const routes = [
    { label: 'overview', path: () => `/api/tables/${setup.tableId}/sections` },
    { label: 'section', path: () => `/api/sections/${pick()}` },
  ];
  const [fan, result] = await Promise.all([
    fanOut(rooms, SPREAD_RATE, SECONDS),
    httpLoad(server.httpBase, cookie, routes, HTTP_RATE, SECONDS),
  ]);
  return { ...result, fan: fan.latencies };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
