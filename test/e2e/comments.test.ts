import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { OpenedRound, SectionsResponse, TablesResponse } from '../../shared/api.ts';
import { Client } from '../support/app-server.ts';
import { chromiumAvailable, screenshot } from '../support/browser.ts';
import { e2eHarness } from '../support/e2e.ts';
import { caretToEnd } from '../support/editor-caret.ts';

/**
 * Comments anchored to passages of the text, as the people at the table use them: one comments on a
 * sentence, another sees it highlighted beside the text and replies, it is resolved and shown again; a
 * provider's objection points at a passage; and the draft history puts an earlier text back.
 */
describe.runIf(chromiumAvailable())('comments beside the text and the draft history in Chromium', () => {
  const harness = e2eHarness('comments');
  const { loggedIn } = harness;
  const MUNICIPALITY = 'beleid@alkmaar.demo';
  const PROVIDER = 'bestuur@horizon-jeugd.demo';
  const as = (email: string) => new Client(harness.server.url).login(email);

  async function sectionIdOf(title: string): Promise<string> {
    const api = await as('secretariaat@regio-alkmaar.demo');
    const tables = await api.get<TablesResponse>('/api/tables');
    const sections = await api.get<SectionsResponse>(`/api/tables/${tables.body.tables[0]!.id}/sections`);
    return sections.body.sections.find((s) => s.title === title)!.id;
  }

  async function openSection(page: Page, title: string): Promise<void> {
    await page.getByRole('link', { name: 'Plan', exact: true }).click();
    await page.getByTestId('plan-section-link').getByText(title, { exact: true }).click();
    await expect.poll(() => page.getByTestId('connection-status').textContent(), { timeout: 15_000 }).toBe('Verbonden');
    await page.getByTestId('comments-panel').waitFor();
  }

  /** Selects a passage in the editor as a mouse would (a DOM selection the editor reads). */
  async function selectText(page: Page, text: string): Promise<void> {
    const editor = page.getByTestId('editor');
    await expect.poll(() => editor.textContent(), { timeout: 15_000 }).toContain(text);
    if ((await editor.getAttribute('contenteditable')) === 'true') await editor.focus();
    await editor.evaluate((root, wanted) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(wanted);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        const selection = getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
      throw new Error(`no text “${wanted}” in the editor`);
    }, text);
  }

  const threads = (page: Page) => page.getByTestId('comments-open').getByTestId('comment-thread');
  const highlighted = (page: Page) => page.getByTestId('editor').locator('.comment-anchor').allTextContents();

  it('comments on a sentence, replies, resolves, shows resolved ones again, and ties an objection to a passage', async () => {
    const SECTION = 'Vastgoed';
    const PASSAGE = 'kleinschalige woonvormen';
    const a = await loggedIn(MUNICIPALITY);
    const b = await loggedIn(PROVIDER);
    for (const page of [a, b]) await openSection(page, SECTION);

    // A selects a passage and comments on it from the toolbar; the form quotes the passage.
    await selectText(a, PASSAGE);
    await expect.poll(() => a.getByTestId('comment-start').isEnabled()).toBe(true);
    await a.getByTestId('comment-start').click();
    expect(await a.getByTestId('comment-form-quote').textContent()).toBe(PASSAGE);
    await a.getByTestId('comment-body').fill('Welke woonvormen bedoelen we precies?');
    await a.getByTestId('comment-submit').click();
    await expect.poll(() => threads(a).count()).toBe(1);
    expect(await threads(a).getByTestId('comment-passage').textContent()).toBe(`“${PASSAGE}”`);
    expect(await threads(a).getByTestId('comment').textContent()).toContain('Fatima El Idrissi');
    await expect.poll(() => highlighted(a)).toEqual([PASSAGE]);

    // B sees the thread (the panel looks again every 15 s) and the passage highlighted in the text.
    await expect.poll(() => threads(b).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => highlighted(b)).toEqual([PASSAGE]);
    const style = await b
      .getByTestId('editor')
      .locator('.comment-anchor')
      .first()
      .evaluate((el) => ({
        line: getComputedStyle(el).textDecorationLine,
        dotted: getComputedStyle(el).textDecorationStyle,
        background: getComputedStyle(el).backgroundColor,
      }));
    expect(style).toEqual({
      line: 'underline',
      dotted: 'dotted',
      background: expect.not.stringMatching(/rgba\(0, 0, 0, 0\)/),
    });
    await screenshot(b, '60-comment-highlight');

    // Clicking the thread marks its passage as the active one (stronger).
    await threads(b).getByTestId('comment-passage').click();
    await expect.poll(() => b.locator('.comment-anchor-active').count()).toBe(1);

    // B replies; A sees the reply.
    await threads(b).getByTestId('comment-reply').fill('Gezinshuizen en kamertrainingscentra.');
    await threads(b).getByTestId('comment-reply-submit').click();
    await expect.poll(() => threads(b).getByTestId('comment').count()).toBe(2);
    await expect.poll(() => threads(a).getByTestId('comment').count(), { timeout: 20_000 }).toBe(2);
    expect(await threads(a).getByTestId('comment').nth(1).textContent()).toContain('Horizon Jeugd');

    // The passage follows the text: typed inside it, it grows; typed right after it, it stays outside.
    await selectText(a, 'kleinschalige');
    await a.keyboard.press('ArrowRight');
    await a.keyboard.type(' en betaalbare');
    await selectText(a, 'woonvormen');
    await a.keyboard.press('ArrowRight');
    await a.keyboard.type(' (zie bijlage)');
    const grown = 'kleinschalige en betaalbare woonvormen';
    await expect.poll(() => b.getByTestId('editor').textContent(), { timeout: 10_000 }).toContain('(zie bijlage)');
    for (const page of [a, b]) {
      await expect.poll(() => highlighted(page).then((parts) => parts.join(''))).toBe(grown);
      expect(await threads(page).getByTestId('comment-passage').textContent()).toBe(`“${grown}”`);
    }

    // A resolves it: gone from the open list and from the text, shown again on request.
    await threads(a).getByTestId('comment-resolve').click();
    await expect.poll(() => threads(a).count()).toBe(0);
    await expect.poll(() => highlighted(a)).toEqual([]);
    const toggle = a.getByTestId('comments-toggle-resolved');
    expect(await toggle.textContent()).toBe('Toon afgeronde opmerkingen (1)');
    await toggle.click();
    const resolved = a.getByTestId('comments-resolved').getByTestId('comment-thread');
    await expect.poll(() => resolved.count()).toBe(1);
    expect(await resolved.getByTestId('comment-resolved-by').textContent()).toContain('Afgerond door');
    expect(await resolved.getByTestId('comment-reopen').count()).toBe(1);

    // A round opens: the text is locked, commenting goes on. The provider objects, pointing at a passage.
    const sectionId = await sectionIdOf(SECTION);
    const opened = await (await as(MUNICIPALITY)).post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
    expect(opened.status).toBe(201);
    await b.reload();
    await b.getByTestId('position-form').waitFor();
    await expect.poll(() => b.getByTestId('editor').getAttribute('contenteditable')).toBe('false');
    await b.getByTestId('position-kind-object').check();
    await b.getByTestId('position-text').fill('Vrijkomende locaties horen eerst bij de aanbieders terug te komen.');
    await selectText(b, 'locaties die vrijkomen');
    await b.getByTestId('position-passage-add').click();
    await expect
      .poll(() => b.getByTestId('position-passage').allTextContents())
      .toEqual([expect.stringContaining('locaties die vrijkomen')]);
    // The comment button works on the locked text too.
    expect(await b.getByTestId('comment-start').isEnabled()).toBe(true);
    await b.getByTestId('position-submit').click();
    await expect
      .poll(() => b.getByTestId('comments-open').getByTestId('comment-position').allTextContents(), { timeout: 15_000 })
      .toEqual(['Bezwaar van Horizon Jeugd (op versie 1)']);
    await expect.poll(() => highlighted(b)).toEqual(['locaties die vrijkomen']);
    await screenshot(b, '61-objection-beside-text');

    // A sees the objection beside the text too.
    await a.reload();
    await a.getByTestId('comments-panel').waitFor();
    await expect
      .poll(() => a.getByTestId('comments-open').getByTestId('comment-position').allTextContents(), { timeout: 15_000 })
      .toEqual(['Bezwaar van Horizon Jeugd (op versie 1)']);
    await expect.poll(() => highlighted(a), { timeout: 15_000 }).toEqual(['locaties die vrijkomen']);
    await screenshot(a, '62-objection-for-municipality');

    // A council member reads the text, but not the deliberation: no comments, no highlights, no draft history.
    const council = await loggedIn('raadslid@alkmaar.demo');
    await council.getByRole('link', { name: 'Plan', exact: true }).click();
    const asked: string[] = [];
    council.on('request', (request) => {
      if (/\/(comments|draft-history)/.test(request.url())) asked.push(request.url());
    });
    await council.getByTestId('plan-section-link').getByText(SECTION, { exact: true }).click();
    await expect
      .poll(() => council.getByTestId('editor').textContent(), { timeout: 15_000 })
      .toContain('locaties die vrijkomen');
    expect(await council.getByTestId('comments-panel').count()).toBe(0);
    expect(await council.getByTestId('draft-history').count()).toBe(0);
    expect(await council.locator('.comment-anchor').count()).toBe(0);
    expect(await council.getByTestId('comment-start').count()).toBe(0);
    // Not even asked (a refused request would be a console error on every visit).
    expect(asked).toEqual([]);
  }, 180_000);

  it('opens an entry of the draft history as a diff and restores it for everyone', async () => {
    const SECTION = 'Financiën en tarieven';
    const ADDED = ' Deze zin komt er later weer uit.';
    const sectionId = await sectionIdOf(SECTION);
    // A round freezes version 1; withdrawn at once, the draft is open for editing again.
    const api = await as(MUNICIPALITY);
    const opened = await api.post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
    expect(opened.status).toBe(201);
    expect((await api.post(`/api/rounds/${opened.body.round.id}/withdraw`, {})).status).toBe(200);

    const a = await loggedIn(MUNICIPALITY);
    const b = await loggedIn(PROVIDER);
    for (const page of [a, b]) await openSection(page, SECTION);
    const editor = a.getByTestId('editor');
    await expect.poll(() => editor.getAttribute('contenteditable')).toBe('true');
    await caretToEnd(editor);
    await a.keyboard.type(ADDED);
    await expect.poll(() => b.getByTestId('editor').textContent(), { timeout: 10_000 }).toContain(ADDED.trim());

    // A comments on the sentence the restore will take out again.
    await selectText(a, ADDED.trim());
    await a.getByTestId('comment-start').click();
    await a.getByTestId('comment-body').fill('Moet deze zin erin?');
    await a.getByTestId('comment-submit').click();
    await expect.poll(() => threads(a).getByTestId('comment-passage').textContent()).toBe(`“${ADDED.trim()}”`);

    await a.getByTestId('draft-history-toggle').click();
    const entry = a.getByTestId('draft-history-entry').filter({ hasText: 'Versie 1 — ter instemming voorgelegd' });
    await entry.waitFor();
    await entry.getByTestId('draft-history-open').click();
    const diff = a.getByTestId('draft-history-diff');
    await diff.getByTestId('diff-doc').waitFor();
    expect(await diff.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await diff.locator('ins').allTextContents()).toEqual([expect.stringContaining(ADDED.trim())]);
    await screenshot(a, '63-draft-history-diff');

    await diff.getByTestId('draft-history-restore').click();
    await diff.getByTestId('draft-history-restore-confirm').click();
    await expect
      .poll(() => a.getByTestId('draft-history').locator('[role="status"][aria-live]').textContent())
      .toContain('is teruggezet');
    for (const page of [a, b]) {
      await expect
        .poll(() => page.getByTestId('editor').textContent(), { timeout: 10_000 })
        .not.toContain(ADDED.trim());
    }
    expect(await b.getByTestId('editor').textContent()).toContain('frictiekosten bij de afbouw van verblijf');
    // The commented sentence is gone: the thread keeps its quote, marked as no longer in the text.
    await expect.poll(() => threads(a).getByTestId('comment-passage-gone').count()).toBe(1);
    expect(await threads(a).getByTestId('comment-passage-static').textContent()).toContain(ADDED.trim());
    expect(await highlighted(a)).toEqual([]);
    // The replaced text is kept: an entry of its own.
    await expect
      .poll(() => a.getByTestId('draft-history-entry').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('Tekst vóór het terugzetten')]));
    await screenshot(a, '64-draft-history-restored');
  }, 120_000);
});
