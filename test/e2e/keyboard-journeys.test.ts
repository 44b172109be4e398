import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SectionsResponse, TablesResponse } from '../../shared/api.ts';
import { Client } from '../support/app-server.ts';
import { chromiumAvailable, launchBrowser, screenshot } from '../support/browser.ts';
import { e2eHarness } from '../support/e2e.ts';

/**
 * Two everyday journeys by keyboard alone, with the focus checked at every step: a delegate logs in,
 * reaches a section and states a position; the secretariat records a measurement. No mouse, no
 * element.focus() from the test: only Tab, Shift-Tab, Enter, Space and typing.
 */
describe.runIf(chromiumAvailable())('keyboard-only journeys, in Chromium', () => {
  const harness = e2eHarness('keyboard');
  const SECTION = 'Randvoorwaarden';

  /** What has the focus: its test id, tag, text and whether it shows a visible focus indicator. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      return {
        testId: el.getAttribute('data-testid'),
        tag: el.tagName,
        text: (el.textContent ?? '').trim().slice(0, 80),
        name: el.getAttribute('aria-label') ?? '',
        ring: ring || style.boxShadow !== 'none',
      };
    });

  /** Presses Tab until the focused element matches; fails if it takes more than `max` steps. */
  async function tabTo(page: Page, match: (f: NonNullable<Awaited<ReturnType<typeof focused>>>) => boolean, max = 60) {
    for (let step = 0; step < max; step++) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      if (now && match(now)) {
        expect(now.ring, `a visible focus indicator on ${JSON.stringify(now)}`).toBe(true);
        return now;
      }
    }
    throw new Error(`no focus stop matched within ${max} Tab presses`);
  }

  async function browserPage(): Promise<Page> {
    const browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.once('close', () => void browser.close());
    return page;
  }

  /** After a navigation by link, focus lands on the new page's main heading. */
  async function expectHeading(page: Page, text: string | RegExp) {
    await expect
      .poll(async () => {
        const now = await focused(page);
        return now?.tag === 'H1' ? now.text : null;
      })
      .toMatch(text);
  }

  async function logIn(page: Page, email: string) {
    await page.goto(`${harness.server.url}/login`);
    await tabTo(page, (f) => f.testId === 'login-email');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    expect((await focused(page))?.testId).toBe('login-password');
    await page.keyboard.type('demo-tafelwerk');
    await page.keyboard.press('Enter');
    await expectHeading(page, /.+/);
  }

  it('a delegate logs in, reaches a section and states a position', async () => {
    const alkmaar = await new Client(harness.server.url).login('beleid@alkmaar.demo');
    const tableId = (await alkmaar.get<TablesResponse>('/api/tables')).body.tables[0]!.id;
    const sections = (await alkmaar.get<SectionsResponse>(`/api/tables/${tableId}/sections`)).body.sections;
    const sectionId = sections.find((s) => s.title === SECTION)!.id;
    expect((await alkmaar.post(`/api/sections/${sectionId}/rounds`)).status).toBe(201);

    const page = await browserPage();
    try {
      await logIn(page, 'bestuur@horizon-jeugd.demo');
      await tabTo(page, (f) => f.testId === 'table-link');
      await page.keyboard.press('Enter');
      await expectHeading(page, /Ontwikkeltafel/);
      await tabTo(page, (f) => f.tag === 'A' && f.text === 'Plan');
      await page.keyboard.press('Enter');
      await tabTo(page, (f) => f.tag === 'A' && f.text === SECTION, 120);
      await page.keyboard.press('Enter');
      await expectHeading(page, SECTION);

      // The position form: a radio group (arrow keys within it), the text, the button.
      await tabTo(page, (f) => f.testId === 'position-kind-consent');
      await page.keyboard.press('Space');
      expect(await page.getByTestId('position-kind-consent').isChecked()).toBe(true);
      await tabTo(page, (f) => f.testId === 'position-text');
      await page.keyboard.type('Akkoord, met dank aan de schrijvers.');
      await tabTo(page, (f) => f.testId === 'position-submit');
      await page.keyboard.press('Enter');
      // Success is announced, and the focus stays where it was: on the form's button.
      await expect
        .poll(() =>
          page.getByRole('status').filter({ hasText: 'Het standpunt van uw organisatie is vastgelegd.' }).count(),
        )
        .toBeGreaterThan(0);
      expect((await focused(page))?.testId).toBe('position-submit');
      await screenshot(page, '42-keyboard-position');
    } finally {
      await page.close();
    }
  });

  it('the secretariat records a measurement', async () => {
    const page = await browserPage();
    try {
      await logIn(page, 'secretariaat@regio-alkmaar.demo');
      await tabTo(page, (f) => f.testId === 'table-link');
      await page.keyboard.press('Enter');
      await expectHeading(page, /Ontwikkeltafel/);
      await tabTo(page, (f) => f.tag === 'A' && f.text === 'Doelen');
      await page.keyboard.press('Enter');
      await tabTo(page, (f) => f.testId === 'goal-link');
      await page.keyboard.press('Enter');
      await expectHeading(page, /.+/);
      await tabTo(page, (f) => f.testId === 'measurement-period', 120);
      await page.keyboard.type('2026-H2');
      await tabTo(page, (f) => f.testId === 'measurement-value');
      await page.keyboard.type('42');
      await tabTo(page, (f) => f.testId === 'measurement-source');
      await page.keyboard.type('Monitor regio Alkmaar');
      await tabTo(page, (f) => f.testId === 'measurement-submit');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('status').filter({ hasText: '2026' }).count()).toBeGreaterThan(0);
      // The focus stays on the button it was on, not dropped to the page.
      expect((await focused(page))?.testId).toBe('measurement-submit');
      await screenshot(page, '43-keyboard-measurement');
    } finally {
      await page.close();
    }
  });
});
