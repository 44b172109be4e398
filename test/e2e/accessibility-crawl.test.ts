import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { horizontalOverflow, routePattern, seriousAxeViolations } from '../support/a11y.ts';
import { chromiumAvailable, screenshot, SCREENSHOT_DIR } from '../support/browser.ts';
import { CHAIR, COUNCIL, MUNICIPALITIES, PROVIDERS, SECRETARIAT } from '../support/demo-people.ts';
import { e2eHarness } from '../support/e2e.ts';

/**
 * Issue 16, WCAG 2.1 AA: every page each role reaches by clicking from the home page, at desktop and
 * phone width: no script error, no console error, no 5xx, no serious or critical axe violation, no
 * sideways scrolling of the page itself, and a title of its own.
 */
describe.runIf(chromiumAvailable())('accessibility crawl, in Chromium', () => {
  const harness = e2eHarness('a11y-crawl');
  const WIDTHS = [1280, 390] as const;
  /** Each page type (route with ids normalised) at most this often: the pages differ in data, not in build. */
  const PER_PATTERN = 2;
  const MAX_PAGES = 24;
  /** Screenshots (at phone width, where layout breaks first) of these page types, once per role. */
  const SHOT_PATTERNS = new Set(['/', '/tables/:id', '/tables/:id/plan', '/sections/:id']);
  const LOADING = ['Bezig met laden…', 'De rapportage wordt geladen…'];
  const findings: Record<string, string[]> = {};
  const checkTimes: string[] = [];

  const ROLES: Array<[string, string]> = [
    ['secretariat', SECRETARIAT],
    ['chair', CHAIR],
    ['municipality', MUNICIPALITIES[0]!],
    ['provider', PROVIDERS[0]!],
    ['council', COUNCIL],
  ];

  /** Waits until the page has fetched what it shows (no request for a while, no loading line). */
  async function settle(page: Page): Promise<void> {
    await page.waitForLoadState('networkidle', { timeout: 2_500 }).catch(() => undefined);
    await page
      .locator('h1')
      .first()
      .waitFor({ timeout: 6_000 })
      .catch(() => undefined);
    const deadline = Date.now() + 6_000;
    while (Date.now() < deadline) {
      const busy = await page.evaluate((lines) => {
        const text = document.querySelector('main')?.textContent ?? '';
        return (
          lines.some((line) => text.includes(line)) || document.querySelector('[data-testid="page-loading"]') !== null
        );
      }, LOADING);
      if (!busy) break;
      await page.waitForTimeout(100);
    }
  }

  /** The same-origin pages a link on this page leads to: no API, no development pages, no downloads. */
  async function linksOn(page: Page, origin: string): Promise<string[]> {
    const hrefs = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]'))
        .filter((a) => !a.hasAttribute('download'))
        .map((a) => a.href),
    );
    const paths = new Set<string>();
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin !== origin) continue;
      if (/^\/(api|dev)(\/|$)/.test(url.pathname) || /logout|\.pdf$/i.test(url.pathname)) continue;
      paths.add(url.pathname);
    }
    return [...paths];
  }

  /** All checks on the page as it is now, at the current width. */
  async function check(page: Page, label: string, problems: string[]): Promise<void> {
    const started = Date.now();
    const { overflow, culprits } = await horizontalOverflow(page);
    if (overflow) problems.push(`${label}: the page scrolls sideways; widest: ${culprits.join(', ')}`);
    for (const v of await seriousAxeViolations(page)) {
      problems.push(`${label}: axe ${v.impact} ${v.id} (${v.help}) at ${v.targets.join(' | ')}`);
    }
    checkTimes.push(`${label} ${Date.now() - started}ms`);
  }

  async function crawl(role: string, email: string): Promise<string[]> {
    const origin = new URL(harness.server.url).origin;
    const page = await harness.loggedIn(email);
    const problems: string[] = [];
    let current = '/';
    let phase = '';
    // A build of the client elsewhere (other suites, a developer) empties dist/ for a moment: the server
    // answers 503 "not built" and a page's code chunk goes missing. That says nothing about the page.
    const build = { replaced: false };
    const timings: string[] = [];
    const shotsLeft = new Set(SHOT_PATTERNS);
    page.on('pageerror', (error) => problems.push(`${current}: uncaught error: ${error.message}`));
    page.on('console', (message) => {
      // Chunks of two different builds met (one was replaced mid-visit): see `build` above.
      if (/does not provide an export named|dynamically imported module|React error #306/.test(message.text()))
        build.replaced = true;
      if (message.type() === 'error')
        problems.push(`${current}${phase}: console error: ${message.text()} @${message.location().url}`);
    });
    page.on('response', (response) => {
      const status = response.status();
      const built = status !== 503 && !(status === 404 && response.url().includes('/assets/'));
      if (!built) build.replaced = true;
      if (status >= 500) problems.push(`${current}: ${status} from ${response.url()}`);
    });

    const queue = ['/'];
    const seen = new Set(queue);
    const perPattern = new Map<string, number>();
    const titles = new Map<string, string>();
    let visited = 0;
    while (queue.length > 0 && visited < MAX_PAGES) {
      const path = queue.shift()!;
      const pattern = routePattern(path);
      if ((perPattern.get(pattern) ?? 0) >= PER_PATTERN) continue;
      perPattern.set(pattern, (perPattern.get(pattern) ?? 0) + 1);
      visited++;
      current = path;
      phase = '';
      const started = Date.now();
      await page.setViewportSize({ width: WIDTHS[0], height: 900 });
      const before = problems.length;
      build.replaced = false;
      await page.goto(origin + path);
      await settle(page);
      for (let attempt = 0; build.replaced && attempt < 3; attempt++) {
        problems.length = before;
        build.replaced = false;
        await page.waitForTimeout(5_000);
        await page.goto(origin + path);
        await settle(page);
      }
      const settled = Date.now();
      phase = ' (checks)';

      const title = await page.title();
      if (!/ — Tafelwerk$/.test(title)) problems.push(`${path}: the document title "${title}" does not name the page`);
      titles.set(pattern, title);
      if ((await page.locator('h1').count()) !== 1) problems.push(`${path}: not exactly one h1`);

      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
        await page.waitForTimeout(150);
        await check(page, `${path} @${width}`, problems);
      }
      if (shotsLeft.delete(pattern)) {
        const name = `a11y-${role}-${pattern.replace(/[/:]+/g, '-').replace(/^-|-$/g, '') || 'home'}`;
        await screenshot(page, `${name}-390`);
        if (pattern === '/') {
          await page.setViewportSize({ width: 1280, height: 900 });
          await screenshot(page, `${name}-1280`);
        }
      }

      // The bell's list opens over the page: it must fit a phone too.
      if (path === '/') {
        await page.setViewportSize({ width: 390, height: 844 });
        // On a phone the header folds behind its menu button.
        await page.getByTestId('menu-button').click();
        await page.getByTestId('notifications-button').click();
        await page.getByTestId('notifications').waitFor();
        await check(page, '/ (notifications open) @390', problems);
        if (role === 'secretariat') await screenshot(page, 'a11y-notifications-390');
        await page.keyboard.press('Escape');
        await page.setViewportSize({ width: 1280, height: 900 });
      }

      timings.push(`${pattern} ${settled - started}+${Date.now() - settled}ms`);
      for (const next of await linksOn(page, origin)) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    await page.context().close();
    findings[role] = problems;
    console.info(`[a11y] ${role}: ${visited} pages: ${timings.join(', ')}`);
    return problems;
  }

  for (const [role, email] of ROLES) {
    it(`${role}: every page reachable from home passes`, { timeout: 180_000 }, async () => {
      const problems = await crawl(role, email);
      expect(problems).toEqual([]);
    });
  }

  it('without login: the accessibility statement, linked from the footer, passes', async () => {
    // A context of its own, without the session cookie of a logged-in one.
    const seed = await harness.loggedIn(COUNCIL);
    const context = await seed
      .context()
      .browser()!
      .newContext({ viewport: { width: 1280, height: 900 } });
    await seed.context().close();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`uncaught error: ${error.message}`));
    // The server hands the client's index.html to a path it does not know, this one included.
    const direct = await page.request.get(`${harness.server.url}/toegankelijkheid`);
    expect(direct.status()).toBe(200);
    expect(direct.headers()['content-type']).toContain('text/html');
    await page.goto(`${harness.server.url}/login`);
    await settle(page);
    await check(page, '/login @1280', problems);
    await page.getByRole('contentinfo').getByRole('link', { name: 'Toegankelijkheid' }).click();
    await page.waitForURL(/\/toegankelijkheid$/);
    await settle(page);
    expect(await page.title()).toBe('Toegankelijkheidsverklaring — Tafelwerk');
    expect(await page.locator('main').textContent()).toContain('voldoet gedeeltelijk');
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await check(page, `/toegankelijkheid @${width}`, problems);
    }
    await screenshot(page, 'a11y-statement-390');
    findings['anonymous'] = problems;
    await context.close();
    expect(problems).toEqual([]);
  });

  it('client-side navigation: focus on the new page heading, the page announced; a visible focus ring', async () => {
    const page = await harness.loggedIn(SECRETARIAT);
    await page.getByRole('link', { name: 'Plan', exact: true }).first().click();
    await page.waitForURL(/\/plan$/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    const title = await page.title();
    expect(title).toMatch(/^Plan — .+ — Tafelwerk$/);
    await expect.poll(() => page.getByTestId('route-announcer').textContent()).toBe(title.replace(/ — Tafelwerk$/, ''));

    // Visible focus from the keyboard, radio buttons included (the mail preference on the home page).
    await page.getByRole('link', { name: 'Mijn tafels' }).first().click();
    const radio = page.locator('input[type="radio"]').first();
    await radio.waitFor();
    await page.keyboard.press('Tab');
    await radio.focus();
    const ring = await radio.evaluate((element) => {
      const style = getComputedStyle(element);
      return {
        style: style.outlineStyle,
        width: parseFloat(style.outlineWidth),
        offset: parseFloat(style.outlineOffset),
      };
    });
    expect(ring.style).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    expect(ring.offset).toBeGreaterThanOrEqual(2);
  });

  it('writes what it found', async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await writeFile(join(SCREENSHOT_DIR, '..', 'a11y-crawl.json'), JSON.stringify({ findings, checkTimes }, null, 2));
  });
});
