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

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves the built client like Workers' asset binding does: files by path, and index.html for
 * any other path so the client's router can take it (a single-page app).
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
      const body = request.method === 'HEAD' ? null : await readFile(file);
      const immutable = url.pathname.startsWith('/assets/');
      return new Response(body, {
        headers: {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        },
      });
    },
  };
}
