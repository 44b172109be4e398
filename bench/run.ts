/**
 * `npm run bench`: drives simulated editors (real WebSockets, y-websocket protocol) against
 * Tafelwerk (auth + persistence on a real PostgreSQL) and, with the same load in the same run,
 * against the reference @y/websocket-server 0.1.1 (in memory, no auth); prints figures and ratios.
 */
import postgres from 'postgres';
import { openPostgres } from '../server/db/postgres.ts';
import { findPostgresBinDir, freePort, startPostgresCluster } from '../test/support/postgres-cluster.ts';
import { coldLoad } from './cold-load.ts';
import { burst, closeAll, connectRooms, fanOut } from './scenarios.ts';
import { startOurs, startReference, type BenchServer } from './servers.ts';

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

interface Row {
  metric: string;
  ours: number;
  reference: number | null;
  unit: string;
  target: string;
}
const rows: Row[] = [];
const fmt = (value: number | null, unit: string) =>
  value === null || Number.isNaN(value) ? '—' : `${value >= 100 ? value.toFixed(0) : value.toFixed(2)} ${unit}`;

function printTable(): void {
  const header = ['metric', 'tafelwerk', 'reference', 'ratio', 'target'];
  const lines = rows.map((r) => [
    r.metric,
    fmt(r.ours, r.unit),
    fmt(r.reference, r.unit),
    r.reference ? `${(r.ours / r.reference).toFixed(2)}×` : '—',
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
    for (const server of runs('memory') ? servers : []) {
      const before = server.rssBytes();
      const rooms = await connectRooms(server, names.slice(0, idleCount), 1, server === ours ? oursHeaders : {});
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const perSection = (server.rssBytes() - before) / idleCount / 1024;
      rows.push({
        metric: `memory per idle loaded section (${idleCount})`,
        ours: server === ours ? perSection : NaN,
        reference: null,
        unit: 'KB',
        target: '< 200 KB',
      });
      if (server === reference) rows[rows.length - 1] = { ...rows[rows.length - 2]!, reference: perSection };
      await closeAll(rooms);
    }
    if (runs('memory')) rows.splice(rows.length - 2, 1);

    // 50 editors on one section.
    const one = names[idleCount]!;
    const fan: Record<string, { p50: number; p99: number; ups: number }> = {};
    for (const server of runs('one-section') ? servers : []) {
      const rooms = await connectRooms(server, [`${one}`], 50, server === ours ? oursHeaders : {});
      const result = await fanOut(rooms, 40, SECONDS);
      const ups = await burst(rooms, quick ? 300 : 1000);
      fan[server.name] = { p50: result.p50, p99: result.p99, ups };
      await closeAll(rooms);
    }
    const a = fan[ours.name];
    const b = fan[reference.name];
    if (a && b) rows.push({ metric: '50 editors: fan-out p50', ours: a.p50, reference: b.p50, unit: 'ms', target: '' });
    if (a && b)
      rows.push({
        metric: '50 editors: fan-out p99',
        ours: a.p99,
        reference: b.p99,
        unit: 'ms',
        target: '≤ 1.5× reference',
      });
    if (a && b)
      rows.push({ metric: '50 editors: sustained updates/s', ours: a.ups, reference: b.ups, unit: '/s', target: '' });

    // 1 500 clients over 500 sections at 350 updates/s in total.
    const spread: Record<string, { p50: number; p99: number }> = {};
    const sectionCount = quick ? 100 : 500;
    for (const server of runs('many-sections') ? servers : []) {
      const docs = names.slice(idleCount + 1, idleCount + 1 + sectionCount);
      const rooms = await connectRooms(server, docs, 3, server === ours ? oursHeaders : {});
      spread[server.name] = await fanOut(rooms, 350, SECONDS);
      await closeAll(rooms);
    }
    const s1 = spread[ours.name];
    const s2 = spread[reference.name];
    if (s1 && s2)
      rows.push({
        metric: `${sectionCount * 3} clients / ${sectionCount} sections @350/s: p50`,
        ours: s1.p50,
        reference: s2.p50,
        unit: 'ms',
        target: '',
      });
    if (s1 && s2)
      rows.push({
        metric: `${sectionCount * 3} clients / ${sectionCount} sections @350/s: p99`,
        ours: s1.p99,
        reference: s2.p99,
        unit: 'ms',
        target: '< 5 ms',
      });

    // Cold load of long histories (the reference keeps nothing, so it has no figure here).
    for (const count of !runs('cold-load') ? [] : quick ? [10_000] : [10_000, 100_000]) {
      const { raw, compacted } = await coldLoad(db, count, count <= 10_000);
      if (raw !== null) {
        rows.push({
          metric: `cold load, ${count} updates, raw log`,
          ours: raw,
          reference: null,
          unit: 'ms',
          target: '',
        });
      }
      rows.push({
        metric: `cold load, ${count} updates, compacted`,
        ours: compacted,
        reference: null,
        unit: 'ms',
        target: count === 100_000 ? '< 200 ms' : '',
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
