import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createSessionStore,
  storagePersistence,
  type SessionPersistence,
  type SessionSnapshot,
  type SessionStoreOptions,
  type StoredSession,
} from '../../src/session';
import { createEmulator } from '../../src/emulator';
import { apiError, controlVisibility, emulatorLink, fakeServer, jwt, offline, refreshes, settle, USER, type FakeServer } from './helpers';

const T0 = Date.UTC(2030, 0, 1);
const now = () => Date.now();
const KEY = 'passlink.expiry-test';
const DAY = 86_400_000;
const stops: (() => void)[] = [];
let visibility: ReturnType<typeof controlVisibility>;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  visibility = controlVisibility();
});
afterEach(() => {
  while (stops.length) stops.pop()?.();
  visibility.restore();
  vi.useRealTimers();
  localStorage.clear();
});

/**
 * What a tab left in storage a day ago: a ten-minute session, long expired, whose unsigned
 * claims anyone could have edited (`roles: ['admin']`).
 */
const staleSession = (): StoredSession => {
  const iat = Math.floor((T0 - DAY) / 1000);
  return {
    sessionJwt: jwt({ sub: USER.userId, roles: ['admin'], iat, exp: iat + 600 }),
    refreshJwt: 'R-old',
    sessionExpiration: iat + 600,
    issuedAt: T0 - DAY,
    user: USER,
  };
};

/** A store started over `persistence`, recording every snapshot it reports. */
const startedOver = (server: FakeServer, persistence: SessionPersistence, options: Partial<SessionStoreOptions> = {}) => {
  const store = createSessionStore({ transport: server.transport, persistence, now, ...options });
  const seen: SessionSnapshot[] = [];
  store.subscribe(() => seen.push(store.getSnapshot()));
  stops.push(store.start());
  return { store, seen };
};

const inStorage = (session: StoredSession) => {
  localStorage.setItem(KEY, JSON.stringify(session));
  return storagePersistence(() => localStorage, KEY);
};

/** Neither authenticated nor carrying the stored claims, user or token. */
const REFRESHING = { status: 'refreshing', isAuthenticated: false };

describe('an expired stored session is never reported as signed in', () => {
  it('refused by the server (401): refreshing, then signed out and removed; the claims are never shown', async () => {
    const server = fakeServer();
    server.answers.push(apiError(401));
    const { store, seen } = startedOver(server, inStorage(staleSession()));
    expect(store.getSnapshot()).toEqual(REFRESHING);
    vi.advanceTimersByTime(0);
    expect(refreshes(server.calls)).toHaveLength(1);
    expect(server.calls[0]?.authorization).toBe('Bearer Ptest0000:R-old');
    await settle();
    // Shared storage without Web Locks: another tab may still save a newer session.
    expect(store.getSnapshot()).toEqual(REFRESHING);
    vi.advanceTimersByTime(server.transport.timeoutMs);
    expect(store.getSnapshot()).toEqual({ status: 'unauthenticated', isAuthenticated: false });
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(seen.map((s) => s.status)).toEqual(['refreshing', 'unauthenticated']);
    expect(seen.some((s) => s.isAuthenticated || s.claims || s.user || s.sessionToken)).toBe(false);
    expect(server.calls).toHaveLength(1);
  });

  it('refused, with a persistence no other tab shares: signed out at once', async () => {
    const server = fakeServer();
    server.answers.push(apiError(401));
    const save = vi.fn();
    const { store, seen } = startedOver(server, { mode: 'tokens', load: staleSession, save });
    expect(store.getSnapshot()).toEqual(REFRESHING);
    await vi.advanceTimersByTimeAsync(0);
    await settle();
    expect(store.getSnapshot()).toEqual({ status: 'unauthenticated', isAuthenticated: false });
    expect(save).toHaveBeenLastCalledWith(undefined);
    expect(seen.map((s) => s.status)).toEqual(['refreshing', 'unauthenticated']);
  });

  it('offline: refreshing for as long as it lasts, the refresh JWT kept; retried on the timer and at once when back online', async () => {
    const server = fakeServer();
    const session = staleSession();
    const { store, seen } = startedOver(server, inStorage(session), { retrySeconds: 60 });
    server.answers.push(offline, apiError(503, 'E011001'), apiError(429, 'E011004'), offline);
    vi.advanceTimersByTime(0);
    await settle();
    expect(store.getSnapshot()).toEqual(REFRESHING);
    expect(store.getRefreshJwt()).toBe('R-old');
    expect(JSON.parse(localStorage.getItem(KEY) ?? 'null')).toEqual(session);
    // Three more failures (a 503, a 429, offline again), one per retry.
    for (let attempt = 2; attempt <= 4; attempt++) {
      vi.advanceTimersByTime(59_999);
      expect(server.calls).toHaveLength(attempt - 1);
      vi.advanceTimersByTime(1);
      expect(server.calls).toHaveLength(attempt);
      await settle();
      expect(store.getSnapshot()).toEqual(REFRESHING);
    }
    // Back online before the next retry is due.
    vi.advanceTimersByTime(10_000);
    window.dispatchEvent(new Event('online'));
    expect(server.calls).toHaveLength(5);
    expect(server.calls[4]?.authorization).toBe('Bearer Ptest0000:R-old');
    await settle();
    expect(store.getSnapshot()).toMatchObject({ status: 'authenticated', isAuthenticated: true, user: USER });
    expect(store.getRefreshJwt()).toBe('R0');
    expect(seen.filter((s) => s.isAuthenticated)).toHaveLength(1);
    expect(seen.at(-1)?.sessionToken).toBe(server.issued[0]?.sessionJwt);
    // The retry timer is gone with the failure.
    vi.advanceTimersByTime(120_000);
    expect(server.calls).toHaveLength(5);
  });

  it('a session no refresh replaced stops reading as signed in at the moment it expires', async () => {
    const server = fakeServer();
    const store = createSessionStore({ transport: server.transport, now, retrySeconds: 60 });
    stops.push(store.start());
    store.setSession(server.session()); // expires in 600 s, refreshed at 570 s
    const signedIn = store.getSnapshot();
    server.answers.push(offline);
    vi.advanceTimersByTime(570_000);
    await settle();
    expect(server.calls).toHaveLength(1);
    expect(store.getSnapshot()).toBe(signedIn); // still valid: nothing changes yet
    vi.advanceTimersByTime(29_999);
    expect(store.getSnapshot()).toBe(signedIn);
    vi.advanceTimersByTime(1);
    expect(store.getSnapshot()).toEqual(REFRESHING);
    expect(server.calls).toHaveLength(1); // the expiry itself sends nothing; the retry does
    vi.advanceTimersByTime(30_000);
    expect(server.calls).toHaveLength(2);
    await settle();
    expect(store.getSnapshot().status).toBe('authenticated');
    expect(store.getRefreshJwt()).toBe('R1');
  });

  it('a hidden page past the expiry reads refreshing, and refreshes when shown', async () => {
    const server = fakeServer();
    visibility.set('hidden', false);
    const { store } = startedOver(server, inStorage(staleSession()));
    vi.advanceTimersByTime(3_600_000);
    expect(store.getSnapshot()).toEqual(REFRESHING);
    expect(server.calls).toHaveLength(0);
    window.dispatchEvent(new Event('online')); // online, but hidden: still waits
    expect(server.calls).toHaveLength(0);
    visibility.set('visible');
    expect(server.calls).toHaveLength(1);
    await settle();
    expect(store.getSnapshot().status).toBe('authenticated');
  });

  it('going online sends nothing when no refresh is due, or when signed out', () => {
    const server = fakeServer();
    const store = createSessionStore({ transport: server.transport, now });
    stops.push(store.start());
    window.dispatchEvent(new Event('online'));
    store.setSession(server.session());
    vi.advanceTimersByTime(100_000);
    window.dispatchEvent(new Event('online'));
    expect(server.calls).toHaveLength(0);
  });

  it('a stopped store no longer listens for online', async () => {
    const server = fakeServer();
    const persistence = inStorage(staleSession());
    const store = createSessionStore({ transport: server.transport, persistence, now, retrySeconds: 60 });
    const stop = store.start();
    server.answers.push(offline);
    vi.advanceTimersByTime(0);
    await settle();
    stop();
    window.dispatchEvent(new Event('online'));
    vi.advanceTimersByTime(3_600_000);
    expect(server.calls).toHaveLength(1);
  });
});

describe('expiry on a page clock that differs from the server', () => {
  /** A rotating emulator whose clock is `offsetMs` ahead of the page's. */
  const serverAhead = (offsetMs: number) => {
    const emulator = createEmulator({ users: [{ loginId: 'ada@example.com', email: 'ada@example.com' }], now: () => Date.now() + offsetMs });
    const link = emulatorLink(emulator);
    const store = createSessionStore({ transport: link.transport, now, retrySeconds: 300 });
    stops.push(store.start());
    return { emulator, link, store };
  };

  it('a page clock an hour ahead: a fresh session reads signed in, refreshed 30 s before its lifetime ends', async () => {
    const { emulator, link, store } = serverAhead(-3_600_000);
    const session = await emulator.createSession('ada@example.com');
    expect(session.sessionExpiration * 1000).toBeLessThan(Date.now()); // "expired" by the page's clock
    store.setSession(session);
    expect(store.getSnapshot().status).toBe('authenticated');
    vi.advanceTimersByTime(569_999);
    expect(link.calls).toHaveLength(0);
    expect(store.getSnapshot().status).toBe('authenticated');
    vi.advanceTimersByTime(1);
    expect(refreshes(link.calls)).toHaveLength(1);
  });

  it('a page clock an hour behind: the session stops reading as signed in when its lifetime ends', async () => {
    const { emulator, link, store } = serverAhead(3_600_000);
    emulator.addFault({ path: '/v1/auth/try-refresh', status: 503, times: 10 });
    store.setSession(await emulator.createSession('ada@example.com'));
    vi.advanceTimersByTime(570_000);
    expect(refreshes(link.calls)).toHaveLength(1);
    await settle();
    vi.advanceTimersByTime(29_999);
    expect(store.getSnapshot().status).toBe('authenticated');
    vi.advanceTimersByTime(1);
    expect(store.getSnapshot()).toEqual(REFRESHING);
  });
});

describe('the refreshing snapshot', () => {
  it('keeps its identity until something changes', async () => {
    const server = fakeServer();
    server.answers.push(offline, offline);
    const { store } = startedOver(server, inStorage(staleSession()), { retrySeconds: 10 });
    const first = store.getSnapshot();
    expect(first.status).toBe('refreshing');
    vi.advanceTimersByTime(0);
    await settle();
    vi.advanceTimersByTime(10_000);
    await settle();
    expect(server.calls).toHaveLength(2);
    expect(store.getSnapshot()).toBe(first);
  });
});
