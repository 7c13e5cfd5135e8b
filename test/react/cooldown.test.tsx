import { describe, expect, it, vi } from 'vitest';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { ApiError } from '../../src/client';
import { PasslinkProvider, useMagicLinkSignUp, useOtpSignIn, useResendCooldown, useUpdateEmail, type ResendCooldown } from '../../src/react';
import { ADA, BASE, expectInstance, rejection, resolved, setup, type Harness } from './harness';

/** Moves the (fake) clock forward inside act. */
const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

const renderSend = (h: Harness, key: string = ADA.loginId) =>
  renderHook(() => ({ send: useOtpSignIn({ method: 'email' }), cooldown: useResendCooldown(key), other: useResendCooldown('someone@example.com') }), {
    wrapper: h.wrapper,
  });

describe('useResendCooldown', () => {
  it('counts down from 30 after a send, and allows a resend after 30 s', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const h = setup();
    const { result } = renderSend(h);
    expect(result.current.cooldown).toEqual({ secondsLeft: 0, canResend: true, sent: false });

    await resolved(() => result.current.send.mutateAsync({ loginId: ADA.loginId }));
    await waitFor(() => expect(result.current.cooldown.secondsLeft).toBe(30));
    expect(result.current.cooldown.canResend).toBe(false);
    // Another destination is not cooling down.
    expect(result.current.other).toEqual({ secondsLeft: 0, canResend: true, sent: false });

    await advance(10_000);
    expect(result.current.cooldown.secondsLeft).toBeGreaterThanOrEqual(19);
    expect(result.current.cooldown.secondsLeft).toBeLessThanOrEqual(20);
    expect(result.current.cooldown.canResend).toBe(false);

    await advance(19_000);
    expect(result.current.cooldown.secondsLeft).toBe(1);
    expect(result.current.cooldown.canResend).toBe(false);

    await advance(1_000);
    expect(result.current.cooldown).toEqual({ secondsLeft: 0, canResend: true, sent: true });
  });

  it('is not started by a failed send other than a 429', async () => {
    const h = setup();
    const { result } = renderSend(h, 'nobody@example.com');
    const error = expectInstance(await rejection(() => result.current.send.mutateAsync({ loginId: 'nobody@example.com' })), ApiError);
    expect(error.code).toBe('E062108');
    await h.idle();
    expect(result.current.cooldown).toEqual({ secondsLeft: 0, canResend: true, sent: false });
  });

  it('follows the Retry-After of a 429 (120 s), and a later send does not shorten it', async () => {
    const h = setup({ emulator: { rateLimits: { messagesPerRecipient: 1, recipientWindowSeconds: 120 } } });
    const { result } = renderSend(h);
    await resolved(() => result.current.send.mutateAsync({ loginId: ADA.loginId }));
    await waitFor(() => expect(result.current.cooldown.secondsLeft).toBe(30));

    const error = expectInstance(await rejection(() => result.current.send.mutateAsync({ loginId: ADA.loginId })), ApiError);
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBe(120);
    await waitFor(() => expect(result.current.cooldown.secondsLeft).toBeGreaterThanOrEqual(119));
    expect(result.current.cooldown.secondsLeft).toBeLessThanOrEqual(120);
    expect(result.current.cooldown.canResend).toBe(false);

    h.emulator.setRateLimits({ messagesPerRecipient: 10 });
    await resolved(() => result.current.send.mutateAsync({ loginId: ADA.loginId }));
    await h.idle();
    expect(result.current.cooldown.secondsLeft).toBeGreaterThanOrEqual(119);
  });

  it('uses the provider window for a 429 without Retry-After', async () => {
    const h = setup({ provider: { resendCooldownSeconds: 45 } });
    h.server.use(
      http.post(`${BASE}/v1/auth/otp/signin/email`, () =>
        HttpResponse.json({ errorCode: 'E130429', errorDescription: 'too many', errorMessage: '' }, { status: 429 }),
      ),
    );
    const { result } = renderSend(h);
    const error = expectInstance(await rejection(() => result.current.send.mutateAsync({ loginId: ADA.loginId })), ApiError);
    expect(error.retryAfterSeconds).toBeUndefined();
    await waitFor(() => expect(result.current.cooldown.secondsLeft).toBe(45));
    // Nothing went out: the wait is the server's, not a resend's.
    expect(result.current.cooldown.sent).toBe(false);
  });

  it('uses the provider’s resendCooldownSeconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const h = setup({ provider: { resendCooldownSeconds: 5 } });
    const { result } = renderSend(h);
    await resolved(() => result.current.send.mutateAsync({ loginId: ADA.loginId }));
    await waitFor(() => expect(result.current.cooldown.secondsLeft).toBe(5));
    await advance(4_000);
    expect(result.current.cooldown.secondsLeft).toBe(1);
    await advance(1_000);
    expect(result.current.cooldown).toEqual({ secondsLeft: 0, canResend: true, sent: true });
  });

  it('is started by an update for the new address, not the login id', async () => {
    const h = setup();
    await h.signIn();
    const { result } = renderHook(
      () => ({ update: useUpdateEmail({ via: 'otp' }), forNew: useResendCooldown('new@example.org'), forLogin: useResendCooldown(ADA.loginId) }),
      { wrapper: h.wrapper },
    );
    await resolved(() => result.current.update.mutateAsync({ email: 'new@example.org' }));
    await waitFor(() => expect(result.current.forNew.secondsLeft).toBe(30));
    expect(result.current.forLogin).toEqual({ secondsLeft: 0, canResend: true, sent: false });
  });

  it('is started by any send hook for its login id', async () => {
    const h = setup();
    const { result } = renderHook(() => ({ send: useMagicLinkSignUp({ method: 'email' }), cooldown: useResendCooldown('grace@example.org') }), {
      wrapper: h.wrapper,
    });
    await resolved(() => result.current.send.mutateAsync({ loginId: 'grace@example.org' }));
    await waitFor(() => expect(result.current.cooldown.secondsLeft).toBe(30));
  });
});

describe('useResendCooldown when its key changes', () => {
  it('reports the new key’s cooldown from the first render with that key', async () => {
    const h = setup();
    const seen: { key: string; value: ResendCooldown }[] = [];
    const { result, rerender } = renderHook(
      ({ key }: { key: string }) => {
        const value = useResendCooldown(key);
        seen.push({ key, value });
        return { send: useOtpSignIn({ method: 'email' }), value };
      },
      { wrapper: h.wrapper, initialProps: { key: ADA.loginId as string } },
    );
    await resolved(() => result.current.send.mutateAsync({ loginId: ADA.loginId }));
    await waitFor(() => expect(result.current.value.secondsLeft).toBe(30));

    const start = seen.length;
    rerender({ key: 'other@example.com' });
    rerender({ key: ADA.loginId });
    await waitFor(() => expect(result.current.value.secondsLeft).toBeGreaterThanOrEqual(29));
    const after = seen.slice(start);
    // other@example.com never had a send; Ada's 30 s are still running.
    expect(after.filter(({ key, value }) => key === 'other@example.com' && !value.canResend)).toEqual([]);
    expect(after.filter(({ key, value }) => key === ADA.loginId && value.canResend)).toEqual([]);
  });
});

/** Shows the countdown; reports every render's value. */
function Countdown({ onRender }: { onRender: (value: ResendCooldown) => void }) {
  const cooldown = useResendCooldown(ADA.loginId);
  onRender(cooldown);
  return <p data-testid="countdown">{cooldown.canResend ? 'resend' : `wait ${cooldown.secondsLeft}`}</p>;
}

/** A send button and, when `shown`, the countdown. */
function SendPage({ shown, onRender }: { shown: boolean; onRender: (value: ResendCooldown) => void }) {
  const send = useOtpSignIn({ method: 'email' });
  return (
    <>
      <button onClick={() => send.mutate({ loginId: ADA.loginId })}>send</button>
      {shown && <Countdown onRender={onRender} />}
    </>
  );
}

describe('useResendCooldown across remounts', () => {
  const page = (h: Harness, shown: boolean, onRender: (value: ResendCooldown) => void) => (
    <PasslinkProvider {...h.providerProps}>
      <SendPage shown={shown} onRender={onRender} />
    </PasslinkProvider>
  );

  it('keeps counting while the component showing it is unmounted', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const h = setup();
    const renders: ResendCooldown[] = [];
    const view = render(page(h, true, (value) => renders.push(value)));
    act(() => screen.getByRole('button').click());
    await waitFor(() => expect(screen.getByTestId('countdown').textContent).toBe('wait 30'));

    view.rerender(page(h, false, (value) => renders.push(value)));
    expect(screen.queryByTestId('countdown')).toBeNull();
    await advance(10_000);
    view.rerender(page(h, true, (value) => renders.push(value)));
    await waitFor(() => expect(screen.getByTestId('countdown').textContent).toMatch(/^wait (19|20)$/));

    await advance(20_000);
    expect(screen.getByTestId('countdown').textContent).toBe('resend');
  });

  it('never reports canResend while a cooldown is running, not even on the first render after a remount', async () => {
    const h = setup();
    const first: ResendCooldown[] = [];
    const view = render(page(h, true, (value) => first.push(value)));
    act(() => screen.getByRole('button').click());
    await waitFor(() => expect(screen.getByTestId('countdown').textContent).toBe('wait 30'));

    view.rerender(page(h, false, () => undefined));
    const remounted: ResendCooldown[] = [];
    view.rerender(page(h, true, (value) => remounted.push(value)));
    await waitFor(() => expect(screen.getByTestId('countdown').textContent).toMatch(/^wait (29|30)$/));

    // A "Resend" button bound to canResend must not be enabled for a frame while 30 s remain.
    expect(remounted.length).toBeGreaterThan(0);
    expect(remounted.filter((value) => value.canResend)).toEqual([]);
  });
});
