import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/react-vite';
import { mergeConfig } from 'vite';

const src = fileURLToPath(new URL('../src', import.meta.url));

/**
 * Storybook for passlink's components. Stories import passlink exactly as an app does (`passlink`,
 * `passlink/styles.css`, `passlink/msw`), aliased to the sources like demo/vite.config.ts does.
 * The MSW worker script lives in .storybook/public (`npx msw init .storybook/public --save=false`).
 */
const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../stories/**/*.stories.tsx'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-vitest', '@storybook/addon-docs'],
  staticDirs: ['./public'],
  core: { disableTelemetry: true },
  viteFinal: (viteConfig) =>
    mergeConfig(viteConfig, {
      // passlink.css as a production Vite build ships it (Lightning CSS, default browser targets,
      // which lower light-dark()), in `storybook dev` and the browser tests too, not only in
      // `storybook build`: what is tested is what an app's users get.
      css: { transformer: 'lightningcss' },
      resolve: {
        alias: [
          { find: /^passlink\/styles\.css$/, replacement: `${src}/styles/passlink.css` },
          { find: /^passlink\/msw$/, replacement: `${src}/emulator/msw.ts` },
          { find: /^passlink$/, replacement: `${src}/index.ts` },
        ],
      },
    }),
};

export default config;
