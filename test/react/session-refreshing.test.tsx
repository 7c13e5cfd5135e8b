import { describe, expect, it, vi } from 'vitest';
import { renderHook, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { storagePersistence, toStoredSession, type StorageLike } from '../../src/session';
import { PasslinkProvider, useSession, useUser, type SessionStatus } from '../../src';
import { ADA, BASE, setup } from './harness';

const DAY = 86_400_000;

describe('useSession with a stored session that expired while the page was closed', () => {
  it('offline: loading, then refreshing (never signed in, never signed out, no /me); back online: signed in', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const h = setup({ ownStore: true });
    const items = new Map<string, string>();
    const storage: StorageLike = {
      getItem: (key) => items.get(key) ?? null,
      setItem: (key, value) => void items.set(key, value),
      removeItem: (key) => void items.delete(key),
    };
    const session = await h.emulator.createSession(ADA.loginId);
    storage.setItem('passlink.session', JSON.stringify(toStoredSession(session, Date.now())));
    vi.setSystemTime(Date.now() + DAY); // the tab is opened again a day later, offline
    h.server.use(http.post(`${BASE}/v1/auth/try-refresh`, () => HttpResponse.error()));

    const statuses: SessionStatus[] = [];
    const { result } = renderHook(
      () => {
        const value = { session: useSession(), user: useUser() };
        statuses.push(value.session.status);
        return value;
      },
      {
        wrapper: ({ children }) => (
          <PasslinkProvider {...h.providerProps} session={{ persistence: storagePersistence(storage) }}>
            {children}
          </PasslinkProvider>
        ),
      },
    );
    await waitFor(() => expect(h.count('/v1/auth/try-refresh')).toBe(1));
    expect(result.current.session).toEqual({ status: 'refreshing', isAuthenticated: false });
    expect(result.current.user.fetchStatus).toBe('idle');
    expect(h.count('/v1/auth/me')).toBe(0);

    h.server.resetHandlers();
    window.dispatchEvent(new Event('online'));
    await waitFor(() => expect(result.current.session.status).toBe('authenticated'));
    expect(result.current.session.user?.email).toBe(ADA.email);
    await waitFor(() => expect(result.current.user.data?.email).toBe(ADA.email));
    expect(h.count('/v1/auth/try-refresh')).toBe(2);
    expect([...new Set(statuses)]).toEqual(['loading', 'refreshing', 'authenticated']);
  });
});
