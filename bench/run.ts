/**
 * `npm run bench`: drives simulated editors (real WebSockets, y-websocket protocol) against
 * Tafelwerk (auth + persistence on a real PostgreSQL) and, with the same load in the same run,
 * against the reference @y/websocket-server 0.1.1 (in memory, no auth) and against Hocuspocus 4 with
 * its own provider (bench/hocuspocus-*.ts; in memory, no extensions, no auth); prints figures and ratios.
 */
import postgres from 'postgres';
import { openPostgres } from '../server/db/postgres.ts';
import { findPostgresBinDir, freePort, startPostgresCluster } from '../test/support/postgres-cluster.ts';
import { coldLoad } from './cold-load.ts';
import { burst, closeAll, connectRooms, fanOut, percentile } from './scenarios.ts';
import { startHocuspocus, startOurs, startReference, type BenchServer } from './servers.ts';

const quick = process.argv.includes('--quick');
const SECONDS = quick ? 3 : 10;
const SCENARIOS = ['memory', 'one-section', 'many-sections', 'cold-load'] as const;
// `--only many-sections,cold-load` runs a subset (for iterating on one figure).
const onlyArg = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const only = new Set(onlyArg ? onlyArg.split(',') : SCENARIOS);
for (const name of only) {
  if (!(SCENARIOS as readonly string[]).includes(name))
    throw new Error(`unknown scenario ${name}: ${SCENARIOS.join(', ')}`);
}
const runs = (scenario: (typeof SCENARIOS)[number]) => only.has(scenario);

type Peer = 'ours' | 'reference' | 'hocuspocus';
interface Row {
  metric: string;
  ours: number;
  reference: number | null;
  hocuspocus: number | null;
  unit: string;
  target: string;
}
const rows: Row[] = [];
const fmt = (value: number | null, unit: string) =>
  value === null || Number.isNaN(value) ? '—' : `${value >= 100 ? value.toFixed(0) : value.toFixed(2)} ${unit}`;
const ratio = (ours: number, peer: number | null) => (peer ? `${(ours / peer).toFixed(2)}×` : '—');

/** One row from the figures of the peers that ran (a scenario runs on all of them or is skipped). */
function addRow(metric: string, unit: string, target: string, figures: Partial<Record<Peer, number>>): void {
  if (figures.ours === undefined) return;
  rows.push({
    metric,
    ours: figures.ours,
    reference: figures.reference ?? null,
    hocuspocus: figures.hocuspocus ?? null,
    unit,
    target,
  });
}

function printTable(): void {
  const header = ['metric', 'tafelwerk', 'reference', 'ratio', 'hocuspocus 4', 'ratio (hp)', 'target'];
  const lines = rows.map((r) => [
    r.metric,
    fmt(r.ours, r.unit),
    fmt(r.reference, r.unit),
    ratio(r.ours, r.reference),
    fmt(r.hocuspocus, r.unit),
    ratio(r.ours, r.hocuspocus),
    r.target,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\n${line(header)}\n| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const l of lines) console.log(line(l));
}

async function main(): Promise<void> {
  const binDir = findPostgresBinDir();
  if (!binDir) throw new Error('the benchmark needs PostgreSQL server binaries (apt-get install postgresql)');
  const cluster = await startPostgresCluster(binDir);
  const admin = postgres(cluster.adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe('create database bench');
  await admin.end();
  const databaseUrl = cluster.adminUrl.replace(/\/postgres$/, '/bench');
  const servers: BenchServer[] = [];
  const db = openPostgres(databaseUrl, { max: 4 });
  // An interrupted run must not leave its servers and PostgreSQL behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void Promise.allSettled([...servers.map((s) => s.stop()), cluster.stop()]).then(() => process.exit(130));
    });
  }
  try {
    const ours = await startOurs(databaseUrl);
    servers.push(ours);
    const reference = await startReference(await freePort());
    servers.push(reference);
    const hocuspocus = await startHocuspocus(await freePort());
    servers.push(hocuspocus);
    const peers: [Peer, BenchServer][] = [
      ['ours', ours],
      ['reference', reference],
      ['hocuspocus', hocuspocus],
    ];

    const login = await fetch(`${ours.httpBase}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'beleid@alkmaar.demo', password: 'demo-tafelwerk' }),
    });
    const cookie = login.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const [plan] = await db.query<{ id: string; table_id: string }>('select id, table_id from plans limit 1');
    const sections = await db.query<{ id: string }>(
      `insert into sections (plan_id, table_id, title, position, created_at)
       select $1, $2, 'Bench ' || n, 100 + n, now() from generate_series(1, 800) as n returning id`,
      [plan!.id, plan!.table_id],
    );
    const names = sections.map((s) => `section:${s.id}`);
    const oursHeaders = { cookie };

    // Memory per idle loaded section: one idle connection each to 200 fresh documents.
    const idleCount = quick ? 50 : 200;
    const memory: Partial<Record<Peer, number>> = {};
    for (const [peer, server] of runs('memory') ? peers : []) {
      const before = server.rssBytes();
      const rooms = await connectRooms(server, names.slice(0, idleCount), 1, server === ours ? oursHeaders : {});
      await new Promise((resolve) => setTimeout(resolve, 1500));
      memory[peer] = (server.rssBytes() - before) / idleCount / 1024;
      await closeAll(rooms);
    }
    addRow(`memory per idle loaded section (${idleCount})`, 'KB', '< 200 KB', memory);

    // 50 editors on one section. A p99 of one 10-second run rests on its 4 slowest of 400 deliveries, so
    // the peers take turns for several runs (ours, reference, Hocuspocus, ours, …) and the latencies of
    // each peer's runs are pooled: drifts of the machine then fall on all peers alike.
    const one = names[idleCount]!;
    const fan: Record<'p50' | 'p99' | 'ups', Partial<Record<Peer, number>>> = { p50: {}, p99: {}, ups: {} };
    const pooled: Partial<Record<Peer, number[]>> = {};
    const upsRuns: Partial<Record<Peer, number[]>> = {};
    const turns = quick ? 1 : 3;
    for (let turn = 0; turn < turns; turn++) {
      for (const [peer, server] of runs('one-section') ? peers : []) {
        const rooms = await connectRooms(server, [`${one}`], 50, server === ours ? oursHeaders : {});
        const result = await fanOut(rooms, 40, SECONDS);
        (pooled[peer] ??= []).push(...result.latencies);
        (upsRuns[peer] ??= []).push(await burst(rooms, quick ? 300 : 1000));
        await closeAll(rooms);
      }
    }
    for (const [peer, latencies] of Object.entries(pooled) as Array<[Peer, number[]]>) {
      latencies.sort((a, b) => a - b);
      fan.p50[peer] = percentile(latencies, 50);
      fan.p99[peer] = percentile(latencies, 99);
      const ups = upsRuns[peer]!;
      fan.ups[peer] = ups.reduce((sum, value) => sum + value, 0) / ups.length;
    }
    addRow(`50 editors: fan-out p50${turns > 1 ? ` (${turns} runs pooled)` : ''}`, 'ms', '', fan.p50);
    addRow(`50 editors: fan-out p99${turns > 1 ? ` (${turns} runs pooled)` : ''}`, 'ms', '≤ 1.5× reference', fan.p99);
    addRow('50 editors: sustained updates/s', '/s', '', fan.ups);

    // 1 500 clients over 500 sections at 350 updates/s in total.
    const spread: Record<'p50' | 'p99', Partial<Record<Peer, number>>> = { p50: {}, p99: {} };
    const sectionCount = quick ? 100 : 500;
    for (const [peer, server] of runs('many-sections') ? peers : []) {
      const docs = names.slice(idleCount + 1, idleCount + 1 + sectionCount);
      const rooms = await connectRooms(server, docs, 3, server === ours ? oursHeaders : {});
      const result = await fanOut(rooms, 350, SECONDS);
      spread.p50[peer] = result.p50;
      spread.p99[peer] = result.p99;
      await closeAll(rooms);
    }
    addRow(`${sectionCount * 3} clients / ${sectionCount} sections @350/s: p50`, 'ms', '', spread.p50);
    addRow(`${sectionCount * 3} clients / ${sectionCount} sections @350/s: p99`, 'ms', '< 5 ms', spread.p99);

    // Cold load of long histories (neither peer keeps anything, so they have no figure here).
    for (const count of !runs('cold-load') ? [] : quick ? [10_000] : [10_000, 100_000]) {
      const { raw, compacted } = await coldLoad(db, count, count <= 10_000);
      if (raw !== null) {
        addRow(`cold load, ${count} updates, raw log`, 'ms', '', { ours: raw });
      }
      addRow(`cold load, ${count} updates, compacted`, 'ms', count === 100_000 ? '< 200 ms' : '', {
        ours: compacted,
      });
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await db.close();
    await cluster.stop();
  }
  printTable();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
