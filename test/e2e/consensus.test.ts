import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { OpenedRound, SectionConsensus, SectionsResponse, TablesResponse } from '../../shared/api.ts';
import { Client } from '../support/app-server.ts';
import { chromiumAvailable, screenshot } from '../support/browser.ts';
import { e2eHarness } from '../support/e2e.ts';
import { caretToEnd } from '../support/editor-caret.ts';

/** Types at the end of the live proposal document in a form (a new paragraph), once it is editable. */
async function typeAtEnd(page: Page, formTestId: string, text: string): Promise<void> {
  const editor = page.getByTestId(formTestId).getByTestId('editor');
  await expect.poll(() => editor.getAttribute('contenteditable'), { timeout: 15_000 }).toBe('true');
  await expect.poll(() => editor.textContent(), { timeout: 15_000 }).not.toBe('');
  await caretToEnd(editor);
  await page.keyboard.press('Enter');
  await page.keyboard.type(text);
}

/**
 * A section through the whole consensus process, as the people at the table see it: a municipality puts it
 * to a round, a provider objects, the others consent (through the API, to keep it fast), the provider
 * escalates, the chair mediates and refers, the municipalities rule. Then a round that runs out of time.
 */
describe.runIf(chromiumAvailable())('consensus in Chromium', () => {
  const harness = e2eHarness('consensus');
  const { loggedIn } = harness;
  const SECTION = 'Afbouw verblijf en opbouw ambulant';
  const OBJECTION =
    'De afbouw gaat te snel: zonder afspraken over frictiekosten kunnen wij de ambulante teams niet opbouwen.';
  const ESCALATION = 'Wij komen er aan tafel niet uit; graag bemiddeling over het tempo van de afbouw.';
  const STEP = 'Gesprek met Horizon Jeugd en de gemeenten over het tempo; geen overeenstemming.';
  const REPORT = 'Partijen blijven verdeeld over het tempo. Consensus is niet haalbaar; ik verwijs naar de gemeenten.';
  const RULING =
    'Verblijf wordt in vier jaar met een derde afgebouwd.\n\nDe gemeenten dragen de frictiekosten in 2026 en 2027.';
  const RATIONALE = 'Het tempo volgt de inkoopstrategie; de frictiekosten komen tegemoet aan het bezwaar.';

  /** A delegate elsewhere, through the API with their own session. */
  const as = (email: string) => new Client(harness.server.url).login(email);

  async function openSection(page: Page, title: string): Promise<void> {
    await page.getByRole('link', { name: 'Plan', exact: true }).click();
    await page.getByTestId('plan-section-link').getByText(title, { exact: true }).click();
    await expect.poll(() => page.getByTestId('section-title').textContent()).toBe(title);
    await page.getByTestId('consensus-panel').waitFor();
  }

  async function reload(page: Page): Promise<void> {
    await page.reload();
    await page.getByTestId('consensus-panel').waitFor();
  }

  const stateOf = (page: Page) => page.getByTestId('consensus-state').textContent();
  const row = (page: Page, organization: string) =>
    page.locator(`[data-testid="position-row"][data-organization="${organization}"]`);

  async function sectionIdOf(title: string): Promise<string> {
    const api = await as('secretariaat@regio-alkmaar.demo');
    const tables = await api.get<TablesResponse>('/api/tables');
    const sections = await api.get<SectionsResponse>(`/api/tables/${tables.body.tables[0]!.id}/sections`);
    return sections.body.sections.find((s) => s.title === title)!.id;
  }

  it('round, objection, escalation, mediation, referral and a ruling with the objection as minority position', async () => {
    const sectionId = await sectionIdOf(SECTION);

    // A municipality puts the section to a consent round; the text is frozen and locked.
    const municipality = await loggedIn('beleid@alkmaar.demo');
    await openSection(municipality, SECTION);
    expect(await stateOf(municipality)).toBe('Concept');
    expect(await municipality.getByTestId('consensus-version').textContent()).toBe('nog geen vastgelegde versie');
    await municipality.getByTestId('open-round').click();
    expect(await municipality.getByTestId('open-round-dialog').textContent()).toContain('nieuwe versie');
    await municipality.getByTestId('open-round-confirm').click();
    await expect.poll(() => stateOf(municipality)).toBe('In instemmingsronde');
    expect(await municipality.getByTestId('consensus-version').textContent()).toBe('versie 1');
    expect(await municipality.getByTestId('round-deadline').textContent()).toContain('Reageren kan tot en met');
    expect(await municipality.getByTestId('round-responded').textContent()).toBe(
      '0 van de 10 organisaties hebben gereageerd.',
    );
    await expect.poll(() => municipality.getByTestId('editor').getAttribute('contenteditable')).toBe('false');
    expect(await municipality.getByTestId('section-locked').textContent()).toContain('instemmingsronde');
    expect(await municipality.getByTestId('section-lock').textContent()).toContain('Vergrendeld');

    // The provider objects; an objection without reasons is refused in the form.
    const provider = await loggedIn('bestuur@horizon-jeugd.demo');
    await openSection(provider, SECTION);
    expect(await stateOf(provider)).toBe('In instemmingsronde');
    expect(await row(provider, 'Horizon Jeugd').getByTestId('position-kind').textContent()).toContain(
      'nog geen reactie',
    );
    await provider.getByTestId('position-kind-object').check();
    await provider.getByTestId('position-submit').click();
    await expect
      .poll(() => provider.getByTestId('position-form').getByRole('alert').textContent())
      .toContain('toelichting verplicht');
    await provider.getByTestId('position-text').fill(OBJECTION);
    await provider.getByTestId('position-submit').click();
    await expect.poll(() => row(provider, 'Horizon Jeugd').getAttribute('data-kind')).toBe('object');
    const objectionRow = await row(provider, 'Horizon Jeugd').textContent();
    expect(objectionRow).toContain('bezwaar');
    expect(objectionRow).toContain(OBJECTION);
    expect(objectionRow).toContain('Anouk Jansen');
    expect(await provider.getByTestId('position-current').textContent()).toContain('bezwaar');

    // The others respond through the API: first four, while the round still runs.
    const round = (
      await (await as('beleid@alkmaar.demo')).get<SectionConsensus>(`/api/sections/${sectionId}/consensus`)
    ).body.round!;
    const respond = async (email: string, kind: string, text?: string) => {
      const reply = await (await as(email)).post(`/api/rounds/${round.id}/positions`, text ? { kind, text } : { kind });
      expect(reply.status, `${email}: ${JSON.stringify(reply.body)}`).toBe(201);
    };
    await respond('beleid@alkmaar.demo', 'consent');
    await respond('beleid@bergen.demo', 'consent');
    await respond('bestuur@kompas-ggz.demo', 'consent_with_remarks', 'Let op de wachttijden in de ggz.');
    await respond('bestuur@de-brug-lvb.demo', 'abstain');
    await reload(provider);
    expect(await stateOf(provider)).toBe('In instemmingsronde');
    expect(await provider.getByTestId('round-responded').textContent()).toBe(
      '5 van de 10 organisaties hebben gereageerd.',
    );
    expect(await row(provider, 'Kompas GGZ').textContent()).toContain('instemming met kanttekening');
    expect(await row(provider, 'Kompas GGZ').textContent()).toContain('Let op de wachttijden in de ggz.');
    expect(await row(provider, 'De Brug LVB').getAttribute('data-kind')).toBe('abstain');
    expect(await row(provider, 'Gemeente Uitgeest').textContent()).toContain('nog geen reactie');
    await screenshot(provider, '13-consensus-round');

    // The rest consent: everyone responded, with one objection, so the round closes objected.
    for (const email of [
      'beleid@castricum.demo',
      'beleid@dijkenwaard.demo',
      'beleid@heiloo.demo',
      'beleid@uitgeest.demo',
      'bestuur@gezinshuis-noord.demo',
    ]) {
      await respond(email, 'consent');
    }
    await reload(provider);
    expect(await stateOf(provider)).toBe('Bezwaar gemaakt');
    expect(await provider.getByTestId('round-outcome').getAttribute('data-outcome')).toBe('objected');
    expect(await provider.getByTestId('position-form').count()).toBe(0);

    // The provider takes it to the chair.
    await provider.getByTestId('escalate-reason').fill(ESCALATION);
    await provider.getByTestId('escalate-submit').click();
    await expect.poll(() => stateOf(provider)).toBe('Bij de voorzitter');
    expect(await provider.getByTestId('escalation-reason').textContent()).toBe(ESCALATION);
    expect(await provider.getByTestId('escalate-form').count()).toBe(0);

    // The chair finds it in the inbox, records a step and refers it to the municipalities.
    const chair = await loggedIn('voorzitter@regio-alkmaar.demo');
    await chair.getByRole('link', { name: 'Escalaties', exact: true }).click();
    const entry = chair.getByTestId('inbox-escalation').filter({ hasText: SECTION });
    await entry.waitFor();
    expect(await entry.getByTestId('inbox-reason').textContent()).toBe(ESCALATION);
    expect(await entry.getByTestId('inbox-state').textContent()).toBe('Bij de voorzitter');
    expect(await entry.getByTestId('inbox-age').textContent()).toBe('0');
    expect(await entry.getByTestId('inbox-steps').textContent()).toBe('0');
    await screenshot(chair, '14-escalation-inbox');
    await entry.getByTestId('inbox-section').click();
    await chair.getByTestId('consensus-panel').waitFor();
    expect(await stateOf(chair)).toBe('Bij de voorzitter');
    expect(await chair.getByTestId('position-form').count()).toBe(0);
    await chair.getByTestId('mediation-kind').selectOption('meeting');
    await chair.getByTestId('mediation-note').fill(STEP);
    await chair.getByTestId('mediation-submit').click();
    await expect.poll(() => chair.getByTestId('mediation-step').count()).toBe(1);
    expect(await chair.getByTestId('mediation-step').textContent()).toContain(STEP);
    await chair.getByTestId('referral-report').fill(REPORT);
    await chair.getByTestId('referral-submit').click();
    await expect.poll(() => stateOf(chair)).toBe('Verwezen naar de gemeenten');
    expect(await chair.getByTestId('referral-report-text').textContent()).toContain(REPORT);
    expect(await chair.getByTestId('consensus-actions').count()).toBe(0);

    // A municipality drafts the ruling.
    await reload(municipality);
    expect(await stateOf(municipality)).toBe('Verwezen naar de gemeenten');
    // The ruling is written in its own live document, which starts as the text under objection.
    await municipality.getByTestId('ruling-start').click();
    await typeAtEnd(municipality, 'ruling-form', RULING);
    await expect
      .poll(() => municipality.getByTestId('proposal-diff').textContent(), { timeout: 15_000 })
      .toContain('met een derde afgebouwd');
    await municipality.getByTestId('ruling-rationale').fill(RATIONALE);
    await municipality.getByTestId('ruling-submit').click();
    await expect
      .poll(() => municipality.getByTestId('ruling-status').textContent())
      .toContain('wacht op onderschrijving');
    expect(await municipality.getByTestId('ruling-awaiting').locator('li').count()).toBe(6);
    expect(await municipality.getByTestId('minority-position').textContent()).toContain(OBJECTION);

    // Five municipalities endorse through the API, Alkmaar last, in the browser.
    const rulingId = (
      await (await as('beleid@alkmaar.demo')).get<SectionConsensus>(`/api/sections/${sectionId}/consensus`)
    ).body.ruling!.id;
    for (const email of [
      'beleid@bergen.demo',
      'beleid@castricum.demo',
      'beleid@dijkenwaard.demo',
      'beleid@heiloo.demo',
      'beleid@uitgeest.demo',
    ]) {
      const reply = await (await as(email)).post(`/api/rulings/${rulingId}/endorsements`);
      expect(reply.status, `${email}: ${JSON.stringify(reply.body)}`).toBe(201);
    }
    await reload(municipality);
    expect(await stateOf(municipality)).toBe('Verwezen naar de gemeenten');
    expect(await municipality.getByTestId('ruling-endorsement').count()).toBe(5);
    expect(await municipality.getByTestId('ruling-awaiting').textContent()).toBe('Gemeente Alkmaar');
    await municipality.getByTestId('endorse-ruling').click();
    await municipality.getByTestId('endorse-ruling-confirm').click();
    await expect.poll(() => stateOf(municipality)).toBe('Uitspraak van de gemeenten');
    expect(await municipality.getByTestId('ruling-status').textContent()).toContain('Van kracht sinds');
    expect(await municipality.getByTestId('ruling-endorsement').count()).toBe(6);
    expect(await municipality.getByTestId('ruling-text-view').textContent()).toContain('met een derde afgebouwd');
    expect(await municipality.getByTestId('ruling-rationale-view').textContent()).toBe(RATIONALE);
    const minority = municipality.locator('[data-testid="minority-position"][data-organization="Horizon Jeugd"]');
    expect(await minority.textContent()).toContain(OBJECTION);
    expect(await minority.textContent()).toContain('bezwaar');
    await expect
      .poll(() => municipality.getByTestId('editor').textContent(), { timeout: 10_000 })
      .toContain('De gemeenten dragen de frictiekosten');
    await screenshot(municipality, '15-ruling');

    // The provider sees the ruling and its objection on record, but has nothing to endorse.
    await reload(provider);
    expect(await stateOf(provider)).toBe('Uitspraak van de gemeenten');
    expect(await provider.getByTestId('ruling-text-view').textContent()).toContain('met een derde afgebouwd');
    expect(await provider.getByTestId('minority-position').textContent()).toContain(OBJECTION);
    expect(await provider.getByTestId('endorse-ruling').count()).toBe(0);
    expect(await provider.getByTestId('ruling-form').count()).toBe(0);
    expect(await provider.getByTestId('section-locked').textContent()).toContain('uitspraak');
    expect(await provider.getByTestId('editor').getAttribute('contenteditable')).toBe('false');
    // Every consent referred to version 1; the ruling is version 2. The closed round's positions are
    // history, not warnings: "versie 1", with the changes a click away, opened in place with the focus in it.
    expect(await row(provider, 'Gemeente Bergen').getByTestId('position-stale').count()).toBe(0);
    expect(await row(provider, 'Gemeente Bergen').getByTestId('position-version').textContent()).toBe('versie 1');
    await row(provider, 'Gemeente Bergen').getByTestId('position-diff').click();
    const diff = provider.getByTestId('diff-panel');
    await diff.getByTestId('diff').waitFor();
    expect(
      await provider.evaluate(() => document.activeElement?.querySelector('[data-testid="diff-panel"]') !== null),
    ).toBe(true);
    expect(await diff.locator('ins').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('frictiekosten')]),
    );
    // The ruling was written on the text under objection: it adds to it, the rest of the section stands.
    expect(await diff.locator('del').count()).toBe(0);

    // The bell: unread notifications for the provider, with the ruling among them; then all read.
    const unread = provider.getByTestId('notifications-unread');
    expect(Number(await unread.getAttribute('data-count'))).toBeGreaterThan(0);
    await provider.getByTestId('notifications-button').click();
    const messages = await provider.getByTestId('notification').allTextContents();
    expect(messages.join('\n')).toContain(`De gemeenten hebben uitspraak gedaan over “${SECTION}”`);
    expect(messages.join('\n')).toContain(`Instemmingsronde geopend voor “${SECTION}”`);
    await provider.getByTestId('notifications-read-all').click();
    await expect.poll(() => unread.count()).toBe(0);
    expect(await provider.locator('[data-testid="notification"][data-read="false"]').count()).toBe(0);
    await provider.keyboard.press('Escape');

    // The history: two versions (round, ruling) and their diff, every statement, the events.
    await provider.getByTestId('section-history-toggle').click();
    await expect.poll(() => provider.getByTestId('history-version').count()).toBe(2);
    await provider.locator('[data-testid="history-version"][data-version="2"]').getByTestId('history-view').click();
    await expect
      .poll(() => provider.getByTestId('version-text').textContent())
      .toContain('De gemeenten dragen de frictiekosten');
    await provider.locator('[data-testid="history-version"][data-version="2"]').getByTestId('history-diff').click();
    await expect.poll(() => provider.locator('[data-testid="section-history"] ins').count()).toBeGreaterThan(0);
    expect(await provider.getByTestId('history-statement').count()).toBe(10);
    const events = (await provider.getByTestId('history-event').allTextContents()).join('\n');
    expect(events).toContain('Anouk Jansen gaf namens Horizon Jeugd bezwaar');
    expect(events).toContain('heeft een bemiddelingsstap vastgelegd (overleg');
    expect(events).toContain('verwezen naar de gemeenten');
    expect(events).toContain('is van kracht (versie 2)');

    // The plan tab shows the real state.
    await provider.getByRole('link', { name: 'Transformatieplan 2026-2030', exact: true }).click();
    const card = provider.getByTestId('plan-section').filter({ hasText: SECTION });
    await card.waitFor();
    expect(await card.getByTestId('section-state').textContent()).toBe('Uitspraak van de gemeenten');
  });

  it('a round whose deadline passes without every response closes objected; the open page follows', async () => {
    const sectionId = await sectionIdOf('Vastgoed');
    const municipality = await as('beleid@heiloo.demo');
    const opened = await municipality.post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
    expect(opened.status).toBe(201);
    const consent = await (
      await as('bestuur@gezinshuis-noord.demo')
    ).post(`/api/rounds/${opened.body.round.id}/positions`, { kind: 'consent' });
    expect(consent.status).toBe(201);

    const page = await loggedIn('beleid@heiloo.demo');
    await openSection(page, 'Vastgoed');
    expect(await stateOf(page)).toBe('In instemmingsronde');
    expect(await page.getByTestId('round-responded').textContent()).toBe('1 van de 10 organisaties hebben gereageerd.');
    expect(await page.getByTestId('withdraw-round').count()).toBe(1);

    const now = new Date(Date.parse(opened.body.round.deadline) + 60_000).toISOString();
    // Only the demo region's secretariat may move the clock.
    const secretariat = await as('secretariaat@regio-alkmaar.demo');
    const clock = await secretariat.post<{ closed: number }>('/api/dev/clock', { now });
    expect(clock.status).toBe(200);
    expect(clock.body.closed).toBeGreaterThanOrEqual(1);

    // No reload: the page looks again by itself.
    await expect.poll(() => stateOf(page), { timeout: 25_000, interval: 1_000 }).toBe('Bezwaar gemaakt');
    const outcome = page.getByTestId('round-outcome');
    expect(await outcome.getAttribute('data-outcome')).toBe('not_all_responded');
    expect(await outcome.textContent()).toContain('niet iedere organisatie reageerde');
    expect(await row(page, 'Gemeente Uitgeest').textContent()).toContain('nog geen reactie');
    await expect.poll(() => page.getByTestId('section-locked').textContent()).toContain('bezwaar');
    expect(await page.getByTestId('escalate-form').count()).toBe(1);
    expect(await page.getByTestId('revise').count()).toBe(1);

    await page.getByRole('link', { name: 'Transformatieplan 2026-2030', exact: true }).click();
    const card = page.getByTestId('plan-section').filter({ hasText: 'Vastgoed' });
    await card.waitFor();
    expect(await card.getByTestId('section-state').textContent()).toBe('Bezwaar gemaakt');
  });

  it('the chair puts a compromise to a new round and withdraws it; an opener withdraws a round; a ruling is revised', async () => {
    const sectionId = await sectionIdOf('Vastgoed');
    const escalated = await (
      await as('beleid@heiloo.demo')
    ).post(`/api/sections/${sectionId}/escalations`, {
      reason: 'Niet iedereen reageerde; graag een voorstel van de voorzitter.',
    });
    expect(escalated.status).toBe(201);

    const chair = await loggedIn('voorzitter@regio-alkmaar.demo');
    await openSection(chair, 'Vastgoed');
    expect(await stateOf(chair)).toBe('Bij de voorzitter');
    // The compromise is written in its own live document, starting from the text under objection.
    await chair.getByTestId('compromise-start').click();
    await typeAtEnd(chair, 'compromise-form', 'Vrijkomende locaties gaan eerst naar kleinschalig wonen.');
    await expect
      .poll(() => chair.getByTestId('proposal-diff').textContent(), { timeout: 15_000 })
      .toContain('Vrijkomende locaties');
    await chair.getByTestId('compromise-submit').click();
    await expect.poll(() => stateOf(chair)).toBe('Compromisvoorstel');
    expect(await chair.getByTestId('consensus-version').textContent()).toBe('versie 2');
    expect(await chair.getByTestId('round').locator('h3').textContent()).toBe(
      'Compromisvoorstel van de voorzitter, versie 2',
    );
    expect(await chair.getByRole('status').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Het compromisvoorstel ligt voor als versie 2')]),
    );
    await expect
      .poll(() => chair.getByTestId('editor').textContent(), { timeout: 10_000 })
      .toContain('Vrijkomende locaties gaan eerst naar kleinschalig wonen.');
    // Gezinshuis Noord consented to version 1: that consent is stale now.
    expect(await row(chair, 'Gezinshuis Noord').getAttribute('data-stale')).toBe('true');
    expect(await row(chair, 'Gezinshuis Noord').getByTestId('position-earlier').textContent()).toBe('op versie 1');
    await chair.getByTestId('withdraw-round').click();
    await chair.getByTestId('withdraw-round-confirm').click();
    await expect.poll(() => stateOf(chair)).toBe('Bij de voorzitter');

    // Whoever opened a round may withdraw it: the text is a draft again, and editable.
    const municipality = await loggedIn('beleid@castricum.demo');
    await openSection(municipality, 'Planning');
    await expect
      .poll(() => municipality.getByTestId('editor').getAttribute('contenteditable'), { timeout: 15_000 })
      .toBe('true');
    await municipality.getByTestId('open-round').click();
    await municipality.getByTestId('open-round-confirm').click();
    await expect.poll(() => stateOf(municipality)).toBe('In instemmingsronde');
    await expect.poll(() => municipality.getByTestId('editor').getAttribute('contenteditable')).toBe('false');
    await municipality.getByTestId('withdraw-round').click();
    await municipality.getByTestId('withdraw-round-confirm').click();
    await expect.poll(() => stateOf(municipality)).toBe('Concept');
    expect(await municipality.getByTestId('round-outcome').getAttribute('data-outcome')).toBe('withdrawn');
    await expect.poll(() => municipality.getByTestId('editor').getAttribute('contenteditable')).toBe('true');
    expect(await municipality.getByTestId('section-locked').count()).toBe(0);

    // A ruled text can be opened for revision; the ruling stays in the history.
    await municipality.getByRole('link', { name: 'Transformatieplan 2026-2030', exact: true }).click();
    await openSection(municipality, SECTION);
    expect(await stateOf(municipality)).toBe('Uitspraak van de gemeenten');
    await municipality.getByTestId('revise').click();
    await municipality.getByTestId('revise-confirm').click();
    await expect.poll(() => stateOf(municipality)).toBe('Concept');
    await expect.poll(() => municipality.getByTestId('editor').getAttribute('contenteditable')).toBe('true');
    await municipality.getByTestId('section-history-toggle').click();
    await expect
      .poll(() => municipality.getByTestId('history-event').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('teruggezet naar concept om te herzien')]));
  });
});
