import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const NODE = join(ROOT, 'node_modules', '.bin', 'node');

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs an entry point of ours (TypeScript, or the built bundle) with the project's Node (and stops it if we die). */
export function runScript(entry: string, env: Record<string, string>) {
  const exitWithParent = join(ROOT, 'test', 'support', 'exit-with-parent.ts');
  return spawn(NODE, ['--import', 'tsx', '--import', exitWithParent, join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export async function runToEnd(
  entry: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = runScript(entry, env);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, output };
}

/** Waits (up to 30 s) until no PostgreSQL runs on DATA_DIR/postgres any more. */
async function embeddedStopped(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0) return;
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return; // exited, not yet reaped
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Waits for the line a server prints when it listens (`… draait op http://…`, Node and dev:worker alike);
 * everything it prints stays readable through `output()`.
 */
export function announcedUrl(child: ChildProcess, timeoutMs: number): Promise<{ url: string; output(): string }> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /draait op (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1], output: () => output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it started:\n${output}`));
    });
  });
}

/**
 * Starts server/runtime/node.ts (or `entry`, say the bundle `npm start` runs) and waits for the line
 * that names its URL.
 */
export async function startServerProcess(
  env: Record<string, string>,
  timeoutMs = 60_000,
  entry = 'server/runtime/node.ts',
): Promise<ServerProcess> {
  const child = runScript(entry, { PORT: '0', ...env });
  const { url, output } = await announcedUrl(child, timeoutMs);
  return {
    url,
    child,
    output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill(signal);
        });
      }
      // A server that was killed leaves its embedded PostgreSQL to its watchdog: wait until that has
      // stopped it, so that the next start (or removing DATA_DIR) does not race with its shutdown.
      if (env.DATA_DIR && !env.DATABASE_URL) await embeddedStopped(env.DATA_DIR);
      return child.exitCode;
    },
  };
}
