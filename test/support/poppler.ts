import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Reads a PDF back with poppler (pdftotext, pdfinfo, pdffonts), the way a council member's PDF reader
 * and a screen reader see it. Needs poppler-utils.
 */

const run = promisify(execFile);

export async function popplerAvailable(): Promise<boolean> {
  try {
    await run('pdfinfo', ['-v']);
    return true;
  } catch {
    return false;
  }
}

/** What poppler says of the PDF: its text (UTF-8, in reading order), `pdfinfo` and `pdffonts` output. */
export async function readPdf(bytes: Uint8Array): Promise<{ text: string; info: string; fonts: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'tafelwerk-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    await writeFile(file, bytes);
    const tool = async (name: string, ...args: string[]) =>
      (await run(name, [...args, file, ...(name === 'pdftotext' ? ['-'] : [])], { maxBuffer: 32 * 1024 * 1024 }))
        .stdout;
    const [text, info, fonts] = await Promise.all([
      tool('pdftotext', '-enc', 'UTF-8'),
      tool('pdfinfo'),
      tool('pdffonts'),
    ]);
    return { text, info, fonts };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The rows of `pdffonts` output (after its two header lines). */
export const fontRows = (fonts: string) =>
  fonts
    .split('\n')
    .slice(2)
    .filter((line) => line.trim());

/** GETs a PDF as a signed-in person: its status, content type and bytes. */
export async function fetchPdf(
  baseUrl: string,
  path: string,
  viewer: { cookieHeader?: string | undefined },
): Promise<{ status: number; bytes: Uint8Array; type: string }> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { cookie: viewer.cookieHeader ?? '' } });
  return {
    status: response.status,
    bytes: new Uint8Array(await response.arrayBuffer()),
    type: response.headers.get('content-type') ?? '',
  };
}
