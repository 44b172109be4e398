import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { URL } from 'node:url';
import tseslint from 'typescript-eslint';

// ---------------------------------------------------------------------------------------------------------------
// Boundaries (issue 11). ESLint's no-restricted-imports sees an import path only as written, so "leaves shared/"
// or "enters another capability" depends on how deep the importing file sits. The rules are therefore built per
// source directory (walked when ESLint loads this file, so new folders are covered without editing it): every
// directory gets exactly one no-restricted-imports entry holding all the patterns that apply to it. Flat config
// replaces a rule's options rather than merging them, so overlapping globs would silently drop rules.
// Only static imports and re-exports are checked (not import() or require()).
// ---------------------------------------------------------------------------------------------------------------

/** Pure libraries shared/ may import: it runs in the browser, in the Worker and in Node alike. */
const SHARED_PACKAGES = ['zod'];
/** Packages that need Node (sockets, native code, SMTP, database drivers, Node's HTTP server). */
const NODE_ONLY_PACKAGES = [
  'ws',
  '@node-rs/argon2',
  'nodemailer',
  'postgres',
  '@electric-sql/pglite',
  '@hono/node-server',
];
/** server/ folders every capability may use: infrastructure, not capabilities. */
// documents/ is the app's wiring between the co-editing service and the capabilities that own each
// document kind (server/documents/access.ts); crypto/ holds token helpers sessions and invitations share; pdf/ renders
// any capability's PDF model (the adopted plan, reports).
const SERVER_INFRASTRUCTURE = ['http', 'db', 'audit', 'mail', 'crypto', 'documents', 'pdf'];
/** Folders (and their subfolders) that may import anything: Node entry points, tests, tools. */
const UNRESTRICTED = ['server/runtime', 'test', 'bench', 'scripts'];
/** Files that may import anything: tool configuration that runs in Node, and tests next to code. */
const UNRESTRICTED_FILES = ['**/vite.config.ts', 'vitest.config.ts', 'eslint.config.js', '**/*.test.{ts,tsx}'];
/**
 * The only files another capability may import: its public commands, queries and request/reply schemas,
 * and an index.ts where a service (collab) lists what else it offers.
 */
const CAPABILITY_API = ['commands', 'queries', 'schema', 'index'];

const SOURCE = '*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const oneOf = (names) => `(?:${names.map(escape).join('|')})`;
/** Exactly `levels` leading `../` (the next segment is a name, not another `..`). */
const up = (levels) => `(?:\\.\\./){${levels}}(?![.]{1,2}/)`;

const nodeOnly = [
  {
    regex: `^(?:node:|${oneOf(builtinModules.filter((name) => !name.startsWith('node:')))}(?:/|$))`,
    caseSensitive: true,
    message:
      'Node builtins only in server/runtime/ (and tests, bench, scripts): the app also runs on Cloudflare Workers, shared/ and client/ in the browser. Define an interface in server/deps.ts, implement it in server/runtime/.',
  },
  {
    regex: `^${oneOf(NODE_ONLY_PACKAGES)}(?:/|$)`,
    caseSensitive: true,
    message:
      'Node-only package: only server/runtime/ (and tests, bench, scripts) may load it; the Worker and the browser cannot. Define an interface in server/deps.ts, implement it in server/runtime/.',
  },
];

/** Import paths with detours (./a/../b, ./../x) would slip past the path-based rules below. */
const normalizedPaths = {
  regex: '/\\./|^\\./\\.{1,2}/|(?:^|/)(?!\\.\\.(?:/|$))[^/]+/\\.\\.(?:/|$)',
  caseSensitive: true,
  message:
    'Write relative imports without detours (no ./.. or a/../b): the boundary rules read import paths as written.',
};

/** The patterns for source files directly in `dir` (a path relative to the repository, e.g. "server/goals"). */
function boundaryPatterns(dir) {
  const segments = dir.split('/');
  const depth = segments.length;
  const [top, folder] = segments;
  if (top === 'shared') {
    return [
      normalizedPaths,
      {
        regex: `^(?:/|(?:\\.\\./){${depth}})`,
        caseSensitive: true,
        message:
          'shared/ imports only from shared/: the server and the client both load it, so whatever it reaches ends up in the browser bundle and the Worker.',
      },
      {
        regex: `^(?![./]|${oneOf(SHARED_PACKAGES)}(?:/|$))`,
        caseSensitive: true,
        message: `shared/ runs in the browser, the Worker and Node alike, so it imports only pure libraries (${SHARED_PACKAGES.join(', ')}); extend SHARED_PACKAGES in eslint.config.js only for one that needs no Node, DOM or network.`,
      },
    ];
  }
  if (top === 'client') {
    return [
      normalizedPaths,
      ...nodeOnly,
      {
        regex: `^${up(depth)}server(?:/|$)`,
        caseSensitive: true,
        message:
          'client/ never imports server/: server code would land in the browser bundle. Share types and rules through shared/; reach the server over its API.',
      },
    ];
  }
  if (top !== 'server' || !folder || SERVER_INFRASTRUCTURE.includes(folder)) return [normalizedPaths, ...nodeOnly];
  // From server/<folder>/…: `up(depth - 1)` lands in server/; the long way round is ../../server/.
  const intoServer = `^(?:${up(depth - 1)}|${up(depth)}server/)`;
  if (folder === 'collab') {
    return [
      normalizedPaths,
      ...nodeOnly,
      {
        regex: `${intoServer}(?!(?:collab|db)/)[^/]+/`,
        caseSensitive: true,
        message:
          'server/collab/ is the co-editing service: it knows documents by name (shared/documents.ts) and no capability, and uses only server/db/. Sessions, sections, tables and the like are passed in by the app.',
      },
    ];
  }
  return [
    normalizedPaths,
    ...nodeOnly,
    {
      regex: `${intoServer}(?!${oneOf([folder, ...SERVER_INFRASTRUCTURE])}/)[^/]+/(?!${oneOf(CAPABILITY_API)}(?:\\.ts)?$)`,
      caseSensitive: true,
      message: `Another capability is reached only through its ${CAPABILITY_API.map((name) => name + '.ts').join(', ')}: its routes and helpers may change without notice. Export what you need from there, or move shared plumbing to ${SERVER_INFRASTRUCTURE.map((name) => 'server/' + name).join(', ')} or shared/.`,
    },
  ];
}

/** Every directory under the given roots that can hold source, minus the unrestricted ones. */
function sourceDirectories(roots) {
  const found = [];
  const walk = (dir) => {
    found.push(dir);
    for (const entry of readdirSync(new URL(`./${dir}/`, import.meta.url), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (
        entry.isDirectory() &&
        entry.name !== 'node_modules' &&
        entry.name !== 'dist' &&
        !UNRESTRICTED.includes(path)
      ) {
        walk(path);
      }
    }
  };
  roots.forEach(walk);
  return found;
}

const boundaries = [
  {
    // Everywhere else (root files, any future top-level folder): no Node-only modules.
    files: [`**/${SOURCE}`],
    ignores: [...UNRESTRICTED.map((dir) => `${dir}/**`), ...UNRESTRICTED_FILES],
    rules: { 'no-restricted-imports': ['error', { patterns: [normalizedPaths, ...nodeOnly] }] },
  },
  ...sourceDirectories(['shared', 'client', 'server']).map((dir) => ({
    files: [`${dir}/${SOURCE}`],
    ignores: UNRESTRICTED_FILES,
    rules: { 'no-restricted-imports': ['error', { patterns: boundaryPatterns(dir) }] },
  })),
];

// ESLint's own defineConfig (typescript-eslint's tseslint.config() is deprecated in its favour).
export default defineConfig(
  globalIgnores(['node_modules/', 'client/dist/', 'data/', 'test-results/', '.wrangler/', '.tmp/', 'build/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The classic Rules of Hooks. The plugin's v7 preset (reactHooks.configs.flat.recommended) adds the React
    // Compiler rules; it currently flags client/src/components/useLoad.ts (use-memo: non-literal deps list) and
    // client/src/session.tsx (set-state-in-effect, a false positive: the state is set after an await).
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  ...boundaries,
);
