// The folder import table of ARCHITECTURE.md, enforced: each runtime folder may only import what
// runs where it runs. A forbidden import fails `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const node = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'url', 'util'];

/** `'**\/core/**'` also forbids the folder itself (`../core`), not only files inside it. */
function restrict(patterns, message) {
  const group = patterns.flatMap((p) => (p.endsWith('/**') ? [p, p.slice(0, -3)] : [p]));
  return {
    'no-restricted-imports': ['error', { patterns: [{ group, message }] }],
  };
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/shared/**'],
    rules: restrict(
      [...node, 'electron', 'better-sqlite3', 'react', 'react-dom', '**/core/**', '**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**'],
      'src/shared runs anywhere: only itself and pure libraries (zod).',
    ),
  },
  {
    files: ['src/core/**'],
    rules: restrict(
      ['electron', 'react', 'react-dom', '**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**'],
      'src/core is plain Node: no Electron, no React, no UI or shell code.',
    ),
  },
  {
    files: ['src/main/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/renderer/**', '**/renderer', 'react', 'react-dom'], message: 'src/main never imports the renderer.' },
            // The main process must never block on SQLite: it only finds the database and spawns the worker.
            { group: ['better-sqlite3'], message: 'src/main never opens the database: the core runs in its worker.' },
            {
              regex: '(^|/)core(/(?!(paths|worker/client|worker/protocol)$).*)?$',
              message: 'src/main only spawns the core: core/paths and core/worker/{client,protocol}, never the database code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**'],
    rules: restrict(
      [...node, 'better-sqlite3', 'react', '**/core/**', '**/main/**', '**/renderer/**', '**/cli/**'],
      'src/preload may only import electron and types from shared.',
    ),
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(
      [...node, 'electron', 'better-sqlite3', '**/core/**', '**/main/**', '**/preload/**', '**/cli/**'],
      'src/renderer runs in Chromium: shared and React libraries only.',
    ),
  },
  {
    files: ['src/cli/**'],
    rules: restrict(['electron', 'react', 'react-dom', '**/main/**', '**/renderer/**', '**/preload/**'], 'src/cli is plain Node over the core.'),
  },
);
