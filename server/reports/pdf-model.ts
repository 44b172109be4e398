import type { ReportDetail, ReportGoal, ReportKpi, ReportPart } from '../../shared/api.ts';
import type { SectionState } from '../../shared/consensus.ts';
import { goalPartKey } from '../../shared/documents.ts';
import { formatDateNl, formatKpiValue } from '../../shared/format-nl.ts';
import type { KpiStatus } from '../../shared/goals.ts';
import type { PdfBlock, PdfDocumentModel } from '../pdf/model.ts';
import { reportName } from './queries.ts';

/**
 * A report as a PDF document model (server/pdf/model.ts), in Dutch: a title page with the period, the
 * publication and the plan versions it reflects; the summary; per goal its KPI table, a chart per KPI and
 * the table's explanation; the sections, escalations and coverage at the period's end; the outlook; and
 * what could not be reconstructed. A draft renders the same way, marked as a draft.
 */

export type ReportForPdf = Pick<
  ReportDetail,
  | 'kind'
  | 'period'
  | 'revision'
  | 'reason'
  | 'status'
  | 'tableName'
  | 'publishedBy'
  | 'publishedAt'
  | 'generated'
  | 'narrative'
>;

/** The state names the table uses (the client's plan.state.* messages). */
export const STATE_NL: Record<SectionState, string> = {
  draft: 'Concept',
  in_consultation: 'In instemmingsronde',
  agreed: 'Vastgesteld',
  objected: 'Bezwaar gemaakt',
  escalated: 'Bij de voorzitter',
  mediation_proposal: 'Compromisvoorstel',
  referred: 'Verwezen naar de gemeenten',
  ruled: 'Uitspraak van de gemeenten',
};

const STATUS_NL: Record<KpiStatus, string> = {
  on_track: 'op koers',
  off_track: 'niet op koers',
  no_target: 'geen doelwaarde',
  no_data: 'geen meting',
};

const OUTCOME_NL = {
  agreed: 'consensus',
  objected: 'bezwaar',
  not_all_responded: 'niet iedere organisatie reageerde',
  withdrawn: 'ingetrokken',
} as const;

const WAY_NL = { consensus: 'consensus', mediation: 'na bemiddeling', ruling: 'uitspraak' } as const;
const STEP_NL = { meeting: 'overleg', call: 'telefoongesprek', written: 'schriftelijk' } as const;

/** A calendar day (YYYY-MM-DD) or a moment as "1 juli 2026". */
const day = (value: string) => formatDateNl(new Date(value.length === 10 ? `${value}T12:00:00Z` : value));
const dash = '–';

/** "+0,4 %", "-12 dagen": a change, signed. */
function signed(value: number | null, unit: ReportKpi['unit']): string {
  if (value === null) return dash;
  return `${value > 0 ? '+' : ''}${formatKpiValue(value, unit)}`;
}

const orDash = (value: number | null, unit: ReportKpi['unit']) => (value === null ? dash : formatKpiValue(value, unit));

export function periodLabelNl(report: Pick<ReportForPdf, 'generated'>): string {
  const { periodStart, periodEnd } = report.generated;
  // "1 januari – 30 juni 2026": the year once when both days share it.
  const first =
    periodStart.slice(0, 4) === periodEnd.slice(0, 4) ? day(periodStart).replace(/ \d{4}$/, '') : day(periodStart);
  return `${first} ${dash} ${day(periodEnd)}`;
}

/** "Afbouw verblijf en opbouw ambulant: versie 2; Planning: nog niet vastgesteld". */
export function planVersionsNl(report: Pick<ReportForPdf, 'generated'>): string {
  const versions = report.generated.planVersions;
  if (versions.length === 0) return 'geen secties';
  return versions
    .map((v) => `${v.title}: ${v.versionNumber === null ? 'nog niet vastgesteld' : `versie ${v.versionNumber}`}`)
    .join('; ');
}

/** What a KPI's chart shows, in words and figures: its alternative text. */
function chartAlt(kpi: ReportKpi): string {
  const measured = kpi.series.filter((p) => p.value !== null);
  const figures = measured.length
    ? measured.map((p) => `${p.period}: ${formatKpiValue(p.value!, kpi.unit)}`).join(', ')
    : 'geen metingen';
  const targets = kpi.series.filter((p) => p.target !== null);
  const target = targets.length
    ? `; doelwaarden ${targets.map((p) => `${p.period}: ${formatKpiValue(p.target!, kpi.unit)}`).join(', ')}`
    : '';
  return `${kpi.indicator}. Nulmeting ${kpi.baseline.year}: ${formatKpiValue(kpi.baseline.value, kpi.unit)}. Metingen ${figures}${target}.`;
}

function partHtml(narrative: readonly ReportPart[], key: string): PdfBlock[] {
  const part = narrative.find((p) => p.key === key);
  if (!part || part.text.trim() === '') return [{ kind: 'paragraph', text: [{ text: 'Geen tekst.', italic: true }] }];
  return [{ kind: 'html', html: part.html }];
}

function goalBlocks(report: ReportForPdf, goal: ReportGoal): PdfBlock[] {
  const { period } = report;
  const year = report.generated.periodEnd.slice(0, 4);
  const last = report.kind === 'progress' ? period : `${period}-H2`;
  const blocks: PdfBlock[] = [
    {
      kind: 'heading',
      level: 2,
      text: goal.nationalGoal ? `${goal.title} (landelijk doel ${goal.nationalGoal})` : goal.title,
    },
  ];
  if (goal.kpis.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'Voor dit doel zijn geen KPI’s vastgelegd.' });
  } else {
    blocks.push({
      kind: 'table',
      caption: `KPI’s van ${goal.title}`,
      header: ['KPI', 'Nulmeting', period, `Doelwaarde ${year}`, 'Sinds nulmeting', 'Sinds vorige', 'Stand'],
      // In points of the 459 the A4 page gives: a figure with its unit ("31,5 dagen") fits on one line.
      widths: [85, 60, 64, 64, 62, 62, 62],
      align: ['left', 'right', 'right', 'right', 'right', 'right', 'left'],
      rows: goal.kpis.map((kpi) => [
        kpi.indicator,
        `${formatKpiValue(kpi.baseline.value, kpi.unit)} (${kpi.baseline.year})`,
        // An older figure says which half year it is of.
        kpi.current
          ? `${formatKpiValue(kpi.current.value, kpi.unit)}${kpi.current.period === last ? '' : ` (${kpi.current.period})`}`
          : dash,
        orDash(kpi.target, kpi.unit),
        signed(kpi.changeSinceBaseline, kpi.unit),
        signed(kpi.changeSincePreviousReport, kpi.unit),
        STATUS_NL[kpi.status],
      ]),
    });
    for (const kpi of goal.kpis) {
      blocks.push({
        kind: 'chart',
        title: kpi.indicator,
        alt: chartAlt(kpi),
        categories: kpi.series.map((p) => p.period),
        series: [
          { label: 'Gemeten', values: kpi.series.map((p) => p.value) },
          { label: 'Doel', values: kpi.series.map((p) => p.target), dashed: true },
        ],
        format: (value) => formatKpiValue(value, kpi.unit),
      });
    }
  }
  blocks.push(
    { kind: 'heading', level: 3, text: `Toelichting: ${goal.title}` },
    ...partHtml(report.narrative, goalPartKey(goal.id)),
  );
  return blocks;
}

function sectionBlocks(report: ReportForPdf): PdfBlock[] {
  const { sections } = report.generated;
  const end = day(report.generated.periodEnd);
  if (sections.length === 0) return [{ kind: 'paragraph', text: `Op ${end} had het plan geen secties.` }];
  const rounds = sections.flatMap((s) => s.rounds.map((r) => ({ section: s.title, round: r })));
  return [
    {
      kind: 'table',
      caption: `Stand van de secties op ${end}`,
      header: ['Sectie', `Stand op ${end}`, 'Vastgestelde versie', 'Rondes in de periode'],
      widths: [3, 2, 2.4, 1.2],
      align: ['left', 'left', 'left', 'right'],
      rows: sections.map((s) => [
        s.title,
        STATE_NL[s.state],
        s.adoptedVersion
          ? `versie ${s.adoptedVersion.number}, ${day(s.adoptedVersion.at)} (${WAY_NL[s.adoptedVersion.way]})`
          : 'nog niet vastgesteld',
        String(s.rounds.length),
      ]),
    },
    ...(rounds.length
      ? [
          {
            kind: 'table' as const,
            caption: 'Instemmingsrondes in de periode',
            header: ['Sectie', 'Versie', 'Geopend', 'Gesloten', 'Uitkomst'],
            widths: [3, 1, 1.8, 1.8, 2],
            rows: rounds.map(({ section, round }) => [
              round.kind === 'mediation_proposal' ? `${section} (compromisvoorstel)` : section,
              String(round.versionNumber),
              day(round.openedAt),
              round.closedAt ? day(round.closedAt) : 'liep nog',
              round.outcome ? OUTCOME_NL[round.outcome] : 'liep nog',
            ]),
          },
        ]
      : [{ kind: 'paragraph' as const, text: 'In deze periode zijn geen instemmingsrondes gehouden.' }]),
  ];
}

function escalationBlocks(report: ReportForPdf): PdfBlock[] {
  const { escalations } = report.generated;
  if (escalations.length === 0) return [{ kind: 'paragraph', text: 'In deze periode waren er geen escalaties.' }];
  return [
    {
      kind: 'table',
      caption: 'Escalaties, bemiddeling en uitspraken in de periode',
      header: ['Sectie', 'Geëscaleerd', 'Verwezen', 'Afgerond', 'Duur', 'Bemiddeling', 'Uitspraak'],
      widths: [2.4, 1.6, 1.6, 1.6, 1, 2.2, 1.6],
      rows: escalations.map((e) => [
        e.sectionTitle,
        day(e.escalatedAt),
        e.referredAt ? day(e.referredAt) : dash,
        e.closedAt ? day(e.closedAt) : 'loopt nog',
        `${e.durationDays} ${e.durationDays === 1 ? 'dag' : 'dagen'}`,
        e.mediationSteps.length
          ? e.mediationSteps.map((s) => `${day(s.occurredOn)} (${STEP_NL[s.kind]})`).join(', ')
          : dash,
        e.ruling
          ? `${day(e.ruling.effectiveAt)}${e.ruling.versionNumber ? `, versie ${e.ruling.versionNumber}` : ''}`
          : dash,
      ]),
    },
  ];
}

function coverageBlocks(report: ReportForPdf): PdfBlock[] {
  const { coverage } = report.generated;
  const title = (id: string) => coverage.sections.find((s) => s.id === id)?.title ?? id;
  const unlinked = coverage.sections.filter((s) => !coverage.links.some((l) => l.sectionId === s.id));
  return [
    {
      kind: 'table',
      caption: 'Welke secties dienen welk doel',
      header: ['Doel', 'Secties die het doel dienen'],
      widths: [2, 4],
      rows: coverage.goals.map((g) => {
        const serving = coverage.links.filter((l) => l.goalId === g.id).map((l) => title(l.sectionId));
        return [g.title, serving.length ? serving.join(', ') : 'geen sectie: niet gedekt'];
      }),
    },
    {
      kind: 'paragraph',
      text: unlinked.length
        ? `Secties die geen doel dienen: ${unlinked.map((s) => s.title).join(', ')}.`
        : 'Elke sectie dient ten minste één doel.',
    },
  ];
}

export function reportPdfModel(report: ReportForPdf): PdfDocumentModel {
  const name = reportName(report.kind, report.period);
  const published = report.status === 'published' && report.publishedAt !== null;
  const publishedOn = published ? day(report.publishedAt!) : null;
  const title = published ? name : `${name} (concept)`;
  const { generated } = report;
  const blocks: PdfBlock[] = [
    { kind: 'heading', level: 1, text: 'Samenvatting' },
    ...partHtml(report.narrative, 'summary'),
    { kind: 'heading', level: 1, text: 'Doelen en KPI’s' },
    ...(generated.goals.length
      ? generated.goals.flatMap((goal) => goalBlocks(report, goal))
      : [{ kind: 'paragraph' as const, text: 'De tafel heeft geen doelen vastgelegd.' }]),
    { kind: 'heading', level: 1, text: 'Secties van het plan' },
    ...sectionBlocks(report),
    { kind: 'heading', level: 1, text: 'Escalaties en uitspraken' },
    ...escalationBlocks(report),
    { kind: 'heading', level: 1, text: 'Dekking van de doelen' },
    ...coverageBlocks(report),
    { kind: 'heading', level: 1, text: 'Vooruitblik' },
    ...partHtml(report.narrative, 'outlook'),
    { kind: 'heading', level: 1, text: 'Verantwoording' },
    { kind: 'list', ordered: false, items: generated.limitations },
    { kind: 'paragraph', text: `Opgesteld op basis van planversies: ${planVersionsNl(report)}.` },
  ];
  return {
    meta: {
      lang: 'nl-NL',
      title: `${title} — ${report.tableName}`,
      author: report.publishedBy
        ? `${report.publishedBy.name} (${report.publishedBy.organizationName})`
        : report.tableName,
      subject: `${name} van ${report.tableName}`,
      keywords: ['voortgangsrapportage', 'ontwikkeltafel', 'jeugdhulp', report.period],
      // The publication moment (a draft: when its figures were computed): the same report, the same bytes.
      createdAt: new Date(report.publishedAt ?? generated.generatedAt),
    },
    titlePage: {
      title,
      subtitle: report.tableName,
      lines: [
        { label: 'Periode', value: periodLabelNl(report) },
        { label: 'Gepubliceerd', value: publishedOn ?? 'nog niet: dit is een concept' },
        ...(report.publishedBy
          ? [{ label: 'Door', value: `${report.publishedBy.name} (${report.publishedBy.organizationName})` }]
          : []),
        ...(report.revision > 1
          ? [{ label: 'Revisie', value: `${report.revision}: ${report.reason ?? ''}`.trim() }]
          : []),
        { label: 'Planversies', value: planVersionsNl(report) },
      ],
    },
    contentsTitle: 'Inhoud',
    footer: {
      left: publishedOn ? `${name} — gepubliceerd ${publishedOn}` : `${name} — concept`,
      pageLabel: 'Pagina',
      ofLabel: 'van',
    },
    blocks,
  };
}
