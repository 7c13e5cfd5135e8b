import { describe, expect, it } from 'vitest';
import { renderHook, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { ApiError, InputError, NetworkError, ResponseFormatError } from '../../src/client';
import { useOtpSignIn, useOtpSignUp, useSession, useUser, useVerifyOtp, type UseVerifyOtpOptions } from '../../src/react';
import { ADA, BASE, HTML_502, expectInstance, rejection, resolved, setup, type Harness } from './harness';

/** The code the emulator sent last to `to`. */
const codeFor = (h: Harness, to: string) => h.emulator.outbox.latest({ to, kind: 'otp' })?.code ?? '';
/** A six-digit code that is not `code`. */
const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

const renderVerify = (h: Harness, options: UseVerifyOtpOptions) =>
  renderHook(
    () => ({ send: useOtpSignIn({ method: options.method }), verify: useVerifyOtp(options), session: useSession(), user: useUser() }),
    { wrapper: h.wrapper },
  );

describe('useVerifyOtp', () => {
  it('signs in: the session goes from unauthenticated to authenticated with the user, and useUser loads', async () => {
    const h = setup();
    const { result } = renderVerify(h, { method: 'sms', loginId: ADA.loginId });
    await waitFor(() => expect(result.current.session.status).toBe('unauthenticated'));
    expect(result.current.session.isAuthenticated).toBe(false);
    expect(result.current.user.fetchStatus).toBe('idle');

    await resolved(() => result.current.send.mutateAsync({ loginId: ADA.loginId }));
    const verified = await resolved(() => result.current.verify.mutateAsync(codeFor(h, ADA.phone)));

    expect(verified.firstSeen).toBe(false);
    expect(verified.user).toMatchObject({ email: ADA.email, phone: ADA.phone, loginIds: [ADA.loginId] });
    await waitFor(() => expect(result.current.session.status).toBe('authenticated'));
    expect(result.current.session.isAuthenticated).toBe(true);
    expect(result.current.session.user?.email).toBe(ADA.email);
    expect(result.current.session.sessionToken).toMatch(/^eyJ/);
    expect(result.current.session.claims?.sub).toBe(verified.user?.userId);
    expect(h.store.getRefreshJwt()).toMatch(/^eyJ/);
    expect(result.current.verify.isPending).toBe(false);
    expect(result.current.verify.data).toEqual(verified);

    await waitFor(() => expect(result.current.user.isSuccess).toBe(true));
    expect(result.current.user.data).toMatchObject({ userId: verified.user?.userId, email: ADA.email });
    expect(h.count('/v1/auth/otp/verify/sms', 'POST')).toBe(1);
    expect(h.count('/v1/auth/me', 'GET')).toBeGreaterThanOrEqual(1);
  });

  it('reports firstSeen after a sign-up code', async () => {
    const h = setup();
    const loginId = 'grace@example.org';
    const { result } = renderHook(() => ({ send: useOtpSignUp({ method: 'email' }), verify: useVerifyOtp({ method: 'email', loginId }) }), {
      wrapper: h.wrapper,
    });
    await resolved(() => result.current.send.mutateAsync({ loginId, user: { name: 'Grace' } }));
    const verified = await resolved(() => result.current.verify.mutateAsync(codeFor(h, loginId)));
    expect(verified.firstSeen).toBe(true);
    expect(verified.user).toMatchObject({ name: 'Grace', email: loginId, verifiedEmail: true });
    expect(h.store.getSnapshot().user?.loginIds).toEqual([loginId]);
  });

  it('rejects a wrong code with ApiError E061102, stays signed out, and isPending ends; the right code then works', async () => {
    const h = setup();
    const { result } = renderVerify(h, { method: 'email', loginId: ADA.loginId });
    await resolved(() => result.current.send.mutateAsync({ loginId: ADA.loginId }));
    const code = codeFor(h, ADA.email);

    const error = expectInstance(await rejection(() => result.current.verify.mutateAsync(wrongFor(code))), ApiError);
    expect(error.code).toBe('E061102');
    expect(error.status).toBe(401);
    await waitFor(() => expect(result.current.verify.isError).toBe(true));
    expect(result.current.verify.isPending).toBe(false);
    expect(result.current.verify.error).toBe(error);
    expect(result.current.session.status).toBe('unauthenticated');
    expect(h.store.getRefreshJwt()).toBeUndefined();

    await resolved(() => result.current.verify.mutateAsync(code));
    await waitFor(() => expect(result.current.session.status).toBe('authenticated'));
  });

  it('rejects too many wrong codes with ApiError E061103; the code is then spent', async () => {
    const h = setup({ emulator: { maxOtpAttempts: 2 } });
    const { result } = renderVerify(h, { method: 'voice', loginId: ADA.loginId });
    await resolved(() => result.current.send.mutateAsync({ loginId: ADA.loginId }));
    const code = codeFor(h, ADA.phone);

    const first = expectInstance(await rejection(() => result.current.verify.mutateAsync(wrongFor(code))), ApiError);
    expect(first.code).toBe('E061102');
    const second = expectInstance(await rejection(() => result.current.verify.mutateAsync(wrongFor(code))), ApiError);
    expect(second.code).toBe('E061103');
    await waitFor(() => expect(result.current.verify.error).toBe(second));
    expect(result.current.verify.isPending).toBe(false);

    const after = expectInstance(await rejection(() => result.current.verify.mutateAsync(code)), ApiError);
    expect(after.code).toBe('E061104');
    expect(result.current.session.status).toBe('unauthenticated');
  });

  it.each(['', '  '])('refuses the code %j with InputError and sends nothing', async (code) => {
    const h = setup();
    const { result } = renderHook(() => useVerifyOtp({ method: 'email', loginId: ADA.loginId }), { wrapper: h.wrapper });
    const error = expectInstance(await rejection(() => result.current.mutateAsync(code)), InputError);
    expect(error.field).toBe('code');
    expect(error.messageId).toBe('input.code.required');
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.isPending).toBe(false);
    expect(h.requests).toHaveLength(0);
  });

  it('refuses an empty login id with InputError and sends nothing', async () => {
    const h = setup();
    const { result } = renderHook(() => useVerifyOtp({ method: 'email', loginId: '' }), { wrapper: h.wrapper });
    const error = expectInstance(await rejection(() => result.current.mutateAsync('123456')), InputError);
    expect(error.field).toBe('loginId');
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.isPending).toBe(false);
    expect(h.requests).toHaveLength(0);
  });

  it('reports a NetworkError, stays signed out, and isPending ends', async () => {
    const h = setup();
    const { result } = renderVerify(h, { method: 'email', loginId: ADA.loginId });
    await resolved(() => result.current.send.mutateAsync({ loginId: ADA.loginId }));
    h.server.use(http.post(`${BASE}/v1/auth/otp/verify/email`, () => HttpResponse.error()));
    const error = await rejection(() => result.current.verify.mutateAsync(codeFor(h, ADA.email)));
    expect(error).toBeInstanceOf(NetworkError);
    await waitFor(() => expect(result.current.verify.isError).toBe(true));
    expect(result.current.verify.isPending).toBe(false);
    expect(result.current.session.status).toBe('unauthenticated');
  });

  it('reports a ResponseFormatError for an HTML 502, and isPending ends', async () => {
    const h = setup();
    const { result } = renderVerify(h, { method: 'email', loginId: ADA.loginId });
    await resolved(() => result.current.send.mutateAsync({ loginId: ADA.loginId }));
    h.emulator.addFault({ path: '/otp/verify', status: 502, body: HTML_502 });
    const error = expectInstance(await rejection(() => result.current.verify.mutateAsync(codeFor(h, ADA.email))), ResponseFormatError);
    expect(error.status).toBe(502);
    await waitFor(() => expect(result.current.verify.isError).toBe(true));
    expect(result.current.verify.isPending).toBe(false);
    expect(result.current.session.status).toBe('unauthenticated');
  });

  it('is pending while the code is being checked', async () => {
    const h = setup();
    const { result } = renderVerify(h, { method: 'email', loginId: ADA.loginId });
    await resolved(() => result.current.send.mutateAsync({ loginId: ADA.loginId }));
    const held = h.hold('/otp/verify');
    result.current.verify.mutate(codeFor(h, ADA.email));
    await waitFor(() => expect(result.current.verify.isPending).toBe(true));
    await held.arrived;
    expect(result.current.session.status).toBe('unauthenticated');
    held.release();
    await waitFor(() => expect(result.current.verify.isSuccess).toBe(true));
    expect(result.current.verify.isPending).toBe(false);
    expect(result.current.session.status).toBe('authenticated');
  });

  it('stops being pending once the session is stored, without waiting for useUser’s refetch', async () => {
    const h = setup();
    const { result } = renderVerify(h, { method: 'email', loginId: ADA.loginId });
    await resolved(() => result.current.send.mutateAsync({ loginId: ADA.loginId }));
    // GET /me is held unanswered (useVerifyToken, by contrast, does not wait for it).
    const me = h.hold('/v1/auth/me');
    result.current.verify.mutate(codeFor(h, ADA.email));
    await waitFor(() => expect(result.current.session.status).toBe('authenticated'));
    await waitFor(() => expect(result.current.verify.isPending).toBe(false));
    expect(result.current.verify.isSuccess).toBe(true);
    // …and all that while GET /me was still waiting for its answer.
    await me.arrived;
    expect(me.waiting).toBeGreaterThan(0);
    me.release();
  });
});
