import { serve } from '@hono/node-server';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptsEncoding, nodeAssets } from '../../server/runtime/node-assets.ts';
import { precompressDir } from '../../scripts/precompress.ts';

/**
 * The static server over a built client, through a real HTTP server (Node's client does not decode, so
 * the test sees the bytes on the wire): precompressed copies by Accept-Encoding, as the build writes them.
 */
describe('static client assets, precompressed', () => {
  let dir: string;
  let base: string;
  let close: () => void;
  const script = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `woord ${i}`))};\n`;
  const page = `<!doctype html><html lang="nl"><head><title>Tafelwerk</title></head><body>${'<p>tafel</p>'.repeat(80)}</body></html>`;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tafelwerk-assets-'));
    await mkdir(join(dir, 'assets'));
    await mkdir(join(dir, '.vite'));
    await writeFile(join(dir, 'index.html'), page);
    await writeFile(join(dir, 'assets', 'app-1234.js'), script);
    await writeFile(join(dir, 'assets', 'tiny-1234.js'), 'export {};\n');
    await writeFile(join(dir, '.vite', 'manifest.json'), JSON.stringify({ 'index.html': { file: 'x' } }));
    const written = await precompressDir(dir);
    expect(written.map((w) => w.file.slice(dir.length)).sort()).toEqual(['/assets/app-1234.js', '/index.html']);
    const assets = nodeAssets(dir);
    const server = serve({ fetch: (req) => assets.fetch(req), port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(async () => {
    close?.();
    await rm(dir, { recursive: true, force: true });
  });

  function get(path: string, acceptEncoding?: string, method = 'GET') {
    return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = httpRequest(
        `${base}${path}`,
        { method, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  it('sends Brotli when the request accepts br', async () => {
    const reply = await get('/assets/app-1234.js', 'gzip, deflate, br, zstd');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.headers.vary).toMatch(/accept-encoding/i);
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
    expect(reply.body.length).toBeLessThan(Buffer.byteLength(script) / 3);
    expect(brotliDecompressSync(reply.body).toString()).toBe(script);
  });

  it('sends gzip when br is not accepted (or refused with q=0)', async () => {
    for (const accept of ['gzip, deflate', 'br;q=0, gzip;q=0.8', 'deflate, *']) {
      const reply = await get('/assets/app-1234.js', accept);
      expect(reply.headers['content-encoding'], accept).toBe(accept === 'deflate, *' ? 'br' : 'gzip');
      expect(reply.headers.vary).toMatch(/accept-encoding/i);
      expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
      const decoded = accept === 'deflate, *' ? brotliDecompressSync(reply.body) : gunzipSync(reply.body);
      expect(decoded.toString()).toBe(script);
    }
  });

  it('sends the file itself when neither is accepted, still with Vary', async () => {
    for (const accept of [undefined, 'identity', 'deflate', 'br;q=0, gzip;q=0']) {
      const reply = await get('/assets/app-1234.js', accept);
      expect(reply.headers['content-encoding'], String(accept)).toBeUndefined();
      expect(reply.headers.vary).toMatch(/accept-encoding/i);
      expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(Number(reply.headers['content-length'])).toBe(Buffer.byteLength(script));
      expect(reply.body.toString()).toBe(script);
    }
  });

  it('answers HEAD with the headers of the variant and no body', async () => {
    const reply = await get('/assets/app-1234.js', 'br', 'HEAD');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe('br');
    expect(Number(reply.headers['content-length'])).toBeGreaterThan(0);
    expect(reply.body.length).toBe(0);
  });

  it('compresses the page for client routes too, which stays no-cache', async () => {
    const reply = await get('/sections/42', 'gzip, br');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(reply.body).toString()).toBe(page);
  });

  it('leaves tiny files uncompressed, without Vary', async () => {
    const reply = await get('/assets/tiny-1234.js', 'br, gzip');
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.headers.vary).toBeUndefined();
    expect(reply.body.toString()).toBe('export {};\n');
  });

  it('does not serve build metadata under dot folders', async () => {
    expect((await get('/.vite/manifest.json', 'br')).status).toBe(404);
  });

  it('reads Accept-Encoding with q-values and wildcards', () => {
    expect(acceptsEncoding('gzip, br', 'br')).toBe(true);
    expect(acceptsEncoding('GZIP;q=0.5', 'gzip')).toBe(true);
    expect(acceptsEncoding('br;q=0', 'br')).toBe(false);
    expect(acceptsEncoding('*;q=0', 'gzip')).toBe(false);
    expect(acceptsEncoding('*', 'gzip')).toBe(true);
    expect(acceptsEncoding('*, br;q=0', 'br')).toBe(false);
    expect(acceptsEncoding(null, 'br')).toBe(false);
    expect(acceptsEncoding('', 'gzip')).toBe(false);
  });
});
