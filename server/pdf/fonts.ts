/**
 * The four faces of the one typeface every PDF is set in, as TrueType bytes. The renderer gets them
 * handed in and never reads a file: on Node they come from the font package on disk
 * (server/runtime/pdf-fonts.ts), on Workers they will be bundled as binary modules. Embedding our
 * own TrueType faces, never pdfkit's built-in standard fonts, is what PDF/A and PDF/UA require.
 */
export interface PdfFonts {
  regular: Uint8Array;
  bold: Uint8Array;
  italic: Uint8Array;
  boldItalic: Uint8Array;
}
