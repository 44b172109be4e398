import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** Text formats worth compressing; fonts and images are compressed already, source maps are dev-only. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.txt']);
/** Below this a compressed copy saves less than its extra header costs. */
const MIN_BYTES = 512;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

/**
 * Writes `file.br` and `file.gz` next to every compressible file, at the highest levels: this runs once per
 * build, so the server never spends CPU per request and each visitor gets the smallest bytes.
 */
export async function precompressDir(dir: string): Promise<{ file: string; raw: number; br: number; gz: number }[]> {
  const written: { file: string; raw: number; br: number; gz: number }[] = [];
  const jobs: Promise<void>[] = [];
  for await (const file of files(dir)) {
    if (!COMPRESSIBLE.has(extname(file))) continue;
    jobs.push(
      (async () => {
        const raw = await readFile(file);
        if (raw.length < MIN_BYTES) return;
        const [br, gz] = await Promise.all([
          brotli(raw, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            },
          }),
          gzipAsync(raw, { level: constants.Z_BEST_COMPRESSION }),
        ]);
        await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
        written.push({ file, raw: raw.length, br: br.length, gz: gz.length });
      })(),
    );
  }
  await Promise.all(jobs);
  return written;
}

/** A Vite plugin: precompress the client's output once it is written (`npm run build:client`). */
export function precompress(): { name: string; apply: 'build'; writeBundle(options: { dir?: string }): Promise<void> } {
  return {
    name: 'tafelwerk-precompress',
    apply: 'build',
    async writeBundle(options) {
      if (!options.dir) return;
      await precompressDir(options.dir);
    },
  };
}
