/**
 * The pdfkit document as every rendered PDF starts: A4, tagged, PDF/A-2a, our fonts registered and
 * no standard font anywhere, and its bytes collected into one array.
 *
 * pdfkit's Node build imports fs, zlib, stream and module at its top (fs for fonts given as paths
 * and for the sRGB profile of the PDF/A output intent). That is fine on Node; on Workers the bundler
 * picks pdfkit's browser build (the "default" export condition), which carries the profile inline
 * and reads no file. This renderer never passes pdfkit a path, so neither build touches a disk for us.
 */
import type { PdfFonts } from './fonts.ts';
import type { PdfMeta } from './model.ts';

export type Doc = PDFKit.PDFDocument;
export type StructElement = PDFKit.PDFStructureElement;

export type Face = 'regular' | 'bold' | 'italic' | 'boldItalic';

export const FONT_NAMES: Record<Face, string> = {
  regular: 'NotoSans',
  bold: 'NotoSans-Bold',
  italic: 'NotoSans-Italic',
  boldItalic: 'NotoSans-BoldItalic',
};

/** A4 with room for the footer in the bottom margin. */
export const PAGE_MARGINS = { top: 62, bottom: 72, left: 68, right: 68 };

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}

/**
 * pdfkit writes the title, author and keywords into the XMP metadata without escaping them, so a
 * title with "&" would make the metadata invalid XML (and the file no PDF/A); and it leaves out
 * xmp:ModifyDate, which PDF/A wants whenever the info dictionary has a ModDate. Both are fixed at the
 * one place pdfkit builds that XML, after the info dictionary itself was written with the real text.
 * pdfkit is pinned to an exact version, so this private hook cannot move under us unnoticed.
 */
function fixXmpMetadata(doc: Doc, meta: PdfMeta): void {
  type WithAddInfo = { _addInfo: () => void; info: Record<string, unknown> };
  const target = doc as unknown as WithAddInfo;
  const addInfo = target._addInfo.bind(doc);
  target._addInfo = () => {
    const original = target.info;
    target.info = Object.fromEntries(
      Object.entries(original).map(([key, value]) => [key, typeof value === 'string' ? escapeXml(value) : value]),
    );
    try {
      addInfo();
    } finally {
      target.info = original;
    }
    const modified = meta.createdAt.toISOString().split('.')[0] + 'Z';
    doc.appendXML(`
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:ModifyDate>${modified}</xmp:ModifyDate>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:language><rdf:Bag><rdf:li>${escapeXml(meta.lang)}</rdf:li></rdf:Bag></dc:language>
        </rdf:Description>`);
  };
}

/**
 * pdfkit and its font machinery hold several MB that an idle server does not need: loaded with the
 * first PDF, then kept.
 */
type PdfKit = { default: new (options: PDFKit.PDFDocumentOptions) => Doc };
let pdfkit: Promise<PdfKit> | undefined;
// pdfkit's typings declare its CommonJS export as a document; at run time it is the class.
const loadPdfKit = () => (pdfkit ??= import('pdfkit') as unknown as Promise<PdfKit>);

export async function createDocument(meta: PdfMeta, fonts: PdfFonts): Promise<Doc> {
  const { default: PDFDocument } = await loadPdfKit();
  const options: PDFKit.PDFDocumentOptions = {
    size: 'A4',
    margins: PAGE_MARGINS,
    pdfVersion: '1.7',
    tagged: true,
    lang: meta.lang,
    displayTitle: true,
    subset: 'PDF/A-2a',
    // Every page stays in memory until the end: the footers ("Pagina 3 van 12") and the table of
    // contents are written onto earlier pages once the page count and the headings' pages are known.
    bufferPages: true,
    info: {
      Title: meta.title,
      Author: meta.author,
      ...(meta.subject ? { Subject: meta.subject } : {}),
      ...(meta.keywords?.length ? { Keywords: meta.keywords.join(', ') } : {}),
      Creator: 'Tafelwerk',
      // Fixed dates make the bytes (and pdfkit's file ID, an MD5 of this info) the same for the same model.
      CreationDate: meta.createdAt,
      ModDate: meta.createdAt,
    },
  };
  // pdfkit selects Helvetica at construction unless the font option is null, and would then write a
  // standard-font object into the file even if no text ever used it. The typings only allow a string.
  const doc = new PDFDocument({ ...options, font: null } as unknown as PDFKit.PDFDocumentOptions);
  doc.registerFont(FONT_NAMES.regular, fonts.regular);
  doc.registerFont(FONT_NAMES.bold, fonts.bold);
  doc.registerFont(FONT_NAMES.italic, fonts.italic);
  doc.registerFont(FONT_NAMES.boldItalic, fonts.boldItalic);
  doc.font(FONT_NAMES.regular);
  fixXmpMetadata(doc, meta);
  return doc;
}

/** Characters Noto Sans lacks that have a plain equivalent: better "->" than a replacement mark. */
const SUBSTITUTES: Record<string, string> = {
  '→': '->',
  '←': '<-',
  '⇒': '=>',
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '≈': '~',
  '✓': 'v',
  '✔': 'v',
  '✗': 'x',
  '✘': 'x',
  '●': '•',
  '▪': '•',
  '■': '•',
  '\t': ' ',
};

/** Control characters, joiners, variation selectors, soft hyphens: marks that draw nothing. */
function isInvisible(codePoint: number): boolean {
  return (
    (codePoint < 0x20 && codePoint !== 0x0a && codePoint !== 0x09) ||
    codePoint === 0x7f ||
    codePoint === 0xad ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0x2060 && codePoint <= 0x2064) ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    (codePoint >= 0xe0100 && codePoint <= 0xe01ef)
  );
}

/**
 * Makes text safe to set in our faces: a character without a glyph would be drawn as the .notdef
 * box, which PDF/A forbids and a reader cannot read. Such characters become a plain equivalent or
 * U+FFFD, which the font has. All four faces cover the same characters; the regular one decides.
 * pdfkit keeps the fontkit font of the current face in a private field (pinned version).
 */
export function textCleaner(doc: Doc): (text: string) => string {
  doc.font(FONT_NAMES.regular);
  const font = (doc as unknown as { _font: { font: { hasGlyphForCodePoint(codePoint: number): boolean } } })._font.font;
  const known = new Map<number, boolean>();
  const has = (codePoint: number) => {
    let result = known.get(codePoint);
    if (result === undefined) {
      result = font.hasGlyphForCodePoint(codePoint);
      known.set(codePoint, result);
    }
    return result;
  };
  return (text) => {
    let out = '';
    for (const char of text) {
      const codePoint = char.codePointAt(0)!;
      if (isInvisible(codePoint)) continue;
      if (char === '\n' || has(codePoint)) out += char;
      else out += SUBSTITUTES[char] ?? '\ufffd';
    }
    return out;
  };
}

/** Ends the document and resolves with its bytes. */
export function finishDocument(doc: Doc): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('error', reject);
    doc.on('end', () => {
      const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      resolve(bytes);
    });
    doc.end();
  });
}
