import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTransport, type Transport } from '../../src/client';
import { createEmulator, type Emulator } from '../../src/emulator';
import { createSessionStore, storagePersistence, type SessionStatus, type SessionStore, type StoredSession } from '../../src/session';

const ADA = { loginId: 'ada@example.com', email: 'ada@example.com' };
const stops: (() => void)[] = [];

afterEach(() => {
  while (stops.length) stops.pop()?.();
  localStorage.clear();
});

/** The emulator core runs in the page: the transport's fetch goes straight to it, counting refreshes. */
const reach = (emulator: Emulator) => {
  const refreshes: string[] = [];
  const transport: Transport = createTransport({
    projectId: emulator.projectId,
    baseUrl: 'http://emulator.test',
    retryDelaysMs: [],
    fetch: async (input, init) => {
      const url = String(input);
      if (/\/v1\/auth\/(try-)?refresh$/.test(url)) refreshes.push(url);
      const answer = await emulator.handle({
        method: init?.method ?? 'GET',
        url,
        headers: Object.fromEntries(new Headers(init?.headers)),
        body: typeof init?.body === 'string' ? init.body : undefined,
      });
      return new Response(answer.body || null, { status: answer.status, headers: answer.headers });
    },
  });
  return { transport, refreshes };
};

/** Two started stores ("tabs") over the page's real localStorage, under one key of their own. */
const twoTabs = (transport: Transport) => {
  const key = `passlink.browser-${crypto.randomUUID()}`;
  const make = () => {
    const store = createSessionStore({ transport, persistence: storagePersistence(() => localStorage, key) });
    stops.push(store.start());
    return store;
  };
  return { key, a: make(), b: make() };
};

const stored = (key: string) => JSON.parse(localStorage.getItem(key) ?? 'null') as StoredSession | null;

const statuses = (store: SessionStore) => {
  const seen: SessionStatus[] = [];
  store.subscribe(() => seen.push(store.getSnapshot().status));
  return seen;
};

describe('tabs sharing localStorage, with Web Locks (Chromium)', () => {
  it('two stores refreshing at once under rotation: one request, both signed in with the same new session', async () => {
    expect(navigator.locks).toBeInstanceOf(LockManager);
    const emulator = createEmulator({ users: [ADA], rotateRefreshTokens: true });
    const { transport, refreshes } = reach(emulator);
    const { key, a, b } = twoTabs(transport);
    const first = await emulator.createSession(ADA.loginId);
    a.setSession(first);
    await vi.waitFor(() => expect(b.getRefreshJwt()).toBe(first.refreshJwt)); // through BroadcastChannel
    const seen = { A: statuses(a), B: statuses(b) };

    await Promise.all([a.refresh(), b.refresh()]);

    expect(refreshes).toHaveLength(1);
    const rotated = a.getRefreshJwt();
    expect(rotated).toBeTruthy();
    expect(rotated).not.toBe(first.refreshJwt);
    expect(b.getRefreshJwt()).toBe(rotated);
    expect(a.getSnapshot().status).toBe('authenticated');
    expect(b.getSnapshot().status).toBe('authenticated');
    expect(b.getSnapshot().sessionToken).toBe(a.getSnapshot().sessionToken);
    expect(b.getSnapshot().sessionToken).not.toBe(first.sessionJwt);
    expect(stored(key)?.refreshJwt).toBe(rotated);
    expect([...seen.A, ...seen.B]).not.toContain('unauthenticated');

    // The shared session works: the next refresh (from either) is accepted.
    await b.refresh();
    expect(refreshes).toHaveLength(2);
    expect(b.getSnapshot().status).toBe('authenticated');
    await vi.waitFor(() => expect(a.getRefreshJwt()).toBe(b.getRefreshJwt()));
  });

  it('a refusal under the lock is final at once: signed out and the storage cleared, with no wait', async () => {
    const emulator = createEmulator({ users: [ADA], rotateRefreshTokens: true });
    const { transport, refreshes } = reach(emulator);
    const { key, a, b } = twoTabs(transport);
    const first = await emulator.createSession(ADA.loginId);
    a.setSession(first);
    await vi.waitFor(() => expect(b.getRefreshJwt()).toBe(first.refreshJwt));
    // Revoked on the server (a logout on another device).
    const revoked = await transport.fetch?.('http://emulator.test/v1/auth/logout', {
      method: 'POST',
      headers: { Authorization: `Bearer ${emulator.projectId}:${first.refreshJwt ?? ''}` },
      body: '{}',
    });
    expect(revoked?.status).toBe(200);

    await a.refresh();

    expect(refreshes).toHaveLength(1);
    expect(a.getSnapshot()).toEqual({ status: 'unauthenticated', isAuthenticated: false });
    expect(localStorage.getItem(key)).toBeNull();
    await vi.waitFor(() => expect(b.getSnapshot()).toEqual({ status: 'unauthenticated', isAuthenticated: false }));
    expect(refreshes).toHaveLength(1);
  });
});
