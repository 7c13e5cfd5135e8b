import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSessionStore, storagePersistence, type SessionStatus, type SessionStore, type StoredSession } from '../../src/session';
import { createEmulator } from '../../src/emulator';
import { emulatorLink, fakeServer, refreshes, settle, until, type EmulatorLink, type FakeServer } from './helpers';

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

const ADA = { loginId: 'ada@example.com', email: 'ada@example.com' };
const T0 = Date.UTC(2030, 0, 1);

/** What `key` holds in localStorage, parsed. */
const stored = (key: string) => JSON.parse(localStorage.getItem(key) ?? 'null') as StoredSession | null;

/** Every status a store reports from now on. */
const statuses = (store: SessionStore) => {
  const seen: SessionStatus[] = [];
  store.subscribe(() => seen.push(store.getSnapshot().status));
  return seen;
};

/** Lets a store learn of what the other stored: through BroadcastChannel, else a storage event as another tab would get. */
const tell = async (key: string, store: SessionStore, refreshJwt: string | undefined) => {
  if (typeof BroadcastChannel !== 'function') window.dispatchEvent(new StorageEvent('storage', { key }));
  await until(() => store.getRefreshJwt() === refreshJwt, 'the other store has the session');
};

/** Revokes a refresh JWT on the server, as a logout on another device does. */
const revoke = async (link: EmulatorLink, refreshJwt: string | undefined) => {
  const answer = await link.transport.fetch?.('http://emulator.test/v1/auth/logout', {
    method: 'POST',
    headers: { Authorization: `Bearer ${link.transport.projectId}:${refreshJwt ?? ''}` },
    body: '{}',
  });
  expect(answer?.status).toBe(200);
  link.calls.length = 0;
};

/** Two signed-in stores over one key, each reaching the same rotating emulator through its own link. */
const raceSetup = async () => {
  const key = freshKey();
  const emulator = createEmulator({ users: [ADA], rotateRefreshTokens: true, now: () => Date.now() });
  const links = { A: emulatorLink(emulator), B: emulatorLink(emulator) };
  const [a, b] = twoTabs(key, (tab) => links[tab].transport);
  const first = await emulator.createSession(ADA.loginId);
  a.setSession(first);
  await tell(key, b, first.refreshJwt);
  return { key, emulator, links, a, b, first };
};

describe('two stores refreshing at the same moment under rotation, without Web Locks', () => {
  it.each([
    { loserFirst: true, channel: true },
    { loserFirst: true, channel: false },
    { loserFirst: false, channel: true },
    { loserFirst: false, channel: false },
  ])(
    "both stay signed in with the winner's session (loser's answer first: $loserFirst, BroadcastChannel: $channel)",
    async ({ loserFirst, channel }) => {
      vi.useFakeTimers({ now: T0 });
      if (!channel) vi.stubGlobal('BroadcastChannel', undefined);
      const { key, links, a, b, first } = await raceSetup();
      const seen = { A: statuses(a), B: statuses(b) };

      // The server takes A's refresh first (it rotates the shared refresh JWT), then B's, which it
      // refuses (spent); each answer reaches its tab only when released.
      const heldA = links.A.hold();
      const heldB = links.B.hold();
      const refreshA = a.refresh();
      await heldA.handled;
      const refreshB = b.refresh();
      await heldB.handled;

      if (loserFirst) {
        heldB.release();
        await refreshB;
        // B was refused before A saved: it waits, and leaves the shared storage alone.
        expect(b.getSnapshot()).toEqual({ status: 'refreshing', isAuthenticated: false });
        expect(stored(key)?.refreshJwt).toBe(first.refreshJwt);
        expect(a.getSnapshot().status).toBe('authenticated');
        heldA.release();
        await refreshA;
        // Without BroadcastChannel (two stores in one window get no storage event), B finds A's
        // session when its wait ends.
        if (!channel) {
          vi.advanceTimersByTime(links.B.transport.timeoutMs - 1);
          expect(b.getSnapshot().status).toBe('refreshing');
          vi.advanceTimersByTime(1);
        }
      } else {
        heldA.release();
        await refreshA;
        heldB.release();
        await refreshB;
      }

      const rotated = a.getRefreshJwt();
      expect(rotated).toBeTruthy();
      expect(rotated).not.toBe(first.refreshJwt);
      await until(() => b.getRefreshJwt() === rotated, "B adopts A's session");
      expect(a.getSnapshot().status).toBe('authenticated');
      expect(b.getSnapshot().status).toBe('authenticated');
      expect(b.getSnapshot().sessionToken).toBe(a.getSnapshot().sessionToken);
      expect(stored(key)?.refreshJwt).toBe(rotated);
      expect(refreshes(links.A.calls)).toHaveLength(1);
      expect(refreshes(links.B.calls)).toHaveLength(1);
      // Neither ever read as signed out, not even for a moment; a late wait changes nothing.
      vi.advanceTimersByTime(60_000);
      expect(b.getSnapshot().status).toBe('authenticated');
      expect(seen.A).not.toContain('unauthenticated');
      expect(seen.B).not.toContain('unauthenticated');

      // The adopted refresh JWT works.
      await b.refresh();
      expect(b.getSnapshot().status).toBe('authenticated');
      expect(b.getRefreshJwt()).not.toBe(rotated);
      await tell(key, a, b.getRefreshJwt());
    },
  );

  it('a store that did not hear of the rotation takes the stored session before refreshing, without a request', async () => {
    vi.stubGlobal('BroadcastChannel', undefined); // B does not hear about A's rotation
    const { key, links, a, b, first } = await raceSetup();
    await a.refresh();
    const rotated = a.getRefreshJwt();
    expect(rotated).not.toBe(first.refreshJwt);
    expect(b.getRefreshJwt()).toBe(first.refreshJwt); // B still holds the spent one

    await b.refresh();
    expect(links.B.calls).toHaveLength(0);
    expect(b.getSnapshot().status).toBe('authenticated');
    expect(b.getRefreshJwt()).toBe(rotated);
    expect(b.getSnapshot().sessionToken).toBe(a.getSnapshot().sessionToken);
    expect(stored(key)?.refreshJwt).toBe(rotated);

    // The adopted token really works.
    await b.refresh();
    expect(refreshes(links.B.calls)).toHaveLength(1);
    expect(b.getSnapshot().status).toBe('authenticated');
    expect(b.getRefreshJwt()).not.toBe(rotated);
  });

  it('a refusal with nothing newer stored: refreshing while a winner could still save, then signed out and the storage cleared', async () => {
    vi.useFakeTimers({ now: T0 });
    vi.stubGlobal('BroadcastChannel', undefined);
    const { key, links, a, first } = await raceSetup();
    await revoke(links.A, first.refreshJwt); // a logout on another device
    const seen = statuses(a);

    await a.refresh();
    expect(a.getSnapshot()).toEqual({ status: 'refreshing', isAuthenticated: false });
    expect(stored(key)?.refreshJwt).toBe(first.refreshJwt);
    // No second try with a refused token, whatever wakes the store.
    window.dispatchEvent(new Event('online'));
    await a.refresh();
    expect(refreshes(links.A.calls)).toHaveLength(1);

    vi.advanceTimersByTime(links.A.transport.timeoutMs - 1);
    expect(a.getSnapshot().status).toBe('refreshing');
    vi.advanceTimersByTime(1);
    expect(a.getSnapshot()).toEqual({ status: 'unauthenticated', isAuthenticated: false });
    expect(a.getRefreshJwt()).toBeUndefined();
    expect(localStorage.getItem(key)).toBeNull();
    expect(seen).toEqual(['refreshing', 'unauthenticated']);
  });

  it('a logout in another store while a refusal waits signs out at once', async () => {
    vi.useFakeTimers({ now: T0 });
    const { key, links, a, b, first } = await raceSetup();
    await revoke(links.A, first.refreshJwt);
    await b.refresh();
    expect(b.getSnapshot().status).toBe('refreshing');
    a.clear();
    await until(() => b.getSnapshot().status === 'unauthenticated', 'B follows the logout');
    expect(localStorage.getItem(key)).toBeNull();
  });
});

/**
 * A minimal exclusive LockManager for jsdom, which has none: callbacks of one name run one after
 * the other, each holding the lock until the promise it returned settles (as Web Locks do).
 */
const fakeLocks = () => {
  const tails = new Map<string, Promise<unknown>>();
  const names: string[] = [];
  return {
    names,
    request: (name: string, callback: () => unknown) => {
      names.push(name);
      const run = (tails.get(name) ?? Promise.resolve()).then(() => callback());
      tails.set(
        name,
        run.catch(() => undefined),
      );
      return run;
    },
  };
};

describe('two stores with Web Locks (a stand-in LockManager; Chromium runs the real one in test/browser)', () => {
  it('refresh one at a time: the second re-reads the storage and adopts the first one\'s session without a request', async () => {
    const locks = fakeLocks();
    vi.stubGlobal('navigator', { locks });
    vi.stubGlobal('BroadcastChannel', undefined); // the lock alone keeps them apart
    const { key, links, a, b, first } = await raceSetup();
    await Promise.all([a.refresh(), b.refresh()]);
    expect(locks.names).toEqual([`passlink:${key}`, `passlink:${key}`]);
    expect(refreshes([...links.A.calls, ...links.B.calls])).toHaveLength(1);
    const rotated = a.getRefreshJwt();
    expect(rotated).not.toBe(first.refreshJwt);
    expect(b.getRefreshJwt()).toBe(rotated);
    expect(a.getSnapshot().status).toBe('authenticated');
    expect(b.getSnapshot().status).toBe('authenticated');
    expect(b.getSnapshot().sessionToken).toBe(a.getSnapshot().sessionToken);
    expect(stored(key)?.refreshJwt).toBe(rotated);
  });

  it('a refusal under the lock is final at once: signed out, storage cleared, no wait', async () => {
    vi.stubGlobal('navigator', { locks: fakeLocks() });
    const { key, links, a, first } = await raceSetup();
    await revoke(links.A, first.refreshJwt);
    await a.refresh();
    expect(a.getSnapshot()).toEqual({ status: 'unauthenticated', isAuthenticated: false });
    expect(localStorage.getItem(key)).toBeNull();
  });

  it('memory persistence takes no lock (nothing shared)', async () => {
    const locks = fakeLocks();
    vi.stubGlobal('navigator', { locks });
    const server = fakeServer();
    const store = createSessionStore({ transport: server.transport });
    stops.push(store.start());
    store.setSession(server.session());
    await store.refresh();
    expect(store.getRefreshJwt()).toBe('R1');
    expect(locks.names).toEqual([]);
  });
});
