import type { AdoptedPlan, AdoptedText, AdoptedWay } from '../../shared/api.ts';
import { formatDateNl } from '../../shared/format-nl.ts';
import type { PdfBlock, PdfDocumentModel } from '../pdf/model.ts';

/** How each way of adopting reads after "Vastgesteld op <datum>". */
const WAY: Record<AdoptedWay, string> = {
  consensus: 'met consensus',
  mediation: 'na bemiddeling',
  ruling: 'bij uitspraak van de gemeenten',
};

export interface AdoptedPdfOptions {
  /** The document's author in its metadata; the table's name unless given. */
  author?: string;
}

/** "Vastgesteld op 1 juli 2026 met consensus (versie 3)." */
export function adoptedLineNl(adopted: Pick<AdoptedText, 'adoptedAt' | 'way' | 'versionNumber'>): string {
  return `Vastgesteld op ${formatDateNl(new Date(adopted.adoptedAt))} ${WAY[adopted.way]} (versie ${adopted.versionNumber}).`;
}

function adoptedBlocks(adopted: AdoptedText, draftDiffers: boolean): PdfBlock[] {
  const blocks: PdfBlock[] = [
    { kind: 'paragraph', text: [{ text: adoptedLineNl(adopted), italic: true }] },
    { kind: 'html', html: adopted.html },
  ];
  if (adopted.ruling) {
    blocks.push(
      { kind: 'heading', level: 2, text: 'Motivering van de gemeenten' },
      { kind: 'paragraph', text: adopted.ruling.rationale },
    );
  }
  if (adopted.minorityPositions.length > 0) {
    blocks.push(
      { kind: 'heading', level: 2, text: 'Minderheidsstandpunten' },
      {
        kind: 'paragraph',
        text: 'Deze bezwaren zijn niet overgenomen. Ze blijven zichtbaar naast de uitspraak.',
      },
      {
        kind: 'list',
        ordered: false,
        items: adopted.minorityPositions.map((position) => [
          { text: `${position.organization.name}: `, bold: true },
          { text: position.text },
        ]),
      },
    );
  }
  // A reader of the printed plan should know the table is already working on a new text.
  if (draftDiffers) {
    blocks.push({ kind: 'paragraph', text: [{ text: 'Aan tafel ligt een gewijzigd concept.', italic: true }] });
  }
  return blocks;
}

/**
 * "Het vastgestelde plan" as a PDF document model (server/pdf/model.ts), in Dutch: a title page, the
 * contents, and per section its title, when and how it was adopted, the adopted text and, for a ruling,
 * the rationale and the minority positions; "Nog niet vastgesteld." where nothing was adopted.
 */
export function adoptedPlanPdfModel(view: AdoptedPlan, options: AdoptedPdfOptions = {}): PdfDocumentModel {
  const { plan, sections } = view;
  const title = `Het vastgestelde plan — ${plan.title}`;
  const adoptedCount = sections.filter((s) => s.adopted).length;
  const blocks: PdfBlock[] = sections.flatMap((section): PdfBlock[] => [
    { kind: 'heading', level: 1, text: section.title },
    ...(section.adopted
      ? adoptedBlocks(section.adopted, section.draftDiffers)
      : [{ kind: 'paragraph' as const, text: 'Nog niet vastgesteld.' }]),
  ]);
  return {
    meta: {
      lang: 'nl-NL',
      title,
      author: options.author ?? plan.tableName,
      subject: `De vastgestelde tekst van elke sectie van ${plan.title}`,
      keywords: ['vastgesteld plan', 'ontwikkeltafel', 'jeugdhulp'],
      // The moment the reply was made: the same data renders the same bytes.
      createdAt: new Date(view.generatedAt),
    },
    titlePage: {
      title,
      subtitle: plan.tableName,
      lines: [
        { label: 'Planperiode', value: `${plan.periodStart}–${plan.periodEnd}` },
        { label: 'Stand van', value: formatDateNl(new Date(view.generatedAt)) },
        { label: 'Vastgesteld', value: `${adoptedCount} van ${sections.length} secties` },
      ],
    },
    contentsTitle: 'Inhoud',
    footer: { left: title, pageLabel: 'Pagina', ofLabel: 'van' },
    blocks: blocks.length ? blocks : [{ kind: 'paragraph', text: 'Dit plan heeft geen secties.' }],
  };
}
