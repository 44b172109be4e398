import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { periodOf } from '../../shared/goals.ts';
import { chromiumAvailable, screenshot } from '../support/browser.ts';
import { e2eHarness } from '../support/e2e.ts';
import { caretToEnd } from '../support/editor-caret.ts';

/**
 * The plan tab, the coverage matrix, linking a section to a goal and a goal page with its KPIs, as a
 * delegate, the chair, a council member and the secretariat see them. The demo plan leaves the goal
 * "Afbakening jeugdhulp" uncovered and the section "Planning" unlinked.
 */
describe.runIf(chromiumAvailable())('plan and goals in Chromium', () => {
  const harness = e2eHarness('plan');
  const { loggedIn } = harness;
  const GOAL = 'Afbakening jeugdhulp';
  const SECTION = 'Planning';

  async function openPlanTab(page: Page): Promise<void> {
    await page.getByRole('link', { name: 'Plan', exact: true }).click();
    await page.getByTestId('coverage-matrix').waitFor();
  }

  const goalRow = (page: Page) => page.getByTestId('coverage-goal').filter({ hasText: GOAL });
  const sectionColumn = (page: Page) => page.getByTestId('coverage-section').filter({ hasText: SECTION });

  async function openSection(page: Page): Promise<void> {
    await page.getByTestId('plan-section-link').getByText(SECTION, { exact: true }).click();
    await expect.poll(() => page.getByTestId('section-title').textContent()).toBe(SECTION);
    await expect.poll(() => page.getByTestId('connection-status').textContent(), { timeout: 15_000 }).toBe('Verbonden');
  }

  it('a delegate writes a section and links it to a goal; the coverage matrix follows', async () => {
    const page = await loggedIn('beleid@alkmaar.demo');
    await openPlanTab(page);
    const card = page.getByTestId('plan-section').filter({ hasText: 'Gezinshuizen en pleegzorg' });
    expect(await card.getByTestId('section-state').textContent()).toBe('Concept');
    expect(await card.getByTestId('plan-section-drafters').textContent()).toContain('Gezinshuis');
    expect(await goalRow(page).getAttribute('data-uncovered')).toBe('true');
    expect(await goalRow(page).textContent()).toContain('geen sectie');
    expect(await sectionColumn(page).getAttribute('data-unlinked')).toBe('true');
    expect(await sectionColumn(page).textContent()).toContain('geen doel');
    // The matrix is a real table: a caption, column and row headers.
    expect(await page.locator('[data-testid="coverage-matrix"] caption').count()).toBe(1);
    expect(await page.locator('[data-testid="coverage-matrix"] th[scope="row"]').count()).toBe(6);
    await screenshot(page, '10-plan-overview');

    // Search: hits are marked, results labelled by kind.
    await page.getByTestId('search-input').fill('gezinshuizen');
    await page.getByTestId('search-submit').click();
    await page.getByTestId('search-results').waitFor();
    expect(await page.locator('[data-testid="search-results"] mark').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="search-result"][data-kind="section"]').count()).toBeGreaterThan(0);

    await openSection(page);
    const editor = page.getByTestId('editor');
    await expect.poll(() => editor.textContent()).toContain('Fasering 2026-2030');
    await caretToEnd(editor);
    await page.keyboard.press('Enter');
    await page.keyboard.type('Mijlpalen: de afbakening met Wlz en Zvw is in 2027 rond.');

    await page.getByTestId('goal-picker').waitFor();
    await page.getByLabel(GOAL, { exact: true }).check();
    await page.getByTestId('save-goal-links').click();
    await expect.poll(() => page.getByRole('status').allTextContents()).toContain('De koppelingen zijn opgeslagen.');
    await expect.poll(() => page.getByTestId('connection-status').textContent()).toBe('Verbonden');
    await screenshot(page, '11-section-page');

    await page.getByRole('link', { name: 'Transformatieplan 2026-2030', exact: true }).click();
    await page.getByTestId('coverage-matrix').waitFor();
    expect(await goalRow(page).getAttribute('data-uncovered')).toBe('false');
    expect(await goalRow(page).textContent()).not.toContain('geen sectie');
    expect(await sectionColumn(page).getAttribute('data-unlinked')).toBe('false');
    const planning = page.getByTestId('plan-section').filter({ hasText: SECTION });
    expect(await planning.getByTestId('plan-section-goals').textContent()).toContain(GOAL);

    // What the delegate typed is what the server stored.
    const sectionId = await sectionColumn(page).getAttribute('data-section-id');
    await expect
      .poll(
        async () => {
          const response = await page.request.get(`${harness.server.url}/api/sections/${sectionId}/content`);
          return ((await response.json()) as { text: string }).text;
        },
        { timeout: 10_000 },
      )
      .toContain('de afbakening met Wlz en Zvw');
  });

  it('the chair sees the same link; a council member reads the section without editor or goal picker', async () => {
    const chair = await loggedIn('voorzitter@regio-alkmaar.demo');
    await openPlanTab(chair);
    expect(await goalRow(chair).getAttribute('data-uncovered')).toBe('false');
    expect(await sectionColumn(chair).getAttribute('data-unlinked')).toBe('false');
    const column = await sectionColumn(chair).getAttribute('data-section-id');
    const cell = goalRow(chair)
      .locator('td')
      .nth(
        await chair
          .getByTestId('coverage-section')
          .evaluateAll((ths, id) => ths.findIndex((th) => th.getAttribute('data-section-id') === id), column),
      );
    expect(await cell.getAttribute('data-linked')).toBe('true');

    const council = await loggedIn('raadslid@alkmaar.demo');
    await openPlanTab(council);
    await openSection(council);
    expect(await council.getByTestId('editor').getAttribute('contenteditable')).toBe('false');
    expect(await council.getByText('U kunt deze sectie lezen, maar niet bewerken.').count()).toBe(1);
    expect(await council.getByTestId('goal-picker').count()).toBe(0);
    expect(await council.getByTestId('section-goals-list').textContent()).toContain(GOAL);
    expect(await council.getByTestId('editor').textContent()).toContain('de afbakening met Wlz en Zvw');
  });

  it('the secretariat records a measurement on a goal page; an impossible percentage is refused', async () => {
    const page = await loggedIn('secretariaat@regio-alkmaar.demo');
    await page.getByRole('link', { name: 'Doelen', exact: true }).click();
    await page.getByTestId('goal-link').getByText('Ambulantisering', { exact: true }).click();
    await expect.poll(() => page.getByTestId('goal-title').textContent()).toBe('Ambulantisering');
    expect(await page.getByTestId('national-goal').textContent()).toContain('Landelijk doel C');

    const kpi = page.getByTestId('kpi').filter({ hasText: 'Aandeel jeugdigen met verblijf' });
    expect(await kpi.getByTestId('trend-chart').locator('svg[role="img"]').getAttribute('aria-label')).toContain(
      'Nulmeting 5 % in 2022',
    );
    const period = periodOf(new Date());
    await kpi.getByTestId('measurement-period').fill(period);
    await kpi.getByTestId('measurement-value').fill('4,5');
    await kpi.getByTestId('measurement-source').fill('Declaratiedata iJw, bewerking RNO');
    await kpi.getByTestId('measurement-note').fill('Eerste cijfer na de start van het plan.');
    await kpi.getByTestId('measurement-submit').click();
    const row = kpi.locator(`[data-testid="measurement"][data-period="${period}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('4,5 %');
    expect(await row.textContent()).toContain('Declaratiedata iJw');
    expect(await row.textContent()).toContain('Sanne de Vries');

    await kpi.getByTestId('measurement-value').fill('140');
    await kpi.getByTestId('measurement-submit').click();
    const alert = kpi.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Een percentage ligt tussen 0 en 100.');
    expect(await row.textContent()).toContain('4,5 %');
    await screenshot(page, '12-goal-page');
  });
  it('the secretariat manages the plan and adds a principle, a goal and a KPI', async () => {
    const page = await loggedIn('secretariaat@regio-alkmaar.demo');
    await openPlanTab(page);
    const manager = page.getByTestId('plan-manager');
    const titles = () => page.getByTestId('plan-section-link').allTextContents();
    await expect.poll(async () => (await titles()).at(-1)).toBe(SECTION);

    // Move "Planning" one place up, then give it drafting organizations.
    await manager.getByRole('button', { name: `${SECTION} een plaats omhoog`, exact: true }).click();
    await expect.poll(async () => (await titles()).at(-2)).toBe(SECTION);
    const planningId = await page
      .getByTestId('plan-section')
      .filter({ hasText: SECTION })
      .getAttribute('data-section-id');
    const row = manager.locator(`[data-testid="manage-section"][data-section-id="${planningId}"]`);
    await row.locator('summary').click();
    await row.getByLabel('Gemeente Bergen', { exact: true }).check();
    await row.getByRole('button', { name: 'Organisaties opslaan', exact: true }).click();
    const card = page.getByTestId('plan-section').filter({ hasText: SECTION });
    await expect.poll(() => card.getByTestId('plan-section-drafters').textContent()).toBe('Gemeente Bergen');

    // A new section, renamed, then archived: it leaves the plan and the matrix.
    await manager.getByLabel('Nieuwe sectie', { exact: true }).fill('Communicatie');
    await manager.getByRole('button', { name: 'Sectie toevoegen', exact: true }).click();
    await expect.poll(async () => (await titles()).at(-1)).toBe('Communicatie');
    const addedId = await page
      .getByTestId('plan-section')
      .filter({ hasText: 'Communicatie' })
      .getAttribute('data-section-id');
    const added = manager.locator(`[data-testid="manage-section"][data-section-id="${addedId}"]`);
    await added.getByLabel('Titel', { exact: true }).fill('Communicatie en participatie');
    await added.getByRole('button', { name: 'Titel opslaan', exact: true }).click();
    await expect.poll(async () => (await titles()).at(-1)).toBe('Communicatie en participatie');
    await screenshot(page, '13-plan-manage');
    await manager.getByRole('button', { name: 'Communicatie en participatie archiveren', exact: true }).click();
    await expect.poll(async () => (await titles()).includes('Communicatie en participatie')).toBe(false);
    // The matrix reloads on its own after the plan list: wait for it rather than race it.
    await expect.poll(() => page.getByTestId('coverage-section').filter({ hasText: 'Communicatie' }).count()).toBe(0);

    // Goals: a principle, a goal serving it (national goal D) and a KPI with targets.
    await page.getByRole('link', { name: 'Doelen', exact: true }).click();
    const goals = page.getByTestId('goals-manager');
    await goals.getByTestId('principle-form').getByLabel('Titel', { exact: true }).fill('We leren van elkaar');
    await goals.getByRole('button', { name: 'Uitgangspunt toevoegen', exact: true }).click();
    await expect.poll(() => page.getByTestId('principles').textContent()).toContain('We leren van elkaar');

    const goalForm = goals.getByTestId('goal-form');
    await goalForm.getByLabel('Titel', { exact: true }).fill('Sterkere samenwerking met onderwijs');
    await goalForm.getByLabel('Landelijk transformatiedoel', { exact: true }).selectOption('D');
    await goalForm.getByLabel('We leren van elkaar', { exact: true }).check();
    await goalForm.getByRole('button', { name: 'Doel toevoegen', exact: true }).click();
    const goal = page.getByTestId('goal').filter({ hasText: 'Sterkere samenwerking met onderwijs' });
    await goal.waitFor();
    expect(await goal.textContent()).toContain('We leren van elkaar');
    expect(await goal.textContent()).toContain('geen sectie');

    const kpiForm = goals.getByTestId('kpi-form');
    await kpiForm
      .getByLabel('Bij doel', { exact: true })
      .selectOption({ label: 'Sterkere samenwerking met onderwijs' });
    await kpiForm.getByLabel('Indicator', { exact: true }).fill('Scholen met een praktijkondersteuner jeugd');
    await kpiForm.getByLabel('Eenheid', { exact: true }).selectOption('count');
    await kpiForm.getByLabel('Richting', { exact: true }).selectOption('higher_is_better');
    await kpiForm.getByLabel('Nulmeting: jaar', { exact: true }).fill('2025');
    await kpiForm.getByLabel('Nulmeting: waarde', { exact: true }).fill('12');
    await kpiForm.getByLabel('2026', { exact: true }).fill('18');
    await kpiForm.getByLabel('2030', { exact: true }).fill('40');
    await kpiForm.getByRole('button', { name: 'KPI toevoegen', exact: true }).click();
    await expect.poll(() => goal.textContent()).toContain('Scholen met een praktijkondersteuner jeugd');
    expect(await goal.getByTestId('kpi-status').textContent()).toContain('geen meting');
    await screenshot(page, '14-goals');

    await goal.getByTestId('goal-link').click();
    await expect.poll(() => page.getByTestId('goal-title').textContent()).toBe('Sterkere samenwerking met onderwijs');
    expect(await page.getByTestId('national-goal').textContent()).toContain('Landelijk doel D');
    expect(await page.getByTestId('kpi').textContent()).toContain('2026: 18 · 2030: 40');

    // The timeline tells what happened, in words.
    await page.getByRole('link', { name: '← Alle doelen van deze tafel', exact: true }).click();
    await page.getByRole('link', { name: 'Tijdlijn', exact: true }).click();
    await page.getByTestId('audit-event').first().waitFor();
    const timeline = (await page.getByTestId('audit-event').allTextContents()).join('\n');
    expect(timeline).toContain('heeft het doel “Sterkere samenwerking met onderwijs” toegevoegd.');
    expect(timeline).toContain('heeft de sectie “Communicatie” hernoemd tot “Communicatie en participatie”.');
    expect(timeline).toContain('heeft “Planning” gekoppeld aan: Afbakening jeugdhulp');
  });
});
