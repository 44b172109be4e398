import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, screenshot } from '../support/browser.ts';
import { e2eHarness } from '../support/e2e.ts';
import { caretToEnd } from '../support/editor-caret.ts';

/** Two delegates and a council member in separate browser contexts, on one section. */
describe.runIf(chromiumAvailable())('co-editing in Chromium', () => {
  const harness = e2eHarness('collab');
  const { loggedIn } = harness;

  async function openSection(page: Page, title: string): Promise<void> {
    // A council member's overview starts with the adopted plan, whose links lead to the adopted text:
    // take the link to the section page itself.
    await page.locator('a[href^="/sections/"]', { hasText: title }).first().click();
    await expect.poll(() => page.getByTestId('connection-status').textContent(), { timeout: 15_000 }).toBe('Verbonden');
  }

  it('shows each keystroke, caret and presence to the others; a council member reads along', async () => {
    const municipality = await loggedIn('beleid@alkmaar.demo');
    const provider = await loggedIn('bestuur@horizon-jeugd.demo');
    const council = await loggedIn('raadslid@alkmaar.demo');
    for (const page of [municipality, provider, council]) await openSection(page, 'Gezinshuizen en pleegzorg');

    const editorA = municipality.getByTestId('editor');
    await caretToEnd(editorA);
    await municipality.keyboard.press('Enter');
    await municipality.keyboard.type('Wij stellen 12 extra gezinshuisplekken voor in 2027.');

    const editorB = provider.getByTestId('editor');
    await expect.poll(() => editorB.textContent(), { timeout: 10_000 }).toContain('12 extra gezinshuisplekken');
    await expect
      .poll(() => council.getByTestId('editor').textContent(), { timeout: 10_000 })
      .toContain('12 extra gezinshuisplekken');

    // Presence: everyone sees the others, with name and organization.
    await expect.poll(() => provider.getByTestId('presence').textContent()).toContain('Fatima El Idrissi');
    await expect.poll(() => provider.getByTestId('presence').textContent()).toContain('Karin de Boer');
    // The municipality's caret carries her name and organization in the provider's editor.
    await expect
      .poll(() => provider.locator('.collaboration-carets__label').allTextContents())
      .toContain('Fatima El Idrissi · Gemeente Alkmaar');

    await caretToEnd(editorB);
    await provider.keyboard.type(' Horizon Jeugd kan er 4 leveren.');
    await expect.poll(() => editorA.textContent(), { timeout: 10_000 }).toContain('Horizon Jeugd kan er 4 leveren.');
    await screenshot(provider, '08-section-co-editing');

    // The council member's editor is not editable and says so.
    expect(await council.getByTestId('editor').getAttribute('contenteditable')).toBe('false');
    expect(await council.getByText('U kunt deze sectie lezen, maar niet bewerken.').count()).toBe(1);
    await screenshot(council, '09-section-read-only');

    // What everyone sees is what the server stored.
    await expect
      .poll(
        async () => {
          const response = await municipality.request.get(
            `${harness.server.url}${new URL(municipality.url()).pathname.replace('/sections/', '/api/sections/')}/content`,
          );
          return ((await response.json()) as { text: string }).text;
        },
        { timeout: 10_000 },
      )
      .toContain('Horizon Jeugd kan er 4 leveren.');
  });
});
