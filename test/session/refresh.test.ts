import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSessionStore, storagePersistence, type SessionStore, type SessionStoreOptions } from '../../src/session';
import { createEmulator } from '../../src/emulator';
import { ApiError, sessionRefresh } from '../../src/client';
import {
  apiError,
  controlVisibility,
  emulatorLink,
  fakeServer,
  jsonResponse,
  offline,
  refreshes,
  settle,
  until,
  type FakeServer,
} from './helpers';

const T0 = Date.UTC(2030, 0, 1);
const now = () => Date.now();
const KEY = 'passlink.refresh-test';
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

/** A started store signed in with the server's first session (`R0`, expiring in 600 s). */
const signedIn = (server: FakeServer, options: Omit<SessionStoreOptions, 'transport'> = {}, session = server.session()): SessionStore => {
  const store = createSessionStore({ transport: server.transport, now, refreshLeewaySeconds: 30, ...options });
  stops.push(store.start());
  store.setSession(session);
  return store;
};

describe('refresh scheduling', () => {
  it('refreshes once, leeway seconds before the expiration, and not before', async () => {
    const server = fakeServer();
    const store = signedIn(server);
    vi.advanceTimersByTime(569_999);
    expect(server.calls).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(refreshes(server.calls)).toHaveLength(1);
    expect(server.calls[0]).toMatchObject({ method: 'POST', authorization: 'Bearer Ptest0000:R0' });
    await settle();
    vi.advanceTimersByTime(5_000);
    expect(server.calls).toHaveLength(1);
    expect(store.getRefreshJwt()).toBe('R1');
  });

  it('honours refreshLeewaySeconds', () => {
    const server = fakeServer();
    signedIn(server, { refreshLeewaySeconds: 120 });
    vi.advanceTimersByTime(479_999);
    expect(server.calls).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(server.calls).toHaveLength(1);
  });

  it("the server's nextRefreshSeconds takes precedence over the expiration", () => {
    const server = fakeServer();
    signedIn(server, {}, server.session({ nextRefreshSeconds: 120 }));
    vi.advanceTimersByTime(119_999);
    expect(server.calls).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(refreshes(server.calls)).toHaveLength(1);
  });

  it('the rotated token replaces the old one and the next refresh is scheduled from the new expiry', async () => {
    const server = fakeServer();
    const store = signedIn(server);
    const first = store.getSnapshot();
    vi.advanceTimersByTime(570_000);
    expect(server.calls).toHaveLength(1);
    await settle();
    const issued = server.issued[1];
    expect(issued?.refreshJwt).toBe('R1');
    const second = store.getSnapshot();
    expect(second).not.toBe(first);
    expect(second.status).toBe('authenticated');
    expect(second.sessionToken).toBe(issued?.sessionJwt);
    expect(second.sessionToken).not.toBe(first.sessionToken);
    expect(second.claims?.n).toBe(1);
    expect(second.sessionExpiration).toBe(Math.floor(T0 / 1000) + 570 + 600);
    expect(store.getRefreshJwt()).toBe('R1');
    // The new session expires at 1170 s: next refresh at 1140 s, with the new refresh JWT.
    vi.advanceTimersByTime(569_999);
    expect(server.calls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]?.authorization).toBe('Bearer Ptest0000:R1');
  });

  it('rotates against the emulator: the old refresh JWT is spent, the store holds the working one', async () => {
    const emulator = createEmulator({ users: [{ loginId: 'ada@example.com', email: 'ada@example.com' }], now, rotateRefreshTokens: true });
    const link = emulatorLink(emulator);
    const session = await emulator.createSession('ada@example.com');
    const store = createSessionStore({ transport: link.transport, now, refreshLeewaySeconds: 30 });
    stops.push(store.start());
    store.setSession(session);
    vi.advanceTimersByTime(570_000);
    expect(link.calls).toHaveLength(1);
    await until(() => store.getRefreshJwt() !== session.refreshJwt, 'the rotated refresh JWT');
    expect(store.getSnapshot().status).toBe('authenticated');
    expect(store.getSnapshot().sessionExpiration).toBe(Math.floor(T0 / 1000) + 570 + 600);
    // The new refresh JWT works; the old one was rotated away.
    await expect(store.refresh()).resolves.toBeUndefined();
    expect(link.calls).toHaveLength(2);
    expect(store.getSnapshot().status).toBe('authenticated');
    const reused = await link.transport.fetch?.('http://emulator.test/v1/auth/refresh', {
      method: 'POST',
      headers: { Authorization: `Bearer ${emulator.projectId}:${session.refreshJwt ?? ''}` },
      body: '{}',
    });
    expect(reused?.status).toBe(401);
  });

  it('keeps the refresh JWT when a refresh answer carries none (a project without rotation)', async () => {
    const server = fakeServer();
    const store = signedIn(server);
    server.answers.push(() => jsonResponse(200, server.session({ refreshJwt: undefined })));
    vi.advanceTimersByTime(570_000);
    await settle();
    expect(store.getSnapshot().sessionToken).toBe(server.issued[1]?.sessionJwt);
    expect(store.getRefreshJwt()).toBe('R0');
    vi.advanceTimersByTime(570_000);
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]?.authorization).toBe('Bearer Ptest0000:R0');
  });
});

describe('hidden tab', () => {
  it('does not refresh while hidden, even long past the expiry, and refreshes once on return', async () => {
    const server = fakeServer();
    const store = signedIn(server);
    vi.advanceTimersByTime(100_000);
    visibility.set('hidden');
    vi.advanceTimersByTime(3_600_000);
    expect(server.calls).toHaveLength(0);
    // Expired: no longer signed in, but not signed out either.
    expect(store.getSnapshot()).toEqual({ status: 'refreshing', isAuthenticated: false });
    visibility.set('visible');
    expect(refreshes(server.calls)).toHaveLength(1);
    visibility.set('visible'); // a second event while the refresh is under way
    await settle();
    expect(server.calls).toHaveLength(1);
    expect(store.getRefreshJwt()).toBe('R1');
    expect(store.getSnapshot().status).toBe('authenticated');
    vi.advanceTimersByTime(1_000);
    expect(server.calls).toHaveLength(1);
  });

  it('a session that became due while hidden (timer never fired) is refreshed on return', () => {
    const server = fakeServer();
    visibility.set('hidden', false);
    signedIn(server);
    vi.advanceTimersByTime(900_000);
    expect(server.calls).toHaveLength(0);
    visibility.set('visible');
    expect(server.calls).toHaveLength(1);
  });

  it('a return to the page before the refresh time does not refresh', () => {
    const server = fakeServer();
    signedIn(server);
    vi.advanceTimersByTime(100_000);
    visibility.set('hidden');
    vi.advanceTimersByTime(100_000);
    visibility.set('visible');
    expect(server.calls).toHaveLength(0);
    vi.advanceTimersByTime(369_999);
    expect(server.calls).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(server.calls).toHaveLength(1);
  });
});

describe('refresh failures', () => {
  it('a 401 signs out (memory persistence: at once)', async () => {
    const server = fakeServer();
    const store = signedIn(server);
    server.answers.push(apiError(401));
    vi.advanceTimersByTime(570_000);
    expect(server.calls).toHaveLength(1);
    await settle();
    expect(store.getSnapshot()).toEqual({ status: 'unauthenticated', isAuthenticated: false });
    expect(store.getRefreshJwt()).toBeUndefined();
    vi.advanceTimersByTime(3_600_000);
    expect(server.calls).toHaveLength(1);
  });

  it('a 401 signs out and clears the stored session (shared storage without Web Locks: after the transport timeout)', async () => {
    const server = fakeServer();
    const store = signedIn(server, { persistence: storagePersistence(() => localStorage, KEY) });
    expect(JSON.parse(localStorage.getItem(KEY) ?? '{}')).toMatchObject({ refreshJwt: 'R0' });
    server.answers.push(apiError(401));
    vi.advanceTimersByTime(570_000);
    expect(server.calls).toHaveLength(1);
    await settle();
    // Another tab may have won a race for this refresh JWT and not have saved yet.
    expect(store.getSnapshot()).toEqual({ status: 'refreshing', isAuthenticated: false });
    expect(JSON.parse(localStorage.getItem(KEY) ?? '{}')).toMatchObject({ refreshJwt: 'R0' });
    vi.advanceTimersByTime(server.transport.timeoutMs);
    expect(store.getSnapshot()).toEqual({ status: 'unauthenticated', isAuthenticated: false });
    expect(store.getRefreshJwt()).toBeUndefined();
    expect(localStorage.getItem(KEY)).toBeNull();
    vi.advanceTimersByTime(3_600_000);
    expect(server.calls).toHaveLength(1);
  });

  it('refresh() resolves (does not reject) when the refresh is refused', async () => {
    const server = fakeServer();
    const store = signedIn(server);
    server.answers.push(apiError(401));
    await expect(store.refresh()).resolves.toBeUndefined();
    expect(store.getSnapshot().status).toBe('unauthenticated');
  });

  it('a network error keeps the session and tries again after retrySeconds', async () => {
    const server = fakeServer();
    const store = signedIn(server, { retrySeconds: 10 });
    const before = store.getSnapshot();
    server.answers.push(offline);
    vi.advanceTimersByTime(570_000);
    expect(server.calls).toHaveLength(1);
    await settle();
    expect(store.getSnapshot()).toBe(before);
    expect(store.getSnapshot().status).toBe('authenticated');
    expect(store.getRefreshJwt()).toBe('R0');
    vi.advanceTimersByTime(9_999);
    expect(server.calls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]?.authorization).toBe('Bearer Ptest0000:R0');
    await settle();
    expect(store.getRefreshJwt()).toBe('R1');
  });

  it('a server error (5xx) keeps the session and retries after the default 30 s', async () => {
    const server = fakeServer();
    const store = signedIn(server);
    server.answers.push(apiError(500, 'E011001'));
    vi.advanceTimersByTime(570_000);
    await settle();
    expect(store.getSnapshot().status).toBe('authenticated');
    vi.advanceTimersByTime(29_999);
    expect(server.calls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(server.calls).toHaveLength(2);
  });

  it('concurrent refresh() calls share one request', async () => {
    const server = fakeServer();
    const store = signedIn(server);
    const held = server.held();
    server.answers.push(held.answer);
    const a = store.refresh();
    const b = store.refresh();
    const c = store.refresh();
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(server.calls).toHaveLength(1);
    held.release();
    await Promise.all([a, b, c]);
    expect(store.getRefreshJwt()).toBe('R1');
    expect(server.calls).toHaveLength(1);
    // Once settled, a new refresh() is a new request with the rotated token.
    await store.refresh();
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]?.authorization).toBe('Bearer Ptest0000:R1');
  });

  it('the scheduled refresh joins a refresh() already under way', async () => {
    const server = fakeServer();
    const store = signedIn(server);
    vi.advanceTimersByTime(569_000);
    const held = server.held();
    server.answers.push(held.answer);
    const manual = store.refresh();
    vi.advanceTimersByTime(1_000); // the timer fires while the manual refresh waits
    expect(server.calls).toHaveLength(1);
    held.release();
    await manual;
    expect(store.getRefreshJwt()).toBe('R1');
  });

  it('refresh() while signed out sends nothing', async () => {
    const server = fakeServer();
    const store = createSessionStore({ transport: server.transport, now });
    stops.push(store.start());
    await store.refresh();
    expect(server.calls).toHaveLength(0);
    expect(store.getSnapshot().status).toBe('unauthenticated');
  });

  it('a logout (clear) while a refresh is under way stays signed out when the refresh answers', async () => {
    const server = fakeServer();
    const store = signedIn(server, { persistence: storagePersistence(() => localStorage, KEY) });
    const held = server.held();
    server.answers.push(held.answer);
    const pending = store.refresh();
    store.clear();
    expect(store.getSnapshot().status).toBe('unauthenticated');
    held.release();
    await pending;
    expect(store.getSnapshot().status).toBe('unauthenticated');
    expect(store.getRefreshJwt()).toBeUndefined();
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('a failure is reported as the typed ApiError by the client (sanity check of the fake 401)', async () => {
    const server = fakeServer();
    server.answers.push(apiError(401));
    const error = await sessionRefresh(server.transport, { refreshJwt: 'R0' }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
  });
});
