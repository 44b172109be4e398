import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlToBlocks } from '../../server/pdf/html.ts';
import type { PdfDocumentModel } from '../../server/pdf/model.ts';
import { renderPdf } from '../../server/pdf/render.ts';
import { loadPdfFonts } from '../../server/runtime/pdf-fonts.ts';
import { formatDateNl, formatEuroNl, formatKpiValue, formatNumberNl, formatPercentNl } from '../../shared/format-nl.ts';
import { BODY_HEADINGS, reportModel, SECTION_HTML } from '../support/pdf-report.ts';

/**
 * The PDF renderer end to end: a realistic progress report rendered and read back with poppler
 * (pdfinfo, pdffonts, pdftotext), the way a council member's PDF reader and a screen reader see it.
 * Needs poppler-utils; without it the poppler checks are skipped with a warning, unless
 * TAFELWERK_REQUIRE_POPPLER=1. PDF_SAMPLE=/path.pdf keeps a copy of the rendered report to look at.
 */

const run = promisify(execFile);

async function poppler(tool: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(tool, args, { maxBuffer: 32 * 1024 * 1024 });
  return stdout;
}

async function hasPoppler(): Promise<boolean> {
  try {
    await poppler('pdfinfo', '-v');
    return true;
  } catch {
    return false;
  }
}

const popplerFound = await hasPoppler();
if (!popplerFound) {
  if (process.env.TAFELWERK_REQUIRE_POPPLER === '1')
    throw new Error('TAFELWERK_REQUIRE_POPPLER=1 but pdfinfo is missing');
  console.warn('!! poppler-utils (pdfinfo, pdffonts, pdftotext) not found: the PDF checks are SKIPPED');
}

describe('Dutch formatting', () => {
  it('formats numbers, percentages, euros, dates and KPI values the Dutch way', () => {
    expect(formatNumberNl(12.5)).toBe('12,5');
    expect(formatNumberNl(1234)).toBe('1.234');
    expect(formatNumberNl(2, 1)).toBe('2,0');
    expect(formatPercentNl(12.5)).toBe('12,5 %');
    expect(formatEuroNl(1234567)).toBe('€ 1.234.567');
    expect(formatEuroNl(12.5)).toBe('€ 12,50');
    expect(formatDateNl(new Date('2026-07-01T08:00:00Z'))).toBe('1 juli 2026');
    expect(formatDateNl(new Date('2026-06-30T22:30:00Z'))).toBe('1 juli 2026');
    expect(formatKpiValue(12, 'days')).toBe('12 dagen');
    expect(formatKpiValue(1, 'days')).toBe('1 dag');
    expect(formatKpiValue(-1, 'days')).toBe('-1 dag');
    expect(formatKpiValue(1234, 'count')).toBe('1.234');
    expect(formatKpiValue(1234.5, 'number')).toBe('1.234,5');
    expect(formatKpiValue(1200, 'euro')).toBe('€ 1.200');
  });
});

describe('html to blocks', () => {
  it('converts the collaborative renderer’s html, headings one level under the enclosing one', () => {
    const blocks = htmlToBlocks(SECTION_HTML, 3);
    expect(blocks.map((block) => block.kind)).toEqual([
      'heading',
      'paragraph',
      'list',
      'heading',
      'paragraph',
      'list',
      'table',
      'paragraph',
      'paragraph',
    ]);
    expect(blocks[0]).toEqual({ kind: 'heading', level: 3, text: 'Achtergrond & aanleiding', listed: false });
    expect(blocks[3]).toMatchObject({ kind: 'heading', level: 4, text: 'Uitwerking' });
    expect(blocks[1]).toMatchObject({
      runs: [
        { text: 'De regio wil ' },
        { text: 'zo thuis mogelijk', bold: true },
        { text: ' laten opgroeien, met ' },
        { text: 'minder', italic: true },
        { text: ' verblijf en "maatwerk" – ook in het regioplan (https://www.voorbeeld.nl/plan).' },
      ],
    });
    expect(blocks[2]).toMatchObject({
      items: [
        { label: '•', depth: 0, runs: [{ text: 'Gezinshuizen uitbreiden' }] },
        { label: '•', depth: 0, runs: [{ text: 'Ambulante teams versterken' }] },
        { label: '–', depth: 1, runs: [{ text: 'Ook in het weekend' }] },
      ],
    });
    expect(blocks[4]).toMatchObject({ indent: 1, runs: [{ text: 'Elk kind verdient een thuis.' }] });
    expect(blocks[5]).toMatchObject({ ordered: true, items: [{ label: '1.' }, { label: '2.' }] });
    expect(blocks[6]).toEqual({
      kind: 'table',
      header: ['Maatregel', 'Eigenaar'],
      rows: [['Gezinshuizen', 'Gezinshuis Noord']],
    });
    expect(blocks[7]).toMatchObject({ preformatted: true, runs: [{ text: 'regel 1\nregel 2' }] });
    expect(blocks[8]).toMatchObject({ runs: [{ text: 'onbekende tag' }] });
  });

  it('never throws on html it does not know', () => {
    for (const html of [
      '<p>open',
      '</li></ul>x',
      '<td>a</td>',
      'a < b &bogus; &#0; &#x110000;',
      '<table><tr><td>1',
      '<li>los</li>',
    ]) {
      expect(() => htmlToBlocks(html, 2)).not.toThrow();
    }
    expect(htmlToBlocks('a < b &bogus;', 2)).toMatchObject([{ kind: 'paragraph', runs: [{ text: 'a < b &bogus;' }] }]);
  });
});

describe('renderPdf on odd input', () => {
  it('renders empty and degenerate blocks without throwing', async () => {
    const model: PdfDocumentModel = {
      ...reportModel(),
      titlePage: { title: '', lines: [] },
      blocks: [
        { kind: 'paragraph', text: '' },
        { kind: 'list', ordered: true, items: [] },
        { kind: 'table', header: [], rows: [] },
        { kind: 'table', header: ['Eén'], rows: [['a', 'b', 'c'], []], widths: [0, -1] },
        { kind: 'chart', title: 'Leeg', alt: 'Geen cijfers', categories: [], series: [], format: String },
        {
          kind: 'chart',
          title: 'Gaten',
          alt: 'Alleen gaten',
          categories: ['a', 'b'],
          series: [{ label: 'x', values: [null, null, 3] }],
          format: String,
        },
        { kind: 'html', html: '<table><tr><td>los' },
        { kind: 'pageBreak' },
        { kind: 'pageBreak' },
        { kind: 'heading', level: 3, text: 'Een heel lange kop '.repeat(30) },
      ],
    };
    const bytes = await renderPdf(model, await loadPdfFonts());
    expect(Buffer.from(bytes.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.7');
  });
});

describe.skipIf(!popplerFound)('renderPdf', () => {
  let dir: string;
  let file: string;
  let bytes: Uint8Array;
  let pages: number;
  const pageText: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tafelwerk-pdf-'));
    file = join(dir, 'report.pdf');
    bytes = await renderPdf(reportModel(), await loadPdfFonts());
    await writeFile(file, bytes);
    if (process.env.PDF_SAMPLE) await writeFile(process.env.PDF_SAMPLE, bytes);
    pages = Number(/^Pages:\s+(\d+)/m.exec(await poppler('pdfinfo', file))?.[1]);
    for (let page = 1; page <= pages; page++) {
      pageText.push(await poppler('pdftotext', '-layout', '-f', String(page), '-l', String(page), file, '-'));
    }
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is a tagged PDF 1.7 with the title and language of the model', async () => {
    const info = await poppler('pdfinfo', file);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+Voortgangsrapportage Transformatieplan 2026-2030 — eerste halfjaar 2026$/m);
    expect(info).toMatch(/^PDF version:\s+1\.7$/m);
    expect(info).toMatch(/^Page size:.*\(A4\)$/m);
    expect(pages).toBeGreaterThanOrEqual(3);
    // Dictionaries are written uncompressed: the catalog's entries can be read from the bytes.
    const raw = Buffer.from(bytes).toString('latin1');
    expect(raw).toContain('/Lang (nl-NL)');
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    expect(raw).toMatch(/\/Marked true/);
    // Bookmarks open at their heading, from the left edge of the page.
    expect(raw).toContain('/PageMode /UseOutlines');
    expect(raw).toContain('/Title (Samenvatting)');
    expect(raw).toMatch(/\/Dest \[\d+ 0 R \/XYZ 0 [\d.]+ 0\]/);
    const xmp = await poppler('pdfinfo', '-meta', file);
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('Voortgang doelen &amp; kengetallen');
    expect(xmp).toContain('<xmp:ModifyDate>2026-07-01T08:00:00Z</xmp:ModifyDate>');
  });

  it('embeds every font, and no standard font appears', async () => {
    const rows = (await poppler('pdffonts', file))
      .split('\n')
      .slice(2)
      .filter((line) => line.trim());
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(row).toMatch(/NotoSans/);
      expect(row).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$/);
    }
    expect(Buffer.from(bytes).toString('latin1')).not.toMatch(/Helvetica|Times-Roman|Courier|ZapfDingbats|\/Symbol/);
  });

  it('shows the Dutch figures, the headings in order, the contents and the page footers', () => {
    const all = pageText.join('\n');
    expect(all).toContain('12,5 %');
    expect(all).toContain('1 juli 2026');
    expect(all).toContain('€ 1.234.567');
    expect(all).toContain('1.234');
    // Characters Noto Sans lacks are replaced, never drawn as the empty .notdef box.
    expect(all).toContain('streefwaarde >= 12 % -> gehaald \ufffd)');
    const body = pageText.slice(2).join('\n');
    let at = -1;
    for (const heading of BODY_HEADINGS) {
      const next = body.indexOf(heading, at + 1);
      expect(next, heading).toBeGreaterThan(at);
      at = next;
    }
    expect(pageText[0]).not.toMatch(/Pagina/);
    expect(pageText[1]).toContain(`Pagina 2 van ${pages}`);
    pageText.slice(1).forEach((text, i) => expect(text).toContain(`Pagina ${i + 2} van ${pages}`));
  });

  it('never leaves a heading alone at the bottom of a page', () => {
    for (const text of pageText.slice(2)) {
      const lines = text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !line.includes('Pagina '));
      expect(BODY_HEADINGS, lines.at(-1)).not.toContain(lines.at(-1));
    }
  });

  it('lists level-1 and level-2 headings in the contents with the pages they are on', () => {
    const contents = pageText[1]!;
    expect(contents).toContain('Inhoud');
    const listed = BODY_HEADINGS.filter((heading) => !['Achtergrond & aanleiding', 'Uitwerking'].includes(heading));
    for (const heading of listed) {
      const line = contents.split('\n').find((candidate) => candidate.trim().startsWith(heading));
      expect(line, heading).toBeDefined();
      const page = Number(/(\d+)\s*$/.exec(line!)?.[1]);
      expect(pageText[page - 1], `${heading} on page ${page}`).toContain(heading);
    }
    expect(contents).not.toContain('Uitwerking');
  });

  it('repeats the header of a long table on every page it spans', () => {
    const spanned = pageText.filter((text) => /Bijlagerij \d\d/.test(text));
    expect(spanned.length).toBeGreaterThanOrEqual(2);
    for (const text of spanned) expect(text).toMatch(/Gemeente\s+Maand\s+Instroom\s+Uitstroom\s+Wachttijd/);
    const rows = spanned.join('\n').match(/Bijlagerij \d\d/g) ?? [];
    expect(rows).toHaveLength(80);
  });

  it('has a structure tree with headings, paragraphs, lists, tables, figures and the contents', async () => {
    const struct = await poppler('pdfinfo', '-struct', file);
    const types = new Set(struct.split('\n').map((line) => line.trim().split(/[\s:]/)[0]));
    for (const type of [
      'Document',
      'H1',
      'H2',
      'H3',
      'H4',
      'P',
      'L',
      'LI',
      'Lbl',
      'LBody',
      'Table',
      'Caption',
      'THead',
      'TBody',
      'TR',
      'TH',
      'TD',
      'Figure',
      'TOC',
      'TOCI',
    ]) {
      expect(types, type).toContain(type);
    }
    expect(struct).toMatch(/\/Scope \/Column/);
    expect(struct).toMatch(/Figure:\s+\/Placement \/Block\s+\/BBox/);
    // Structure elements are plain (uncompressed) objects: the figure's alternative text is in the bytes.
    expect(Buffer.from(bytes).toString('latin1')).toContain(
      '/Alt (Lijngrafiek van aandeel ambulante trajecten per halfjaar',
    );
  });

  it('keeps footers and repeated table headers out of the structure tree', async () => {
    // A small document: poppler's -struct-text takes seconds per hundred elements.
    const rows = Array.from({ length: 40 }, (_, i) => [`Rij ${i + 1}`, formatNumberNl(i * 1000)]);
    const small: PdfDocumentModel = {
      ...reportModel(),
      blocks: [
        { kind: 'heading', level: 1, text: 'Tabel' },
        { kind: 'table', header: ['Naam', 'Waarde'], rows },
      ],
    };
    const smallFile = join(dir, 'small.pdf');
    await writeFile(smallFile, await renderPdf(small, await loadPdfFonts()));
    const pageCount = Number(/^Pages:\s+(\d+)/m.exec(await poppler('pdfinfo', smallFile))?.[1]);
    expect(pageCount).toBe(4);
    const lastPage = await poppler('pdftotext', '-f', '4', '-l', '4', '-layout', smallFile, '-');
    expect(lastPage).toMatch(/Naam\s+Waarde/);
    expect(lastPage).toContain('Pagina 4 van 4');
    const text = await poppler('pdfinfo', '-struct-text', smallFile);
    expect(text).not.toContain('Pagina');
    expect(text.match(/"Naam"/g)).toHaveLength(1);
    expect(text).toContain('"Rij 40"');
  });

  it('renders the same model to the same bytes', async () => {
    const again = await renderPdf(reportModel(), await loadPdfFonts());
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });
});
