/**
 * Tafelwerk's HTTP side beside the co-editing: logging in, creating the sections the scenarios edit
 * (through the API, as the secretariat would), and GETs at a steady rate while editors type.
 */
import { percentile } from './scenarios.ts';

const SECRETARIAT = 'secretariaat@regio-alkmaar.demo';
const EDITOR = 'beleid@alkmaar.demo';
const PASSWORD = 'demo-tafelwerk';

async function call<T>(base: string, path: string, cookie: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', cookie, ...(init.headers as Record<string, string>) },
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function login(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
  if (!cookie) throw new Error(`login ${email}: no session cookie`);
  return cookie;
}

export interface Setup {
  /** The editors' session cookie (a municipality delegate). */
  cookie: string;
  tableId: string;
  /** `section:<id>` of every section created for the benchmark, in order. */
  docNames: string[];
  sectionIds: string[];
}

/** Logs in and creates `count` sections in a plan of the demo table, a few requests at a time. */
export async function setUpTafelwerk(base: string, count: number): Promise<Setup> {
  const secretariat = await login(base, SECRETARIAT);
  const cookie = await login(base, EDITOR);
  const { tables } = await call<{ tables: Array<{ id: string }> }>(base, '/api/tables', secretariat);
  const tableId = tables[0]!.id;
  const { plans } = await call<{ plans: Array<{ id: string; archived: boolean }> }>(
    base,
    `/api/tables/${tableId}/plans`,
    secretariat,
  );
  const planId = plans.find((p) => !p.archived)!.id;
  const sectionIds: string[] = [];
  for (let i = 0; i < count; i += 8) {
    const batch = Array.from({ length: Math.min(8, count - i) }, (_, j) =>
      call<{ id: string }>(base, `/api/tables/${tableId}/plans/${planId}/sections`, secretariat, {
        method: 'POST',
        body: JSON.stringify({ title: `Bench ${i + j + 1}` }),
      }),
    );
    sectionIds.push(...(await Promise.all(batch)).map((s) => s.id));
  }
  return { cookie, tableId, sectionIds, docNames: sectionIds.map((id) => `section:${id}`) };
}

export interface HttpResult {
  /** Latencies (ms) per route label, sorted. */
  latencies: Record<string, number[]>;
  failures: number;
  /** Failures by HTTP status, or by the fetch error's message (a refused or reset connection). */
  failedWith: Record<string, number>;
  /** Requests answered per second, from the first sent to the last answered. */
  answeredPerSecond: number;
}

/**
 * GETs at `rate` per second for `seconds`, open loop (a slow answer does not hold back the next
 * request), taking turns over the given routes. Each latency runs until the whole body is read.
 */
export async function httpLoad(
  base: string,
  cookie: string,
  routes: Array<{ label: string; path: () => string }>,
  rate: number,
  seconds: number,
): Promise<HttpResult> {
  const result: HttpResult = {
    latencies: Object.fromEntries(routes.map((r) => [r.label, []])),
    failures: 0,
    failedWith: {},
    answeredPerSecond: 0,
  };
  const fail = (why: string) => {
    result.failures++;
    result.failedWith[why] = (result.failedWith[why] ?? 0) + 1;
  };
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = start + i * interval - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const route = routes[i % routes.length]!;
    const sentAt = performance.now();
    inFlight.push(
      fetch(`${base}${route.path()}`, { headers: { cookie } })
        .then(async (response) => {
          await response.arrayBuffer();
          if (response.ok) result.latencies[route.label]!.push(performance.now() - sentAt);
          else fail(String(response.status));
        })
        .catch((error: unknown) => fail(error instanceof Error ? error.message : String(error))),
    );
  }
  await Promise.all(inFlight);
  const answered = Object.values(result.latencies).reduce((sum, list) => sum + list.length, 0);
  result.answeredPerSecond = answered / ((performance.now() - start) / 1000);
  for (const list of Object.values(result.latencies)) list.sort((a, b) => a - b);
  return result;
}

export const p99 = (sorted: number[]) => percentile(sorted, 99);
