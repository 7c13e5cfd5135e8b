import { describe, expect, it } from 'vitest';
import { renderHook, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { ApiError, InputError, NetworkError, ResponseFormatError, type OtpMethod } from '../../src/client';
import {
  NotSignedInError,
  useOtpSignIn,
  useSession,
  useUpdateEmail,
  useUpdatePhone,
  useUser,
  useVerifyOtp,
  useVerifyToken,
  type SendResult,
  type UpdateVariables,
} from '../../src';
import { ADA, BASE, HTML_502, OTHER_REDIRECT, expectInstance, rejection, resolved, setup, type Harness } from './harness';

/** What a test needs of an update hook, whatever its variables. */
interface UpdateHandle {
  isPending: boolean;
  isError: boolean;
  error: Error | null;
  data: SendResult | undefined;
  send(value: string, extra?: UpdateVariables): Promise<SendResult>;
}

interface UpdateCase {
  name: string;
  field: 'email' | 'phone';
  /** The new address and how the server masks it. */
  value: string;
  masked: string;
  /** A value the client refuses, and the InputError it gives. */
  invalid: string;
  invalidMessage: string;
  kind: 'magicLink' | 'otp';
  channel: OtpMethod;
  path: string;
  useHandle: () => UpdateHandle;
}

const handle = (
  mutation: Omit<UpdateHandle, 'send'>,
  send: (value: string, extra?: UpdateVariables) => Promise<SendResult>,
): UpdateHandle => ({ isPending: mutation.isPending, isError: mutation.isError, error: mutation.error, data: mutation.data, send });

const NEW_EMAIL = 'ada.lovelace@example.org';
const NEW_PHONE = '+14155550199';
const emailCase = { field: 'email', value: NEW_EMAIL, masked: 'a•••@e•••.org', invalid: 'not-an-email', invalidMessage: 'input.email.at' } as const;
const phoneCase = { field: 'phone', value: NEW_PHONE, masked: '+1 ••• ••• 0199', invalid: '4155550199', invalidMessage: 'input.phone.countryCode' } as const;

const cases: UpdateCase[] = [
  {
    name: "useUpdateEmail({ via: 'otp' })",
    ...emailCase,
    kind: 'otp',
    channel: 'email',
    path: '/v1/auth/otp/update/email',
    useHandle: function useCase() {
      const mutation = useUpdateEmail({ via: 'otp' });
      return handle(mutation, (email, extra) => mutation.mutateAsync({ email, ...extra }));
    },
  },
  {
    name: "useUpdateEmail({ via: 'magicLink' })",
    ...emailCase,
    kind: 'magicLink',
    channel: 'email',
    path: '/v1/auth/magiclink/update/email',
    useHandle: function useCase() {
      const mutation = useUpdateEmail({ via: 'magicLink', redirectUrl: OTHER_REDIRECT });
      return handle(mutation, (email, extra) => mutation.mutateAsync({ email, ...extra }));
    },
  },
  {
    name: "useUpdatePhone({ via: 'otp', method: 'voice' })",
    ...phoneCase,
    kind: 'otp',
    channel: 'voice',
    path: '/v1/auth/otp/update/phone/voice',
    useHandle: function useCase() {
      const mutation = useUpdatePhone({ via: 'otp', method: 'voice' });
      return handle(mutation, (phone, extra) => mutation.mutateAsync({ phone, ...extra }));
    },
  },
  {
    name: "useUpdatePhone({ via: 'otp', method: 'sms' })",
    ...phoneCase,
    kind: 'otp',
    channel: 'sms',
    path: '/v1/auth/otp/update/phone/sms',
    useHandle: function useCase() {
      const mutation = useUpdatePhone({ via: 'otp', method: 'sms' });
      return handle(mutation, (phone, extra) => mutation.mutateAsync({ phone, ...extra }));
    },
  },
  {
    name: "useUpdatePhone({ via: 'magicLink', method: 'sms' })",
    ...phoneCase,
    kind: 'magicLink',
    channel: 'sms',
    path: '/v1/auth/magiclink/update/phone/sms',
    useHandle: function useCase() {
      const mutation = useUpdatePhone({ via: 'magicLink', method: 'sms', redirectUrl: OTHER_REDIRECT });
      return handle(mutation, (phone, extra) => mutation.mutateAsync({ phone, ...extra }));
    },
  },
];

describe.each(cases)('$name', (c) => {
  /** The update hook with everything needed to verify it and watch the user. */
  const renderUpdate = (h: Harness) =>
    renderHook(
      ({ token }: { token: string }) => ({
        update: c.useHandle(),
        verifyOtp: useVerifyOtp({ method: c.channel, loginId: ADA.loginId }),
        verifyToken: useVerifyToken({ token, fromUrl: false, enabled: !!token }),
        user: useUser(),
        session: useSession(),
      }),
      { wrapper: h.wrapper, initialProps: { token: '' } },
    );

  it('sends to the new address of a signed-in user; useUser shows it once verified', async () => {
    const h = setup();
    const signedIn = await h.signIn();
    const { result, rerender } = renderUpdate(h);
    await waitFor(() => expect(result.current.user.isSuccess).toBe(true));
    const old = c.field === 'email' ? ADA.email : ADA.phone;
    expect(result.current.user.data?.[c.field]).toBe(old);

    const sent = await resolved(() => result.current.update.send(c.value));
    expect(sent.maskedDestination).toBe(c.masked);
    expect(sent[c.field === 'email' ? 'maskedEmail' : 'maskedPhone']).toBe(c.masked);
    // The login id to verify a code with: the signed-in user's.
    expect(sent.loginId).toBe(ADA.loginId);
    await waitFor(() => expect(result.current.update.data).toEqual(sent));
    expect(result.current.update.isPending).toBe(false);

    const updates = h.requests.filter((r) => r.path === c.path);
    expect(updates).toHaveLength(1);
    expect(updates[0]?.authorization).toBe(`Bearer ${h.client.transport.projectId}:${signedIn.refreshJwt ?? ''}`);
    const message = h.emulator.outbox.latest({ to: c.value });
    expect(message).toMatchObject({ kind: c.kind, channel: c.channel, purpose: c.field === 'email' ? 'updateEmail' : 'updatePhone', loginId: ADA.loginId });
    // Nothing changes before verification.
    expect((await h.client.session.me({ refreshJwt: signedIn.refreshJwt ?? '' }))[c.field]).toBe(old);

    if (c.kind === 'otp') {
      await resolved(() => result.current.verifyOtp.mutateAsync(message?.code ?? ''));
    } else {
      expect(message?.link?.startsWith(`${OTHER_REDIRECT}?t=`)).toBe(true);
      rerender({ token: message?.token ?? '' });
      await waitFor(() => expect(result.current.verifyToken.status).toBe('success'));
    }
    await waitFor(() => expect(result.current.user.data?.[c.field]).toBe(c.value));
    expect(result.current.user.data?.[c.field === 'email' ? 'verifiedEmail' : 'verifiedPhone']).toBe(true);
    // One account per person: by default the verified address is a login id too.
    expect(result.current.user.data?.loginIds).toEqual([ADA.loginId, c.value]);
    expect(result.current.session.user?.[c.field]).toBe(c.value);
    expect(result.current.session.status).toBe('authenticated');
  });

  it('with addToLoginIds: false the verified address is not a login id', async () => {
    const h = setup();
    await h.signIn();
    const { result, rerender } = renderUpdate(h);
    await resolved(() => result.current.update.send(c.value, { addToLoginIds: false }));
    const message = h.emulator.outbox.latest({ to: c.value });
    if (c.kind === 'otp') await resolved(() => result.current.verifyOtp.mutateAsync(message?.code ?? ''));
    else rerender({ token: message?.token ?? '' });
    await waitFor(() => expect(result.current.user.data?.[c.field]).toBe(c.value));
    expect(result.current.user.data?.loginIds).toEqual([ADA.loginId]);
  });

  it('fails with NotSignedInError when signed out, and sends nothing', async () => {
    const h = setup();
    const { result } = renderUpdate(h);
    await waitFor(() => expect(result.current.session.status).toBe('unauthenticated'));
    const error = await rejection(() => result.current.update.send(c.value));
    expect(error).toBeInstanceOf(NotSignedInError);
    await waitFor(() => expect(result.current.update.isError).toBe(true));
    expect(result.current.update.isPending).toBe(false);
    expect(result.current.update.error).toBe(error);
    expect(h.requests).toHaveLength(0);
    expect(h.emulator.outbox.list()).toHaveLength(0);
  });

  it('fails with NotSignedInError after a logout, and sends nothing more', async () => {
    const h = setup();
    await h.signIn();
    const { result } = renderUpdate(h);
    await waitFor(() => expect(result.current.session.status).toBe('authenticated'));
    await waitFor(() => expect(result.current.user.isSuccess).toBe(true));
    const before = h.requests.length;
    h.store.clear();
    await waitFor(() => expect(result.current.session.status).toBe('unauthenticated'));
    expect(await rejection(() => result.current.update.send(c.value))).toBeInstanceOf(NotSignedInError);
    expect(h.requests.length).toBe(before);
  });

  it(`refuses an invalid ${c.field} with InputError and sends nothing`, async () => {
    const h = setup();
    await h.signIn();
    const { result } = renderUpdate(h);
    await waitFor(() => expect(result.current.user.isSuccess).toBe(true));
    const before = h.requests.length;
    const error = expectInstance(await rejection(() => result.current.update.send(c.invalid)), InputError);
    expect(error.field).toBe(c.field);
    expect(error.messageId).toBe(c.invalidMessage);
    await waitFor(() => expect(result.current.update.isError).toBe(true));
    expect(result.current.update.isPending).toBe(false);
    expect(h.requests.length).toBe(before);
  });

  it('fails with ApiError E064001 when the refresh JWT was revoked, and isPending ends', async () => {
    const h = setup();
    const signedIn = await h.signIn();
    await h.client.session.logout({ refreshJwt: signedIn.refreshJwt ?? '' });
    const { result } = renderUpdate(h);
    const error = expectInstance(await rejection(() => result.current.update.send(c.value)), ApiError);
    expect(error.code).toBe('E064001');
    expect(error.status).toBe(401);
    await waitFor(() => expect(result.current.update.isError).toBe(true));
    expect(result.current.update.isPending).toBe(false);
    expect(h.emulator.outbox.list()).toHaveLength(0);
  });

  it('reports a NetworkError, and isPending ends', async () => {
    const h = setup();
    await h.signIn();
    h.server.use(http.post(`${BASE}${c.path}`, () => HttpResponse.error()));
    const { result } = renderUpdate(h);
    const error = await rejection(() => result.current.update.send(c.value));
    expect(error).toBeInstanceOf(NetworkError);
    await waitFor(() => expect(result.current.update.isError).toBe(true));
    expect(result.current.update.isPending).toBe(false);
    expect(result.current.update.error).toBe(error);
  });

  it('reports a ResponseFormatError for an HTML 502, and isPending ends', async () => {
    const h = setup();
    await h.signIn();
    h.emulator.addFault({ path: c.path, status: 502, body: HTML_502 });
    const { result } = renderUpdate(h);
    const error = expectInstance(await rejection(() => result.current.update.send(c.value)), ResponseFormatError);
    expect(error.status).toBe(502);
    await waitFor(() => expect(result.current.update.isError).toBe(true));
    expect(result.current.update.isPending).toBe(false);
  });

  it('is pending while the request is in flight', async () => {
    const h = setup();
    await h.signIn();
    const held = h.hold(c.path);
    const { result } = renderUpdate(h);
    void result.current.update.send(c.value);
    await waitFor(() => expect(result.current.update.isPending).toBe(true));
    await held.arrived;
    expect(result.current.update.isPending).toBe(true);
    held.release();
    await waitFor(() => expect(result.current.update.data?.maskedDestination).toBe(c.masked));
    expect(result.current.update.isPending).toBe(false);
  });
});

describe('magic-link updates', () => {
  it('reject a redirect outside the approved domains with ApiError E011003', async () => {
    const h = setup();
    await h.signIn();
    const { result } = renderHook(
      () => ({
        email: useUpdateEmail({ via: 'magicLink', redirectUrl: 'https://evil.example/verify' }),
        phone: useUpdatePhone({ via: 'magicLink', method: 'sms', redirectUrl: 'https://evil.example/verify' }),
      }),
      { wrapper: h.wrapper },
    );
    const emailError = expectInstance(await rejection(() => result.current.email.mutateAsync({ email: NEW_EMAIL })), ApiError);
    expect(emailError.code).toBe('E011003');
    const phoneError = expectInstance(await rejection(() => result.current.phone.mutateAsync({ phone: NEW_PHONE })), ApiError);
    expect(phoneError.code).toBe('E011003');
    await waitFor(() => expect(result.current.phone.isError).toBe(true));
    expect(result.current.email.isPending).toBe(false);
    expect(result.current.phone.isPending).toBe(false);
    expect(h.emulator.outbox.list()).toHaveLength(0);
  });

  it('verify through the address bar (useVerifyToken reading the link) and useUser shows the new email', async () => {
    const h = setup();
    await h.signIn();
    const { result } = renderHook(() => ({ update: useUpdateEmail({ via: 'magicLink', redirectUrl: OTHER_REDIRECT }), user: useUser() }), {
      wrapper: h.wrapper,
    });
    await waitFor(() => expect(result.current.user.data?.email).toBe(ADA.email));
    await resolved(() => result.current.update.mutateAsync({ email: NEW_EMAIL }));
    const link = new URL(h.emulator.outbox.latest({ to: NEW_EMAIL })?.link ?? '');
    history.replaceState(null, '', `${link.pathname}${link.search}&step=2`);

    const page = renderHook(() => useVerifyToken(), { wrapper: h.wrapper });
    await waitFor(() => expect(page.result.current.status).toBe('success'));
    expect(location.pathname).toBe('/auth/finish');
    expect(location.search).toBe('?step=2');
    await waitFor(() => expect(result.current.user.data?.email).toBe(NEW_EMAIL));
  });
});

describe('updates after a real sign-in', () => {
  it('sign in by OTP, then update the phone by voice: useUser shows the new phone', async () => {
    const h = setup();
    const { result } = renderHook(
      () => ({
        send: useOtpSignIn({ method: 'email' }),
        signIn: useVerifyOtp({ method: 'email', loginId: ADA.loginId }),
        update: useUpdatePhone({ via: 'otp', method: 'voice' }),
        confirm: useVerifyOtp({ method: 'voice', loginId: ADA.loginId }),
        user: useUser(),
      }),
      { wrapper: h.wrapper },
    );
    await resolved(() => result.current.send.mutateAsync({ loginId: ADA.loginId }));
    await resolved(() => result.current.signIn.mutateAsync(h.emulator.outbox.latest({ to: ADA.email })?.code ?? ''));
    await waitFor(() => expect(result.current.user.data?.phone).toBe(ADA.phone));

    const sent = await resolved(() => result.current.update.mutateAsync({ phone: NEW_PHONE }));
    expect(sent.maskedDestination).toBe('+1 ••• ••• 0199');
    const call = h.emulator.outbox.latest({ to: NEW_PHONE });
    expect(call?.text).toContain((call?.code ?? 'x').split('').join(', '));
    await resolved(() => result.current.confirm.mutateAsync(call?.code ?? ''));
    await waitFor(() => expect(result.current.user.data?.phone).toBe(NEW_PHONE));
    expect(h.store.getSnapshot().user?.phone).toBe(NEW_PHONE);
  });
});
