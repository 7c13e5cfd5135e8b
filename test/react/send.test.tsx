import { describe, expect, it } from 'vitest';
import { renderHook, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { ApiError, InputError, NetworkError, ResponseFormatError } from '../../src/client';
import {
  useMagicLinkSignIn,
  useMagicLinkSignUp,
  useMagicLinkSignUpOrIn,
  useOtpSignIn,
  useOtpSignUp,
  useOtpSignUpOrIn,
  type SendMutation,
} from '../../src/react';
import { ADA, BASE, HTML_502, OTHER_REDIRECT, PROJECT, expectInstance, rejection, resolved, setup } from './harness';

type Method = 'email' | 'sms';

/** One send hook under test; `use*` are hooks, so the rules of hooks hold for them. */
interface SendCase {
  hook: string;
  kind: 'magicLink' | 'otp';
  mode: 'signIn' | 'signUp' | 'signUpOrIn';
  /** The endpoint path without the method. */
  path: string;
  useHook: (method: Method, redirectUrl?: string) => SendMutation;
}

const cases: SendCase[] = [
  {
    hook: 'useMagicLinkSignIn',
    kind: 'magicLink',
    mode: 'signIn',
    path: '/v1/auth/magiclink/signin/',
    useHook: function useCase(method, redirectUrl) {
      return useMagicLinkSignIn({ method, redirectUrl });
    },
  },
  {
    hook: 'useMagicLinkSignUp',
    kind: 'magicLink',
    mode: 'signUp',
    path: '/v1/auth/magiclink/signup/',
    useHook: function useCase(method, redirectUrl) {
      return useMagicLinkSignUp({ method, redirectUrl });
    },
  },
  {
    hook: 'useMagicLinkSignUpOrIn',
    kind: 'magicLink',
    mode: 'signUpOrIn',
    path: '/v1/auth/magiclink/signup-in/',
    useHook: function useCase(method, redirectUrl) {
      return useMagicLinkSignUpOrIn({ method, redirectUrl });
    },
  },
  {
    hook: 'useOtpSignIn',
    kind: 'otp',
    mode: 'signIn',
    path: '/v1/auth/otp/signin/',
    useHook: function useCase(method) {
      return useOtpSignIn({ method });
    },
  },
  {
    hook: 'useOtpSignUp',
    kind: 'otp',
    mode: 'signUp',
    path: '/v1/auth/otp/signup/',
    useHook: function useCase(method) {
      return useOtpSignUp({ method });
    },
  },
  {
    hook: 'useOtpSignUpOrIn',
    kind: 'otp',
    mode: 'signUpOrIn',
    path: '/v1/auth/otp/signup-in/',
    useHook: function useCase(method) {
      return useOtpSignUpOrIn({ method });
    },
  },
];

/** An email login id the hook accepts: Ada for sign-in (and sign-up-or-in), a new user for sign-up. */
const emailTarget = (mode: SendCase['mode']) =>
  mode === 'signUp' ? { loginId: 'grace@example.org', masked: 'g•••@e•••.org' } : { loginId: ADA.loginId, masked: 'a•••@e•••.com' };
/** A phone send: Ada's phone (by her email login id), or a new user's phone number as login id. */
const smsTarget = (mode: SendCase['mode']) =>
  mode === 'signUp'
    ? { loginId: '+447700900123', to: '+447700900123', masked: '+44 ••• ••• 0123' }
    : { loginId: ADA.loginId, to: ADA.phone, masked: '+1 ••• ••• 0101' };

describe.each(cases)('$hook', ({ kind, mode, path, useHook }) => {
  const render = (method: Method = 'email', redirectUrl: string | undefined = kind === 'magicLink' ? OTHER_REDIRECT : undefined) => {
    const h = setup();
    const view = renderHook(() => useHook(method, redirectUrl), { wrapper: h.wrapper });
    return { h, result: view.result };
  };

  it('sends by email and resolves with the masked destination and the login id', async () => {
    const { h, result } = render('email');
    expect(result.current.isPending).toBe(false);
    expect(result.current.isIdle).toBe(true);
    const target = emailTarget(mode);
    const sent = await resolved(() => result.current.mutateAsync({ loginId: target.loginId }));

    expect(sent).toMatchObject({ maskedDestination: target.masked, maskedEmail: target.masked, loginId: target.loginId });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data).toEqual(sent);
    expect(result.current.isPending).toBe(false);
    expect(h.count(`${path}email`, 'POST')).toBe(1);
    expect(h.requests).toHaveLength(1);

    const message = h.emulator.outbox.latest({ to: target.loginId });
    expect(message).toMatchObject({ kind, channel: 'email', loginId: target.loginId, purpose: mode === 'signUp' ? 'signUp' : 'signIn' });
    if (kind === 'magicLink') {
      // The hook's redirectUrl was sent (not the emulator's default redirect).
      expect(message?.link?.startsWith(`${OTHER_REDIRECT}?t=`)).toBe(true);
    } else {
      expect(message?.code).toMatch(/^\d{6}$/);
    }
  });

  it('sends by SMS and masks the phone number', async () => {
    const { h, result } = render('sms');
    const target = smsTarget(mode);
    const sent = await resolved(() => result.current.mutateAsync({ loginId: target.loginId }));
    expect(sent.maskedDestination).toBe(target.masked);
    expect(sent.maskedPhone).toBe(target.masked);
    expect(sent.loginId).toBe(target.loginId);
    expect(h.count(`${path}sms`, 'POST')).toBe(1);
    expect(h.emulator.outbox.latest({ to: target.to })).toMatchObject({ channel: 'sms', kind });
  });

  if (kind === 'magicLink') {
    it('sends the redirectUrl it was given, keeping its own query string', async () => {
      const redirect = 'http://localhost:5173/welcome?from=mail';
      const { h, result } = render('email', redirect);
      const target = emailTarget(mode);
      await resolved(() => result.current.mutateAsync({ loginId: target.loginId }));
      const link = h.emulator.outbox.latest({ to: target.loginId })?.link ?? '';
      expect(link.startsWith(`${redirect}&t=`)).toBe(true);
    });

    it('rejects a redirect outside the approved domains with ApiError E011003, and isPending ends', async () => {
      const { h, result } = render('email', 'https://evil.example/verify');
      const error = expectInstance(await rejection(() => result.current.mutateAsync({ loginId: emailTarget(mode).loginId })), ApiError);
      expect(error.code).toBe('E011003');
      expect(error.status).toBe(400);
      await waitFor(() => expect(result.current.isError).toBe(true));
      expect(result.current.isPending).toBe(false);
      expect(result.current.error).toBe(error);
      expect(h.emulator.outbox.list()).toHaveLength(0);
    });
  }

  if (mode === 'signIn') {
    it('rejects an unknown user with ApiError E062108', async () => {
      const { result } = render();
      const error = expectInstance(await rejection(() => result.current.mutateAsync({ loginId: 'nobody@example.com' })), ApiError);
      expect(error.code).toBe('E062108');
      expect(error.status).toBe(400);
      await waitFor(() => expect(result.current.isError).toBe(true));
      expect(result.current.isPending).toBe(false);
      expect(result.current.error).toBe(error);
    });
  }

  if (mode === 'signUp') {
    it('rejects an existing user with ApiError E062107', async () => {
      const { h, result } = render();
      const error = expectInstance(await rejection(() => result.current.mutateAsync({ loginId: ADA.loginId })), ApiError);
      expect(error.code).toBe('E062107');
      await waitFor(() => expect(result.current.isError).toBe(true));
      expect(result.current.isPending).toBe(false);
      expect(h.emulator.outbox.list()).toHaveLength(0);
    });

    it('sends the new user details given to mutate', async () => {
      const { h, result } = render();
      await resolved(() => result.current.mutateAsync({ loginId: 'grace@example.org', user: { name: 'Grace Hopper' } }));
      const message = h.emulator.outbox.latest({ to: 'grace@example.org' });
      const session =
        kind === 'magicLink'
          ? await h.client.magicLink.verify({ token: message?.token ?? '' })
          : await h.client.otp.verify({ method: 'email', loginId: 'grace@example.org', code: message?.code ?? '' });
      expect(session.firstSeen).toBe(true);
      expect(session.user).toMatchObject({ name: 'Grace Hopper', email: 'grace@example.org' });
    });
  }

  if (mode === 'signUpOrIn') {
    it('signs a new user up (purpose signUp) and an existing one in', async () => {
      const { h, result } = render();
      await resolved(() => result.current.mutateAsync({ loginId: 'new@example.net' }));
      expect(h.emulator.outbox.latest({ to: 'new@example.net' })?.purpose).toBe('signUp');
      await resolved(() => result.current.mutateAsync({ loginId: ADA.loginId }));
      expect(h.emulator.outbox.latest({ to: ADA.email })?.purpose).toBe('signIn');
    });
  }

  it('rejects a rate-limited send with ApiError E130429 and its Retry-After, and isPending ends', async () => {
    const h = setup({ emulator: { rateLimits: { messagesPerRecipient: 1, recipientWindowSeconds: 120 } } });
    const { result } = renderHook(() => useHook('email', kind === 'magicLink' ? OTHER_REDIRECT : undefined), { wrapper: h.wrapper });
    const loginId = mode === 'signUp' ? 'grace@example.org' : ADA.loginId;
    await resolved(() => result.current.mutateAsync({ loginId }));
    const error = expectInstance(await rejection(() => result.current.mutateAsync({ loginId })), ApiError);
    expect(error.code).toBe('E130429');
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(119);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(120);
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.isPending).toBe(false);
  });

  it.each(['', '   '])('refuses the login id %j with InputError and sends nothing', async (loginId) => {
    const { h, result } = render();
    const error = expectInstance(await rejection(() => result.current.mutateAsync({ loginId })), InputError);
    expect(error.field).toBe('loginId');
    expect(error.messageId).toBe('input.loginId.required');
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.isPending).toBe(false);
    expect(result.current.error).toBe(error);
    expect(h.requests).toHaveLength(0);
  });

  it('reports a NetworkError when the request gets no answer, and isPending ends', async () => {
    const { h, result } = render();
    h.server.use(http.post(`${BASE}${path}email`, () => HttpResponse.error()));
    const error = await rejection(() => result.current.mutateAsync({ loginId: emailTarget(mode).loginId }));
    expect(error).toBeInstanceOf(NetworkError);
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.isPending).toBe(false);
    expect(result.current.error).toBe(error);
    expect(h.count(path)).toBe(1);
  });

  it('reports a ResponseFormatError for an HTML 502, and isPending ends', async () => {
    const { h, result } = render();
    h.emulator.addFault({ path, status: 502, body: HTML_502 });
    const error = expectInstance(await rejection(() => result.current.mutateAsync({ loginId: emailTarget(mode).loginId })), ResponseFormatError);
    expect(error.status).toBe(502);
    expect(error.bodyKind).toBe('html');
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.isPending).toBe(false);
    expect(h.emulator.outbox.list()).toHaveLength(0);
  });

  it('is pending while the request is in flight', async () => {
    const { h, result } = render();
    const held = h.hold(path);
    result.current.mutate({ loginId: emailTarget(mode).loginId });
    await waitFor(() => expect(result.current.isPending).toBe(true));
    await held.arrived;
    expect(h.emulator.outbox.list()).toHaveLength(0);
    held.release();
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.isPending).toBe(false);
    expect(result.current.data?.loginId).toBe(emailTarget(mode).loginId);
  });
});

describe('step-up sends', () => {
  it('send the signed-in user’s refresh JWT with loginOptions.stepup', async () => {
    const h = setup();
    const session = await h.signIn();
    const { result } = renderHook(() => useOtpSignIn({ method: 'email', loginOptions: { stepup: true } }), { wrapper: h.wrapper });
    const sent = await resolved(() => result.current.mutateAsync({ loginId: ADA.loginId }));
    expect(sent.maskedDestination).toBe('a•••@e•••.com');
    expect(h.requests[0]?.authorization).toBe(`Bearer ${PROJECT}:${session.refreshJwt ?? ''}`);
  });

  it('send no refresh JWT without step-up', async () => {
    const h = setup();
    await h.signIn();
    const { result } = renderHook(() => useOtpSignIn({ method: 'email' }), { wrapper: h.wrapper });
    await resolved(() => result.current.mutateAsync({ loginId: ADA.loginId }));
    expect(h.requests[0]?.authorization).toBe(`Bearer ${PROJECT}`);
  });

  it('refuse a step-up while signed out with InputError refreshJwt, and send nothing', async () => {
    const h = setup();
    const { result } = renderHook(() => useMagicLinkSignIn({ method: 'email' }), { wrapper: h.wrapper });
    const error = expectInstance(
      await rejection(() => result.current.mutateAsync({ loginId: ADA.loginId, loginOptions: { stepup: true } })),
      InputError,
    );
    expect(error.field).toBe('refreshJwt');
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.isPending).toBe(false);
    expect(h.requests).toHaveLength(0);
  });
});
