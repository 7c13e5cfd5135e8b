// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * The layers of src/ and what each may import: data flows one way, contract → client → session
 * → react → components (src/index.ts, the package's face, puts them together). The server checks
 * sessions beside the client; the message catalogs (i18n) serve the components; the emulator
 * speaks the contract. A layer imports nothing from a layer after it or beside it.
 */
const layers = {
  contract: [],
  client: ['contract'],
  session: ['contract', 'client'],
  server: ['contract', 'client', 'session'],
  i18n: ['contract', 'client'],
  emulator: ['contract', 'client'],
  react: ['contract', 'client', 'session'],
  components: ['contract', 'client', 'session', 'react', 'i18n'],
};

/** The layers that run without React: they import no React package either. */
const frameworkFree = ['contract', 'client', 'session', 'server', 'emulator', 'i18n'];

const reactPackages = {
  group: ['react', 'react/*', 'react-dom', 'react-dom/*', '@tanstack/react-query', '@tanstack/react-query/*', 'react-hook-form', 'react-hook-form/*'],
  message:
    'The framework-free layers (contract, client, session, server, emulator, i18n) must not import React or React bindings; put React code under src/react or src/components.',
};

/** One config per layer: its imports of the other layers of src/ (and, if framework-free, of React). */
const layerRules = Object.entries(layers).map(([layer, allowed]) => {
  const forbidden = Object.keys(layers).filter((other) => other !== layer && !allowed.includes(other));
  return {
    files: [`src/${layer}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...(frameworkFree.includes(layer) ? [reactPackages] : []),
            {
              regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`,
              message: `src/${layer} may import only ${allowed.length ? allowed.map((name) => `src/${name}`).join(', ') : 'itself'} (the layers: contract → client → session → react → components; see eslint.config.js).`,
            },
          ],
        },
      ],
    },
  };
});

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
  ...layerRules,
  {
    files: ['src/**'],
    rules: { 'no-console': 'error' },
  },
);
