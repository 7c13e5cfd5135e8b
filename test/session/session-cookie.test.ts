import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSessionStore, storagePersistence, type SessionStore, type SessionStoreOptions } from '../../src/session';
import { fakeServer, offline, settle } from './helpers';

/*
 * The first-party session cookie (`sessionTokenViaCookie`, Descope react-sdk's name): the session
 * JWT, never the refresh JWT, in a cookie on the page's own domain, so the app's server can read
 * who is signed in. Read back through jsdom's `document.cookie` (its cookie jar honours Max-Age on
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

describe('sessionTokenViaCookie', () => {
  it('writes the session JWT to DS on sign-in (path=/, SameSite=Lax, expiring with the session, not Secure on http), never the refresh JWT', () => {
    const server = fakeServer();
    const store = start({ transport: server.transport, sessionTokenViaCookie: true });
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
    const store = start({ transport: server.transport, sessionTokenViaCookie: true });
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
    const store = start({ transport: server.transport, sessionTokenViaCookie: true, retrySeconds: 300 });
    store.setSession(server.session());
    vi.advanceTimersByTime(570_000);
    await settle();
    expect(cookie('DS')).toBe(server.issued[0]?.sessionJwt);
    vi.advanceTimersByTime(30_000);
    expect(store.getSnapshot().status).toBe('refreshing');
    expect(cookie('DS')).toBeUndefined();
  });

  it('a stored session is written at start, not before: nothing touches the document until start()', () => {
    const server = fakeServer();
    const persistence = storagePersistence(() => localStorage, 'passlink.cookie-test');
    const first = createSessionStore({ transport: server.transport, persistence, sessionTokenViaCookie: true });
    first.setSession(server.session());
    expect(writes).toEqual([]);
    const reloaded = start({ transport: server.transport, persistence, sessionTokenViaCookie: true });
    expect(reloaded.getSnapshot().status).toBe('authenticated');
    expect(cookie('DS')).toBe(server.issued[0]?.sessionJwt);
  });

  it('names the cookie as told', () => {
    const server = fakeServer();
    const store = start({ transport: server.transport, sessionTokenViaCookie: { cookieName: 'app_session' } });
    store.setSession(server.session());
    expect(cookie('app_session')).toBe(server.issued[0]?.sessionJwt);
    expect(cookie('DS')).toBeUndefined();
  });

  it('writes nothing while the project delivers the session JWT as its own HttpOnly cookie (the body has none)', () => {
    const server = fakeServer({ sessionCookies: true });
    const store = start({ transport: server.transport, sessionTokenViaCookie: true });
    store.setSession(server.session());
    expect(store.getSnapshot().status).toBe('authenticated');
    expect(cookie('DS')).toBeUndefined();
  });

  it('is off by default: no cookie is written', () => {
    const server = fakeServer();
    const store = start({ transport: server.transport });
    store.setSession(server.session());
    store.clear();
    expect(writes).toEqual([]);
    expect(document.cookie).toBe('');
  });
});
