import { FONT_NAMES, PAGE_MARGINS, type Doc, type Face, type StructElement } from './document.ts';
import type { PdfRun } from './model.ts';

/**
 * The page as the block renderers see it: the content box, the type styles, space checks that start
 * a new page, and the two ways content may enter the page in a tagged PDF: inside a structure
 * element's marked content, or as an artifact (rules, backgrounds, footers) that assistive
 * technology skips. Nothing may be drawn outside those two, or the PDF is no longer fully tagged.
 */

export const COLORS = {
  text: '#1b1b1b',
  heading: '#0b3d6e',
  muted: '#4b5563',
  rule: '#9aa5b1',
  tableHeader: '#e3eaf3',
  zebra: '#f4f6f9',
  grid: '#d5dae1',
} as const;

export const BODY = { size: 10.5, lineGap: 2.5 } as const;

/** Extra options pdfkit's structure elements take that its typings leave out. */
export interface StructOptions extends PDFKit.Mixins.StructureElementOptions {
  scope?: 'Column' | 'Row' | 'Both';
  bbox?: [number, number, number, number];
  placement?: 'Block' | 'Inline';
}

export interface RunStyle {
  size: number;
  lineGap?: number;
  color?: string;
  align?: 'left' | 'right' | 'center';
  /** A fixed box: the text never starts a new page, and what does not fit is cut off. */
  height?: number;
  /** Every run in this face, whatever its own bold or italic says (headings, table headers). */
  face?: Face;
}

export function faceOf(run: PdfRun): Face {
  if (run.bold && run.italic) return 'boldItalic';
  if (run.bold) return 'bold';
  if (run.italic) return 'italic';
  return 'regular';
}

export class Layout {
  readonly left = PAGE_MARGINS.left;
  readonly top = PAGE_MARGINS.top;
  readonly width: number;
  readonly bottom: number;
  readonly pageWidth: number;
  readonly pageHeight: number;

  constructor(
    readonly doc: Doc,
    readonly root: StructElement,
    /** Replaces characters the font cannot draw; every text passes it on its way to the page. */
    private readonly clean: (text: string) => string,
  ) {
    this.pageWidth = doc.page.width;
    this.pageHeight = doc.page.height;
    this.width = this.pageWidth - PAGE_MARGINS.left - PAGE_MARGINS.right;
    this.bottom = this.pageHeight - PAGE_MARGINS.bottom;
  }

  get right(): number {
    return this.left + this.width;
  }

  get y(): number {
    return this.doc.y;
  }

  set y(value: number) {
    this.doc.y = value;
  }

  /** The page being written, counted from 0 (the title page). */
  get pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  get atPageTop(): boolean {
    return this.doc.y <= this.top + 0.5;
  }

  face(face: Face, size: number): Doc {
    return this.doc.font(FONT_NAMES[face]).fontSize(size);
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.x = this.left;
    this.doc.y = this.top;
  }

  /** Starts a new page unless `height` still fits on this one (or this page is still empty). */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom && !this.atPageTop) this.newPage();
  }

  space(height: number): void {
    if (!this.atPageTop) this.doc.y = Math.min(this.doc.y + height, this.bottom);
  }

  lineHeight(size: number, lineGap: number = BODY.lineGap): number {
    this.face('regular', size);
    return this.doc.currentLineHeight(true) + lineGap;
  }

  /**
   * The height the runs take when set at this width. Runs in bold are measured in bold; a paragraph
   * mixing faces is measured in its widest face, so the estimate errs on the side of a page break.
   */
  measureRuns(runs: PdfRun[], width: number, style: RunStyle): number {
    const text = this.clean(runs.map((run) => run.text).join(''));
    if (!text) return 0;
    const face = style.face ?? (runs.some((run) => run.bold) ? 'bold' : 'regular');
    this.face(face, style.size);
    return this.doc.heightOfString(text, { width, lineGap: style.lineGap ?? BODY.lineGap });
  }

  /** Writes the runs from (x, y) at this width; the caller has opened the marked content. */
  writeRuns(runs: PdfRun[], x: number, y: number, width: number, style: RunStyle): void {
    const parts = runs.map((run) => ({ ...run, text: this.clean(run.text) })).filter((run) => run.text.length > 0);
    const doc = this.doc;
    doc.fillColor(style.color ?? COLORS.text);
    parts.forEach((run, index) => {
      this.face(style.face ?? faceOf(run), style.size);
      const options: PDFKit.Mixins.TextOptions = {
        width,
        lineGap: style.lineGap ?? BODY.lineGap,
        align: style.align ?? 'left',
        continued: index < parts.length - 1,
        ...(style.height !== undefined ? { height: style.height } : {}),
      };
      if (index === 0) doc.text(run.text, x, y, options);
      else doc.text(run.text, options);
    });
    doc.x = this.left;
  }

  /** A single line at an exact place that never wraps or breaks the page (labels, axis ticks). */
  writeLine(text: string, x: number, y: number, face: Face, size: number, color: string = COLORS.text): void {
    const savedY = this.doc.y;
    this.face(face, size).fillColor(color);
    this.doc.text(this.clean(text), x, y, { lineBreak: false });
    this.doc.x = this.left;
    this.doc.y = savedY;
  }

  textWidth(text: string, face: Face, size: number): number {
    this.face(face, size);
    return this.doc.widthOfString(this.clean(text));
  }

  /** The text, cut short with "…" where it would be wider than maxWidth. */
  fitText(text: string, maxWidth: number, face: Face, size: number): string {
    if (this.textWidth(text, face, size) <= maxWidth) return text;
    let end = text.length;
    while (end > 0 && this.textWidth(`${text.slice(0, end).trimEnd()}…`, face, size) > maxWidth) end--;
    return `${text.slice(0, end).trimEnd()}…`;
  }

  /** A structure element added to its parent in reading order; its content follows with mark(). */
  element(parent: StructElement, type: string, options: StructOptions = {}): StructElement {
    const element = this.doc.struct(type, options);
    parent.add(element);
    return element;
  }

  /**
   * Draws into the element's marked content. The content joins the element only once drawn, because
   * a text that runs onto the next page grows more marked-content pieces on the way.
   */
  mark(element: StructElement, tag: string, draw: () => void): void {
    const content = this.doc.markStructureContent(tag);
    draw();
    this.doc.endMarkedContent();
    element.add(content);
  }

  /** A leaf element with its content: P, H1, Lbl, TD and the like. */
  leaf(parent: StructElement, type: string, draw: () => void, options: StructOptions = {}): StructElement {
    const element = this.element(parent, type, options);
    this.mark(element, type, draw);
    element.end();
    return element;
  }

  artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    const savedY = this.doc.y;
    this.doc.markContent('Artifact', { type });
    this.doc.save();
    draw();
    this.doc.restore();
    this.doc.endMarkedContent();
    this.doc.y = savedY;
    this.doc.x = this.left;
  }

  rule(x1: number, x2: number, y: number, color: string = COLORS.rule, width = 0.6): void {
    this.artifact(() => {
      this.doc.moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke();
    });
  }
}
