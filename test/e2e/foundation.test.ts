import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser, screenshot } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/process.ts';

/** The foundation in a real browser against the real server process (PGlite, demo region). */
describe.runIf(chromiumAvailable())('foundation in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tafelwerk-e2e-'));
    server = await startServerProcess({ DATA_DIR: dataDir, NODE_ENV: 'test', DEV_ROUTES: 'true' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('logs a delegate in, shows their tables and opens the table', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login\?next=/);
    await page.getByTestId('login-email').waitFor();
    await screenshot(page, '01-login');

    await page.getByTestId('login-email').fill('beleid@alkmaar.demo');
    await page.getByTestId('login-password').fill('demo-tafelwerk');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('table-link').first().waitFor();
    expect(await page.getByText('Fatima El Idrissi').count()).toBeGreaterThan(0);
    await screenshot(page, '02-my-tables');

    await page.getByTestId('table-link').first().click();
    await expect
      .poll(() => page.getByTestId('table-title').textContent())
      .toContain('Ontwikkeltafel Transformatie Jeugdhulp');
    expect(await page.getByTestId('phase-current').textContent()).toContain('Transformatiefase 1');
    expect(await page.getByTestId('members').textContent()).toContain('Horizon Jeugd');
    expect(await page.getByTestId('rules').textContent()).toContain('10 werkdagen');
    // A delegate sees the timeline but not the secretariat's management tab.
    expect(await page.getByRole('link', { name: 'Tijdlijn', exact: true }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Beheer', exact: true }).count()).toBe(0);
    await screenshot(page, '03-table');

    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login\?next=/);
    await page.close();
  });

  it('shows a clear error on a wrong password', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-email').fill('beleid@bergen.demo');
    await page.getByTestId('login-password').fill('verkeerd-wachtwoord');
    await page.getByTestId('login-submit').click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('e-mailadres of wachtwoord klopt niet');
    await page.close();
  });

  it('lets the secretariat invite a person who then sets a password and lands on the table', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-email').fill('secretariaat@regio-alkmaar.demo');
    await page.getByTestId('login-password').fill('demo-tafelwerk');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('table-link').first().click();
    await page.getByRole('link', { name: 'Beheer', exact: true }).click();

    const form = page.getByTestId('invite-form');
    await form.getByLabel('E-mailadres').fill('jeugdarts@kompas-ggz.demo');
    await form.getByLabel('Naam').fill('Noor Jeugdarts');
    await form.getByLabel('Organisatie').selectOption({ label: 'Kompas GGZ' });
    await form.getByLabel('Rol').selectOption({ label: 'Aanbieder' });
    await form.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await page.getByText('Uitnodiging verstuurd naar jeugdarts@kompas-ggz.demo').waitFor();
    await screenshot(page, '04-table-manage');

    await page.getByRole('link', { name: 'Tijdlijn', exact: true }).click();
    await page.getByTestId('audit-event').first().waitFor();
    expect(await page.getByTestId('audit-event').first().textContent()).toContain('jeugdarts@kompas-ggz.demo');
    await screenshot(page, '05-table-timeline');

    await page.getByRole('link', { name: 'Postvak (ontwikkeling)' }).click();
    const mail = page.getByTestId('outbox-mail').first();
    await mail.waitFor();
    await screenshot(page, '06-outbox');
    const link = await mail.getByRole('link').first().getAttribute('href');
    expect(link).toMatch(/\/invite\//);
    await context.close();

    const invitee = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await invitee.goto(link!);
    await invitee.getByLabel('Kies een wachtwoord').fill('een lang wachtwoord');
    await invitee.getByLabel('Herhaal het wachtwoord').fill('een lang wachtwoord');
    await screenshot(invitee, '07-invitation');
    await invitee.getByRole('button', { name: 'Uitnodiging aannemen' }).click();
    await expect.poll(() => invitee.getByTestId('table-title').textContent()).toContain('Ontwikkeltafel');
    expect(await invitee.getByTestId('members').textContent()).toContain('Noor Jeugdarts');
    await invitee.close();
  });
});
