import { expect } from 'vitest';
import { act } from '@testing-library/react';
import { setupServer, type SetupServer } from 'msw/node';
import { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { createEmulatorHandlers, type Emulator, type EmulatorHandlersOptions } from '../../src/emulator/msw';
import { createClient, type Client, type JwtResponse } from '../../src/client';
import { holdRequests, networkIdle, type HeldRequests } from '../setup/network';
import { onTestCleanup } from '../setup/cleanup';
import { createSessionStore, type SessionStore } from '../../src/session';
import { PasslinkProvider, type PasslinkProviderOptions, type PasslinkProviderProps } from '../../src/react';

export const BASE = 'https://api.descope.com';
export const PROJECT = 'PreactHooksProject';
/** The emulator's default redirect (an approved host). */
export const REDIRECT = 'http://localhost:5173/verify';
/** Another approved redirect, so a test can tell "the hook sent it" from "the emulator's default". */
export const OTHER_REDIRECT = 'http://localhost:4000/auth/finish';
export const ADA = { loginId: 'ada@example.com', email: 'ada@example.com', phone: '+14155550101', name: 'Ada' } as const;
export const HTML_502 = '<html><body><h1>502 Bad Gateway</h1></body></html>';

/** One request MSW saw, with the page's address bar at the moment it started. */
export interface SeenRequest {
  method: string;
  path: string;
  url: string;
  authorization: string | null;
  /** `location.search` of the page when the request started. */
  pageSearch: string;
  /** `location.href` of the page when the request started. */
  pageHref: string;
}

export interface Harness {
  emulator: Emulator;
  server: SetupServer;
  client: Client;
  /** The session store given to the provider (undefined with `ownStore`). */
  store: SessionStore;
  queryClient: QueryClient;
  /** Every request seen, in order. */
  requests: SeenRequest[];
  /** How many requests have a path containing `path` (and the method, when given). */
  count(path: string, method?: string): number;
  /** The provider around a hook under test. */
  wrapper: (props: { children?: ReactNode }) => ReactNode;
  /** Props the wrapper gives the provider (to build other trees with the same setup). */
  providerProps: Omit<PasslinkProviderProps, 'children'> & { client: Client };
  /** Signs `loginId` in without a message: a session from the emulator, stored in the store. */
  signIn(loginId?: string): Promise<JwtResponse>;
  /** Holds requests whose path contains `part` at the server until released (test/setup/hold.ts). */
  hold(part: string): HeldRequests;
  /**
   * Resolves once the app is done: no request at the server, and none started while React
   * handled the last answers. Then a check that something did NOT happen means something.
   */
  idle(): Promise<void>;
}

export interface SetupOptions {
  /** Emulator options (users default to Ada). */
  emulator?: EmulatorHandlersOptions;
  /** More provider props (resendCooldownSeconds …). */
  provider?: Partial<Omit<PasslinkProviderOptions, 'children'>>;
  /** Let the provider create its own session store (no `session` prop). */
  ownStore?: boolean;
  /** Give no `queryClient` prop (the provider then uses the app's or its own). */
  noQueryClientProp?: boolean;
}

/** A fresh emulator, MSW server, client, session store and QueryClient for one test. */
export function setup(options: SetupOptions = {}): Harness {
  const handlers = createEmulatorHandlers({ projectId: PROJECT, users: [{ ...ADA }], ...options.emulator });
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const requests: SeenRequest[] = [];
  server.events.on('request:start', ({ request }) => {
    requests.push({
      method: request.method,
      path: new URL(request.url).pathname,
      url: request.url,
      authorization: request.headers.get('authorization'),
      pageSearch: location.search,
      pageHref: location.href,
    });
  });
  // Small retry delays for useUser's own network retries; every other option is the hooks'.
  const queryClient = new QueryClient({ defaultOptions: { queries: { retryDelay: 5 } } });
  // After the test (test/setup/dom.ts unmounts the tree first): nothing answers the next test.
  onTestCleanup(() => {
    server.close();
    queryClient.clear();
  });
  const client = createClient({ projectId: PROJECT, baseUrl: BASE, retryDelaysMs: [] });
  const store = createSessionStore({ transport: client.transport });
  const providerProps: Omit<PasslinkProviderProps, 'children'> & { client: Client } = {
    projectId: PROJECT,
    baseUrl: BASE,
    client,
    ...(options.ownStore ? {} : { session: store }),
    ...(options.noQueryClientProp ? {} : { queryClient }),
    ...options.provider,
  };
  const wrapper = ({ children }: { children?: ReactNode }) => <PasslinkProvider {...providerProps}>{children}</PasslinkProvider>;
  return {
    emulator: handlers.emulator,
    server,
    client,
    store,
    queryClient,
    requests,
    count: (path, method) => requests.filter((r) => r.path.includes(path) && (method === undefined || r.method === method)).length,
    wrapper,
    providerProps,
    hold: (part) => holdRequests(server, part),
    idle: networkIdle(server),
    signIn: async (loginId = ADA.loginId) => {
      const session = await handlers.emulator.createSession(loginId);
      act(() => store.setSession(session));
      return session;
    },
  };
}

/**
 * Runs `start` inside act and answers what it rejected with; fails the test if it resolved.
 */
export async function rejection(start: () => Promise<unknown>): Promise<unknown> {
  let outcome: { resolved: true; value: unknown } | { resolved: false; error: unknown } | undefined;
  await act(async () => {
    outcome = await start().then(
      (value) => ({ resolved: true as const, value }),
      (error: unknown) => ({ resolved: false as const, error }),
    );
  });
  if (!outcome || outcome.resolved) throw new Error(`Expected a rejection, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

/** Runs `start` inside act and answers what it resolved with. */
export async function resolved<T>(start: () => Promise<T>): Promise<T> {
  let value: { ok: T } | undefined;
  await act(async () => {
    value = { ok: await start() };
  });
  if (!value) throw new Error('act finished without a value');
  return value.ok;
}

/** Narrows `value` to an instance of `type` (failing the test otherwise). */
export function expectInstance<T>(value: unknown, type: abstract new (...args: never[]) => T): T {
  expect(value).toBeInstanceOf(type);
  return value as T;
}
