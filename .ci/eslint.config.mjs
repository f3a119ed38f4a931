import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { fileURLToPath } from 'node:url';
import { layersPlugin } from './eslint-layers.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', 'test/e2e/screenshots/**', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { project: ['main/tsconfig.json', 'renderer/tsconfig.json'], tsconfigRootDir: root },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    // The core runs under plain Node in tests, the CLI and browser mode: it must never reach for Electron.
    files: ['main/core/**/*.ts', 'main/web/**/*.ts', 'main/cli/**/*.ts', 'preload/contract.ts', 'preload/contract/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only main/electron/ and preload/bridge.ts may import electron.' }] }],
    },
  },
  {
    // Floors of the core (docs/architecture.md "Layers"): shared/ and config/ import no domain, context.ts
    // names ports instead of importing domains, the language engines reach nothing above them, and no
    // domain imports the composition root. test/unit/foundation/boundaries.test.ts proves it fires.
    files: ['main/core/**/*.ts'],
    plugins: { layers: layersPlugin(root) },
    rules: { 'layers/floors': 'error' },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
