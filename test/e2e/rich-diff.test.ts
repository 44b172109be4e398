import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { OpenedRound, SectionsResponse, TablesResponse } from '../../shared/api.ts';
import { Client } from '../support/app-server.ts';
import { chromiumAvailable, screenshot } from '../support/browser.ts';
import { appendBulletList, appendHeading, connectProvider, synced, waitFor } from '../support/collab-client.ts';
import { e2eHarness } from '../support/e2e.ts';

/** A block with text runs, each optionally bold, as Tiptap keeps it in Yjs. */
function textBlock(name: string, ...runs: (string | { bold: string })[]): Y.XmlElement {
  const element = new Y.XmlElement(name);
  const text = new Y.XmlText();
  // Not yet in a document, the text has no length to append at: count the offset ourselves.
  let at = 0;
  for (const run of runs) {
    // An explicit (empty) format: without one, Yjs lets plain text inherit the bold before it.
    if (typeof run === 'string') text.insert(at, run, {});
    else text.insert(at, run.bold, { bold: true });
    at += typeof run === 'string' ? run.length : run.bold.length;
  }
  element.insert(0, [text]);
  return element;
}

function table(rows: string[][]): Y.XmlElement {
  const element = new Y.XmlElement('table');
  element.insert(
    0,
    rows.map((cells) => {
      const row = new Y.XmlElement('tableRow');
      row.insert(
        0,
        cells.map((cell) => {
          const td = new Y.XmlElement('tableCell');
          td.insert(0, [textBlock('paragraph', cell)]);
          return td;
        }),
      );
      return row;
    }),
  );
  return element;
}

/**
 * The history diff of a section shows structure: a heading that became a paragraph, a table row that
 * went, a list that came, bold text inserted. Written over the socket, frozen by two rounds.
 */
describe.runIf(chromiumAvailable())('rich diff in Chromium', () => {
  const harness = e2eHarness('rich-diff');
  const SECTION = 'Planning';

  it('shows insertions, deletions and structural changes between two versions', async () => {
    const api = await new Client(harness.server.url).login('beleid@alkmaar.demo');
    const tables = await api.get<TablesResponse>('/api/tables');
    const sections = await api.get<SectionsResponse>(`/api/tables/${tables.body.tables[0]!.id}/sections`);
    const sectionId = sections.body.sections.find((s) => s.title === SECTION)!.id;
    const writer = connectProvider(harness.server.url, `section:${sectionId}`, api.cookieHeader);
    const fragment = writer.doc.getXmlFragment('default');
    /** Replaces the text, waits until the server has it, and freezes it as a version (withdrawn again). */
    async function version(marker: string, write: () => void): Promise<void> {
      writer.doc.transact(() => {
        fragment.delete(0, fragment.length);
        write();
      });
      await waitFor(async () =>
        ((await api.get<{ text: string }>(`/api/sections/${sectionId}/content`)).body.text ?? '').includes(marker),
      );
      const opened = await api.post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
      expect(opened.status).toBe(201);
      expect((await api.post(`/api/rounds/${opened.body.round.id}/withdraw`)).status).toBe(200);
    }
    try {
      await synced(writer.provider);
      await version('Slot van versie een.', () => {
        appendHeading(writer.doc, 'Mijlpalen', 2);
        fragment.insert(fragment.length, [
          textBlock('paragraph', 'De planning loopt voorlopig tot 2030.'),
          table([
            ['Jaar', 'Mijlpaal'],
            ['2026', 'Eerste gezinshuis open'],
            ['2027', 'Afbouw verblijf gestart'],
          ]),
          textBlock('paragraph', 'Slot van versie een.'),
        ]);
      });
      await version('Ambulante teams', () => {
        fragment.insert(0, [
          textBlock('paragraph', 'Mijlpalen'),
          textBlock('paragraph', 'De planning loopt tot ', { bold: 'en met' }, ' 2030.'),
          table([
            ['Jaar', 'Mijlpaal'],
            ['2027', 'Afbouw verblijf gestart'],
          ]),
        ]);
        appendBulletList(writer.doc, ['Gezinshuizen', 'Ambulante teams']);
      });
    } finally {
      writer.provider.destroy();
    }

    const page = await harness.loggedIn('bestuur@horizon-jeugd.demo');
    await page.getByRole('link', { name: 'Plan', exact: true }).click();
    await page.getByTestId('plan-section-link').getByText(SECTION, { exact: true }).click();
    await page.getByTestId('consensus-panel').waitFor();
    await page.getByTestId('section-history-toggle').click();
    await page.locator('[data-testid="history-version"][data-version="2"]').getByTestId('history-diff').click();
    const panel = page.getByTestId('diff-panel');
    const doc = panel.getByTestId('diff-doc');
    await doc.waitFor();

    // The legend and the summary, in words.
    expect(await panel.getByTestId('diff-legend').textContent()).toBe('IngevoegdVerwijderdStructuur gewijzigd');
    expect(await panel.getByTestId('diff-summary').textContent()).toMatch(/\d+ invoeging(en)?, \d+ verwijdering/);
    // Inserted text keeps its formatting; deleted text is shown where it stood.
    const inserted = (await doc.locator('ins').allTextContents()).join(' ');
    expect(inserted).toContain('en met');
    expect(inserted).toContain('Ambulante teams');
    // ProseMirror draws marks around decorations: <strong><ins>…</ins></strong>.
    expect(await doc.locator('strong > ins').first().textContent()).toBe('en met');
    expect(await doc.locator('del').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Eerste gezinshuis open'), expect.stringContaining('voorlopig')]),
    );
    // Structure, with a label rather than a colour: the heading became a paragraph, a row went, a list came.
    const labels = await doc.locator('.tw-diff-label').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['kop 2 → alinea', 'rij verwijderd', 'opsomming ingevoegd']));
    expect(await doc.locator('tr.tw-diff-del-block').count()).toBe(1);
    // Screen readers hear what each change is.
    expect(await doc.locator('.tw-visually-hidden').allTextContents()).toEqual(
      expect.arrayContaining(['ingevoegd: ', 'verwijderd: ']),
    );
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, '45-rich-diff');
  });
});
