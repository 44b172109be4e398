import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { PdfFonts } from '../pdf/fonts.ts';

/**
 * Noto Sans (SIL Open Font License) from its npm package, for the PDF renderer on Node. The package
 * has no "exports" map, so its TrueType files resolve by path. Workers will bundle the same four
 * files as binary modules instead; only this file knows they live on a disk.
 */
const FACES: Record<keyof PdfFonts, string> = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  italic: '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
  boldItalic: '@expo-google-fonts/noto-sans/700Bold_Italic/NotoSans_700Bold_Italic.ttf',
};

const require = createRequire(import.meta.url);
let loading: Promise<PdfFonts> | null = null;

async function readFace(specifier: string): Promise<Uint8Array> {
  const bytes = await readFile(require.resolve(specifier));
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The four faces, read once per process (2.5 MB together) and shared by every render. */
export function loadPdfFonts(): Promise<PdfFonts> {
  loading ??= (async () => {
    const [regular, bold, italic, boldItalic] = await Promise.all([
      readFace(FACES.regular),
      readFace(FACES.bold),
      readFace(FACES.italic),
      readFace(FACES.boldItalic),
    ]);
    return { regular, bold, italic, boldItalic };
  })();
  // A failed read (a broken install) should not stay cached: the next render tries again.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
