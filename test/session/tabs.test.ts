import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSessionStore, storagePersistence, type SessionStore } from '../../src/session';
import { createEmulator } from '../../src/emulator';
import { emulatorLink, fakeServer, refreshes, settle, until, type FakeServer } from './helpers';

const stops: (() => void)[] = [];
let keys = 0;
/** A storage key of its own per test: BroadcastChannel names derive from it. */
const freshKey = () => `passlink.tabs-${process.pid}-${Date.now()}-${keys++}`;

afterEach(() => {
  while (stops.length) stops.pop()?.();
  vi.useRealTimers();
  localStorage.clear();
});

/** Two started stores ("tabs") sharing jsdom's localStorage under one key, each with its own persistence object. */
const twoTabs = (key: string, transportOf: (tab: 'A' | 'B') => FakeServer['transport']): [SessionStore, SessionStore] => {
  const make = (tab: 'A' | 'B') => {
    const store = createSessionStore({ transport: transportOf(tab), persistence: storagePersistence(() => localStorage, key) });
    stops.push(store.start());
    return store;
  };
  return [make('A'), make('B')];
};

describe('two stores sharing a storage, through BroadcastChannel (real timers)', () => {
  it('a sign-in, a rotated refresh JWT and a logout in one reach the other', async () => {
    const key = freshKey();
    const server = fakeServer();
    const [a, b] = twoTabs(key, () => server.transport);
    expect(b.getSnapshot().status).toBe('unauthenticated');

    a.setSession(server.session());
    await until(() => b.getSnapshot().status === 'authenticated', 'B sees the sign-in');
    expect(b.getRefreshJwt()).toBe('R0');
    expect(b.getSnapshot().sessionToken).toBe(a.getSnapshot().sessionToken);

    await a.refresh();
    expect(a.getRefreshJwt()).toBe('R1');
    await until(() => b.getRefreshJwt() === 'R1', "B adopts A's rotated refresh JWT");
    expect(b.getSnapshot().sessionToken).toBe(server.issued[1]?.sessionJwt);
    expect(refreshes(server.calls)).toHaveLength(1); // B did not refresh by itself

    a.clear();
    await until(() => b.getSnapshot().status === 'unauthenticated', 'B sees the logout');
    expect(b.getSnapshot().isAuthenticated).toBe(false);
    expect(b.getRefreshJwt()).toBeUndefined();
    expect(localStorage.getItem(key)).toBeNull();
  });

  it('a store that received the other\'s rotation refreshes with the new token', async () => {
    const key = freshKey();
    const server = fakeServer();
    const [a, b] = twoTabs(key, () => server.transport);
    a.setSession(server.session());
    await a.refresh();
    await until(() => b.getRefreshJwt() === 'R1', 'B has R1');
    await b.refresh();
    expect(server.calls[1]?.authorization).toBe('Bearer Ptest0000:R1');
    expect(b.getRefreshJwt()).toBe('R2');
    await until(() => a.getRefreshJwt() === 'R2', 'A has R2');
  });

  it('stores under another key are not affected', async () => {
    const server = fakeServer();
    const [a] = twoTabs(freshKey(), () => server.transport);
    const [other] = twoTabs(freshKey(), () => server.transport);
    a.setSession(server.session());
    await settle(20);
    expect(other.getSnapshot().status).toBe('unauthenticated');
  });
});

describe('two stores sharing a storage, through the storage event', () => {
  it('follows a StorageEvent for its key (sign-in, rotation, logout), ignores other keys', () => {
    vi.stubGlobal('BroadcastChannel', undefined); // only the storage event can carry the news
    const key = freshKey();
    const server = fakeServer();
    const [a, b] = twoTabs(key, () => server.transport);
    const listener = vi.fn();
    b.subscribe(listener);

    a.setSession(server.session());
    expect(b.getSnapshot().status).toBe('unauthenticated'); // no event yet
    window.dispatchEvent(new StorageEvent('storage', { key: 'something-else' }));
    expect(b.getSnapshot().status).toBe('unauthenticated');
    window.dispatchEvent(new StorageEvent('storage', { key, storageArea: localStorage }));
    expect(b.getSnapshot().status).toBe('authenticated');
    expect(b.getRefreshJwt()).toBe('R0');
    expect(listener).toHaveBeenCalledTimes(1);

    // An event with nothing new changes nothing (same snapshot object, no notification).
    const snapshot = b.getSnapshot();
    window.dispatchEvent(new StorageEvent('storage', { key }));
    expect(b.getSnapshot()).toBe(snapshot);
    expect(listener).toHaveBeenCalledTimes(1);

    // A rotation written by A.
    a.setSession(server.session());
    window.dispatchEvent(new StorageEvent('storage', { key }));
    expect(b.getRefreshJwt()).toBe('R1');
    expect(b.getSnapshot().sessionToken).toBe(server.issued[1]?.sessionJwt);

    // localStorage.clear() elsewhere fires a storage event with key null.
    a.clear();
    window.dispatchEvent(new StorageEvent('storage', { key: null }));
    expect(b.getSnapshot().status).toBe('unauthenticated');
    expect(b.getRefreshJwt()).toBeUndefined();
    expect(server.calls).toHaveLength(0);
  });

  it('a stopped store no longer follows storage events', () => {
    vi.stubGlobal('BroadcastChannel', undefined);
    const key = freshKey();
    const server = fakeServer();
    const [a, b] = twoTabs(key, () => server.transport);
    stops.pop()?.(); // stops B
    a.setSession(server.session());
    window.dispatchEvent(new StorageEvent('storage', { key }));
    expect(b.getSnapshot().status).toBe('unauthenticated');
  });
});

describe("a refresh refused because the other store rotated first", () => {
  it("adopts the other store's session instead of signing out (emulator with rotation)", async () => {
    vi.stubGlobal('BroadcastChannel', undefined); // B does not hear about A's rotation in time
    const key = freshKey();
    const emulator = createEmulator({ users: [{ loginId: 'ada@example.com', email: 'ada@example.com' }], rotateRefreshTokens: true });
    const links = { A: emulatorLink(emulator), B: emulatorLink(emulator) };
    const first = await emulator.createSession('ada@example.com');
    const [a, b] = twoTabs(key, (tab) => links[tab].transport);
    a.setSession(first);
    window.dispatchEvent(new StorageEvent('storage', { key }));
    expect(b.getRefreshJwt()).toBe(first.refreshJwt);

    await a.refresh(); // rotates: first.refreshJwt is spent
    const rotated = a.getRefreshJwt();
    expect(rotated).toBeTruthy();
    expect(rotated).not.toBe(first.refreshJwt);
    expect(b.getRefreshJwt()).toBe(first.refreshJwt); // B still holds the spent one

    await b.refresh(); // 401 from the emulator
    expect(links.B.calls).toHaveLength(1);
    expect(b.getSnapshot().status).toBe('authenticated');
    expect(b.getRefreshJwt()).toBe(rotated);
    expect(b.getSnapshot().sessionToken).toBe(a.getSnapshot().sessionToken);
    expect(JSON.parse(localStorage.getItem(key) ?? 'null')).toMatchObject({ refreshJwt: rotated });
    expect(a.getSnapshot().status).toBe('authenticated');

    // The adopted token really works.
    await b.refresh();
    expect(links.B.calls).toHaveLength(2);
    expect(b.getSnapshot().status).toBe('authenticated');
    expect(b.getRefreshJwt()).not.toBe(rotated);
  });

  it('signs out when storage holds nothing newer than the refused token', async () => {
    vi.stubGlobal('BroadcastChannel', undefined);
    const key = freshKey();
    const emulator = createEmulator({ users: [{ loginId: 'ada@example.com', email: 'ada@example.com' }] });
    const link = emulatorLink(emulator);
    const first = await emulator.createSession('ada@example.com');
    const [a] = twoTabs(key, () => link.transport);
    a.setSession(first);
    // Revoke it on the server (a logout elsewhere).
    const logout = await link.transport.fetch?.('http://emulator.test/v1/auth/logout', {
      method: 'POST',
      headers: { Authorization: `Bearer ${emulator.projectId}:${first.refreshJwt ?? ''}` },
      body: '{}',
    });
    expect(logout?.status).toBe(200);
    await a.refresh();
    expect(a.getSnapshot().status).toBe('unauthenticated');
    expect(localStorage.getItem(key)).toBeNull();
  });
});
