/**
 * The shared setup of the component suite: a fresh emulator behind MSW for each test, a client,
 * a session store and a QueryClient, a render helper that wraps the UI in <PasslinkProvider>
 * (and, when asked, <PasslinkMessages>), a request log fed by MSW's `request:start` event, and
 * the axe-core check every state of every component goes through.
 */
import { act, render, screen, waitFor, within, type RenderResult } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import axe from 'axe-core';
import { setupServer, type SetupServer } from 'msw/node';
import { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { expect, vi, type Mock } from 'vitest';
import { createEmulatorHandlers, type Emulator, type EmulatorHandlersOptions } from '../../src/emulator/msw';
import { createClient, type Client, type JwtResponse } from '../../src/client';
import { holdRequests, networkIdle, type HeldRequests } from '../setup/network';
import { beforeEachFile, onTestCleanup } from '../setup/cleanup';
import { createSessionStore, type SessionStore } from '../../src/session';
import { PasslinkMessages, PasslinkProvider, loadPhoneLib, type PasslinkMessagesProps, type PasslinkProviderOptions } from '../../src';

// libphonenumber-js loads on first use; load it before the tests of every file that uses this
// harness, so that no test's timing depends on being the first to need it.
beforeEachFile(async () => {
  await loadPhoneLib();
});

export const BASE = 'https://api.descope.com';
/** Ada: signs in by email; she also has a phone number. */
export const ADA = { loginId: 'ada@example.com', email: 'ada@example.com', phone: '+14155550101', name: 'Ada' } as const;
/** Pat: signs in by phone. */
export const PAT = { loginId: '+14155550102', phone: '+14155550102', name: 'Pat' } as const;
/** A number nobody has. */
export const NEW_PHONE = '+14155550199';
export const NEW_EMAIL = 'new.person@example.org';

/** What the emulator masks them to (the server's words the components must show). */
export const MASKED = {
  ada: 'a•••@e•••.com',
  adaPhone: '+1 ••• ••• 0101',
  pat: '+1 ••• ••• 0102',
  newPhone: '+1 ••• ••• 0199',
  newEmail: 'n•••@e•••.org',
} as const;

/** One request MSW saw, with the page's address bar when it started. */
export interface SeenRequest {
  method: string;
  path: string;
  body: string;
  /** `location.search` of the page when the request started. */
  pageSearch: string;
}

export interface RenderOptions {
  /** More provider props (`resendCooldownSeconds` …). */
  provider?: Partial<Omit<PasslinkProviderOptions, 'children'>>;
  /** Wrap the UI in <PasslinkMessages> with these props. */
  messages?: Omit<PasslinkMessagesProps, 'children'>;
}

export interface Harness {
  emulator: Emulator;
  server: SetupServer;
  client: Client;
  store: SessionStore;
  queryClient: QueryClient;
  /** Every request to the API (`/v1/auth/*`), in order. */
  requests: SeenRequest[];
  /** How many API requests have a path containing `part`. */
  count(part?: string): number;
  /** Renders `ui` inside the provider; answers the render result and a user-event instance. */
  renderUI(ui: ReactNode, options?: RenderOptions): RenderResult & { user: UserEvent };
  /** Signs `loginId` in without a message: an emulator session, stored in the store. */
  signIn(loginId?: string): Promise<JwtResponse>;
  /** The newest code sent to `to`. */
  codeFor(to: string): string;
  /** Holds requests whose path contains `part` at the server until released (test/setup/hold.ts). */
  hold(part: string): HeldRequests;
  /**
   * Resolves once the app is done: no request at the server, and none started while React
   * handled the last answers. Then a check that something did NOT happen means something.
   */
  idle(): Promise<void>;
}

/** A fresh emulator (Ada and Pat exist), MSW server, client, store and QueryClient for one test. */
export function setup(options: { emulator?: EmulatorHandlersOptions } = {}): Harness {
  const handlers = createEmulatorHandlers({ users: [{ ...ADA }, { ...PAT }], ...options.emulator });
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const requests: SeenRequest[] = [];
  server.events.on('request:start', ({ request }) => {
    const path = new URL(request.url).pathname;
    if (!path.startsWith('/v1/auth/')) return;
    const seen: SeenRequest = { method: request.method, path, body: '', pageSearch: location.search };
    requests.push(seen);
    void request
      .clone()
      .text()
      .then((text) => {
        seen.body = text;
      });
  });
  const queryClient = new QueryClient();
  // After the test (test/setup/dom.ts unmounts the tree first): nothing answers the next test.
  onTestCleanup(() => {
    server.close();
    queryClient.clear();
  });
  const client = createClient({ projectId: handlers.emulator.projectId, baseUrl: BASE, retryDelaysMs: [] });
  const store = createSessionStore({ transport: client.transport });
  const emulator = handlers.emulator;
  return {
    emulator,
    server,
    client,
    store,
    queryClient,
    requests,
    count: (part = '') => requests.filter((r) => r.path.includes(part)).length,
    renderUI: (ui, renderOptions = {}) => {
      const user = userEvent.setup(vi.isFakeTimers() ? { advanceTimers: vi.advanceTimersByTime } : {});
      const inner = renderOptions.messages ? <PasslinkMessages {...renderOptions.messages}>{ui}</PasslinkMessages> : ui;
      const result = render(
        <PasslinkProvider projectId={emulator.projectId} client={client} session={store} queryClient={queryClient} {...renderOptions.provider}>
          {inner}
        </PasslinkProvider>,
      );
      return { ...result, user };
    },
    signIn: async (loginId = ADA.loginId) => {
      const session = await emulator.createSession(loginId);
      act(() => store.setSession(session));
      return session;
    },
    hold: (part) => holdRequests(server, part),
    idle: networkIdle(server),
    codeFor: (to) => {
      const code = emulator.outbox.latest({ to, kind: 'otp' })?.code;
      if (!code) throw new Error(`no code was sent to ${to}`);
      return code;
    },
  };
}


/**
 * Runs axe-core on `container` (colour contrast off: jsdom computes no styles; the browser suite
 * checks it) and fails with each violation's id, help and nodes.
 */
export async function expectNoAxeViolations(container: Element): Promise<void> {
  const results = await axe.run(container, {
    rules: { 'color-contrast': { enabled: false } },
    // Only violations are read: skipping the passes' details makes a run several times faster.
    resultTypes: ['violations'],
  });
  const found = results.violations.map((violation) => ({
    id: violation.id,
    help: violation.help,
    nodes: violation.nodes.map((node) => node.html),
  }));
  expect(found).toEqual([]);
}

/**
 * The phone field formats and converts to E.164 once libphonenumber-js has loaded (it loads on
 * first use); a user would see the selector fill with countries. Waits for that.
 */
export async function phoneFieldReady(label = 'Country or region'): Promise<void> {
  await waitFor(() => expect(within(screen.getByRole('combobox', { name: label })).getAllByRole('option').length).toBeGreaterThan(200));
}

/**
 * Checks that `field` is marked invalid and described by the announced error whose text is
 * `message` (its id in `aria-describedby`), and answers the error element.
 */
export function expectFieldError(field: HTMLElement, message: string): HTMLElement {
  const alert = screen.getAllByRole('alert').find((element) => element.textContent === message);
  expect(alert, `an alert saying "${message}"`).toBeDefined();
  const error = alert as HTMLElement;
  expect(field).toHaveAttribute('aria-invalid', 'true');
  expect(error.id).not.toBe('');
  expect((field.getAttribute('aria-describedby') ?? '').split(' ')).toContain(error.id);
  expect(field).toHaveAccessibleDescription(expect.stringContaining(message));
  return error;
}

/** The first live region (`role="status"`) whose text is `text` (or matches it), or a failure. */
export async function findStatus(text: string | RegExp): Promise<HTMLElement> {
  const matches = (content: string | null) => (typeof text === 'string' ? content === text : text.test(content ?? ''));
  return waitFor(() => {
    const match = screen.queryAllByRole('status').find((element) => matches(element.textContent));
    expect(match, `a status saying "${text}"; statuses: ${JSON.stringify(screen.queryAllByRole('status').map((s) => s.textContent))}`).toBeDefined();
    return match as HTMLElement;
  });
}

/**
 * Replaces `window.location` with one that behaves like the real one but records `assign`
 * (jsdom's `location.assign` cannot be spied: it is an unforgeable own property). Restored
 * after the test (`unstubGlobals`).
 */
export function stubLocationAssign(): Mock<(url: string | URL) => void> {
  const real = window.location;
  const assign = vi.fn<(url: string | URL) => void>();
  // The target is an empty object: jsdom's own properties are non-configurable, and a proxy of
  // them would have to answer their real values.
  const stub = new Proxy({} as Location, {
    get(_target, property) {
      if (property === 'assign') return assign;
      const value: unknown = Reflect.get(real, property, real);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(real) : value;
    },
    set(_target, property, value) {
      return Reflect.set(real, property, value, real);
    },
    has(_target, property) {
      return property in real;
    },
  });
  vi.stubGlobal('location', stub);
  return assign;
}

/** A code that is not `code`. */
export const wrongCode = (code: string): string => (code === '000000' ? '111111' : '000000').slice(0, code.length);

/** Silences console.error for the rest of the test (React logs a render error as well as throwing it). */
export function silenceConsoleError(): void {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
}
