// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const reactImports = {
  patterns: [
    {
      group: ['react', 'react/*', 'react-dom', 'react-dom/*', '@tanstack/react-query', 'react-hook-form'],
      message:
        'The framework-free layers (contract, client, session, server, emulator) must not import React or React bindings; put React code under src/react or src/components.',
    },
    {
      group: ['**/react', '**/react/**', '**/components', '**/components/**'],
      message: 'The framework-free layers must not import the React layer (data flows one way).',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'demo/dist/**', 'reports/**', 'coverage/**', 'storybook-static/**', 'node_modules/**', '.storybook/public/**', 'examples/*/.next/**', 'examples/*/next-env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['src/contract/**', 'src/client/**', 'src/session/**', 'src/server/**', 'src/emulator/**'],
    rules: { 'no-restricted-imports': ['error', reactImports] },
  },
  {
    files: ['src/**'],
    rules: { 'no-console': 'error' },
  },
);
