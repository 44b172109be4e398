import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { OpenedRound, OutboxResponse, SectionsResponse, TablesResponse } from '../../shared/api.ts';
import { Client } from '../support/app-server.ts';
import { chromiumAvailable, screenshot, SCREENSHOT_DIR } from '../support/browser.ts';
import { e2eHarness } from '../support/e2e.ts';

/**
 * "What is asked of you": a delegate's home page lists the round that waits for their organization,
 * and the link in the mail about it opens the section with the position form in view and focused.
 */
describe.runIf(chromiumAvailable())('what is asked of you, in Chromium', () => {
  const harness = e2eHarness('todo');
  const SECTION = 'Financiën en tarieven';
  const DELEGATE = 'bestuur@kompas-ggz.demo';

  /**
   * Whether the element's top is inside the viewport (the part a reader sees without scrolling); a
   * scrolled-to top may sit a fraction of a pixel above it.
   */
  async function inView(page: Page, testId: string): Promise<boolean> {
    const box = await page.getByTestId(testId).boundingBox();
    const viewport = page.viewportSize()!;
    return box !== null && box.y > -1 && box.y < viewport.height / 2;
  }

  it("lists the round awaiting the delegate; the mail's link lands on the position form", async () => {
    const alkmaar = await new Client(harness.server.url).login('beleid@alkmaar.demo');
    const tableId = (await alkmaar.get<TablesResponse>('/api/tables')).body.tables[0]!.id;
    const sections = (await alkmaar.get<SectionsResponse>(`/api/tables/${tableId}/sections`)).body.sections;
    const sectionId = sections.find((s) => s.title === SECTION)!.id;
    const opened = await alkmaar.post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
    expect(opened.status).toBe(201);

    // The home page leads with the to-do list.
    const page = await harness.loggedIn(DELEGATE);
    await page.getByRole('link', { name: 'Mijn tafels' }).first().click();
    const item = page.locator('[data-testid="todo-item"][data-kind="state_position"]');
    await item.waitFor();
    expect(await item.count()).toBe(1);
    expect(await item.getByTestId('todo-link').textContent()).toBe(`Standpunt innemen over ‘${SECTION}’ (versie 1)`);
    expect(await item.textContent()).toContain('Ontwikkeltafel Transformatie Jeugdhulp — verblijf');
    expect(await item.getByTestId('todo-deadline').textContent()).toMatch(/^tot en met \d{1,2} [a-z]+ \d{4}$/);
    // The list comes before the tables.
    const [todoTop, tablesTop] = await Promise.all([
      page.getByTestId('todo').boundingBox(),
      page.getByTestId('table-link').first().boundingBox(),
    ]);
    expect(todoTop!.y).toBeLessThan(tablesTop!.y);
    await screenshot(page, '30-home-todo');

    // The mail about the round, as the delegate finds it in the outbox, carries an absolute deep link.
    const outbox = await page.request.get(`${harness.server.url}/api/dev/outbox`);
    const mail = ((await outbox.json()) as OutboxResponse).mails.find(
      (m) => m.to === DELEGATE && m.subject === `Ronde geopend: '${SECTION}'`,
    );
    expect(mail, 'the round-opened mail').toBeDefined();
    const link = /Direct naar de plek: (\S+)/.exec(mail!.text)?.[1];
    expect(link).toBe(`${harness.server.url}/sections/${sectionId}#position-form`);

    // Opened in a fresh tab, as from a mail program: the section, the position form in view and focused.
    const fromMail = await page.context().newPage();
    await fromMail.goto(link!);
    await fromMail.getByTestId('position-form').waitFor();
    await expect.poll(() => inView(fromMail, 'position-form'), { timeout: 5_000 }).toBe(true);
    expect(await fromMail.evaluate(() => document.activeElement?.id)).toBe('position-form');
    // Still in view once the live text above it has loaded and the page has settled.
    await fromMail.getByTestId('section-title').waitFor();
    await fromMail.waitForTimeout(1_000);
    expect(await inView(fromMail, 'position-form')).toBe(true);
    await fromMail.screenshot({ path: join(SCREENSHOT_DIR, '31-mail-link-position-form.png') });

    // Stating the position there takes the item off the list.
    await fromMail.getByTestId('position-kind-consent').check();
    await fromMail.getByTestId('position-submit').click();
    await fromMail.getByTestId('position-current').waitFor();
    await page.reload();
    await page.getByTestId('todo').waitFor();
    await expect.poll(() => page.locator('[data-testid="todo-item"][data-kind="state_position"]').count()).toBe(0);
  });
});
