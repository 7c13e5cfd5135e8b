import createSdk from '@descope/web-js-sdk';
import { setupServer } from 'msw/node';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { createEmulatorHandlers, type EmulatorHandlersOptions } from '../../src/emulator/msw';

/*
 * Descope's OFFICIAL browser SDK (@descope/web-js-sdk, pinned in devDependencies) against the
 * emulator's MSW handlers in jsdom: the journey every app on web-js-sdk or react-sdk makes on a
 * page load. The SDK persists its tokens in localStorage (DS, DSR, DSRCN, DSLI); a "reload" is a
 * new SDK instance over the same storage, whose `refresh(undefined, true)` calls
 * POST /v1/auth/try-refresh (react-sdk AuthProvider does exactly that on mount).
 *
 * web-js-sdk keeps the fetch it finds when it is created: every SDK here is created after MSW
 * listens. It logs with console.debug unconditionally; the spies keep the run quiet and check
 * that nothing it logged carries a token.
 */

const PROJECT_ID = 'PwebJsInterop';
// localhost: MSW's cookie store takes a Secure cookie from an http origin only there.
const BASE_URL = 'http://localhost:4791';
const ADA = { loginId: 'ada@example.com', email: 'ada@example.com' };

interface Seen {
  method: string;
  path: string;
  search: string;
  authorization: string | null;
  cookieName: string | null;
}

let stop: (() => void) | undefined;
let debug: MockInstance<(...args: unknown[]) => void>;
let warn: MockInstance<(...args: unknown[]) => void>;

beforeEach(() => {
  localStorage.clear();
  debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  stop?.();
  stop = undefined;
  // Nothing the SDK logged may carry a JWT (they all start with eyJ).
  for (const call of [...debug.mock.calls, ...warn.mock.calls]) expect(JSON.stringify(call.map(String))).not.toMatch(/eyJ/);
  localStorage.clear();
});

/** MSW with the emulator's handlers, listening; every request the SDK sends is recorded. */
function listen(options: EmulatorHandlersOptions = {}) {
  const handlers = createEmulatorHandlers({ projectId: PROJECT_ID, baseUrl: BASE_URL, users: [ADA], ...options });
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const seen: Seen[] = [];
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    seen.push({
      method: request.method,
      path: url.pathname,
      search: url.search,
      authorization: request.headers.get('authorization'),
      cookieName: request.headers.get('x-descope-refresh-cookie-name'),
    });
  });
  stop = () => server.close();
  return { emulator: handlers.emulator, seen };
}

/** A page load: a new SDK over the same localStorage, as an app creates it. */
const load = () => createSdk({ projectId: PROJECT_ID, baseUrl: BASE_URL, persistTokens: true, autoRefresh: false });

type Sdk = ReturnType<typeof load>;

/** What a page's listeners have seen from the SDK. */
function watch(sdk: Sdk) {
  const state = { authenticated: [] as boolean[], sessions: [] as (string | null)[], claims: [] as unknown[] };
  sdk.onIsAuthenticatedChange((value) => state.authenticated.push(value));
  sdk.onSessionTokenChange((value) => state.sessions.push(value));
  sdk.onClaimsChange((value) => state.claims.push(value));
  return state;
}

/** Signs Ada in by email OTP on a first page. */
async function signIn(emulator: ReturnType<typeof listen>['emulator']) {
  const sdk = load();
  expect((await sdk.otp.signIn.email(ADA.loginId)).ok).toBe(true);
  const code = emulator.outbox.latest({ to: ADA.email })?.code ?? '';
  const verified = await sdk.otp.verify.email(ADA.loginId, code);
  expect(verified.ok, JSON.stringify(verified.error)).toBe(true);
  return { sdk, data: verified.data };
}

describe('official @descope/web-js-sdk against the emulator (MSW in jsdom)', () => {
  it('restores the session on reload through try-refresh, and rotates the refresh JWT', async () => {
    const { emulator, seen } = listen();
    const { data } = await signIn(emulator);
    const firstRefresh = localStorage.getItem('DSR');
    expect(firstRefresh).toBe(data?.refreshJwt);
    expect(localStorage.getItem('DS')).toBe(data?.sessionJwt);
    // The cookie name the emulator answered, sent back on the next load.
    expect(localStorage.getItem('DSRCN')).toBe('DSR');
    expect(localStorage.getItem('DSLI')).toBeTruthy();

    const page = load();
    const heard = watch(page);
    const restored = await page.refresh(undefined, true);
    expect(restored.ok, JSON.stringify(restored.error)).toBe(true);

    const request = seen.at(-1);
    expect(request).toMatchObject({ method: 'POST', path: '/v1/auth/try-refresh', search: '?dcs=t&dcr=t', cookieName: 'DSR' });
    expect(request?.authorization).toBe(`Bearer ${PROJECT_ID}:${firstRefresh}`);
    expect(heard.authenticated).toContain(true);
    expect(heard.sessions.at(-1)).toBe(restored.data?.sessionJwt);
    expect(heard.claims.at(-1)).toMatchObject({ drn: 'DS', sub: data?.user?.userId, iss: PROJECT_ID });
    expect(localStorage.getItem('DS')).toBe(restored.data?.sessionJwt);
    const rotated = localStorage.getItem('DSR');
    expect(rotated).toMatch(/^eyJ/);
    expect(rotated).not.toBe(firstRefresh);

    // The restored page acts as the signed-in user.
    const me = await page.me();
    expect(me.data).toMatchObject({ userId: data?.user?.userId, loginIds: [ADA.loginId], status: 'enabled', test: false });
  });

  it('after logout, a reload with the revoked refresh JWT gets no session, and no error', async () => {
    const { emulator, seen } = listen();
    const { sdk } = await signIn(emulator);
    const stale = { DSR: localStorage.getItem('DSR') ?? '', DSLI: localStorage.getItem('DSLI') ?? '' };

    const out = await sdk.logout();
    expect(out.ok, JSON.stringify(out.error)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ path: '/v1/auth/logout' });
    expect(localStorage.getItem('DSR')).toBeNull();

    // Another tab still holds the old refresh JWT and the login indicator.
    localStorage.setItem('DSR', stale.DSR);
    localStorage.setItem('DSLI', stale.DSLI);
    const page = load();
    const heard = watch(page);
    const tried = await page.refresh(undefined, true);
    expect(seen.at(-1)).toMatchObject({ path: '/v1/auth/try-refresh', authorization: `Bearer ${PROJECT_ID}:${stale.DSR}` });
    expect(tried).toMatchObject({ ok: true, code: 200, data: {} });
    expect(tried.error).toBeUndefined();
    expect(heard.authenticated).not.toContain(true);
  });

  it('a first visit sends nothing: no login indicator, no try-refresh', async () => {
    const { seen } = listen();
    const tried = await load().refresh(undefined, true);
    expect(tried.ok).toBe(true);
    expect(seen).toEqual([]);
  });

  it('with the refresh JWT in an HttpOnly cookie, restores the session from the cookie (Bearer <ProjectId> only)', async () => {
    const { emulator, seen } = listen({ delivery: { refresh: 'cookie' } });
    const { data } = await signIn(emulator);
    // The SDK never sees the refresh JWT: only the session JWT is in storage.
    expect(data?.refreshJwt).toBe('');
    expect(localStorage.getItem('DSR')).toBeNull();
    expect(localStorage.getItem('DS')).toBe(data?.sessionJwt);

    const page = load();
    const heard = watch(page);
    const restored = await page.refresh(undefined, true);
    expect(restored.ok, JSON.stringify(restored.error)).toBe(true);
    // No refresh JWT in the header or in storage: the session can only come from the cookie,
    // which MSW's cookie store sends as a browser would (credentials: 'include').
    const request = seen.at(-1);
    expect(request).toMatchObject({ path: '/v1/auth/try-refresh', authorization: `Bearer ${PROJECT_ID}`, cookieName: 'DSR' });
    expect(restored.data?.sessionJwt).toMatch(/^eyJ/);
    expect(restored.data?.sessionJwt).not.toBe(data?.sessionJwt);
    expect(heard.authenticated).toContain(true);
  });
});
