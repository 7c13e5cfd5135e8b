import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cookiePersistence, createSessionStore, storagePersistence, withSessionCookie, type SessionStore, type SessionStoreOptions } from '../../src/session';
import { fakeServer, offline, settle } from './helpers';

/*
 * The first-party session cookie (`withSessionCookie`, what Descope's react-sdk calls
 * `sessionTokenViaCookie`): the session JWT, never the refresh JWT, in a cookie on the page's own
 * domain, so the app's server can read who is signed in. Read back through jsdom's `document.cookie` (its cookie jar honours Max-Age on
 * the faked clock); the attributes are read from what the store wrote.
 */

const T0 = Date.UTC(2030, 0, 1);
const stops: (() => void)[] = [];
/** Every string written to `document.cookie`, in order. */
let writes: string[] = [];
let restore = () => {};

/** The value of cookie `name` as the page sees it, or undefined. */
const cookie = (name: string) =>
  document.cookie
    .split('; ')
    .find((part) => part.startsWith(`${name}=`))
    ?.slice(name.length + 1);

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  // Record the writes, and let them through to jsdom's cookie jar.
  let proto: object | null = document;
  let descriptor: PropertyDescriptor | undefined;
  while (proto && !(descriptor = Object.getOwnPropertyDescriptor(proto, 'cookie'))) proto = Object.getPrototypeOf(proto) as object | null;
  const { get, set } = descriptor ?? {};
  writes = [];
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get: () => get?.call(document) as string,
    set: (value: string) => {
      writes.push(value);
      set?.call(document, value);
    },
  });
  restore = () => Reflect.deleteProperty(document, 'cookie');
});

afterEach(() => {
  while (stops.length) stops.pop()?.();
  // Remove whatever a test left, on the real jar.
  for (const name of ['DS', 'app_session']) document.cookie = `${name}=; path=/; max-age=0`;
  restore();
  vi.useRealTimers();
  localStorage.clear();
});

const start = (options: SessionStoreOptions): SessionStore => {
  const store = createSessionStore({ now: () => Date.now(), ...options });
  stops.push(store.start());
  return store;
};

describe('withSessionCookie', () => {
  it('writes the session JWT to DS on sign-in (path=/, SameSite=Lax, expiring with the session, not Secure on http), never the refresh JWT', () => {
    const server = fakeServer();
    const store = start({ transport: server.transport, persistence: withSessionCookie() });
    const session = server.session();
    store.setSession(session);
    expect(cookie('DS')).toBe(session.sessionJwt);
    expect(writes.at(-1)).toBe(`DS=${session.sessionJwt}; path=/; max-age=600; samesite=lax`);
    expect(location.protocol).toBe('http:');
    expect(document.cookie).not.toContain('R0');
    expect(writes.join('\n')).not.toContain('R0');
  });

  it('replaces it on every refresh and removes it on sign-out', async () => {
    const server = fakeServer();
    const store = start({ transport: server.transport, persistence: withSessionCookie() });
    store.setSession(server.session());
    vi.advanceTimersByTime(570_000);
    await settle();
    expect(server.calls).toHaveLength(1);
    const refreshed = server.issued[1];
    expect(store.getSnapshot().sessionToken).toBe(refreshed?.sessionJwt);
    expect(cookie('DS')).toBe(refreshed?.sessionJwt);
    expect(writes.at(-1)).toBe(`DS=${refreshed?.sessionJwt}; path=/; max-age=600; samesite=lax`);
    expect(writes.join('\n')).not.toMatch(/R[01]/);

    store.clear();
    expect(cookie('DS')).toBeUndefined();
    expect(writes.at(-1)).toBe('DS=; path=/; max-age=0; samesite=lax');
  });

  it('expires with the session when no refresh replaced it (offline)', async () => {
    const server = fakeServer();
    server.answers.push(offline, offline, offline);
    const store = start({ transport: server.transport, persistence: withSessionCookie(), retrySeconds: 300 });
    store.setSession(server.session());
    vi.advanceTimersByTime(570_000);
    await settle();
    expect(cookie('DS')).toBe(server.issued[0]?.sessionJwt);
    vi.advanceTimersByTime(30_000);
    expect(store.getSnapshot().status).toBe('refreshing');
    expect(cookie('DS')).toBeUndefined();
  });

  it('a reload writes the stored session at start; another tab keeping its session in the same storage sees it too', () => {
    const server = fakeServer();
    const key = 'passlink.cookie-test';
    // Signed in before the cookie was asked for (or the cookie was cleared since).
    const first = start({ transport: server.transport, persistence: storagePersistence(() => localStorage, key) });
    first.setSession(server.session());
    expect(writes).toEqual([]);
    const reloaded = start({ transport: server.transport, persistence: withSessionCookie(storagePersistence(() => localStorage, key)) });
    expect(reloaded.getSnapshot().status).toBe('authenticated');
    expect(cookie('DS')).toBe(server.issued[0]?.sessionJwt);
    expect(writes.at(-1)).toBe(`DS=${server.issued[0]?.sessionJwt}; path=/; max-age=600; samesite=lax`);
    // A sign-out in the other tab reaches this one through the storage: the cookie goes.
    first.clear();
    window.dispatchEvent(new StorageEvent('storage', { key }));
    expect(reloaded.getSnapshot().status).toBe('unauthenticated');
    expect(cookie('DS')).toBeUndefined();
  });

  it('keeps the wrapped persistence: its mode, key and tab watching', () => {
    const inner = storagePersistence(() => localStorage, 'passlink.cookie-test');
    const wrapped = withSessionCookie(inner);
    expect(wrapped).toMatchObject({ mode: 'tokens', key: 'passlink.cookie-test' });
    expect(typeof wrapped.watch).toBe('function');
    expect(withSessionCookie().watch).toBeUndefined();
    expect(withSessionCookie(cookiePersistence()).mode).toBe('cookies');
  });

  it('names the cookie as told', () => {
    const server = fakeServer();
    const store = start({ transport: server.transport, persistence: withSessionCookie(undefined, { cookieName: 'app_session' }) });
    store.setSession(server.session());
    expect(cookie('app_session')).toBe(server.issued[0]?.sessionJwt);
    expect(cookie('DS')).toBeUndefined();
  });

  it('writes nothing while the project delivers the session JWT as its own HttpOnly cookie (the body has none)', () => {
    const server = fakeServer({ sessionCookies: true });
    const store = start({ transport: server.transport, persistence: withSessionCookie() });
    store.setSession(server.session());
    expect(store.getSnapshot().status).toBe('authenticated');
    expect(cookie('DS')).toBeUndefined();
  });

  it('is off without it: no cookie is written', () => {
    const server = fakeServer();
    const store = start({ transport: server.transport });
    store.setSession(server.session());
    store.clear();
    expect(writes).toEqual([]);
    expect(document.cookie).toBe('');
  });

  it('on https the cookie is Secure (and still SameSite=Lax, path=/, expiring with the session; removed on sign-out)', () => {
    // jsdom's page is http and its location cannot change: the wrapper reads only the protocol.
    vi.stubGlobal('location', { protocol: 'https:' });
    try {
      const server = fakeServer({ ttlSeconds: 300 });
      const store = start({ transport: server.transport, persistence: withSessionCookie() });
      const session = server.session();
      store.setSession(session);
      expect(writes.at(-1)).toBe(`DS=${session.sessionJwt}; path=/; max-age=300; samesite=lax; secure`);
      store.clear();
      expect(writes.at(-1)).toBe('DS=; path=/; max-age=0; samesite=lax; secure');
      expect(writes.join('\n')).not.toContain('R0');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
