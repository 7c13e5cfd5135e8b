import { describe, expect, it, vi } from 'vitest';
import { renderHook, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import {
  PasslinkProvider,
  passlinkKeys,
  useLogout,
  useMagicLinkSignIn,
  useMagicLinkSignUp,
  useMagicLinkSignUpOrIn,
  useOtpSignIn,
  useOtpSignUp,
  useOtpSignUpOrIn,
  useResendCooldown,
  useSession,
  useUpdateEmail,
  useUpdatePhone,
  useUser,
  useVerifyOtp,
  useVerifyToken,
} from '../../src/react';
import { ADA, BASE, PROJECT, REDIRECT, resolved, setup } from './harness';

const outside: [string, () => unknown][] = [
  ['useMagicLinkSignIn', () => useMagicLinkSignIn({ method: 'email' })],
  ['useMagicLinkSignUp', () => useMagicLinkSignUp({ method: 'email' })],
  ['useMagicLinkSignUpOrIn', () => useMagicLinkSignUpOrIn({ method: 'email' })],
  ['useOtpSignIn', () => useOtpSignIn({ method: 'sms' })],
  ['useOtpSignUp', () => useOtpSignUp({ method: 'sms' })],
  ['useOtpSignUpOrIn', () => useOtpSignUpOrIn({ method: 'sms' })],
  ['useVerifyToken', () => useVerifyToken()],
  ['useVerifyOtp', () => useVerifyOtp({ method: 'email', loginId: ADA.loginId })],
  ['useUpdateEmail', () => useUpdateEmail({ via: 'otp' })],
  ['useUpdatePhone', () => useUpdatePhone({ via: 'otp', method: 'voice' })],
  ['useSession', () => useSession()],
  ['useUser', () => useUser()],
  ['useLogout', () => useLogout()],
  ['useResendCooldown', () => useResendCooldown(ADA.loginId)],
];

describe('a hook outside <PasslinkProvider>', () => {
  it.each(outside)('%s throws an error naming it', (name, hook) => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => renderHook(hook)).toThrow(new Error(`${name} needs a <PasslinkProvider> above it.`));
  });

  it('throws even inside a QueryClientProvider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const queryClient = new QueryClient();
    expect(() =>
      renderHook(() => useUser(), { wrapper: ({ children }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider> }),
    ).toThrow('useUser needs a <PasslinkProvider>');
  });
});

describe('PasslinkProvider and react-query', () => {
  it('uses the app’s QueryClient from a QueryClientProvider above it', async () => {
    const h = setup({ noQueryClientProp: true });
    const session = await h.signIn();
    const app = new QueryClient();
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <QueryClientProvider client={app}>
        <PasslinkProvider {...h.providerProps}>{children}</PasslinkProvider>
      </QueryClientProvider>
    );
    const { result } = renderHook(() => ({ user: useUser(), send: useOtpSignIn({ method: 'email' }) }), { wrapper });
    await waitFor(() => expect(result.current.user.data?.email).toBe(ADA.email));
    expect(app.getQueryData(passlinkKeys.user(session.user?.userId))).toMatchObject({ email: ADA.email });
    expect(app.getQueryCache().findAll({ queryKey: passlinkKeys.all })).toHaveLength(1);
    // The harness' QueryClient was not given to the provider, and so stays empty.
    expect(h.queryClient.getQueryCache().getAll()).toHaveLength(0);

    await resolved(() => result.current.send.mutateAsync({ loginId: ADA.loginId }));
    // The send ran in the app's client too (and not in the harness' one).
    expect(app.getMutationCache().getAll()).toHaveLength(1);
    expect(h.queryClient.getMutationCache().getAll()).toHaveLength(0);
    app.clear();
  });

  it('prefers its queryClient prop to the app’s', async () => {
    const h = setup();
    const session = await h.signIn();
    const app = new QueryClient();
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <QueryClientProvider client={app}>
        <PasslinkProvider {...h.providerProps}>{children}</PasslinkProvider>
      </QueryClientProvider>
    );
    const { result } = renderHook(() => useUser(), { wrapper });
    await waitFor(() => expect(result.current.data?.email).toBe(ADA.email));
    expect(h.queryClient.getQueryData(passlinkKeys.user(session.user?.userId))).toMatchObject({ email: ADA.email });
    expect(app.getQueryCache().getAll()).toHaveLength(0);
    app.clear();
  });

  it('uses a QueryClient given to one hook call instead of the provider’s', async () => {
    const h = setup();
    const session = await h.signIn();
    const mine = new QueryClient();
    const { result } = renderHook(() => useUser(mine), { wrapper: h.wrapper });
    await waitFor(() => expect(result.current.data?.email).toBe(ADA.email));
    expect(mine.getQueryData(passlinkKeys.user(session.user?.userId))).toMatchObject({ email: ADA.email });
    expect(h.queryClient.getQueryCache().getAll()).toHaveLength(0);
    mine.clear();
  });

  it('refreshes useUser(queryClient) after a verification made with the same QueryClient', async () => {
    const h = setup();
    await h.signIn();
    const mine = new QueryClient();
    const { result } = renderHook(
      () => ({
        user: useUser(mine),
        update: useUpdateEmail({ via: 'otp' }, mine),
        verify: useVerifyOtp({ method: 'email', loginId: ADA.loginId }, mine),
      }),
      { wrapper: h.wrapper },
    );
    await waitFor(() => expect(result.current.user.data?.email).toBe(ADA.email));
    await resolved(() => result.current.update.mutateAsync({ email: 'new@example.org' }));
    await resolved(() => result.current.verify.mutateAsync(h.emulator.outbox.latest({ to: 'new@example.org' })?.code ?? ''));
    // useUser: "It refetches after a verification (an email or phone update shows at once)": nothing
    // else would ever fetch it again here.
    await waitFor(() => expect(result.current.user.data?.email).toBe('new@example.org'));
    mine.clear();
  });

  it('works with no QueryClient anywhere: queries, mutations and verification run on its own', async () => {
    const h = setup({ noQueryClientProp: true, ownStore: true });
    await h.client.magicLink.signIn({ method: 'email', loginId: ADA.loginId, redirectUrl: REDIRECT });
    const token = h.emulator.outbox.latest()?.token ?? '';
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <PasslinkProvider projectId={PROJECT} baseUrl={BASE}>
        {children}
      </PasslinkProvider>
    );
    const { result } = renderHook(
      () => ({ verify: useVerifyToken({ token }), session: useSession(), user: useUser(), send: useOtpSignIn({ method: 'sms' }) }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.verify.status).toBe('success'));
    expect(result.current.session.status).toBe('authenticated');
    await waitFor(() => expect(result.current.user.data?.email).toBe(ADA.email));
    const sent = await resolved(() => result.current.send.mutateAsync({ loginId: ADA.loginId }));
    expect(sent.maskedDestination).toBe('+1 ••• ••• 0101');
    // Every request went to the provider's baseUrl.
    expect(h.requests.length).toBeGreaterThanOrEqual(3);
    expect(h.requests.every((r) => r.url.startsWith(`${BASE}/`))).toBe(true);
    expect(h.requests.every((r) => r.authorization?.startsWith(`Bearer ${PROJECT}`))).toBe(true);
  });
});
