import { describe, expect, it } from 'vitest';
import { act, renderHook, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { ApiError, NetworkError, ResponseFormatError } from '../../src/client';
import { createSessionStore, storagePersistence, toStoredSession, type StorageLike } from '../../src/session';
import { PasslinkProvider, passlinkKeys, useLogout, useSession, useUser, type SessionStatus } from '../../src';
import { ADA, BASE, HTML_502, expectInstance, rejection, resolved, setup, type Harness } from './harness';

/** An in-memory Storage. */
const memoryStorage = (): StorageLike & { items: Map<string, string> } => {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
};

const renderSession = (h: Harness) =>
  renderHook(() => ({ session: useSession(), user: useUser(), logout: useLogout() }), { wrapper: h.wrapper });

describe('useSession', () => {
  it('is loading on the first render, then unauthenticated once the store has started', async () => {
    const h = setup({ ownStore: true });
    const statuses: SessionStatus[] = [];
    const { result } = renderHook(
      () => {
        const session = useSession();
        statuses.push(session.status);
        return session;
      },
      { wrapper: h.wrapper },
    );
    await waitFor(() => expect(result.current.status).toBe('unauthenticated'));
    expect(statuses[0]).toBe('loading');
    expect(result.current.isAuthenticated).toBe(false);
    expect(result.current.sessionToken).toBeUndefined();
    expect(result.current.user).toBeUndefined();
    expect(h.requests).toHaveLength(0);
  });

  it('follows the store: authenticated with the user, token and claims after setSession, unauthenticated after clear', async () => {
    const h = setup();
    const { result } = renderHook(() => useSession(), { wrapper: h.wrapper });
    await waitFor(() => expect(result.current.status).toBe('unauthenticated'));
    const session = await h.signIn();
    expect(result.current.status).toBe('authenticated');
    expect(result.current.isAuthenticated).toBe(true);
    expect(result.current.sessionToken).toBe(session.sessionJwt);
    expect(result.current.sessionExpiration).toBe(session.sessionExpiration);
    expect(result.current.user?.userId).toBe(session.user?.userId);
    expect(result.current.claims?.sub).toBe(session.user?.userId);
    act(() => h.store.clear());
    expect(result.current.status).toBe('unauthenticated');
    expect(result.current.user).toBeUndefined();
  });

  it('restores a persisted session on mount (storage persistence given as provider options)', async () => {
    const h = setup({ ownStore: true });
    const storage = memoryStorage();
    const session = await h.emulator.createSession(ADA.loginId);
    storage.setItem('passlink.session', JSON.stringify(toStoredSession(session, Date.now())));
    const { result } = renderHook(() => ({ session: useSession(), user: useUser() }), {
      wrapper: ({ children }) => (
        <PasslinkProvider {...h.providerProps} session={{ persistence: storagePersistence(storage) }}>
          {children}
        </PasslinkProvider>
      ),
    });
    await waitFor(() => expect(result.current.session.status).toBe('authenticated'));
    expect(result.current.session.user?.email).toBe(ADA.email);
    expect(result.current.session.sessionToken).toBe(session.sessionJwt);
    await waitFor(() => expect(result.current.user.data?.email).toBe(ADA.email));
  });
});

describe('useUser', () => {
  it('is idle while signed out and sends nothing', async () => {
    const h = setup();
    const { result } = renderSession(h);
    await waitFor(() => expect(result.current.session.status).toBe('unauthenticated'));
    await h.idle();
    expect(result.current.user.fetchStatus).toBe('idle');
    expect(result.current.user.data).toBeUndefined();
    expect(h.requests).toHaveLength(0);
  });

  it('loads the signed-in user from GET /v1/auth/me with the refresh JWT', async () => {
    const h = setup();
    const session = await h.signIn();
    const { result } = renderSession(h);
    await waitFor(() => expect(result.current.user.isSuccess).toBe(true));
    expect(result.current.user.data).toMatchObject({ userId: session.user?.userId, email: ADA.email, phone: ADA.phone, name: ADA.name });
    expect(result.current.user.isPending).toBe(false);
    const me = h.requests.filter((r) => r.path === '/v1/auth/me');
    expect(me).toHaveLength(1);
    expect(me[0]?.method).toBe('GET');
    expect(me[0]?.authorization).toBe(`Bearer ${h.client.transport.projectId}:${session.refreshJwt ?? ''}`);
    expect(h.queryClient.getQueryData(passlinkKeys.user(session.user?.userId))).toEqual(result.current.user.data);
  });

  it('fetches once signed in', async () => {
    const h = setup();
    const { result } = renderSession(h);
    await waitFor(() => expect(result.current.session.status).toBe('unauthenticated'));
    expect(h.count('/v1/auth/me')).toBe(0);
    await h.signIn();
    await waitFor(() => expect(result.current.user.data?.email).toBe(ADA.email));
    expect(h.count('/v1/auth/me')).toBe(1);
  });

  it('reports an ApiError without retrying it (a revoked refresh JWT: E064001), and stops fetching', async () => {
    const h = setup();
    const session = await h.signIn();
    await h.client.session.logout({ refreshJwt: session.refreshJwt ?? '' });
    const { result } = renderSession(h);
    await waitFor(() => expect(result.current.user.isError).toBe(true));
    const error = expectInstance(result.current.user.error, ApiError);
    expect(error.code).toBe('E064001');
    expect(result.current.user.isPending).toBe(false);
    expect(result.current.user.isFetching).toBe(false);
    await h.idle();
    expect(h.count('/v1/auth/me')).toBe(1);
  });

  it('retries a NetworkError twice, then reports it and stops fetching', async () => {
    const h = setup();
    await h.signIn();
    h.server.use(http.get(`${BASE}/v1/auth/me`, () => HttpResponse.error()));
    const { result } = renderSession(h);
    await waitFor(() => expect(result.current.user.isError).toBe(true));
    expect(result.current.user.error).toBeInstanceOf(NetworkError);
    expect(result.current.user.isPending).toBe(false);
    expect(result.current.user.isFetching).toBe(false);
    expect(h.count('/v1/auth/me')).toBe(3);
  });

  it('reports a ResponseFormatError (HTML 502) after its retries, and stops fetching', async () => {
    const h = setup();
    await h.signIn();
    h.emulator.addFault({ path: '/v1/auth/me', status: 502, body: HTML_502, times: 0 });
    const { result } = renderSession(h);
    await waitFor(() => expect(result.current.user.isError).toBe(true));
    expect(expectInstance(result.current.user.error, ResponseFormatError).status).toBe(502);
    expect(result.current.user.isPending).toBe(false);
    expect(result.current.user.isFetching).toBe(false);
    expect(h.count('/v1/auth/me')).toBe(3);
  });
});

describe('useLogout', () => {
  it('revokes the refresh JWT, signs out and forgets passlink queries', async () => {
    const h = setup();
    const session = await h.signIn();
    const { result } = renderSession(h);
    await waitFor(() => expect(result.current.user.isSuccess).toBe(true));
    expect(h.queryClient.getQueryCache().findAll({ queryKey: passlinkKeys.all }).length).toBeGreaterThan(0);

    await resolved(() => result.current.logout.mutateAsync());
    expect(result.current.session.status).toBe('unauthenticated');
    expect(result.current.session.isAuthenticated).toBe(false);
    expect(h.store.getRefreshJwt()).toBeUndefined();
    await waitFor(() => expect(result.current.logout.isSuccess).toBe(true));
    expect(result.current.logout.isPending).toBe(false);
    expect(result.current.user.data).toBeUndefined();
    expect(h.queryClient.getQueryCache().findAll({ queryKey: passlinkKeys.user(session.user?.userId) })).toHaveLength(0);

    const logouts = h.requests.filter((r) => r.path === '/v1/auth/logout');
    expect(logouts).toHaveLength(1);
    expect(logouts[0]?.authorization).toBe(`Bearer ${h.client.transport.projectId}:${session.refreshJwt ?? ''}`);
    const revoked = await h.client.session.me({ refreshJwt: session.refreshJwt ?? '' }).catch((error: unknown) => error);
    expect(expectInstance(revoked, ApiError).code).toBe('E064001');
  });

  it('signs out even when the logout request fails with a NetworkError, and reports the error', async () => {
    const h = setup();
    const session = await h.signIn();
    h.server.use(http.post(`${BASE}/v1/auth/logout`, () => HttpResponse.error()));
    const { result } = renderSession(h);
    await waitFor(() => expect(result.current.session.status).toBe('authenticated'));
    const error = await rejection(() => result.current.logout.mutateAsync());
    expect(error).toBeInstanceOf(NetworkError);
    expect(result.current.session.status).toBe('unauthenticated');
    expect(h.store.getRefreshJwt()).toBeUndefined();
    await waitFor(() => expect(result.current.logout.isError).toBe(true));
    expect(result.current.logout.error).toBe(error);
    expect(result.current.logout.isPending).toBe(false);
    expect(h.count('/v1/auth/logout')).toBe(1);
    // The server never heard of it: the refresh JWT still works there.
    expect((await h.client.session.me({ refreshJwt: session.refreshJwt ?? '' })).email).toBe(ADA.email);
  });

  it('signs out when the answer is an HTML 502 (ResponseFormatError)', async () => {
    const h = setup();
    await h.signIn();
    h.emulator.addFault({ path: '/v1/auth/logout', status: 502, body: HTML_502 });
    const { result } = renderSession(h);
    const error = expectInstance(await rejection(() => result.current.logout.mutateAsync()), ResponseFormatError);
    expect(error.status).toBe(502);
    expect(result.current.session.status).toBe('unauthenticated');
    await waitFor(() => expect(result.current.logout.isError).toBe(true));
    expect(result.current.logout.isPending).toBe(false);
  });

  it('signs out when the server refuses the refresh JWT (ApiError E064001)', async () => {
    const h = setup();
    const session = await h.signIn();
    await h.client.session.logout({ refreshJwt: session.refreshJwt ?? '' });
    const { result } = renderHook(() => ({ session: useSession(), logout: useLogout() }), { wrapper: h.wrapper });
    const error = expectInstance(await rejection(() => result.current.logout.mutateAsync()), ApiError);
    expect(error.code).toBe('E064001');
    expect(result.current.session.status).toBe('unauthenticated');
    await waitFor(() => expect(result.current.logout.isError).toBe(true));
    expect(result.current.logout.isPending).toBe(false);
  });

  it('sends nothing while signed out, and succeeds', async () => {
    const h = setup();
    const { result } = renderHook(() => ({ session: useSession(), logout: useLogout() }), { wrapper: h.wrapper });
    await waitFor(() => expect(result.current.session.status).toBe('unauthenticated'));
    await resolved(() => result.current.logout.mutateAsync());
    await waitFor(() => expect(result.current.logout.isSuccess).toBe(true));
    expect(h.requests).toHaveLength(0);
  });

  it('removes a persisted session from storage, even when the request fails', async () => {
    const h = setup({ ownStore: true });
    const storage = memoryStorage();
    h.server.use(http.post(`${BASE}/v1/auth/logout`, () => HttpResponse.error()));
    const session = await h.emulator.createSession(ADA.loginId);
    const store = createSessionStore({ transport: h.client.transport, persistence: storagePersistence(storage) });
    const { result } = renderHook(() => ({ session: useSession(), logout: useLogout() }), {
      wrapper: ({ children }) => (
        <PasslinkProvider {...h.providerProps} session={store}>
          {children}
        </PasslinkProvider>
      ),
    });
    act(() => store.setSession(session));
    expect(storage.items.has('passlink.session')).toBe(true);
    expect(await rejection(() => result.current.logout.mutateAsync())).toBeInstanceOf(NetworkError);
    expect(storage.items.has('passlink.session')).toBe(false);
    expect(result.current.session.status).toBe('unauthenticated');
  });
});
