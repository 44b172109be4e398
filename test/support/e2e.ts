import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.ts';
import { startServerProcess, type ServerProcess } from './process.ts';

export interface E2eHarness {
  /** The server process (`npm start`'s entry point on its embedded PostgreSQL with the demo region). */
  readonly server: ServerProcess;
  /** A fresh browser context, logged in as this demo account and on the demo table's page. */
  loggedIn(email: string): Promise<Page>;
}

/**
 * Registers the beforeAll/afterAll of an end-to-end suite: a server process over its own data
 * directory, one Chromium, and a context per person that logs in like a user does.
 */
export function e2eHarness(name: string): E2eHarness {
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  let dataDir: string | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), `tafelwerk-e2e-${name}-`));
    server = await startServerProcess({ DATA_DIR: dataDir, NODE_ENV: 'test', DEV_ROUTES: 'true' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  return {
    get server() {
      if (!server) throw new Error('the e2e server has not started');
      return server;
    },
    async loggedIn(email) {
      const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${server!.url}/login`);
      await page.getByTestId('login-email').fill(email);
      await page.getByTestId('login-password').fill('demo-tafelwerk');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('table-link').first().click();
      await page.getByTestId('table-title').waitFor();
      return page;
    },
  };
}
