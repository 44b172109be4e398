import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SectionsResponse, TablesResponse } from '../../shared/api.ts';
import { Client } from '../support/app-server.ts';
import { chromiumAvailable, launchBrowser, screenshot } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/process.ts';

/** The network of issue 17: 10 Mbit/s, 40 ms latency (both ways, per request). */
const NETWORK = { offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8 };
const RUNS = 3;
const EDITABLE_BUDGET_MS = 1_500;
const DELEGATE = 'beleid@alkmaar.demo';
const SECTION = 'Gezinshuizen en pleegzorg';

declare global {
  interface Window {
    __pageWeight?: { loginReady?: number; editable?: number; pageLoading?: number; typedFrom?: number; typed?: number };
  }
}

/**
 * Records, in the page, the moment (ms since navigation start) each milestone is first reached: a
 * MutationObserver sees the DOM change as it happens, without the test's own polling in the figures.
 */
function recordMilestones() {
  const marks: NonNullable<Window['__pageWeight']> = {};
  window.__pageWeight = marks;
  const check = () => {
    const email = document.querySelector<HTMLInputElement>('[data-testid="login-email"]');
    if (marks.loginReady === undefined && email && !email.disabled && email.getClientRects().length > 0) {
      marks.loginReady = performance.now();
    }
    if (marks.editable === undefined && document.querySelector('[data-testid="editor"][contenteditable="true"]')) {
      marks.editable = performance.now();
    }
    if (marks.pageLoading === undefined && document.querySelector('[role="status"][data-testid="page-loading"]')) {
      marks.pageLoading = performance.now();
    }
    // Set by the test just before it types: the length the text had, so that a longer one is the keystroke.
    const text = document.querySelector('[data-testid="editor"][contenteditable="true"]')?.textContent;
    if (marks.typedFrom !== undefined && marks.typed === undefined && text != null && text.length > marks.typedFrom) {
      marks.typed = performance.now();
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
  });
}

interface Visit {
  page: Page;
  /** Bytes over the wire, all requests and scripts alone (as Chromium counts them: compressed, with headers). */
  transferred(): { all: number; scripts: number; requests: number };
  /** Main-thread time so far (ms): all tasks, and running JavaScript alone; on a busy machine most of the wait. */
  busy(): Promise<{ task: number; script: number }>;
}

/** A page in a fresh context (a cold cache) on the throttled network, recording its milestones. */
async function openThrottled(context: BrowserContext): Promise<Visit> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Performance.enable');
  const types = new Map<string, string>();
  let all = 0;
  let scripts = 0;
  let requests = 0;
  cdp.on('Network.responseReceived', (event) => types.set(event.requestId, event.type));
  cdp.on('Network.loadingFinished', (event) => {
    requests += 1;
    all += event.encodedDataLength;
    if (types.get(event.requestId) === 'Script') scripts += event.encodedDataLength;
  });
  await page.addInitScript(recordMilestones);
  const busy = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const seconds = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? 0;
    return { task: seconds('TaskDuration') * 1000, script: seconds('ScriptDuration') * 1000 };
  };
  return { page, transferred: () => ({ all, scripts, requests }), busy };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number | undefined) => (value === undefined ? '—' : `${Math.round(value)} ms`);
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const thread = ({ task, script }: { task: number; script: number }) => `${ms(task)} (JavaScript ${ms(script)})`;

/** Issue 17: how long the login page and a section take on a modest connection, first visit. */
describe.runIf(chromiumAvailable())('page weight in Chromium, throttled', () => {
  let server: ServerProcess;
  let browser: Browser;
  let dataDir: string;
  let sectionId: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tafelwerk-e2e-weight-'));
    server = await startServerProcess({ DATA_DIR: dataDir, NODE_ENV: 'test', DEV_ROUTES: 'true' });
    browser = await launchBrowser();
    const api = await new Client(server.url).login(DELEGATE);
    const tableId = (await api.get<TablesResponse>('/api/tables')).body.tables[0]!.id;
    const sections = (await api.get<SectionsResponse>(`/api/tables/${tableId}/sections`)).body.sections;
    sectionId = sections.find((s) => s.title === SECTION)!.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function loginPage(run: number) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const { page, transferred, busy } = await openThrottled(context);
      await page.goto(`${server.url}/login`, { waitUntil: 'commit' });
      const email = page.getByTestId('login-email');
      await expect.poll(() => page.evaluate(() => window.__pageWeight?.loginReady), { timeout: 20_000 }).toBeDefined();
      const mainThread = await busy();
      const bytes = transferred();
      // Interactive: it takes focus and typing.
      await email.focus();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('login-email');
      await email.fill(DELEGATE);
      if (run === 0) await screenshot(page, '40-page-weight-login');
      const marks = (await page.evaluate(() => window.__pageWeight))!;
      return { interactive: marks.loginReady!, mainThread, ...bytes };
    } finally {
      await context.close();
    }
  }

  async function sectionPage(run: number) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      // Logged in beforehand (the session cookie is in the context), so only the page load is timed.
      const login = await context.request.post(`${server.url}/api/auth/login`, {
        data: { email: DELEGATE, password: 'demo-tafelwerk' },
        headers: { origin: server.url },
      });
      expect(login.status()).toBe(200);
      const { page, transferred, busy } = await openThrottled(context);
      await page.goto(`${server.url}/sections/${sectionId}`, { waitUntil: 'commit' });
      const editor = page.locator('[data-testid="editor"][contenteditable="true"]').first();
      await editor.waitFor({ timeout: 20_000 });
      // Focused the way a click would (the caret in the text), then a keystroke.
      await page.evaluate(() => {
        const element = document.querySelector<HTMLElement>('[data-testid="editor"][contenteditable="true"]')!;
        window.__pageWeight!.typedFrom = element.textContent?.length ?? 0;
        element.focus();
      });
      await page.keyboard.type('q');
      // Editable: the typed character is in the document.
      await expect.poll(() => page.evaluate(() => window.__pageWeight?.typed), { timeout: 10_000 }).toBeDefined();
      const mainThread = await busy();
      const bytes = transferred();
      expect(await editor.textContent()).toContain('q');
      if (run === 0) await screenshot(page, '41-page-weight-section');
      const marks = (await page.evaluate(() => window.__pageWeight))!;
      return {
        contentEditable: marks.editable!,
        typed: marks.typed!,
        loadingShown: marks.pageLoading,
        mainThread,
        ...bytes,
      };
    } finally {
      await context.close();
    }
  }

  it('prints the login page and a section on 10 Mbit/s, 40 ms; a section is editable in under 1.5 s', async () => {
    const logins = [];
    const sections = [];
    // Alternating, so that neither page always meets a warmer server.
    for (let run = 0; run < RUNS; run++) {
      logins.push(await loginPage(run));
      sections.push(await sectionPage(run));
    }
    const rows = [
      ...logins.map((r, i) => ({
        measure: `login page interactive #${i + 1}`,
        time: ms(r.interactive),
        'main thread busy': thread(r.mainThread),
        requests: r.requests,
        transferred: kb(r.all),
        scripts: kb(r.scripts),
      })),
      ...sections.map((r, i) => ({
        measure: `section editable #${i + 1}`,
        time: `${ms(r.typed)} (contenteditable at ${ms(r.contentEditable)}; "Laden…" at ${ms(r.loadingShown)})`,
        'main thread busy': thread(r.mainThread),
        requests: r.requests,
        transferred: kb(r.all),
        scripts: kb(r.scripts),
      })),
    ];
    console.log(
      `\nPage weight, Chromium, ${NETWORK.downloadThroughput * 8e-6} Mbit/s, ${NETWORK.latency} ms, cold cache`,
    );
    console.table(rows);
    const login = median(logins.map((r) => r.interactive));
    const editable = median(sections.map((r) => r.typed));
    const best = (values: number[]) => ms(Math.min(...values));
    console.log(
      `median (best): login page interactive ${ms(login)} (${best(logins.map((r) => r.interactive))}), ` +
        `section editable ${ms(editable)} (${best(sections.map((r) => r.typed))})\n`,
    );
    // The target is reported, not asserted: a timing depends on how busy the machine is (the
    // suite runs its files side by side), and speed is judged by measurement on a quiet machine, never
    // by a test that fails under load. The budgets that can be checked exactly are bundle-budget.test.ts.
    console.log(
      `section editable within ${ms(EDITABLE_BUDGET_MS)}: ${editable < EDITABLE_BUDGET_MS ? 'yes' : 'no'} ` +
        `(median ${ms(editable)}; load average ${loadavg()[0]!.toFixed(1)})`,
    );
  });
});
