import { renderFlow, type HeadingPlaced } from './blocks.ts';
import { createDocument, finishDocument, textCleaner, type Doc } from './document.ts';
import { flowBlocks } from './flow.ts';
import type { PdfFonts } from './fonts.ts';
import { reserveContents, renderTitlePage, writeFooters } from './front-matter.ts';
import { Layout } from './layout.ts';
import type { PdfDocumentModel } from './model.ts';

export type { PdfFonts } from './fonts.ts';

/**
 * Renders a document model as a tagged PDF (PDF/A-2a, PDF 1.7): a title page, a table of contents
 * with page numbers, the blocks, and "Pagina n van N" footers; headings as bookmarks too. Pure apart
 * from the fonts handed in: it reads no file and no clock, so the same model gives the same bytes.
 */
export async function renderPdf(model: PdfDocumentModel, fonts: PdfFonts): Promise<Uint8Array> {
  const doc = await createDocument(model.meta, fonts);
  const root = doc.struct('Document');
  doc.addStructure(root);
  const layout = new Layout(doc, root, textCleaner(doc));

  renderTitlePage(layout, model.titlePage);
  const flow = flowBlocks(model.blocks);
  const contents = reserveContents(layout, model.contentsTitle, flow);
  layout.newPage();

  const headings: HeadingPlaced[] = [];
  const bookmarks = new Bookmarks(doc, layout.pageWidth);
  renderFlow(layout, flow, (heading) => {
    headings.push(heading);
    bookmarks.add(heading);
  });

  contents.fill(headings);
  writeFooters(layout, model.footer);
  root.end();
  return finishDocument(doc);
}

/** The model's headings of levels 1-3 as nested bookmarks, each opening at its heading. */
class Bookmarks {
  private readonly open: Array<{ level: number; item: PDFKit.PDFOutline }> = [];

  constructor(
    private readonly doc: Doc,
    private readonly pageWidth: number,
  ) {}

  add(heading: HeadingPlaced): void {
    if (!heading.listed || heading.level > 3) return;
    while (this.open.length > 0 && this.open.at(-1)!.level >= heading.level) this.open.pop();
    const parent = this.open.at(-1)?.item ?? this.doc.outline;
    // pdfkit takes the destination's left as a distance from the right edge (it computes
    // width - left), so the page width puts the view at the left edge; top is from the page top.
    const options = { fit: false, top: heading.y - 8, left: this.pageWidth, zoom: 0, expanded: heading.level === 1 };
    this.open.push({ level: heading.level, item: parent.addItem(heading.text, options) });
  }
}
