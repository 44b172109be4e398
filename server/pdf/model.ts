/**
 * What a published document is made of, before it becomes a PDF: the adopted plan and the progress
 * reports build this model from their data, and server/pdf/render.ts turns it into a tagged PDF.
 * Text is plain Unicode; every structure a reader needs (headings, lists, tables, figures with their
 * alternative text) is explicit here, so that the PDF's structure tree can say it too.
 */

export interface PdfMeta {
  /** The document language (BCP 47), written as /Lang: 'nl-NL' for our Dutch documents. */
  lang: string;
  /** The title in the metadata, shown as the window title. */
  title: string;
  author: string;
  subject?: string;
  keywords?: string[];
  /** Written as CreationDate and ModDate: a fixed moment keeps the same model rendering the same bytes. */
  createdAt: Date;
}

/** A line on the title page under the title: "Periode: 1 januari – 30 juni 2026". */
export interface PdfTitleLine {
  label: string;
  value: string;
}

/** A run of text inside a paragraph or list item. */
export interface PdfRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type PdfInline = string | PdfRun[];

export interface PdfChartSeries {
  label: string;
  /** One point per category of the chart (same order); null where there is no figure. */
  values: Array<number | null>;
  /** A target line is drawn dashed. */
  dashed?: boolean;
}

export type PdfBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: PdfInline }
  | { kind: 'list'; ordered: boolean; items: PdfInline[] }
  | {
      kind: 'table';
      caption?: string;
      header: string[];
      rows: string[][];
      /** Relative column widths (default: equal). */
      widths?: number[];
      /** Per column (default: left). */
      align?: Array<'left' | 'right'>;
    }
  | {
      kind: 'chart';
      title: string;
      /** The figure's alternative text: what the chart shows, in words and figures. */
      alt: string;
      /** The x axis: half years or years. */
      categories: string[];
      series: PdfChartSeries[];
      /** Formats an axis value ("12,5 %"). */
      format: (value: number) => string;
    }
  /** Rich text as our server renders it from a live document (server/collab/render.ts): p, h1-h4, ul, ol, li, strong, em, u, s, a, blockquote, pre, table. */
  | { kind: 'html'; html: string }
  | { kind: 'pageBreak' };

export interface PdfDocumentModel {
  meta: PdfMeta;
  titlePage: {
    title: string;
    subtitle?: string;
    lines: PdfTitleLine[];
  };
  /** Heading shown above the generated table of contents (level-1 and level-2 headings are listed). */
  contentsTitle: string;
  /** Page footer: "{label} {n} van {total}" is built by the renderer from these words. */
  footer: { left: string; pageLabel: string; ofLabel: string };
  blocks: PdfBlock[];
}
