import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { OpenedRound, SectionsResponse, TablesResponse } from '../../shared/api.ts';
import { Client } from '../support/app-server.ts';
import { chromiumAvailable, screenshot } from '../support/browser.ts';
import { e2eHarness } from '../support/e2e.ts';
import { caretToEnd } from '../support/editor-caret.ts';

/**
 * Issue 13, items 6 and 7: everyone's caret drawn in a visible colour with name and organization; the
 * connection badge says "Offline" within 5 s of a lost connection and reports the merge afterwards;
 * the round card with its tally and "herinner nu".
 */
describe.runIf(chromiumAvailable())('carets, connection state and the round card in Chromium', () => {
  const harness = e2eHarness('carets');
  const { loggedIn } = harness;
  const SECTION = 'Gezinshuizen en pleegzorg';
  const status = (page: Page) => page.getByTestId('connection-status').textContent();
  const as = (email: string) => new Client(harness.server.url).login(email);

  async function openSection(page: Page, title: string): Promise<void> {
    await page.getByRole('link', { name: title }).first().click();
    await expect.poll(() => status(page), { timeout: 15_000 }).toBe('Verbonden');
  }

  const isTransparent = (color: string) => color === 'transparent' || color === 'rgba(0, 0, 0, 0)' || color === '';

  it("draws everyone's caret with name and organization, and says when it is offline and when it merged", async () => {
    const municipality = await loggedIn('beleid@alkmaar.demo');
    const provider = await loggedIn('bestuur@horizon-jeugd.demo');
    for (const page of [municipality, provider]) await openSection(page, SECTION);

    // Both put their caret in the text: each sees the other's, labelled with name and organization.
    for (const page of [municipality, provider]) await caretToEnd(page.getByTestId('editor'));
    await municipality.keyboard.type(' Caret A.');
    await provider.keyboard.type(' Caret B.');
    const labels = (page: Page) => page.locator('.collaboration-carets__label').allTextContents();
    await expect
      .poll(async () => (await labels(provider)).join('\n'), { timeout: 10_000 })
      .toContain('Fatima El Idrissi');
    expect((await labels(provider)).join('\n')).toContain('Gemeente Alkmaar');
    await expect
      .poll(async () => (await labels(municipality)).join('\n'), { timeout: 10_000 })
      .toContain('Horizon Jeugd');

    // The colour is really drawn: a caret extension that rejects the colour leaves it transparent.
    const caret = provider.getByTestId('remote-caret').first();
    const colors = await caret.evaluate((element) => {
      const label = element.querySelector('.collaboration-carets__label')!;
      return {
        border: getComputedStyle(element).borderLeftColor,
        width: getComputedStyle(element).borderLeftWidth,
        label: getComputedStyle(label).backgroundColor,
      };
    });
    expect(isTransparent(colors.border), colors.border).toBe(false);
    expect(isTransparent(colors.label), colors.label).toBe(false);
    expect(colors.border).toBe(colors.label);
    expect(colors.width).toBe('2px');
    await screenshot(provider, '40-remote-carets');

    // The connection drops: within 5 s the badge says so, and that the edits are kept.
    const dropped = Date.now();
    await municipality.context().setOffline(true);
    await expect.poll(() => status(municipality), { timeout: 5_000, interval: 200 }).toMatch(/^Offline/);
    expect(Date.now() - dropped).toBeLessThan(5_000);
    expect(await status(municipality)).toContain('bewaard');
    await municipality.keyboard.type(' Offline geschreven zin.');
    await screenshot(municipality, '41-offline');
    expect(await provider.getByTestId('editor').textContent()).not.toContain('Offline geschreven zin.');

    // Back online: the offline edit merges, the badge says so, and the other sees it.
    await municipality.context().setOffline(false);
    await expect.poll(() => status(municipality), { timeout: 15_000 }).toContain('samengevoegd');
    await screenshot(municipality, '42-merged');
    await expect
      .poll(() => provider.getByTestId('editor').textContent(), { timeout: 10_000 })
      .toContain('Offline geschreven zin.');
    // The reassurance is temporary; the steady text is "Verbonden" again.
    await expect.poll(() => status(municipality), { timeout: 15_000 }).toBe('Verbonden');
  });

  it('shows the round card: the tally, who has not responded, and "herinner nu" for the opener', async () => {
    const secretariat = await as('secretariaat@regio-alkmaar.demo');
    const tables = await secretariat.get<TablesResponse>('/api/tables');
    const sections = await secretariat.get<SectionsResponse>(`/api/tables/${tables.body.tables[0]!.id}/sections`);
    const sectionId = sections.body.sections.find((s) => s.title === 'Vastgoed')!.id;
    const opened = await (await as('beleid@heiloo.demo')).post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
    expect(opened.status).toBe(201);
    const roundId = opened.body.round.id;
    for (const [email, body] of [
      ['bestuur@gezinshuis-noord.demo', { kind: 'consent' }],
      ['beleid@bergen.demo', { kind: 'consent_with_remarks', text: 'Let op de huurcontracten.' }],
      ['bestuur@kompas-ggz.demo', { kind: 'object', text: 'Wij hebben de locatie aan de Kanaalkade nodig.' }],
    ] as const) {
      const reply = await (await as(email)).post(`/api/rounds/${roundId}/positions`, body);
      expect(reply.status, `${email}: ${JSON.stringify(reply.body)}`).toBe(201);
    }

    const opener = await loggedIn('beleid@heiloo.demo');
    await opener.getByRole('link', { name: 'Plan', exact: true }).click();
    await opener.getByTestId('plan-section-link').getByText('Vastgoed', { exact: true }).click();
    const card = opener.getByTestId('round');
    await card.waitFor();
    expect(await card.getByTestId('round-tally').textContent()).toBe(
      '2 instemming (waarvan 1 met kanttekening) · 1 bezwaar · 7 nog niet',
    );
    const waiting = await card.getByTestId('round-waiting').textContent();
    expect(waiting).toContain('Gemeente Heiloo');
    expect(waiting).not.toContain('Kompas GGZ');
    // The opener's own organization may respond right on the card, beside the text.
    expect(await card.getByTestId('position-form').count()).toBe(1);
    expect(await card.getByTestId('position-form').getAttribute('id')).toBe('position-form');

    await card.getByTestId('round-remind').click();
    await expect
      .poll(() => card.getByRole('status').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('Herinnering verstuurd aan 7 organisatie')]));
    await screenshot(opener, '43-round-card');
    // Once a day: a second reminder now is refused, in words.
    await card.getByTestId('round-remind').click();
    await expect.poll(() => card.getByTestId('round-remind-too-soon').textContent()).toContain('al herinnerd');

    // A delegate who did not open the round sees no such button.
    const other = await loggedIn('bestuur@horizon-jeugd.demo');
    await other.getByRole('link', { name: 'Plan', exact: true }).click();
    await other.getByTestId('plan-section-link').getByText('Vastgoed', { exact: true }).click();
    await other.getByTestId('round-tally').waitFor();
    expect(await other.getByTestId('round-remind').count()).toBe(0);
  });
});
