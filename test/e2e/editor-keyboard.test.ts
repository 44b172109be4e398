import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, screenshot } from '../support/browser.ts';
import { e2eHarness } from '../support/e2e.ts';
import { caretToEnd } from '../support/editor-caret.ts';

/** Tables and links in the editor, by keyboard: no row trap, a link dialog instead of the browser's prompt. */
describe.runIf(chromiumAvailable())('the editor by keyboard, in Chromium', () => {
  const harness = e2eHarness('editor-keys');

  /** Whether the editor's selection is inside a table cell. */
  const inTable = (page: Page) =>
    page.evaluate(() => {
      const node = window.getSelection()?.anchorNode ?? null;
      const element = node instanceof Element ? node : (node?.parentElement ?? null);
      return element?.closest('td, th') !== null && element?.closest('[data-testid="editor"]') !== null;
    });

  it('moves through a table with Tab, leaves it at the end and with Escape, and edits rows from the toolbar', async () => {
    const page = await harness.loggedIn('beleid@alkmaar.demo');
    await page.locator('a[href^="/sections/"]', { hasText: 'Vastgoed' }).first().click();
    await expect.poll(() => page.getByTestId('connection-status').textContent(), { timeout: 15_000 }).toBe('Verbonden');
    const editor = page.getByTestId('editor');
    await caretToEnd(editor);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Tabel', exact: true }).click();
    await editor.locator('table').waitFor();
    expect(await inTable(page)).toBe(true);
    // The table's own controls appear while the cursor is in it.
    await page.getByTestId('table-row-after').waitFor();

    // Tab from cell to cell, typing in each; Tab in the last cell leaves the table instead of adding a row.
    await editor.click({ position: { x: 5, y: 5 } });
    await editor.locator('th').first().click();
    for (let cell = 1; cell <= 9; cell++) {
      await page.keyboard.type(`c${cell}`);
      await page.keyboard.press('Tab');
    }
    expect(await editor.locator('tr').count()).toBe(3);
    expect(await inTable(page)).toBe(false);
    expect(await editor.locator('td').last().textContent()).toBe('c9');
    await page.keyboard.type('Na de tabel.');
    await expect.poll(() => editor.locator('.tableWrapper + p, table + p').first().textContent()).toBe('Na de tabel.');

    // Escape leaves the table from any cell; the toolbar adds and removes rows.
    await editor.locator('td').first().click();
    await page.getByTestId('table-row-after').click();
    expect(await editor.locator('tr').count()).toBe(4);
    await page.getByTestId('table-row-delete').click();
    expect(await editor.locator('tr').count()).toBe(3);
    await editor.locator('td').first().click();
    await page.keyboard.press('Escape');
    expect(await inTable(page)).toBe(false);
    await expect.poll(() => page.getByTestId('table-row-after').count()).toBe(0);
    await screenshot(page, '40-editor-table');

    // A button that cannot be used yet says why, beside it and to screen readers.
    const save = page.getByTestId('save-goal-links');
    expect(await save.isDisabled()).toBe(true);
    const reason = await save.evaluate((button) =>
      document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent?.trim(),
    );
    expect(reason).toBe('Vink eerst een doel aan of uit.');
  });

  it('adds a link through a dialog that says in Dutch what is wrong', async () => {
    const page = await harness.loggedIn('bestuur@horizon-jeugd.demo');
    await page.locator('a[href^="/sections/"]', { hasText: 'Planning' }).first().click();
    await expect.poll(() => page.getByTestId('connection-status').textContent(), { timeout: 15_000 }).toBe('Verbonden');
    const editor = page.getByTestId('editor');
    await caretToEnd(editor);
    await page.keyboard.press('Enter');
    await page.keyboard.type('Zie het kader');
    await page.keyboard.press('Shift+Home');
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    const address = page.getByTestId('link-address');
    // Focus goes to the address field; a bad address is refused with a Dutch message beside it.
    expect(await address.evaluate((el) => el === document.activeElement)).toBe(true);
    await address.fill('kader');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'https://' }).count()).toBe(1);
    expect(await address.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, '41-editor-link-dialog');
    await address.fill('https://example.org/kader');
    await page.keyboard.press('Enter');
    await expect.poll(() => editor.locator('a[href="https://example.org/kader"]').textContent()).toBe('Zie het kader');
    expect(await address.count()).toBe(0);
    // Escape closes the dialog and returns to the text.
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('link-address').count()).toBe(0);
    expect(await editor.evaluate((el) => el.contains(document.activeElement) || el === document.activeElement)).toBe(
      true,
    );
  });
});
