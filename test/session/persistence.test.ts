import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  cookiePersistence,
  createSessionStore,
  memoryPersistence,
  storagePersistence,
  toStoredSession,
  type SessionStore,
  type SessionStoreOptions,
} from '../../src/session';
import { createEmulator } from '../../src/emulator';
import { apiError, emulatorLink, fakeServer, offline, PROJECT_ID, refreshes, settle, USER } from './helpers';

const T0 = Date.UTC(2030, 0, 1);
const now = () => Date.now();
const KEY = 'passlink.persistence-test';
const stops: (() => void)[] = [];
const start = (options: SessionStoreOptions): SessionStore => {
  const store = createSessionStore({ now, ...options });
  stops.push(store.start());
  return store;
};

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  localStorage.clear();
});
afterEach(() => {
  while (stops.length) stops.pop()?.();
  vi.useRealTimers();
  localStorage.clear();
  sessionStorage.clear();
});

describe('storage persistence on start', () => {
  it('loads a stored session: authenticated at once, without any request', async () => {
    const server = fakeServer();
    const response = server.session();
    localStorage.setItem(KEY, JSON.stringify(toStoredSession(response, Date.now() - 60_000)));
    const store = createSessionStore({ transport: server.transport, persistence: storagePersistence(() => localStorage, KEY), now });
    expect(store.getSnapshot().status).toBe('loading');
    stops.push(store.start());
    expect(store.getSnapshot()).toMatchObject({
      status: 'authenticated',
      isAuthenticated: true,
      sessionToken: response.sessionJwt,
      sessionExpiration: response.sessionExpiration,
      user: USER,
    });
    expect(store.getSnapshot().claims?.sub).toBe('U1');
    expect(store.getRefreshJwt()).toBe('R0');
    await settle();
    vi.advanceTimersByTime(569_999);
    expect(server.calls).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(refreshes(server.calls)).toHaveLength(1);
  });

  it('refreshes a stored session already past its refresh time once at start', async () => {
    const server = fakeServer();
    const stale = server.session({ ttlSeconds: 10 }); // expires at 10 s: refresh was due at -20 s
    localStorage.setItem(KEY, JSON.stringify(toStoredSession(stale, Date.now() - 590_000)));
    const store = start({ transport: server.transport, persistence: storagePersistence(() => localStorage, KEY), refreshLeewaySeconds: 30 });
    vi.advanceTimersByTime(0);
    expect(refreshes(server.calls)).toHaveLength(1);
    expect(server.calls[0]?.authorization).toBe('Bearer Ptest0000:R0');
    await settle();
    expect(store.getRefreshJwt()).toBe('R1');
    expect(JSON.parse(localStorage.getItem(KEY) ?? '{}')).toMatchObject({ refreshJwt: 'R1', sessionJwt: server.issued[1]?.sessionJwt });
    vi.advanceTimersByTime(60_000);
    expect(server.calls).toHaveLength(1);
  });

  it('a stored session past its refresh time is refreshed on return when the page starts hidden', () => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    try {
      const server = fakeServer();
      localStorage.setItem(KEY, JSON.stringify(toStoredSession(server.session({ ttlSeconds: 10 }), Date.now() - 590_000)));
      start({ transport: server.transport, persistence: storagePersistence(() => localStorage, KEY) });
      vi.advanceTimersByTime(60_000);
      expect(server.calls).toHaveLength(0);
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
      document.dispatchEvent(new Event('visibilitychange'));
      expect(server.calls).toHaveLength(1);
    } finally {
      Reflect.deleteProperty(document, 'visibilityState');
    }
  });

  it('treats corrupted JSON in storage as no session', () => {
    const server = fakeServer();
    localStorage.setItem(KEY, '{"sessionJwt":"eyJ'); // truncated
    const store = start({ transport: server.transport, persistence: storagePersistence(() => localStorage, KEY) });
    expect(store.getSnapshot()).toEqual({ status: 'unauthenticated', isAuthenticated: false });
    expect(store.getRefreshJwt()).toBeUndefined();
    vi.advanceTimersByTime(3_600_000);
    expect(server.calls).toHaveLength(0);
  });

  it.each([
    ['an empty object', '{}'],
    ['a string', '"garbage"'],
  ])('treats a stored value of the wrong shape (%s) as no session', (_name, raw) => {
    const server = fakeServer();
    localStorage.setItem(KEY, raw);
    const store = start({ transport: server.transport, persistence: storagePersistence(() => localStorage, KEY) });
    expect(store.getSnapshot()).toEqual({ status: 'unauthenticated', isAuthenticated: false });
    expect(store.getSnapshot().isAuthenticated).toBe(false);
  });

  it('writes the session on setSession and removes it on clear; sessionStorage works too', () => {
    const server = fakeServer();
    const store = start({ transport: server.transport, persistence: storagePersistence(() => sessionStorage, KEY) });
    const response = server.session({ nextRefreshSeconds: 300 });
    store.setSession(response);
    expect(JSON.parse(sessionStorage.getItem(KEY) ?? '{}')).toEqual({
      sessionJwt: response.sessionJwt,
      refreshJwt: 'R0',
      sessionExpiration: response.sessionExpiration,
      issuedAt: T0,
      nextRefreshSeconds: 300,
      user: USER,
      claims: response.claims,
    });
    expect(localStorage.getItem(KEY)).toBeNull();
    store.clear();
    expect(sessionStorage.getItem(KEY)).toBeNull();
  });

  it('uses passlink.session as the default key', () => {
    const server = fakeServer();
    const store = start({ transport: server.transport, persistence: storagePersistence(() => localStorage) });
    store.setSession(server.session());
    expect(JSON.parse(localStorage.getItem('passlink.session') ?? '{}')).toMatchObject({ refreshJwt: 'R0' });
  });

  it('memory persistence writes nothing to web storage', () => {
    const server = fakeServer();
    const store = start({ transport: server.transport, persistence: memoryPersistence() });
    store.setSession(server.session());
    expect(store.getSnapshot().status).toBe('authenticated');
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
  });
});

describe('cookie mode', () => {
  const seeded = () =>
    createEmulator({ users: [{ loginId: 'ada@example.com', email: 'ada@example.com' }], tokensInCookies: true, now });

  it('start() asks try-refresh with only Bearer <ProjectId>, then who the user is, and becomes authenticated (emulator with cookies)', async () => {
    const emulator = seeded();
    const link = emulatorLink(emulator, { sessionCookies: true });
    const signIn = await link.request('/emulator/sessions', { loginId: 'ada@example.com' });
    expect(signIn.status).toBe(200);
    expect([...link.jar.keys()].sort()).toEqual(['DS', 'DSR']);

    const store = createSessionStore({ transport: link.transport, persistence: cookiePersistence(), now, refreshLeewaySeconds: 30 });
    expect(link.calls).toHaveLength(0);
    stops.push(store.start());
    expect(store.getSnapshot().status).toBe('loading');
    expect(link.calls).toHaveLength(1);
    expect(link.calls[0]).toMatchObject({
      url: 'http://emulator.test/v1/auth/try-refresh',
      method: 'POST',
      authorization: `Bearer ${emulator.projectId}`,
      credentials: 'include',
    });
    await settle(50);
    // try-refresh answers no user: the store asks whose session the cookie holds.
    expect(link.calls[1]).toMatchObject({ url: 'http://emulator.test/v1/auth/me', method: 'GET', authorization: `Bearer ${emulator.projectId}`, credentials: 'include' });
    const snapshot = store.getSnapshot();
    expect(snapshot.status).toBe('authenticated');
    expect(snapshot.isAuthenticated).toBe(true);
    expect(snapshot.sessionToken).toBeUndefined();
    expect(snapshot.sessionExpiration).toBe(Math.floor(T0 / 1000) + 600);
    expect(snapshot.user?.loginIds).toEqual(['ada@example.com']);
    expect(store.getRefreshJwt()).toBe('');
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);

    // The next refresh, 30 s before expiry, again sends no refresh JWT (and keeps the user).
    vi.advanceTimersByTime(569_999);
    expect(link.calls).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(link.calls).toHaveLength(3);
    expect(link.calls[2]).toMatchObject({ url: 'http://emulator.test/v1/auth/try-refresh', authorization: `Bearer ${emulator.projectId}` });
    await settle(50);
    expect(link.calls).toHaveLength(3);
    expect(store.getSnapshot().user?.loginIds).toEqual(['ada@example.com']);
    expect(store.getSnapshot().status).toBe('authenticated');
    expect(store.getSnapshot().sessionExpiration).toBe(Math.floor(T0 / 1000) + 570 + 600);
  });

  it('start() without a refresh cookie ends unauthenticated, quietly (try-refresh answers 200 {})', async () => {
    const emulator = seeded();
    const link = emulatorLink(emulator, { sessionCookies: true });
    const store = start({ transport: link.transport, persistence: cookiePersistence() });
    expect(link.calls[0]?.authorization).toBe(`Bearer ${emulator.projectId}`);
    await settle(50);
    expect(store.getSnapshot()).toEqual({ status: 'unauthenticated', isAuthenticated: false });
    expect(store.getRefreshJwt()).toBeUndefined();
    vi.advanceTimersByTime(3_600_000);
    expect(link.calls).toHaveLength(1);
  });

  it('start() with a fake 401 ends unauthenticated; a success with empty body tokens is authenticated', async () => {
    const refused = fakeServer({ sessionCookies: true });
    refused.answers.push(apiError(401, 'E061301'));
    const out = start({ transport: refused.transport, persistence: cookiePersistence() });
    expect(refused.calls[0]?.authorization).toBe(`Bearer ${PROJECT_ID}`);
    await settle();
    expect(out.getSnapshot().status).toBe('unauthenticated');

    const accepted = fakeServer({ sessionCookies: true });
    const signedIn = start({ transport: accepted.transport, persistence: cookiePersistence() });
    expect(accepted.calls[0]?.authorization).toBe(`Bearer ${PROJECT_ID}`);
    await settle();
    expect(signedIn.getSnapshot()).toMatchObject({ status: 'authenticated', isAuthenticated: true, sessionToken: undefined, user: USER });
    expect(signedIn.getRefreshJwt()).toBe('');
  });

  it('only the persistence that knows how asks whose session it is: memory persistence over a cookie transport restores it without a user', async () => {
    const emulator = seeded();
    const link = emulatorLink(emulator, { sessionCookies: true });
    await link.request('/emulator/sessions', { loginId: 'ada@example.com' });
    const store = start({ transport: link.transport, persistence: memoryPersistence() });
    await settle(50);
    expect(store.getSnapshot()).toMatchObject({ status: 'authenticated', user: undefined });
    expect(link.calls.map((call) => new URL(call.url).pathname)).toEqual(['/v1/auth/try-refresh']);
  });

  it('a network failure at start does not leave it loading', async () => {
    const server = fakeServer({ sessionCookies: true });
    server.answers.push(offline);
    const store = start({ transport: server.transport, persistence: cookiePersistence() });
    expect(server.calls).toHaveLength(1);
    await settle();
    expect(store.getSnapshot().status).toBe('unauthenticated');
  });

  it('clear() in cookie mode signs out and sends nothing', async () => {
    const server = fakeServer({ sessionCookies: true });
    const store = start({ transport: server.transport, persistence: cookiePersistence() });
    await settle();
    expect(store.getSnapshot().status).toBe('authenticated');
    store.clear();
    expect(store.getSnapshot().status).toBe('unauthenticated');
    expect(store.getRefreshJwt()).toBeUndefined();
    expect(server.calls).toHaveLength(1);
  });
});
