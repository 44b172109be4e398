import type { PdfBlock, PdfDocumentModel } from '../../server/pdf/model.ts';
import { formatDateNl, formatEuroNl, formatKpiValue, formatNumberNl } from '../../shared/format-nl.ts';

/**
 * A realistic progress report as a PDF model: a title page, three goals each with a KPI table and a
 * chart (with a missing figure), a section's live text as html, lists, and an 80-row appendix table
 * that spans pages. For the renderer's tests, and to look at: PDF_SAMPLE=/tmp/report.pdf npx vitest
 * run test/integration/pdf.test.ts.
 */

const HALF_YEARS = ['2024-H1', '2024-H2', '2025-H1', '2025-H2', '2026-H1'];
const MUNICIPALITIES = ['Alkmaar', 'Bergen', 'Castricum', 'Dijk en Waard', 'Heiloo', 'Uitgeest'];
const TABLE_HEADER = ['Gemeente', 'Maand', 'Instroom', 'Uitstroom', 'Wachttijd (dagen)'];

interface Goal {
  title: string;
  kpi: string;
  unit: 'percent' | 'count' | 'days';
  values: Array<number | null>;
  target: number[];
}

const GOALS: Goal[] = [
  {
    title: 'Doel 1: Ambulantisering',
    kpi: 'Aandeel ambulante trajecten',
    unit: 'percent',
    values: [9.5, 10.25, null, 11.75, 12.5],
    target: [10, 10.5, 11, 11.5, 12],
  },
  {
    title: 'Doel 2: Meer uitstroom',
    kpi: 'Jongeren uitgestroomd uit verblijf',
    unit: 'count',
    values: [1180, 1234, 1302, 1288, 1410],
    target: [1200, 1250, 1300, 1350, 1400],
  },
  {
    title: 'Doel 3: Zo thuis mogelijk',
    kpi: 'Gemiddelde wachttijd',
    unit: 'days',
    values: [48, 44, 41, null, 35],
    target: [45, 42, 40, 38, 36],
  },
];

function goalBlocks(goal: Goal): PdfBlock[] {
  const format = (value: number | null) => (value === null ? '–' : formatKpiValue(value, goal.unit));
  return [
    { kind: 'heading', level: 2, text: goal.title },
    {
      kind: 'paragraph',
      text: [
        { text: 'Stand van zaken: ', bold: true },
        { text: `het kengetal ${goal.kpi.toLowerCase()} ontwikkelt zich volgens plan. ` },
        { text: 'Toelichting van de tafel', italic: true },
        { text: ' volgt in de bijlage. De cijfers zijn aangeleverd door de zes gemeenten en de vier aanbieders.' },
      ],
    },
    {
      kind: 'table',
      caption: `Kengetallen — ${goal.kpi}`,
      header: ['Kengetal', ...HALF_YEARS],
      rows: [
        [goal.kpi, ...goal.values.map(format)],
        ['Streefwaarde', ...goal.target.map(format)],
      ],
      widths: [3, 1, 1, 1, 1, 1],
      align: ['left', 'right', 'right', 'right', 'right', 'right'],
    },
    {
      kind: 'chart',
      title: `${goal.kpi} per halfjaar`,
      alt: `Lijngrafiek van ${goal.kpi.toLowerCase()} per halfjaar van 2024-H1 tot 2026-H1, met de streefwaarde als stippellijn. Laatste stand: ${format(goal.values.at(-1) ?? null)}.`,
      categories: HALF_YEARS,
      series: [
        { label: 'Gerealiseerd', values: goal.values },
        { label: 'Streefwaarde', values: goal.target, dashed: true },
      ],
      format: (value) => formatKpiValue(value, goal.unit),
    },
  ];
}

const LONG_ROWS = Array.from({ length: 80 }, (_, i) => [
  MUNICIPALITIES[i % MUNICIPALITIES.length]!,
  `Bijlagerij ${String(i + 1).padStart(2, '0')}`,
  formatNumberNl(40 + ((i * 7) % 23)),
  formatNumberNl(35 + ((i * 5) % 19)),
  formatKpiValue(20 + (i % 17), 'days'),
]);

export const SECTION_HTML =
  '<h2>Achtergrond &amp; aanleiding</h2>' +
  '<p>De regio wil <strong>zo thuis mogelijk</strong> laten opgroeien, met <em>minder</em> verblijf en &quot;maatwerk&quot; &#8211; ook in ' +
  '<a href="https://www.voorbeeld.nl/plan">het regioplan</a>.</p>' +
  '<ul><li><p>Gezinshuizen uitbreiden</p></li><li><p>Ambulante teams versterken</p><ul><li><p>Ook in het weekend</p></li></ul></li></ul>' +
  '<h3>Uitwerking</h3>' +
  '<blockquote><p>Elk kind verdient een thuis.</p></blockquote>' +
  '<ol><li><p>Inventariseren</p></li><li><p>Afspreken</p></li></ol>' +
  '<table><tbody><tr><th><p>Maatregel</p></th><th><p>Eigenaar</p></th></tr><tr><td><p>Gezinshuizen</p></td><td><p>Gezinshuis Noord</p></td></tr></tbody></table>' +
  '<pre><code>regel 1\nregel 2</code></pre><marquee>onbekende tag</marquee>';

const CREATED = new Date('2026-07-01T08:00:00Z');

export function reportModel(): PdfDocumentModel {
  return {
    meta: {
      lang: 'nl-NL',
      title: 'Voortgangsrapportage Transformatieplan 2026-2030 — eerste halfjaar 2026',
      author: 'Ontwikkeltafel Transformatie Jeugdhulp — verblijf',
      subject: 'Voortgang doelen & kengetallen',
      keywords: ['jeugdhulp', 'transformatie', 'Regio Alkmaar'],
      createdAt: CREATED,
    },
    titlePage: {
      title: 'Voortgangsrapportage Transformatieplan 2026-2030',
      subtitle: 'Ontwikkeltafel Transformatie Jeugdhulp — verblijf, Regio Alkmaar',
      lines: [
        { label: 'Periode', value: '1 januari – 30 juni 2026' },
        { label: 'Vastgesteld', value: formatDateNl(CREATED) },
        { label: 'Voor', value: 'De gemeenteraden van Alkmaar, Bergen, Castricum, Dijk en Waard, Heiloo en Uitgeest' },
      ],
    },
    contentsTitle: 'Inhoud',
    footer: { left: 'Voortgangsrapportage eerste halfjaar 2026 — Regio Alkmaar', pageLabel: 'Pagina', ofLabel: 'van' },
    blocks: [
      { kind: 'heading', level: 1, text: 'Samenvatting' },
      {
        kind: 'paragraph',
        text:
          'In het eerste halfjaar van 2026 is het aandeel ambulante trajecten gestegen naar 12,5 %. Het budget voor verblijf bedroeg ' +
          `${formatEuroNl(1234567)}. De tafel heeft drie doelen besproken en één geschil voorgelegd aan de onafhankelijk voorzitter.`,
      },
      {
        kind: 'list',
        ordered: false,
        items: [
          'Ambulantisering ligt op koers (streefwaarde ≥ 12 % → gehaald 👍).',
          [{ text: 'Uitstroom ', bold: true }, { text: 'blijft achter bij de streefwaarde.' }],
          'De wachttijd daalt.',
        ],
      },
      { kind: 'heading', level: 1, text: 'Doelen en kengetallen' },
      ...GOALS.flatMap(goalBlocks),
      { kind: 'heading', level: 1, text: 'Plantekst' },
      { kind: 'heading', level: 2, text: 'Sectie 3: Zo thuis mogelijk' },
      { kind: 'html', html: SECTION_HTML },
      { kind: 'list', ordered: true, items: ['Vaststellen in de tafel', 'Voorleggen aan de raden'] },
      { kind: 'pageBreak' },
      { kind: 'heading', level: 1, text: 'Bijlage: cliëntstromen per gemeente' },
      {
        kind: 'table',
        caption: 'In- en uitstroom per maand',
        header: TABLE_HEADER,
        rows: LONG_ROWS,
        align: ['left', 'left', 'right', 'right', 'right'],
      },
    ],
  };
}

export const BODY_HEADINGS = [
  'Samenvatting',
  'Doelen en kengetallen',
  'Doel 1: Ambulantisering',
  'Doel 2: Meer uitstroom',
  'Doel 3: Zo thuis mogelijk',
  'Plantekst',
  'Sectie 3: Zo thuis mogelijk',
  'Achtergrond & aanleiding',
  'Uitwerking',
  'Bijlage: cliëntstromen per gemeente',
];
