import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
const NODE = process.execPath;

export interface BenchServer {
  name: string;
  /** Which wire protocol, and so which load client, the server speaks. */
  protocol: 'y-websocket' | 'hocuspocus';
  wsBase: string;
  httpBase: string;
  pid: number;
  rssBytes(): number;
  stop(): Promise<void>;
}

function waitForLine(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${what} exited with ${code}:\n${output}`)));
  });
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return Number(kb ?? 0) * 1024;
}

function wrap(
  name: string,
  protocol: BenchServer['protocol'],
  child: ChildProcess,
  httpBase: string,
  wsBase: string,
): BenchServer {
  return {
    name,
    protocol,
    httpBase,
    wsBase,
    pid: child.pid!,
    rssBytes: () => rssOf(child.pid!),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** Tafelwerk itself, as `npm start` runs it, on a real PostgreSQL. */
export async function startOurs(databaseUrl: string): Promise<BenchServer> {
  const child = spawn(NODE, ['--import', 'tsx', join(ROOT, 'server/runtime/node.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATABASE_URL: databaseUrl, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const match = await waitForLine(child, /draait op (http:\/\/\S+)/, 'tafelwerk');
  const httpBase = match[1]!;
  return wrap('tafelwerk', 'y-websocket', child, httpBase, httpBase.replace(/^http/, 'ws') + '/collab');
}

/** The reference: @y/websocket-server 0.1.1, in memory, no auth. */
export async function startReference(port: number): Promise<BenchServer> {
  const child = spawn(NODE, [join(ROOT, 'node_modules/@y/websocket-server/src/server.js')], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await waitForLine(child, /running at/, 'reference');
  return wrap('@y/websocket-server 0.1.1', 'y-websocket', child, `http://127.0.0.1:${port}`, `ws://127.0.0.1:${port}`);
}

/** The third peer: Hocuspocus 4 (bench/hocuspocus-server.ts), in memory, no extensions, no auth. */
export async function startHocuspocus(port: number): Promise<BenchServer> {
  const child = spawn(NODE, ['--import', 'tsx', join(ROOT, 'bench/hocuspocus-server.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await waitForLine(child, /hocuspocus running at/, 'hocuspocus');
  return wrap('hocuspocus 4', 'hocuspocus', child, `http://127.0.0.1:${port}`, `ws://127.0.0.1:${port}`);
}
