import { StrictMode, useState, type ReactNode } from 'react';
import { QueryClient } from '@tanstack/react-query';
import type { Decorator, Loader, Preview } from '@storybook/react-vite';
import { setupWorker } from 'msw/browser';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { PasslinkMessages, PasslinkProvider, createClient, createSessionStore, de, es, fr, type Catalog, type JwtResponse } from 'passlink';
import 'passlink/styles.css';
import { API_BASE_URL, emulate, findEmulator, freshEmulator, loadedSession, type LoadedSession } from '../stories/support';

const catalogs: Record<string, Catalog | undefined> = { en: undefined, es, fr, de };

/**
 * msw-storybook-addon 3 has no `initialize()`: the worker is started by the setup function given
 * to its loader, once per page. Requests no handler answers (Storybook's own, Vite's) go through.
 */
const startWorker = async () => {
  const worker = setupWorker();
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true });
  return worker;
};

/**
 * Before each render: the story's emulator starts from its seed again (MSW's loader installs its
 * handlers), and with `parameters.passlink.signedInAs` that user is signed in: a session the
 * emulator issued, which the decorator stores before the first render.
 */
const prepareEmulator: Loader = async (context) => {
  const emulator = findEmulator(context.parameters);
  if (!emulator) return {};
  freshEmulator(emulator);
  const signedInAs: unknown = context.parameters.passlink?.signedInAs;
  return typeof signedInAs === 'string' ? ({ session: await emulator.createSession(signedInAs) } satisfies LoadedSession) : {};
};

interface ProvidersProps {
  projectId: string;
  session: JwtResponse | undefined;
  resendCooldownSeconds: number | undefined;
  children: ReactNode;
}

/** A fresh client (no retry waits), session store and QueryClient for one story render. */
function StoryProviders({ projectId, session, resendCooldownSeconds, children }: ProvidersProps) {
  const [fresh] = useState(() => {
    const client = createClient({ projectId, baseUrl: API_BASE_URL, retryDelaysMs: [] });
    const store = createSessionStore({ transport: client.transport });
    if (session) store.setSession(session);
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
    return { client, store, queryClient };
  });
  return (
    <PasslinkProvider
      projectId={projectId}
      baseUrl={API_BASE_URL}
      client={fresh.client}
      session={fresh.store}
      queryClient={fresh.queryClient}
      {...(resendCooldownSeconds === undefined ? {} : { resendCooldownSeconds })}
    >
      {children}
    </PasslinkProvider>
  );
}

/**
 * Each story inside a fresh PasslinkProvider (projectId from the story's emulator, the session the
 * loader made) and PasslinkMessages in the toolbar's locale, on the passlink surface in the
 * toolbar's theme (`data-theme` on the wrapper). `parameters.passlink`: `signedInAs` (a login id,
 * or null for signed out) and `resendCooldownSeconds` (the provider's; default 30).
 */
const withPasslink: Decorator = (Story, context) => {
  const locale = typeof context.globals.locale === 'string' ? context.globals.locale : 'en';
  const theme = context.globals.theme === 'dark' ? 'dark' : 'light';
  const emulator = findEmulator(context.parameters);
  const cooldown: unknown = context.parameters.passlink?.resendCooldownSeconds;
  return (
    <StoryProviders
      // A new story (or a new render of it) gets a new provider: nothing carries over.
      key={context.id}
      projectId={emulator?.projectId ?? 'PpasslinkEmulator'}
      session={loadedSession(context.loaded)}
      resendCooldownSeconds={typeof cooldown === 'number' ? cooldown : undefined}
    >
      <PasslinkMessages locale={locale} catalog={catalogs[locale]}>
        <div
          data-theme={theme}
          lang={locale}
          style={{
            background: 'var(--passlink-surface)',
            color: 'var(--passlink-text)',
            fontFamily: 'var(--passlink-font)',
            padding: '1.5rem',
            minHeight: context.viewMode === 'docs' ? undefined : '100vh',
            boxSizing: 'border-box',
          }}
        >
          <Story />
        </div>
      </PasslinkMessages>
    </StoryProviders>
  );
};

const withStrictMode: Decorator = (Story) => (
  <StrictMode>
    <Story />
  </StrictMode>
);

const preview: Preview = {
  // The last decorator is the outermost: StrictMode around everything.
  decorators: [withPasslink, withStrictMode],
  loaders: [mswLoader(startWorker), prepareEmulator],
  globalTypes: {
    locale: {
      description: 'Language of the passlink catalog',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'es', title: 'Español' },
          { value: 'fr', title: 'Français' },
          { value: 'de', title: 'Deutsch' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'passlink theme (data-theme on the story wrapper)',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'en', theme: 'light' },
  parameters: {
    layout: 'fullscreen',
    // Stories without an emulator of their own still get one (no users): nothing reaches the network.
    msw: { handlers: emulate() },
    a11y: {
      // Any axe violation fails the story's test (in Storybook's UI and in `npm run test:storybook`).
      test: 'error',
      // On by default in axe; stated so that nobody turns it off quietly: contrast is tested in both themes.
      config: { rules: [{ id: 'color-contrast', enabled: true }] },
    },
    controls: { expanded: true },
  },
};

export default preview;
