import bold from '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf';
import boldItalic from '@expo-google-fonts/noto-sans/700Bold_Italic/NotoSans_700Bold_Italic.ttf';
import regular from '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf';
import italic from '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf';
import type { PdfFonts } from '../pdf/fonts.ts';

/**
 * The PDF typeface on Workers: the same four Noto Sans files as on Node (pdf-fonts.ts), bundled with the
 * Worker as binary modules (wrangler.toml, [[rules]]), so there is no disk to read.
 */
const fonts: PdfFonts = {
  regular: new Uint8Array(regular),
  bold: new Uint8Array(bold),
  italic: new Uint8Array(italic),
  boldItalic: new Uint8Array(boldItalic),
};

export const workerPdfFonts = async (): Promise<PdfFonts> => fonts;
