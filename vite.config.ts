/// <reference types="vitest/config" />
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { STORYBOOK_TEST_INITIAL_GLOBALS_PROVIDE_KEY } from '@storybook/addon-vitest/constants';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, chromiumPath } from './scripts/chromium.ts';

/**
 * One library build for every public entry. Each key is the output file name under dist/ and
 * matches a subpath in package.json "exports".
 */
export const entries = {
  index: 'src/index.ts',
  client: 'src/client/index.ts',
  session: 'src/session/index.ts',
  server: 'src/server/index.ts',
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

/**
 * The modules that are React Client Components (hooks, context, components): a built file holding
 * code from any of them starts with `'use client'`, so a Server Component (Next.js App Router)
 * imports passlink directly and gets client references. Barrels (index.ts) render no code.
 */
const clientModule = /[\\/]src[\\/](react|components)[\\/]/;

/**
 * Adds `'use client';` at the top of every built file (entry or chunk) that holds code of a client
 * module, and nothing to the others: `client`, `session`, `server`, `emulator`, `msw` and the
 * emulator CLI stay free of it (and of React), and so does passlink's own index.js, which only
 * re-exports (a Server Component can call createClient or describeError from it). Rolldown drops
 * module-level directives when it bundles, so the directive is a banner decided per chunk from the
 * modules it renders; a banner is part of the chunk before its source map is made, so the maps
 * stay aligned (test/package/client-boundaries.test.ts checks both).
 */
export const useClientBanner = (chunk: { modules: Record<string, { renderedLength: number }> }): string =>
  Object.entries(chunk.modules).some(([id, module]) => clientModule.test(id) && module.renderedLength > 0) ? "'use client';" : '';

/** Debian's Chromium for browser tests: nothing downloads a browser, and it makes no calls of its own. */
const chromium = { executablePath: chromiumPath, args: chromiumArgs };

/**
 * The "storybook" project: every story of .storybook (stories/**) as a browser test. It renders,
 * its play function passes, and the a11y addon fails it on any axe violation (color-contrast
 * included), in the light theme and again in the dark one. It is in the projects when asked for:
 * `--project storybook` (`npm run test:storybook`), Storybook's own test panel, or
 * VITEST_STORYBOOK=true, which `npm test` sets.
 */
const storybookRequested = process.env.VITEST_STORYBOOK === 'true' || process.argv.some((arg) => /(^|=)storybook$/.test(arg));

/**
 * The browser servers Vitest starts (stories, browser project) log at "info" (its only other setting,
 * VITEST_BROWSER_DEBUG, also turns on the browser's debug output): its dependency optimizer's
 * "[optimizer] scanning… bundling…" lines are noise in a test run. This drops those lines only;
 * every other line, warnings (a reload mid-test, say) and errors still print.
 */
const quietOptimizer = (): Plugin => ({
  name: 'passlink:quiet-optimizer',
  configResolved(config) {
    const { logger } = config;
    const info = logger.info.bind(logger);
    logger.info = (message, options) => {
      if (!message.includes('[optimizer]')) info(message, options);
    };
  },
});

/**
 * The benchmarks print their tables when asked for by name (`npm run bench`, `--project bench`);
 * in `npm test` they only check the counts, and a passing run stays quiet.
 */
const benchRequested = process.argv.some((arg) => /(^|=)bench$/.test(arg));

declare module 'vitest' {
  interface ProvidedContext {
    /** True when the bench project was asked for by name: its tables are printed. */
    benchReport: boolean;
    /** Read by @storybook/addon-vitest: the globals every story of a project starts with. */
    [STORYBOOK_TEST_INITIAL_GLOBALS_PROVIDE_KEY]: Record<string, unknown>;
  }
}

/** One project of `test.projects`. */
type TestProject = NonNullable<NonNullable<UserConfig['test']>['projects']>[number];

const storybookProject = (): TestProject => ({
  extends: true,
  plugins: [
    quietOptimizer(),
    storybookTest({
      configDir: fileURLToPath(new URL('.storybook', import.meta.url)),
      // Stories that assert what a component should do but does not yet (each names its bug).
      tags: { skip: ['known-bug'] },
    }),
  ],
  test: {
    name: 'storybook',
    // Testing Library's waits and short failures (the jsdom projects' test/setup/dom.ts, in Chromium).
    setupFiles: ['.storybook/vitest.setup.ts'],
    // All story files of a theme in one page, one after another. A story already shares its page
    // with the other stories of its file (each renders into a fresh root, from its own emulator);
    // a page per file only loaded React, Storybook's preview, MSW's worker and the components
    // again for each of them: more than half of this project's time.
    isolate: false,
    // A safety net, not a schedule: the first story of a run waits for Vite to serve the modules.
    testTimeout: 60_000,
    browser: {
      enabled: true,
      headless: true,
      // One page per theme, whatever maxWorkers says: a page loads the app's modules once
      // (isolate: false) and runs every story file; a second page would load them again.
      fileParallelism: false,
      provider: playwright({ launchOptions: chromium }),
      // Vitest's browser server on loopback: from Vitest's usual port up to the first free one, so
      // that a second test run (another clone, a developer's `vitest --browser`) never stops this one.
      api: { host: '127.0.0.1', port: 63315, strictPort: false },
      // Every story twice: in the light theme, and with the toolbar's theme global set to dark
      // (a story's own `globals` still win, e.g. its locale).
      instances: [
        { browser: 'chromium', name: 'light' },
        { browser: 'chromium', name: 'dark', provide: { [STORYBOOK_TEST_INITIAL_GLOBALS_PROVIDE_KEY]: { theme: 'dark' } } },
      ],
    },
  },
});

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
        banner: useClientBanner,
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        // Hooks and components in chunks of their own: a bundler drops the components chunk (and
        // its react-hook-form import) from an app that uses only hooks.
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: [
            // The contract and the client together: one zod import for both. The entry module is
            // left out of the group: a group holding an entry becomes that entry, with extra exports.
            // The message catalogs too: they hold no React (a Server Component may format a message
            // or call describeError), and beside the client's error codes they cost the prebuilt
            // flows less (all-in 132 B less than in a chunk of their own, which a bundler placed
            // between the hooks and the components). passlink/client's bundles drop them.
            { name: 'core', test: /src[\\/](contract[\\/]|i18n[\\/](?!index\.ts)|client[\\/](?!index\.ts))/ },
            // The session store on its own, without React or react-query: passlink/session loads in
            // plain Node. Its barrel is in the group, so the group is the session entry itself (its
            // exports are exactly the barrel's); left out, passlink's index.js kept a bare
            // `import "./session.js"` for it.
            { name: 'session', test: /src[\\/]session[\\/]/ },
            { name: 'hooks', test: /src[\\/]react[\\/](?!index\.ts)/ },
            { name: 'components', test: /src[\\/]components[\\/](?!index\.ts)/ },
          ],
        },
      },
    },
  },
  test: {
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    restoreMocks: true,
    unstubGlobals: true,
    // Vitest's default on 2 cores is one worker: every node, jsdom and e2e file one after another,
    // each waiting for the one before (a jsdom file spends more time starting than testing, the
    // e2e file mostly waits for Chromium). Two keep both cores busy once the stories are done.
    // Every project gets the same number: Vitest runs projects side by side only then.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Safety nets, not schedules (Vitest's defaults are 5 s and 10 s): typing into a form or a
    // journey with an axe run after each step takes seconds on a busy machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          // Worker threads start faster than the default child processes; every file still gets
          // a fresh one (isolate).
          pool: 'threads',
          include: ['test/{contract,client,emulator,server}/**/*.test.ts', 'test/package/**/*.test.ts', 'test/ssr/**/*.test.{ts,tsx}', 'test/i18n/**/*.test.ts', 'test/**/*.node.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'jsdom',
          environment: 'jsdom',
          pool: 'threads',
          // One page per worker for all its files, one after another: a fresh jsdom, React, MSW and
          // emulator per file cost more than the tests themselves. test/setup/dom.ts leaves the
          // page fresh after every test (test/setup/cleanup.ts); helpers register what they open.
          isolate: false,
          setupFiles: ['test/setup/dom.ts'],
          include: ['test/{react,components,msw,setup}/**/*.test.{ts,tsx}', 'test/session/**/*.test.ts'],
          // A file that runs without a DOM (`*.node.test.ts`) belongs to the node project.
          exclude: ['test/**/*.node.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'bench',
          environment: 'jsdom',
          pool: 'threads',
          setupFiles: ['test/setup/dom.ts'],
          provide: { benchReport: benchRequested },
          include: ['bench/**/*.bench.test.{ts,tsx}'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.test.ts'],
          // Chromium against scripts/start.ts (dev server + emulator on free ports), started once.
          // One file (the journeys and the screenshots share the server): it runs beside the
          // other projects' files, not after them.
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        plugins: [quietOptimizer()],
        test: {
          // examples/next-app-router built by `next build` against the packed tarball and driven
          // in Chromium against the emulator (fixed ports 3210 and 4610).
          name: 'next',
          environment: 'node',
          include: ['test/next/**/*.next.test.ts'],
          testTimeout: 60_000,
          // next build takes a minute or more on two busy cores: a safety net, not a schedule.
          hookTimeout: 600_000,
        },
      },
      {
        extends: true,
        test: {
          // Library code that needs a real browser (Web Locks, BroadcastChannel, localStorage).
          name: 'browser',
          include: ['test/browser/**/*.browser.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromium }),
            // From 63316 up to the first free port, as the stories' server does: a second test run
            // beside this one (another clone) must not stop it with "Port 63316 is already in use".
            api: { host: '127.0.0.1', port: 63316, strictPort: false },
            // Nothing visual here: a screenshot of a failure is a blank page left in the tree.
            screenshotFailures: false,
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      ...(storybookRequested ? [storybookProject()] : []),
    ],
  },
});
