import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser.ts';
import { e2eHarness } from '../support/e2e.ts';

/**
 * Issue 16, items 1-3 in a browser: refused fields are worded in Dutch next to the field, a lost session
 * leads to the login page and back, and a table with a second plan gets a plan switcher.
 */
describe.runIf(chromiumAvailable())('field errors, a lost session and several plans in Chromium', () => {
  const harness = e2eHarness('session');
  const { loggedIn } = harness;

  it('words an empty login in Dutch beside each field, without the browser’s own tooltips', async () => {
    const page = await loggedIn('beleid@alkmaar.demo');
    await page.context().clearCookies();
    await page.goto(`${harness.server.url}/login`);
    await page.getByTestId('login-submit').click();
    const email = page.locator('#login-email-error');
    await email.waitFor();
    expect(await email.textContent()).toBe('Vul dit veld in.');
    expect(await page.locator('#login-password-error').textContent()).toBe('Vul dit veld in.');
    expect(await page.getByTestId('login-email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('main').textContent()).not.toMatch(/invalid|Controleer de invoer:/);
    await page.getByTestId('login-email').fill('geen-adres');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => email.textContent()).toContain('Vul een geldig e-mailadres in');
  });

  it('sends a person whose session ended to the login page, and back to where they were', async () => {
    const page = await loggedIn('beleid@alkmaar.demo');
    await page.getByRole('link', { name: 'Plan', exact: true }).click();
    await page.getByTestId('coverage-matrix').waitFor();
    const planTab = new URL(page.url()).pathname;
    expect(await page.locator('header').textContent()).toContain('Ingelogd als');
    // The session ends on the server's side: the next call answers 401.
    await page.context().clearCookies();
    await page.getByRole('link', { name: 'Doelen', exact: true }).click();
    await page.waitForURL(/\/login\?next=/);
    const next = new URL(page.url()).searchParams.get('next');
    expect(next).toMatch(/\/goals$/);
    expect(await page.locator('header').textContent()).not.toContain('Ingelogd als');
    await page.getByTestId('login-email').fill('beleid@alkmaar.demo');
    await page.getByTestId('login-password').fill('demo-tafelwerk');
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => url.pathname === next);
    expect(planTab).toMatch(/\/plan$/);
  });

  it('switches between the plans of a table and confirms saved drafting organizations', async () => {
    const page = await loggedIn('secretariaat@regio-alkmaar.demo');
    await page.getByRole('link', { name: 'Plan', exact: true }).click();
    await page.getByTestId('coverage-matrix').waitFor();
    const manager = page.getByTestId('plan-manager');
    const row = manager.getByTestId('manage-section').first();
    await row.locator('summary').click();
    await row.getByLabel('Gemeente Bergen', { exact: true }).check();
    await row.getByRole('button', { name: 'Organisaties opslaan', exact: true }).click();
    await expect.poll(() => row.locator('details').getByRole('status').first().textContent()).toContain('opgeslagen');

    const form = page.getByTestId('create-plan-form');
    await form.getByLabel('Titel van het plan', { exact: true }).fill('Verbeterplan 2027');
    await form.locator('#plan-start').fill('2028');
    await form.locator('#plan-end').fill('2027');
    await form.getByRole('button').click();
    await expect
      .poll(() => page.locator('#plan-end-error').textContent())
      .toBe('Het eindjaar ligt vóór het beginjaar.');
    await form.locator('#plan-end').fill('2029');
    await form.getByRole('button').click();
    const switcher = page.getByTestId('plan-switcher');
    await switcher.waitFor();
    const options = await switcher.locator('option').allTextContents();
    expect(options[0]).toContain('Transformatieplan 2026-2030');
    expect(options).toContain('Verbeterplan 2027 (2028–2029)');
    await switcher.selectOption({ label: 'Verbeterplan 2027 (2028–2029)' });
    await expect
      .poll(() => page.getByTestId('plan-overview').textContent(), { timeout: 15_000 })
      .toContain('Verbeterplan 2027');
    // The template's sections, numbered under the new plan alone; the first plan's are not shown with them.
    await expect.poll(() => page.getByTestId('plan-sections').count()).toBe(1);
    expect(await page.getByTestId('plan-overview').textContent()).not.toContain('Transformatieplan 2026-2030');
    expect(await page.getByTestId('plan-section').count()).toBe(9);
  });
});
