import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { setupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { createEmulatorHandlers, type EmulatorHandlersOptions } from '../../src/emulator/msw';
import { PasslinkProvider, useLogout, useOtpSignIn, useSession, useVerifyOtp, type PasslinkProviderProps } from '../../src/react';
import { cookiePersistence, withSessionCookie } from '../../src/session';

/*
 * PasslinkProvider as an app configures it for a project that delivers its tokens as HttpOnly
 * cookies, against the emulator's MSW handlers in jsdom (MSW's cookie store keeps the cookies and
 * sends them back, as a browser does with `credentials: 'include'`): sign in, reload (a new
 * provider), sign out, reload; and the first-party `DS` cookie of `withSessionCookie` (Descope's
 * `sessionTokenViaCookie`).
 */

const PROJECT = 'PcookieProvider';
// localhost: MSW's cookie store takes a Secure cookie from an http origin only there.
const BASE = 'http://localhost:4793';
const ADA = { loginId: 'ada@example.com', email: 'ada@example.com' };

const closers: (() => void)[] = [];
afterEach(() => {
  cleanup();
  while (closers.length) closers.pop()?.();
  document.cookie = 'DS=; path=/; max-age=0';
});

function listen(options: EmulatorHandlersOptions) {
  const handlers = createEmulatorHandlers({ projectId: PROJECT, baseUrl: BASE, users: [ADA], ...options });
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const seen: string[] = [];
  server.events.on('response:mocked', ({ request, response }) => {
    seen.push(`${new URL(request.url).pathname} ${response.status}`);
  });
  closers.push(() => server.close());
  return { emulator: handlers.emulator, seen };
}

/** One page load of the app: a provider, and the hooks a sign-in page uses. */
const page = (props: Partial<PasslinkProviderProps>) => {
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <PasslinkProvider projectId={PROJECT} baseUrl={BASE} {...props}>
      {children}
    </PasslinkProvider>
  );
  return renderHook(
    () => ({
      session: useSession(),
      send: useOtpSignIn({ method: 'email' }),
      verify: useVerifyOtp({ method: 'email', loginId: ADA.loginId }),
      logout: useLogout(),
    }),
    { wrapper },
  );
};

const dsCookie = () => document.cookie.split('; ').find((part) => part.startsWith('DS='))?.slice(3);

// The refresh token only as a cookie: MSW's cookie store keeps one cookie of an answer that sets
// two (it reads the joined Set-Cookie header), so both-cookie delivery is covered without MSW, in
// test/session/delivery.test.ts.
describe('PasslinkProvider with a project that delivers the refresh token as an HttpOnly cookie', () => {
  it('signs in, survives a reload through try-refresh (no error on the wire), signs out, and the next reload is signed out quietly', async () => {
    const { emulator, seen } = listen({ delivery: { refresh: 'cookie' } });
    // Each page load creates its provider afresh: nothing survives it but the cookies.
    const props = () => ({ session: { persistence: cookiePersistence() } });

    // First visit: no cookie yet, try-refresh answers {}: signed out, no error.
    const first = page(props());
    await waitFor(() => expect(first.result.current.session.status).toBe('unauthenticated'));
    expect(seen).toEqual(['/v1/auth/try-refresh 200']);

    await act(() => first.result.current.send.mutateAsync({ loginId: ADA.loginId }));
    const code = emulator.outbox.latest({ to: ADA.email })?.code ?? '';
    await act(() => first.result.current.verify.mutateAsync(code));
    expect(first.result.current.session).toMatchObject({ status: 'authenticated', sessionToken: expect.stringMatching(/^eyJ/), user: { loginIds: [ADA.loginId] } });
    first.unmount();

    // Reload: nothing stored, the refresh cookie restores the session, with its user.
    seen.length = 0;
    const reloaded = page(props());
    await waitFor(() => expect(reloaded.result.current.session.status).toBe('authenticated'));
    expect(reloaded.result.current.session).toMatchObject({ sessionToken: expect.stringMatching(/^eyJ/), user: { loginIds: [ADA.loginId] }, sessionExpiration: expect.any(Number) });
    expect(seen).toEqual(['/v1/auth/try-refresh 200', '/v1/auth/me 200']);

    seen.length = 0;
    await act(() => reloaded.result.current.logout.mutateAsync());
    expect(reloaded.result.current.session.status).toBe('unauthenticated');
    expect(seen).toEqual(['/v1/auth/logout 200']);
    reloaded.unmount();

    seen.length = 0;
    const after = page(props());
    await waitFor(() => expect(after.result.current.session.status).toBe('unauthenticated'));
    expect(seen).toEqual(['/v1/auth/try-refresh 200']);
  });
});

describe('PasslinkProvider with withSessionCookie', () => {
  it('writes the session JWT to a first-party DS cookie on sign-in, and removes it on sign-out', async () => {
    const { emulator } = listen({});
    const { result } = page({ session: { persistence: withSessionCookie() } });
    await waitFor(() => expect(result.current.session.status).toBe('unauthenticated'));
    expect(dsCookie()).toBeUndefined();

    await act(() => result.current.send.mutateAsync({ loginId: ADA.loginId }));
    await act(() => result.current.verify.mutateAsync(emulator.outbox.latest({ to: ADA.email })?.code ?? ''));
    const token = result.current.session.sessionToken;
    expect(token).toMatch(/^eyJ/);
    expect(dsCookie()).toBe(token);

    await act(() => result.current.logout.mutateAsync());
    expect(dsCookie()).toBeUndefined();
  });

  it('wraps cookie persistence too: a reload restores the session through the refresh cookie and writes DS again', async () => {
    const { emulator, seen } = listen({ delivery: { refresh: 'cookie' } });
    const props = () => ({ session: { persistence: withSessionCookie(cookiePersistence()) } });
    const first = page(props());
    await waitFor(() => expect(first.result.current.session.status).toBe('unauthenticated'));
    await act(() => first.result.current.send.mutateAsync({ loginId: ADA.loginId }));
    await act(() => first.result.current.verify.mutateAsync(emulator.outbox.latest({ to: ADA.email })?.code ?? ''));
    expect(dsCookie()).toBe(first.result.current.session.sessionToken);
    first.unmount();

    // The page's cookie goes (as if it had expired); the refresh cookie restores the session.
    document.cookie = 'DS=; path=/; max-age=0';
    seen.length = 0;
    const reloaded = page(props());
    await waitFor(() => expect(reloaded.result.current.session.status).toBe('authenticated'));
    expect(seen).toEqual(['/v1/auth/try-refresh 200', '/v1/auth/me 200']);
    expect(dsCookie()).toBe(reloaded.result.current.session.sessionToken);
  });

  it('is off by default', async () => {
    const { emulator } = listen({});
    const { result } = page({});
    await act(() => result.current.send.mutateAsync({ loginId: ADA.loginId }));
    await act(() => result.current.verify.mutateAsync(emulator.outbox.latest({ to: ADA.email })?.code ?? ''));
    expect(result.current.session.status).toBe('authenticated');
    expect(dsCookie()).toBeUndefined();
  });
});
