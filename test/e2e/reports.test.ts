import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { OpenedRound, OutboxResponse, SectionsResponse, TablesResponse } from '../../shared/api.ts';
import { periodOf } from '../../shared/goals.ts';
import { Client } from '../support/app-server.ts';
import { chromiumAvailable, screenshot } from '../support/browser.ts';
import { e2eHarness } from '../support/e2e.ts';
import { caretToEnd } from '../support/editor-caret.ts';

/**
 * A progress report from start to council question, as the people involved see it: the secretariat
 * starts it, two delegates co-write the summary live, the chair and the secretariat mark it ready, the
 * secretariat publishes; a council member reads the adopted plan and the report, downloads the PDF and
 * asks a question; the secretariat answers; the council member sees the answer and is notified. Then a
 * correction, which the council member does not see until it is published.
 */
describe.runIf(chromiumAvailable())('reports in Chromium', () => {
  const harness = e2eHarness('reports');
  const { loggedIn } = harness;
  // The running half year: the demo's plan is created when the server starts, so only a period that ends
  // after that has its sections (a report shows the data as of the period's end).
  const PERIOD = periodOf(new Date());
  const YEAR = PERIOD.slice(0, 4);
  const SPAN = PERIOD.endsWith('H1') ? `1 januari ${YEAR} – 30 juni ${YEAR}` : `1 juli ${YEAR} – 31 december ${YEAR}`;
  const SUMMARY_A = 'De afbouw van verblijf ligt dit halfjaar op koers.';
  const SUMMARY_B = 'Horizon Jeugd ziet de wachttijden voor ambulante hulp dalen.';
  const QUESTION = 'Waarom daalt het aandeel jeugdigen met verblijf langzamer dan het doel?';
  const ANSWER = 'Twee gezinshuizen openden later dan gepland; de afbouw haalt dat in het tweede halfjaar in.';
  const REASON = 'Het cijfer over verblijf in dit halfjaar is door het CBS gecorrigeerd.';

  async function openReports(page: Page): Promise<void> {
    await page.getByRole('link', { name: 'Rapportages', exact: true }).click();
    await page.getByTestId('reports-tab').waitFor();
    // The tab renders before its list has loaded: wait for the list, or for its word that there is none.
    await page.locator('[data-testid="report-list"], [data-testid="reports-none"]').first().waitFor();
  }

  async function openReport(page: Page): Promise<void> {
    await openReports(page);
    const row = page.locator(`[data-testid="report-row"][data-period="${PERIOD}"]`);
    await row.first().getByTestId('report-link').click();
    await page.getByTestId('report').waitFor();
  }

  const summary = (page: Page) => page.locator('[data-testid="narrative-part"][data-part="summary"]');

  async function typeInSummary(page: Page, text: string): Promise<void> {
    await expect
      .poll(() => summary(page).getByTestId('connection-status').textContent(), { timeout: 15_000 })
      .toBe('Verbonden');
    const editor = summary(page).getByTestId('editor');
    await caretToEnd(editor);
    if ((await editor.textContent())?.trim()) await page.keyboard.press('Enter');
    await page.keyboard.type(text);
  }

  /** Someone elsewhere, through the API with their own session. */
  const as = (email: string) => new Client(harness.server.url).login(email);
  const DELEGATES = [
    'beleid@alkmaar.demo',
    'beleid@bergen.demo',
    'beleid@castricum.demo',
    'beleid@dijkenwaard.demo',
    'beleid@heiloo.demo',
    'beleid@uitgeest.demo',
    'bestuur@horizon-jeugd.demo',
    'bestuur@gezinshuis-noord.demo',
    'bestuur@kompas-ggz.demo',
    'bestuur@de-brug-lvb.demo',
  ];

  /** A section agreed in a round (through the API, to keep it fast): the report reflects its version 1. */
  async function agree(title: string): Promise<void> {
    const secretariat = await as('secretariaat@regio-alkmaar.demo');
    const tables = await secretariat.get<TablesResponse>('/api/tables');
    const sections = await secretariat.get<SectionsResponse>(`/api/tables/${tables.body.tables[0]!.id}/sections`);
    const section = sections.body.sections.find((candidate) => candidate.title === title)!;
    const opened = await (await as(DELEGATES[0]!)).post<OpenedRound>(`/api/sections/${section.id}/rounds`);
    expect(opened.status).toBe(201);
    for (const email of DELEGATES) {
      const reply = await (await as(email)).post(`/api/rounds/${opened.body.round.id}/positions`, { kind: 'consent' });
      expect(reply.status, `${email}: ${JSON.stringify(reply.body)}`).toBe(201);
    }
  }

  it('start, co-write, mark ready, publish, read, download, ask, answer, correct', async () => {
    await agree('Doelen en ambitie');

    // The secretariat starts a progress report; a period in the wrong form is refused in Dutch.
    const secretariat = await loggedIn('secretariaat@regio-alkmaar.demo');
    await openReports(secretariat);
    await secretariat.getByTestId('start-report-period').fill('2026-H3');
    await secretariat.getByTestId('start-report-submit').click();
    expect(await secretariat.getByTestId('start-report-form').getByRole('alert').textContent()).toContain(
      'gaat over een halfjaar',
    );
    await secretariat.getByTestId('start-report-period').fill(PERIOD);
    await secretariat.getByTestId('start-report-submit').click();
    await secretariat.getByTestId('report').waitFor({ timeout: 30_000 });
    expect(await secretariat.getByTestId('report-title').textContent()).toContain(`Voortgangsrapportage ${PERIOD}`);
    expect(await secretariat.getByTestId('report-period').textContent()).toBe(`${PERIOD} (${SPAN})`);
    expect(await secretariat.getByTestId('report-status').textContent()).toBe('Concept');
    expect(await secretariat.getByTestId('report-kpi').count()).toBeGreaterThan(0);
    expect(await secretariat.getByTestId('trend-chart').count()).toBe(
      await secretariat.getByTestId('report-kpi').count(),
    );
    expect(await secretariat.getByTestId('report-sections').locator('tbody tr').count()).toBe(9);
    const agreed = secretariat.locator('[data-testid="report-section"][data-state="agreed"]');
    expect(await agreed.textContent()).toContain('Doelen en ambitie');
    expect(await agreed.getByTestId('report-round').getAttribute('data-outcome')).toBe('agreed');
    expect(await secretariat.getByTestId('report-plan-versions').textContent()).toContain(
      'Doelen en ambitie: versie 1',
    );
    // The secretariat reviews but does not write: no editor, and publishing waits for both marks.
    expect(await secretariat.getByTestId('editor').count()).toBe(0);
    expect(await secretariat.getByTestId('report-publish').isDisabled()).toBe(true);
    await screenshot(secretariat, '20-report-draft');

    // Two delegates co-write the summary: each sees the other's text and caret live.
    const municipality = await loggedIn('beleid@alkmaar.demo');
    const provider = await loggedIn('bestuur@horizon-jeugd.demo');
    await openReport(municipality);
    await openReport(provider);
    await typeInSummary(municipality, SUMMARY_A);
    await expect
      .poll(() => summary(provider).getByTestId('editor').textContent(), { timeout: 10_000 })
      .toContain(SUMMARY_A);
    await typeInSummary(provider, SUMMARY_B);
    await expect
      .poll(() => summary(municipality).getByTestId('editor').textContent(), { timeout: 10_000 })
      .toContain(SUMMARY_B);
    await expect.poll(() => summary(provider).getByTestId('presence').textContent()).toContain('Fatima El Idrissi');
    await expect
      .poll(() => summary(provider).locator('.collaboration-carets__label').allTextContents())
      .toContain('Fatima El Idrissi · Gemeente Alkmaar');
    // A goal's explanation opens (and connects) only when asked for.
    const goal = provider.getByTestId('report-goal').filter({ hasText: 'Ambulantisering' });
    expect(await goal.getByTestId('editor').count()).toBe(0);
    await goal.getByTestId('narrative-toggle').click();
    await goal.getByTestId('editor').waitFor();
    await screenshot(provider, '21-report-co-writing');

    // The chair marks it ready; only the secretariat publishes.
    const chair = await loggedIn('voorzitter@regio-alkmaar.demo');
    await openReport(chair);
    await chair.getByTestId('report-ready').click();
    await expect.poll(() => chair.getByTestId('ready-chair').getAttribute('data-ready')).toBe('true');
    expect(await chair.getByTestId('ready-chair').textContent()).toContain('Mr. Henk Bakker');
    expect(await chair.getByTestId('report-publish').count()).toBe(0);

    // The secretariat marks it ready too and publishes: a progress bar while the server freezes it.
    await secretariat.reload();
    await secretariat.getByTestId('report').waitFor();
    expect(await secretariat.getByTestId('ready-chair').getAttribute('data-ready')).toBe('true');
    expect(await secretariat.getByTestId('report-publish-why').textContent()).toContain('allebei gereed');
    await secretariat.getByTestId('report-ready').click();
    await expect.poll(() => secretariat.getByTestId('ready-secretariat').getAttribute('data-ready')).toBe('true');
    expect(await secretariat.getByTestId('report-publish').isDisabled()).toBe(false);
    // Hold the reply a moment, so that what the user sees meanwhile can be checked.
    await secretariat.route('**/api/reports/*/publish', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await secretariat.getByTestId('report-publish').click();
    await secretariat.getByTestId('busy-progress').waitFor();
    expect(await secretariat.getByTestId('report-publish').isDisabled()).toBe(true);
    expect(await secretariat.getByTestId('busy-progress').textContent()).toContain('wordt gepubliceerd');
    await screenshot(secretariat, '22-report-publishing');
    await expect
      .poll(() => secretariat.getByTestId('report').getAttribute('data-status'), { timeout: 30_000 })
      .toBe('published');
    expect(await secretariat.getByTestId('busy-status').filter({ hasText: 'is gepubliceerd' }).count()).toBe(1);
    expect(await secretariat.getByTestId('report-published').textContent()).toContain('Sanne de Vries');
    const frozen = await summary(secretariat).getByTestId('narrative-text').textContent();
    expect(frozen).toContain(SUMMARY_A);
    expect(frozen).toContain(SUMMARY_B);
    await screenshot(secretariat, '23-report-published');
    const reportUrl = new URL(secretariat.url()).pathname;

    // A council member reads the adopted plan, then the published report (never a draft), and the PDF.
    const council = await loggedIn('raadslid@alkmaar.demo');
    await council.getByRole('link', { name: 'Plan', exact: true }).click();
    await council.getByTestId('adopted-plan-link').first().click();
    await expect.poll(() => council.getByTestId('adopted-plan-title').textContent()).toContain('Het vastgestelde plan');
    await screenshot(council, '24-adopted-plan');
    await council.goBack();
    await council.getByTestId('table-title').waitFor();
    await openReports(council);
    expect(await council.locator('[data-testid="report-row"][data-status="draft"]').count()).toBe(0);
    await openReport(council);
    expect(await council.getByTestId('report-status').textContent()).toBe('Gepubliceerd');
    expect(await council.getByTestId('editor').count()).toBe(0);
    expect(await summary(council).getByTestId('narrative-text').textContent()).toContain(SUMMARY_B);
    expect(await council.getByTestId('report-plan-versions').locator('li').count()).toBe(9);
    await screenshot(council, '25-report-council');
    const [download] = await Promise.all([council.waitForEvent('download'), council.getByTestId('report-pdf').click()]);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The council member asks a question about one goal.
    await council.getByTestId('ask-part').selectOption({ label: 'Doel: Ambulantisering' });
    await council.getByTestId('ask-text').fill(QUESTION);
    await council.getByTestId('ask-submit').click();
    const asked = council.getByTestId('question').filter({ hasText: QUESTION });
    await asked.waitFor();
    expect(await asked.getByTestId('question-part').textContent()).toBe('Doel: Ambulantisering');
    expect(await asked.getByTestId('question-unanswered').textContent()).toBe('Nog niet beantwoord.');
    await screenshot(council, '26-question-asked');

    // The secretariat answers it on the report.
    await secretariat.reload();
    const open = secretariat.getByTestId('question').filter({ hasText: QUESTION });
    await open.getByTestId('answer-text').fill(ANSWER);
    await open.getByTestId('answer-submit').click();
    await expect.poll(() => open.getByTestId('question-answer-text').textContent()).toBe(ANSWER);
    expect(await open.getByTestId('question-answer').textContent()).toContain('Sanne de Vries');
    await screenshot(secretariat, '27-question-answered');

    // The council member is notified; the notification leads to the answer.
    await council.goto(`${new URL(council.url()).origin}/`);
    await expect
      .poll(async () => Number(await council.getByTestId('notifications-unread').getAttribute('data-count')), {
        timeout: 35_000,
      })
      .toBeGreaterThan(0);
    await council.getByTestId('notifications-button').click();
    const notification = council.getByTestId('notification').filter({ hasText: 'is beantwoord' });
    await notification.waitFor();
    await screenshot(council, '28-council-notification');
    await notification.locator('a').click();
    await council.getByTestId('report').waitFor();
    expect(new URL(council.url()).pathname).toBe(reportUrl);
    expect(new URL(council.url()).hash).toMatch(/^#question-/);
    const answered = council.getByTestId('question').filter({ hasText: QUESTION });
    expect(await answered.getByTestId('question-answer-text').textContent()).toBe(ANSWER);
    // And by e-mail, with the same deep link.
    const outbox = await council.request.get(`${harness.server.url}/api/dev/outbox`);
    const mails = ((await outbox.json()) as OutboxResponse).mails.filter((mail) => mail.to === 'raadslid@alkmaar.demo');
    expect(mails.map((mail) => mail.text).join('\n')).toContain(`${reportUrl}#question-`);

    // A correction: a new draft revision with its reason; revision 1 stays readable and published.
    await secretariat.getByTestId('revise-toggle').click();
    await secretariat.getByTestId('revise-submit').click();
    expect(await secretariat.getByTestId('revise-form').getByRole('alert').textContent()).toContain('reden');
    await secretariat.getByTestId('revise-reason').fill(REASON);
    await secretariat.getByTestId('revise-submit').click();
    await expect.poll(() => secretariat.getByTestId('report').getAttribute('data-revision')).toBe('2');
    expect(await secretariat.getByTestId('report-status').textContent()).toBe('Concept');
    expect(await secretariat.getByTestId('report-reason').textContent()).toContain(REASON);
    expect(await secretariat.getByTestId('report-revision-item').count()).toBe(2);
    await screenshot(secretariat, '29-report-correction');
    // The council member still sees revision 1 only.
    await council.reload();
    await council.getByTestId('report').waitFor();
    expect(await council.getByTestId('report').getAttribute('data-revision')).toBe('1');
    expect(await council.getByTestId('report-revisions').count()).toBe(0);

    // Starting the same report again is refused in words, with a link to the one that exists.
    await secretariat.getByTestId('report-table-link').click();
    await secretariat.getByTestId('reports-tab').waitFor();
    await expect.poll(() => secretariat.locator('[data-testid="report-row"][data-status="draft"]').count()).toBe(1);
    await secretariat.getByTestId('start-report-period').fill(PERIOD);
    await secretariat.getByTestId('start-report-submit').click();
    const refused = secretariat.getByTestId('start-report-refused');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('bestaat al een rapportage');
    await refused.getByRole('link').click();
    await expect.poll(() => secretariat.getByTestId('report').getAttribute('data-revision')).toBe('2');
    // Six people in four browsers through the whole cycle: on two loaded cores this takes minutes, not seconds.
  }, 240_000);
});
