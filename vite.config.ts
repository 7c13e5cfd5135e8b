/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * One library build for every public entry. Each key is the output file name under dist/ and
 * matches a subpath in package.json "exports".
 */
export const entries = {
  index: 'src/react/index.ts',
  client: 'src/client/index.ts',
  session: 'src/session/index.ts',
  emulator: 'src/emulator/node.ts',
  msw: 'src/emulator/msw.ts',
  'emulator-cli': 'src/emulator/cli.ts',
} as const;

/** Peers and runtime dependencies stay external: the app's bundler resolves them once. */
const external = [
  /^react($|\/)/,
  /^react-dom($|\/)/,
  /^@tanstack\/react-query($|\/)/,
  /^react-hook-form($|\/)/,
  /^zod($|\/)/,
  /^jose($|\/)/,
  /^msw($|\/)/,
  /^libphonenumber-js($|\/)/,
  /^node:/,
];

export default defineConfig({
  plugins: [react()],
  build: {
    target: 'es2022',
    minify: false,
    sourcemap: true,
    lib: {
      entry: entries,
      formats: ['es'],
    },
    rolldownOptions: {
      external,
      // Needed by the chunk groups below; the exports snapshot test guards each entry's surface.
      preserveEntrySignatures: 'allow-extension',
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        // Hooks and components in chunks of their own: a bundler drops the components chunk (and
        // its react-hook-form import) from an app that uses only hooks.
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: [
            { name: 'hooks', test: /src[\\/](react|session)[\\/]/ },
            { name: 'components', test: /src[\\/](components|i18n)[\\/]/ },
          ],
        },
      },
    },
  },
  test: {
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    restoreMocks: true,
    unstubGlobals: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/{contract,client,emulator}/**/*.test.ts', 'test/package/**/*.test.ts', 'test/ssr/**/*.test.{ts,tsx}', 'test/i18n/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'jsdom',
          environment: 'jsdom',
          include: ['test/{react,components,msw}/**/*.test.{ts,tsx}', 'test/session/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'bench',
          environment: 'jsdom',
          include: ['bench/**/*.bench.test.{ts,tsx}'],
        },
      },
    ],
  },
});
