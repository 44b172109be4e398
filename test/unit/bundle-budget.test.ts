import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * Page weight budgets (issue 17), read from the built client: `npm test` builds it first
 * (`npm run build:client`). Sizes are what the server sends: Brotli at the level the build
 * precompresses with (scripts/precompress.ts); gzip is printed alongside for older clients.
 */
const DIST = join(import.meta.dirname, '..', '..', 'client', 'dist');
const MANIFEST = join(DIST, '.vite', 'manifest.json');
const INDEX = join(DIST, 'index.html');
const KB = 1000;
const LOGIN_JS_BUDGET = 150 * KB;
const SECTION_PAGE_BUDGET = 450 * KB;
const CHUNK_LIMIT = 500 * KB;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const built = existsSync(MANIFEST) && existsSync(INDEX);
if (!built && !process.env.CI) {
  console.warn(
    `\nbundle budget SKIPPED: no built client at ${DIST} (with .vite/manifest.json); run \`npm run build:client\` first.\n`,
  );
}

const compressed = new Map<string, { br: number; gz: number; raw: number }>();
function sizes(file: string): { br: number; gz: number; raw: number } {
  let known = compressed.get(file);
  if (!known) {
    const raw = readFileSync(join(DIST, file));
    known = {
      raw: raw.length,
      br: brotliCompressSync(raw, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      }).length,
      gz: gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }).length,
    };
    compressed.set(file, known);
  }
  return known;
}

function total(files: Iterable<string>): { br: number; gz: number; raw: number } {
  const sum = { br: 0, gz: 0, raw: 0 };
  for (const file of files) {
    const size = sizes(file);
    sum.br += size.br;
    sum.gz += size.gz;
    sum.raw += size.raw;
  }
  return sum;
}

/** A chunk and everything it imports statically: what the browser fetches before it can run it. */
function closure(manifest: Manifest, key: string, js = new Set<string>(), css = new Set<string>()) {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the Vite manifest`);
  if (js.has(chunk.file)) return { js, css };
  js.add(chunk.file);
  for (const file of chunk.css ?? []) css.add(file);
  for (const imported of chunk.imports ?? []) closure(manifest, imported, js, css);
  return { js, css };
}

/** The files index.html makes the browser fetch: the entry script, modulepreloads and stylesheets. */
function htmlAssets(html: string): { js: string[]; css: string[] } {
  const path = (url: string) => url.replace(/^\//, '');
  const js = [
    ...html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ];
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)];
  return { js: js.map((m) => path(m[1]!)), css: css.map((m) => path(m[1]!)) };
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} kB`;

describe.runIf(built || process.env.CI)('bundle budget of the built client', () => {
  const manifest = (): Manifest => JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
  const entryKey = (m: Manifest) => Object.keys(m).find((key) => m[key]!.isEntry)!;

  it('has been built (CI builds the client before the tests)', () => {
    expect(built, `no built client at ${DIST}: run \`npm run build:client\``).toBe(true);
  });

  it('keeps the login page under 150 kB of compressed JavaScript, without the editor', () => {
    const m = manifest();
    const { js } = closure(m, entryKey(m));
    // index.html loads exactly the entry and its static imports (the modulepreloads), nothing lazy.
    const html = htmlAssets(readFileSync(INDEX, 'utf8'));
    expect(new Set(html.js)).toEqual(js);
    const login = total(js);
    console.log(
      `login page JavaScript (${js.size} files): ${kb(login.raw)} raw, ${kb(login.br)} Brotli, ${kb(login.gz)} gzip`,
    );
    expect(login.br).toBeLessThan(LOGIN_JS_BUDGET);
    // Also for a browser that only takes gzip.
    expect(login.gz).toBeLessThan(LOGIN_JS_BUDGET);
    // The editor's libraries are recognisable by strings only they contain.
    for (const file of js) {
      const code = readFileSync(join(DIST, file), 'utf8');
      expect(code, `${file} holds ProseMirror`).not.toContain('ProseMirror-focused');
      expect(code, `${file} holds Yjs`).not.toContain('Yjs was already imported');
    }
  });

  it('keeps a section page (entry, the lazy SectionPage chunk, its imports, CSS) under 450 kB compressed', () => {
    const m = manifest();
    const page = closure(m, entryKey(m));
    const sectionKey = Object.keys(m).find((key) => /\/SectionPage\.tsx$/.test(key));
    expect(sectionKey, 'SectionPage is a lazy chunk of its own').toBeDefined();
    expect(m[sectionKey!]!.isDynamicEntry).toBe(true);
    closure(m, sectionKey!, page.js, page.css);
    for (const file of htmlAssets(readFileSync(INDEX, 'utf8')).css) page.css.add(file);
    const js = total(page.js);
    const css = total(page.css);
    const editorFiles = [...page.js].map((file) => readFileSync(join(DIST, file), 'utf8'));
    expect(editorFiles.some((code) => code.includes('ProseMirror-focused'))).toBe(true);
    console.log(
      [
        `section page: ${page.js.size} JavaScript files ${kb(js.raw)} raw, ${kb(js.br)} Brotli, ${kb(js.gz)} gzip;`,
        `${page.css.size} CSS files ${kb(css.raw)} raw, ${kb(css.br)} Brotli, ${kb(css.gz)} gzip;`,
        `total ${kb(js.br + css.br)} Brotli, ${kb(js.gz + css.gz)} gzip`,
      ].join(' '),
    );
    expect(js.br + css.br).toBeLessThan(SECTION_PAGE_BUDGET);
    expect(js.gz + css.gz).toBeLessThan(SECTION_PAGE_BUDGET);
  });

  it('has no JavaScript chunk over 500 kB uncompressed', () => {
    const chunks = readdirSync(join(DIST, 'assets')).filter((file) => file.endsWith('.js'));
    expect(chunks.length).toBeGreaterThan(1);
    const over = chunks
      .map((file) => ({ file, raw: sizes(`assets/${file}`).raw }))
      .filter(({ raw }) => raw > CHUNK_LIMIT)
      .map(({ file, raw }) => `${file}: ${kb(raw)}`);
    expect(over).toEqual([]);
  });

  it('ships a Brotli and a gzip copy next to every script and stylesheet', () => {
    const files = readdirSync(join(DIST, 'assets')).filter((file) => /\.(js|css)$/.test(file));
    const missing = files.filter(
      (file) =>
        sizes(`assets/${file}`).raw >= 512 &&
        !(existsSync(join(DIST, 'assets', `${file}.br`)) && existsSync(join(DIST, 'assets', `${file}.gz`))),
    );
    expect(missing).toEqual([]);
  });
});
