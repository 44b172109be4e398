import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// ESLint's own defineConfig (typescript-eslint's tseslint.config() is deprecated in its favour).
export default defineConfig(
  globalIgnores(['node_modules/', 'client/dist/', 'data/', 'test-results/', '.wrangler/', '.tmp/']),
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
);
