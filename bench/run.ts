/**
 * `npm run bench`: drives simulated editors (real WebSockets) against Tafelwerk as users run it
 * (`npm start` with its own DATA_DIR: the default deployment, whose database the app runs itself), on a
 * throwaway PostgreSQL (DATABASE_URL), and as the Workers deployment in workerd (`npm run dev:worker` on
 * the same PostgreSQL), and with the same load in the same run against the reference
 * @y/websocket-server 0.1.1 and Hocuspocus 4.7 (both in memory, no auth). For each server it prints
 * the CPU time of its whole process tree per delivered update, resident memory, fan-out latency and
 * delivery ratio; for Tafelwerk also HTTP latency under load and cold-load times. Servers take turns
 * in every scenario, so that drifts of the machine fall on all alike.
 *
 * `--quick` for a short run; `--only=memory,one-section,many-sections,http,cold-load` for a subset.
 */
import postgres from 'postgres';
import { findPostgresBinDir, freePort, startPostgresCluster } from '../test/support/postgres-cluster.ts';
import { COLD_OPENS, coldLoadRows, coldOpenRows } from './cold-load.ts';
import { httpLoad, login, setUpTafelwerk, type HttpResult } from './http-load.ts';
import { each, emptyTally, measuredWindow, reportLoad, type PerServer, type Tally } from './load-window.ts';
import { findPostmaster, machineLine, processTree } from './measure.ts';
import { addNote, addRow, nameColumn, printReport } from './report.ts';
import type { BenchClient } from './load-client.ts';
import { burst, closeAll, connectRooms, fanOut, percentile } from './scenarios.ts';
import { startHocuspocus, startReference, startTafelwerk, startWorkers, type BenchServer } from './servers.ts';

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
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MB = 1024 * 1024;

async function main(): Promise<void> {
  const binDir = findPostgresBinDir();
  if (!binDir) throw new Error('the benchmark needs PostgreSQL server binaries (apt-get install postgresql)');
  // Locally each busy document's object holds its own connection (on Cloudflare, Hyperdrive pools them).
  const cluster = await startPostgresCluster(binDir, { maxConnections: 1000 });
  const admin = postgres(cluster.adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe('create database bench');
  await admin.unsafe('create database bench_workers');
  await admin.end();
  const databaseUrl = cluster.adminUrl.replace(/\/postgres$/, '/bench');
  const workersUrl = cluster.adminUrl.replace(/\/postgres$/, '/bench_workers');
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
    servers.push(await startWorkers(workersUrl, await freePort()));
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
    const idleWorkerd = servers.find((s) => s.key === 'workers')?.tree.pssBytes((comm) => comm === 'workerd');
    const idleTrees = servers.map((s) => `${s.name}: ${s.tree.describe()}`).join('; ');
    const postgresIdle = postgresTree ? [postgresTree.rssBytes() / MB, postgresTree.pssBytes() / MB] : null;

    const needed = runs('memory') || runs('one-section') || runs('many-sections') || runs('http');
    const sectionTotal = needed ? IDLE_COUNT + 1 + SECTION_COUNT : 0;
    const coldCounts = quick ? [10_000] : [10_000, 100_000];
    const coldDocs = runs('cold-load') ? coldCounts.length * COLD_OPENS : 0;
    const names: PerServer<string[]> = {};
    const headers: PerServer<Record<string, string>> = {};
    const overview: PerServer<{ tableId: string; sectionIds: string[] }> = {};
    for (const server of tafelwerk) {
      const setup = await setUpTafelwerk(server.httpBase, sectionTotal + coldDocs);
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
    if (idleWorkerd !== undefined) {
      addRow('… of which workerd (PSS; the rest is wrangler dev)', 'MB', { workers: idleWorkerd / MB });
    }
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
        if (tallies.workers) {
          addRow('… of which workerd (PSS; the rest is wrangler dev)', 'MB', {
            workers: tallies.workers.endPartPss / MB,
          });
        }
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
          if (result.failures > 0) {
            const kinds = Object.entries(result.failedWith).map(([why, count]) => `${why} ×${count}`);
            addNote(`${key}: ${result.failures} HTTP requests failed (${kinds.join(', ')})`);
          }
        }
      }
    }

    if (runs('cold-load')) {
      await coldLoadRows(databaseUrl, coldCounts, cleanups);
      const onPostgres = servers.filter((s) => s.key === 'postgres' || s.key === 'workers');
      await coldOpenRows(
        onPostgres.map((server) => ({
          server,
          databaseUrl: server.key === 'workers' ? workersUrl : databaseUrl,
          docNames: names[server.key]!.slice(sectionTotal),
          headers: headers[server.key]!,
        })),
        coldCounts,
      );
    }
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
