import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Assets } from '../deps.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** The size of a regular file, or undefined when there is none. */
async function fileSize(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

async function isFile(path: string): Promise<boolean> {
  return (await fileSize(path)) !== undefined;
}

/** The encodings `npm run build:client` writes next to each compressible file (scripts/precompress.ts), best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** Whether an Accept-Encoding header accepts this encoding (by name or `*`, with a q-value above 0). */
export function acceptsEncoding(header: string | null, encoding: string): boolean {
  if (!header) return false;
  let wildcard = false;
  for (const part of header.split(',')) {
    const [token = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const accepted = q === undefined || Number(q.slice(2)) > 0;
    if (token.trim() === encoding) return accepted;
    if (token.trim() === '*') wildcard = accepted;
  }
  return wildcard;
}

/**
 * Serves the built client like Workers' asset binding does: files by path, and index.html for
 * any other path so the client's router can take it (a single-page app). Text files go out as the
 * Brotli or gzip copy the build wrote next to them, whichever the request accepts (issue 17).
 */
export function nodeAssets(distDir: string, options: { sourceMaps?: boolean } = {}): Assets {
  const root = normalize(distDir + sep);
  return {
    async fetch(request: Request) {
      const url = new URL(request.url);
      // Source maps give away the whole client source (megabytes of it): for development only.
      if (!options.sourceMaps && url.pathname.endsWith('.map')) return new Response('Not Found', { status: 404 });
      let path: string;
      try {
        path = normalize(join(root, decodeURIComponent(url.pathname)));
      } catch {
        return new Response('Bad Request', { status: 400 });
      }
      if (!path.startsWith(root)) return new Response('Not Found', { status: 404 });
      // Build metadata (dist/.vite/manifest.json) is for the build's own checks, and dist/_headers for
      // Workers static assets: neither is for visitors.
      if (url.pathname === '/_headers' || url.pathname.split('/').some((segment) => segment.startsWith('.'))) {
        return new Response('Not Found', { status: 404 });
      }
      let file = path;
      if (!(await isFile(file))) {
        // A missing file with an extension is a real 404; anything else is a client route.
        if (extname(url.pathname)) return new Response('Not Found', { status: 404 });
        file = join(root, 'index.html');
        if (!(await isFile(file))) {
          return new Response('The client has not been built: run `npm run build:client`.', {
            status: 503,
            headers: { 'content-type': 'text/plain; charset=utf-8' },
          });
        }
      }
      // The precompressed copy the client accepts, best first; the file itself for anyone else.
      const accept = request.headers.get('accept-encoding');
      let served = { path: file, encoding: undefined as string | undefined };
      let variants = false;
      for (const { name, suffix } of ENCODINGS) {
        if (!(await isFile(file + suffix))) continue;
        variants = true;
        if (!served.encoding && acceptsEncoding(accept, name)) served = { path: file + suffix, encoding: name };
      }
      const size = await fileSize(served.path);
      if (size === undefined) return new Response('Not Found', { status: 404 });
      const body = request.method === 'HEAD' ? null : await readFile(served.path);
      const immutable = url.pathname.startsWith('/assets/');
      const headers = new Headers({
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': String(size),
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      if (served.encoding) headers.set('content-encoding', served.encoding);
      // Caches must keep the variants apart, the uncompressed one included.
      if (variants) headers.set('vary', 'Accept-Encoding');
      return new Response(body, { headers });
    },
  };
}
