import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompress } from '../scripts/precompress.ts';
import { treeshakeUtrecht } from '../scripts/treeshake-utrecht.ts';
import { workersAssets } from '../scripts/workers-assets.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const server = process.env.TAFELWERK_API ?? 'http://127.0.0.1:8787';

export default defineConfig({
  root,
  plugins: [react(), treeshakeUtrecht(), precompress(), workersAssets()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // dist/.vite/manifest.json: what each page downloads, for the bundle budget test (issue 17).
    manifest: true,
    rolldownOptions: {
      output: {
        // React and the router change less often than the app, so they cache apart; this also keeps every
        // chunk under Vite's 500 kB warning (the bundle budget test checks it).
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'router', test: /node_modules[\\/](react-router|cookie|set-cookie-parser)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: server, changeOrigin: false },
      '/collab': { target: server, ws: true },
    },
  },
});
