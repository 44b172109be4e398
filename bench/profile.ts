/**
 * `node --import tsx bench/profile.ts [seconds] [--http]`: where the default deployment's CPU goes
 * under the 50-editor load (or, with --http, under back-to-back GETs of the plan tab's section list
 * and of a section, one at a time, with 150 sections in the table). Starts server/runtime/node.ts (its own database in a temp DATA_DIR) under `--cpu-prof`, runs
 * 50 editors at 40 updates/s on one section, stops the server, and prints the functions with the most
 * self time, counting only the samples taken during the load (V8's profile clock and
 * process.hrtime are both CLOCK_MONOTONIC on Linux).
 */
import { spawn } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { setUpTafelwerk } from './http-load.ts';
import { closeAll, connectRooms, fanOut } from './scenarios.ts';
import { benchDataDir, ROOT, type BenchServer } from './servers.ts';
import { processTree } from './measure.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const http = process.argv.includes('--http');
/** 1 500 clients over 500 sections at 350 updates/s (the benchmark's spread load) instead of 50 editors on one. */
const many = process.argv.includes('--many');
const seconds = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 20);
const micros = () => Number(process.hrtime.bigint() / 1000n);

const dir = await benchDataDir();
const child = spawn(
  process.execPath,
  ['--cpu-prof', `--cpu-prof-dir=${join(dir, 'prof')}`, '--import', 'tsx', 'server/runtime/node.ts', '--dev-routes'],
  { cwd: ROOT, env: { ...process.env, PORT: '0', DATA_DIR: join(dir, 'data') }, stdio: ['ignore', 'pipe', 'pipe'] },
);
let output = '';
const url = await new Promise<string>((resolve, reject) => {
  const onData = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-16_384);
    const match = /Tafelwerk draait op (http:\/\/\S+)/.exec(output);
    if (match) resolve(match[1]!);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
});
const server: BenchServer = {
  key: 'default',
  name: 'profiled',
  protocol: 'y-websocket',
  tafelwerk: true,
  httpBase: url,
  wsBase: url.replace(/^http/, 'ws') + '/collab',
  pid: child.pid!,
  tree: processTree(child.pid!),
  stop: async () => undefined,
};
const setup = await setUpTafelwerk(url, http ? 150 : many ? 500 : 1);
const rooms = http ? [] : await connectRooms(server, setup.docNames, many ? 3 : 50, { cookie: setup.cookie });
const from = micros();
const cpu0 = server.tree.cpuMs();
const isDb = (comm: string) => comm === 'postgres';
const db0 = server.tree.cpuMs(isDb);
const result = http ? await getLoop() : await fanOut(rooms, many ? 350 : 40, seconds);
await new Promise((resolve) => setTimeout(resolve, 2500));
const to = micros();
const cpuMs = server.tree.cpuMs() - cpu0;
const dbMs = server.tree.cpuMs(isDb) - db0;

/** GETs one after the other for `seconds`; counts them as `delivered`. */
async function getLoop(): Promise<{ sent: number; delivered: number }> {
  const paths = [`/api/tables/${setup.tableId}/sections`, `/api/sections/${setup.sectionIds[0]}`];
  const until = performance.now() + seconds * 1000;
  let count = 0;
  while (performance.now() < until) {
    const response = await fetch(`${url}${paths[count++ % 2]}`, { headers: { cookie: setup.cookie } });
    await response.arrayBuffer();
  }
  return { sent: count, delivered: count };
}
await closeAll(rooms);
await new Promise<void>((resolve) => {
  child.once('exit', () => resolve());
  child.kill('SIGTERM');
});

const file = (await readdir(join(dir, 'prof'))).find((f) => f.endsWith('.cpuprofile'))!;
const profile = JSON.parse(await readFile(join(dir, 'prof', file), 'utf8')) as Profile;
await rm(dir, { recursive: true, force: true });

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map<string, number>();
let at = profile.startTime;
let total = 0;
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i]!;
  if (at < from || at > to) return;
  const frame = byId.get(id)!.callFrame;
  const where = frame.url ? `${relative(ROOT, frame.url.replace(/^file:\/\//, ''))}:${frame.lineNumber + 1}` : '';
  const name = `${frame.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
  const delta = profile.timeDeltas[i + 1] ?? 0;
  self.set(name, (self.get(name) ?? 0) + delta);
  total += delta;
});
const busy = [...self].filter(([name]) => name !== '(idle)').reduce((sum, [, us]) => sum + us, 0);
console.log(
  `${http ? `${result.sent} GETs` : `${result.sent} updates to ${many ? '1 500 clients in 500 sections' : '50 editors'}`} in ${seconds} s ` +
    `(${result.delivered} completed); server CPU ${cpuMs.toFixed(0)} ms ` +
    `(${(cpuMs / result.delivered).toFixed(2)} ms per ${http ? 'request' : 'update'}), of which its postgres processes ` +
    `${dbMs.toFixed(0)} ms; main thread busy ` +
    `${(busy / 1000).toFixed(0)} of ${(total / 1000).toFixed(0)} ms sampled.`,
);
const ranked = [...self].filter(([name]) => name !== '(idle)').sort((a, b) => b[1] - a[1]);
const line = (name: string, us: number) =>
  `${(us / 1000).toFixed(0).padStart(7)} ms  ${((100 * us) / busy).toFixed(1).padStart(5)} % of busy  ${name}`;
console.log('\nTop 15 functions by self time:');
for (const [name, us] of ranked.slice(0, Number(process.env.TOP ?? 15))) console.log(line(name, us));

/** Where a function lives: a package, our server, Node's internals, PGlite's WebAssembly, or native code. */
function area(name: string): string {
  if (name.startsWith('(')) return 'native (syscalls, GC, runtime)';
  const at = name.indexOf(' ');
  const where = at < 0 ? '' : name.slice(at + 1);
  if (where.startsWith('wasm:')) return 'PGlite (WebAssembly)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where)?.[1];
  if (pkg) return pkg;
  if (where.startsWith('node:')) return 'node internals';
  if (where.startsWith('server/') || where.startsWith('shared/')) return 'tafelwerk server';
  return where ? where : 'native (syscalls, GC, runtime)';
}
const areas = new Map<string, number>();
for (const [name, us] of ranked) areas.set(area(name), (areas.get(area(name)) ?? 0) + us);
console.log('\nBy area:');
for (const [name, us] of [...areas].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(line(name, us));
process.exit(0);
