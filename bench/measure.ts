/**
 * What the operating system says about a server: CPU time and resident memory of a process and every
 * descendant it runs (`npm start` is npm → sh → node; PostgreSQL is a postmaster with a backend per
 * connection), read from /proc. Linux only, as is the benchmark.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

/** Clock ticks per second, the unit of the CPU times in /proc/<pid>/stat. */
export const CLK_TCK = (() => {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const ticks = Number(out.stdout?.trim());
  return out.status === 0 && ticks > 0 ? ticks : 100;
})();

interface Stat {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime + cutime + cstime: the process's own CPU and that of its reaped children. */
  ticks: number;
}

function readStat(pid: number): Stat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // gone meanwhile
  }
  // The command name (field 2) is in parentheses and may contain spaces: fields follow the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); ppid is field 4, utime..cstime are fields 14..17.
  const num = (field: number) => Number(fields[field - 3]);
  const comm = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
  return { pid, ppid: num(4), comm, ticks: num(14) + num(15) + num(16) + num(17) };
}

function allStats(): Stat[] {
  const stats: Stat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) stats.push(stat);
  }
  return stats;
}

/** The process and all its living descendants. */
function tree(rootPid: number): Stat[] {
  const stats = allStats();
  const children = new Map<number, Stat[]>();
  for (const stat of stats) {
    const list = children.get(stat.ppid);
    if (list) list.push(stat);
    else children.set(stat.ppid, [stat]);
  }
  const root = stats.find((s) => s.pid === rootPid);
  if (!root) return [];
  const found: Stat[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const next = queue.pop()!;
    found.push(next);
    queue.push(...(children.get(next.pid) ?? []));
  }
  return found;
}

function rssKb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Proportional set size: resident memory with each shared page split among the processes sharing it. */
function pssKb(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** CPU and memory of one process tree. */
export interface ProcessTree {
  /** CPU time of the tree so far, in ms (living processes plus the children they reaped), or of its processes whose name matches. */
  cpuMs(match?: (comm: string) => boolean): number;
  /** Resident memory (VmRSS) summed over the tree, in bytes (shared pages count once per process). */
  rssBytes(): number;
  /** The same with shared pages split (PSS): what the tree costs the machine, shared memory once; or of its processes whose name matches. */
  pssBytes(match?: (comm: string) => boolean): number;
  /** How many processes the tree has now. */
  size(): number;
  /** The tree's processes by name with their summed VmRSS and PSS, e.g. `npm start 62 MB (PSS 58), MainThread 148 MB (PSS 140)`. */
  describe(): string;
}

export function processTree(rootPid: number): ProcessTree {
  return {
    cpuMs: (match) =>
      (tree(rootPid)
        .filter((s) => !match || match(s.comm))
        .reduce((sum, s) => sum + s.ticks, 0) *
        1000) /
      CLK_TCK,
    rssBytes: () => tree(rootPid).reduce((sum, s) => sum + rssKb(s.pid), 0) * 1024,
    pssBytes: (match) =>
      tree(rootPid)
        .filter((s) => !match || match(s.comm))
        .reduce((sum, s) => sum + pssKb(s.pid), 0) * 1024,
    size: () => tree(rootPid).length,
    describe: () => {
      const byName = new Map<string, { count: number; kb: number; pss: number }>();
      for (const s of tree(rootPid)) {
        const entry = byName.get(s.comm) ?? { count: 0, kb: 0, pss: 0 };
        byName.set(s.comm, { count: entry.count + 1, kb: entry.kb + rssKb(s.pid), pss: entry.pss + pssKb(s.pid) });
      }
      const mb = (kb: number) => (kb / 1024).toFixed(0);
      return [...byName]
        .map(([name, { count, kb, pss }]) => `${name}${count > 1 ? ` ×${count}` : ''} ${mb(kb)} MB (PSS ${mb(pss)})`)
        .join(', ');
    },
  };
}

/** The postmaster listening on `port` (its command line names the port), or null. */
export function findPostmaster(port: number): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    const portAt = args.indexOf('-p');
    if (args[0]?.endsWith('/postgres') && portAt > 0 && args[portAt + 1] === String(port)) return Number(entry);
  }
  return null;
}

/** CPU time of this process (the load generator), in ms. */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** One line on the machine, for the report. */
export function machineLine(): string {
  const model = cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  const nproc = spawnSync('nproc', { encoding: 'utf8' }).stdout?.trim() || String(cpus().length);
  const gib = (totalmem() / 1024 ** 3).toFixed(0);
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  return `Machine: nproc ${nproc} (${model}), ${gib} GiB memory, Node ${process.version}; ${date} UTC`;
}
