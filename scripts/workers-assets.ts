import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * What Workers static assets need beside the client (wrangler.toml, [assets]). Pages go through the
 * Worker, which adds the same security headers as on Node; the hashed files under /assets/ are served by
 * the platform alone, so their headers are declared here.
 */
const HEADERS = `/assets/*
  X-Content-Type-Options: nosniff
  Cache-Control: public, max-age=31536000, immutable
`;

/**
 * Not uploaded: the precompressed copies (Cloudflare compresses by itself), the build metadata, and the
 * source maps (the whole client source; Node serves them only outside production).
 */
const IGNORE = '*.br\n*.gz\n*.map\n.vite\n';

/** A Vite plugin: writes dist/_headers and dist/.assetsignore (`npm run build:client`). */
export function workersAssets(): {
  name: string;
  apply: 'build';
  writeBundle(options: { dir?: string }): Promise<void>;
} {
  return {
    name: 'tafelwerk-workers-assets',
    apply: 'build',
    async writeBundle(options) {
      if (!options.dir) return;
      await writeFile(join(options.dir, '_headers'), HEADERS);
      await writeFile(join(options.dir, '.assetsignore'), IGNORE);
    },
  };
}
