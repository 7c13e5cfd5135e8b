import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSessionStore, storagePersistence, type SessionStore } from '../../src/session';
import { createEmulator } from '../../src/emulator';
import { emulatorLink, fakeServer, jwt, refreshes, USER } from './helpers';

const T0 = Date.UTC(2030, 0, 1);
const now = () => Date.now();
const stops: (() => void)[] = [];
const started = (store: SessionStore) => {
  stops.push(store.start());
  return store;
};

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  while (stops.length) stops.pop()?.();
  vi.useRealTimers();
  localStorage.clear();
});

describe('status', () => {
  it('is loading before start() and unauthenticated after it when nothing is stored', () => {
    const server = fakeServer();
    const store = createSessionStore({ transport: server.transport, now });
    expect(store.getSnapshot()).toEqual({ status: 'loading', isAuthenticated: false });
    const listener = vi.fn();
    store.subscribe(listener);
    started(store);
    expect(store.getSnapshot()).toEqual({ status: 'unauthenticated', isAuthenticated: false });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getRefreshJwt()).toBeUndefined();
    vi.advanceTimersByTime(3_600_000);
    expect(server.calls).toHaveLength(0);
  });

  it('setSession makes it authenticated with the token, user, expiration and the claims of the session JWT', async () => {
    const emulator = createEmulator({ users: [{ loginId: 'ada@example.com', email: 'ada@example.com' }], now });
    const response = await emulator.createSession('ada@example.com');
    const userId = emulator.users()[0]?.userId;
    expect(userId).toMatch(/^U/);
    const store = started(createSessionStore({ transport: emulatorLink(emulator).transport, now }));
    store.setSession(response);
    const snapshot = store.getSnapshot();
    expect(snapshot.status).toBe('authenticated');
    expect(snapshot.isAuthenticated).toBe(true);
    expect(snapshot.sessionToken).toBe(response.sessionJwt);
    expect(snapshot.sessionExpiration).toBe(Math.floor(T0 / 1000) + 600);
    expect(snapshot.user?.userId).toBe(userId);
    expect(snapshot.user?.loginIds).toEqual(['ada@example.com']);
    expect(snapshot.claims?.sub).toBe(userId);
    expect(snapshot.claims?.drn).toBe('DS');
    expect(snapshot.claims?.exp).toBe(Math.floor(T0 / 1000) + 600);
    expect(store.getRefreshJwt()).toBe(response.refreshJwt);
  });

  it('clear signs out and forgets the tokens', () => {
    const server = fakeServer();
    const store = started(createSessionStore({ transport: server.transport, now }));
    store.setSession(server.session());
    expect(store.getRefreshJwt()).toBe('R0');
    store.clear();
    expect(store.getSnapshot()).toEqual({ status: 'unauthenticated', isAuthenticated: false });
    expect(store.getSnapshot().sessionToken).toBeUndefined();
    expect(store.getRefreshJwt()).toBeUndefined();
    vi.advanceTimersByTime(3_600_000);
    expect(server.calls).toHaveLength(0);
  });

  it("takes the claims from the answer's `claims`, never from decoding the session JWT", () => {
    const server = fakeServer();
    const store = started(createSessionStore({ transport: server.transport, now }));
    store.setSession({ ...server.session(), sessionJwt: jwt({ sub: 'decoded', name: 'Zoë' }), claims: { sub: 'from-answer', name: 'Zoë Łukasz 山田' } });
    expect(store.getSnapshot().claims).toEqual({ sub: 'from-answer', name: 'Zoë Łukasz 山田' });
  });

  it('an answer without claims signs in all the same, with no claims (the JWT is not parsed)', () => {
    const server = fakeServer();
    const store = started(createSessionStore({ transport: server.transport, now }));
    const { claims: _claims, ...answer } = server.session();
    const token = jwt({ sub: 'U1', iat: 1 });
    store.setSession({ ...answer, sessionJwt: token });
    expect(store.getSnapshot()).toMatchObject({ status: 'authenticated', sessionToken: token, claims: undefined });
    store.setSession({ ...answer, sessionJwt: 'opaque-token' });
    expect(store.getSnapshot()).toMatchObject({ status: 'authenticated', sessionToken: 'opaque-token', claims: undefined });
    // Its expiry is the answer's sessionExpiration on this page's clock.
    vi.advanceTimersByTime(600_000 - 1);
    expect(store.getSnapshot().status).not.toBe('unauthenticated');
  });
});

describe('snapshots and subscribers', () => {
  it('getSnapshot keeps its identity until something changes, then gives a new object', () => {
    const server = fakeServer();
    const store = started(createSessionStore({ transport: server.transport, now }));
    const signedOut = store.getSnapshot();
    expect(store.getSnapshot()).toBe(signedOut);
    store.clear(); // already signed out: nothing changes
    expect(store.getSnapshot()).toBe(signedOut);
    store.setSession(server.session());
    const signedIn = store.getSnapshot();
    expect(signedIn).not.toBe(signedOut);
    expect(store.getSnapshot()).toBe(signedIn);
    expect(store.getRefreshJwt()).toBe('R0');
    expect(store.getSnapshot()).toBe(signedIn);
    vi.advanceTimersByTime(60_000); // time passes, no refresh due yet
    expect(store.getSnapshot()).toBe(signedIn);
    store.setSession(server.session());
    expect(store.getSnapshot()).not.toBe(signedIn);
    expect(store.getSnapshot().sessionToken).not.toBe(signedIn.sessionToken);
  });

  it('calls each subscriber once per change and never after it unsubscribed', () => {
    const server = fakeServer();
    const store = started(createSessionStore({ transport: server.transport, now }));
    const first = vi.fn();
    const second = vi.fn();
    const unsubscribeFirst = store.subscribe(first);
    store.subscribe(second);
    store.setSession(server.session());
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);
    store.clear();
    expect(first).toHaveBeenCalledTimes(2);
    store.clear();
    expect(first).toHaveBeenCalledTimes(2);
    unsubscribeFirst();
    store.setSession(server.session());
    expect(first).toHaveBeenCalledTimes(2);
    expect(second).toHaveBeenCalledTimes(3);
  });

  it('getServerSnapshot is always loading, whatever the session', () => {
    const server = fakeServer();
    const store = createSessionStore({ transport: server.transport, now });
    const server1 = store.getServerSnapshot();
    expect(server1).toEqual({ status: 'loading', isAuthenticated: false });
    started(store);
    store.setSession(server.session());
    expect(store.getSnapshot().status).toBe('authenticated');
    expect(store.getServerSnapshot()).toBe(server1);
    expect(store.getServerSnapshot().status).toBe('loading');
  });
});

describe('before start()', () => {
  it('touches no storage, window or document until start(), and start() survives a storage that throws', () => {
    const storage = vi.fn((): Storage => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    const onWindow = vi.spyOn(window, 'addEventListener');
    const onDocument = vi.spyOn(document, 'addEventListener');
    const server = fakeServer();
    let store: SessionStore | undefined;
    expect(() => {
      store = createSessionStore({ transport: server.transport, persistence: storagePersistence(storage), now });
    }).not.toThrow();
    if (!store) throw new Error('no store');
    const unsubscribe = store.subscribe(() => {});
    expect(store.getSnapshot().status).toBe('loading');
    expect(store.getServerSnapshot().status).toBe('loading');
    expect(store.getRefreshJwt()).toBeUndefined();
    unsubscribe();
    expect(storage).not.toHaveBeenCalled();
    expect(onWindow).not.toHaveBeenCalled();
    expect(onDocument).not.toHaveBeenCalled();

    const s = store;
    expect(() => stops.push(s.start())).not.toThrow();
    expect(storage).toHaveBeenCalled();
    expect(s.getSnapshot()).toEqual({ status: 'unauthenticated', isAuthenticated: false });
    expect(onDocument.mock.calls.map(([type]) => type)).toContain('visibilitychange');
    expect(onWindow.mock.calls.map(([type]) => type)).toContain('storage');
    expect(server.calls).toHaveLength(0);
  });

  it('schedules no refresh before start(); a session due by then is refreshed once at start', () => {
    const server = fakeServer();
    const store = createSessionStore({ transport: server.transport, now });
    store.setSession(server.session());
    vi.advanceTimersByTime(900_000); // past the expiry
    expect(server.calls).toHaveLength(0);
    started(store);
    vi.advanceTimersByTime(0);
    expect(refreshes(server.calls)).toHaveLength(1);
    expect(server.calls[0]?.authorization).toBe('Bearer Ptest0000:R0');
  });

  it('stop() cancels the refresh timer and stops watching the page', () => {
    const server = fakeServer();
    const store = createSessionStore({ transport: server.transport, now });
    const stop = store.start();
    store.setSession(server.session());
    stop();
    vi.advanceTimersByTime(900_000);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(server.calls).toHaveLength(0);
  });

  it('a second call of the same stop() does not break the next start()', () => {
    const server = fakeServer();
    const store = createSessionStore({ transport: server.transport, now });
    const stop = store.start();
    store.setSession(server.session());
    stop();
    stop();
    stops.push(store.start());
    vi.advanceTimersByTime(570_000);
    expect(refreshes(server.calls)).toHaveLength(1);
  });

  it('counts nested starts: the store runs until the last stop()', () => {
    const server = fakeServer();
    const store = createSessionStore({ transport: server.transport, now });
    const stopOuter = store.start();
    const stopInner = store.start();
    store.setSession(server.session());
    stopInner();
    vi.advanceTimersByTime(570_000);
    expect(refreshes(server.calls)).toHaveLength(1);
    stopOuter();
  });
});

it('uses the user of the answer', () => {
  const server = fakeServer();
  const store = started(createSessionStore({ transport: server.transport, now }));
  store.setSession(server.session());
  expect(store.getSnapshot().user).toEqual(USER);
});
