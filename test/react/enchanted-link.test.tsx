import { describe, expect, it, vi } from 'vitest';
import { act, renderHook, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { ApiError } from '../../src/client';
import { errorSituations } from '../../src/contract';
import {
  useEnchantedLinkSession,
  useEnchantedLinkSignIn,
  useEnchantedLinkSignUp,
  useEnchantedLinkSignUpOrIn,
  useResendCooldown,
  useVerifyEnchantedLink,
  type EnchantedLinkSendResult,
  type UseEnchantedLinkSessionOptions,
} from '../../src/react';
import { ADA, BASE, REDIRECT, resolved, setup, type Harness } from './harness';

const PENDING = '/v1/auth/enchantedlink/pending-session';

/** Sends Ada an enchanted link through the client (another screen's send) and answers it. */
async function send(h: Harness) {
  return h.client.enchantedLink.signIn({ loginId: ADA.loginId, redirectUrl: REDIRECT });
}

/** The token of the link in the newest enchanted email that shows `number` (or another one's). */
function linkToken(h: Harness, number: string, right = true): string {
  const links = h.emulator.outbox.latest({ kind: 'enchantedLink' })?.links ?? [];
  const link = links.find((candidate) => (candidate.number === number) === right);
  if (!link) throw new Error(`no ${right ? '' : 'other '}link showing ${number}`);
  return link.token;
}

/** Renders the wait with real timers and a short interval: the test waits for the state a screen would show. */
function wait(h: Harness, pendingRef: string | undefined, options: UseEnchantedLinkSessionOptions = {}) {
  return renderHook(({ ref }) => useEnchantedLinkSession(ref, { intervalMs: 20, ...options }), { wrapper: h.wrapper, initialProps: { ref: pendingRef } });
}

describe('useEnchantedLinkSignIn / SignUp / SignUpOrIn', () => {
  it('resolve with the number, the pending reference and the masked email; the redirect is marked; the cooldown starts', async () => {
    const h = setup();
    const { result } = renderHook(
      () => ({ send: useEnchantedLinkSignIn({ redirectUrl: REDIRECT }), cooldown: useResendCooldown(ADA.loginId) }),
      { wrapper: h.wrapper },
    );
    const sent: EnchantedLinkSendResult = await resolved(() => result.current.send.mutateAsync({ loginId: ADA.loginId }));
    expect(sent.linkId).toMatch(/^\d+$/);
    expect(sent.pendingRef).not.toBe('');
    expect(sent.maskedDestination).toBe(sent.maskedEmail);
    expect(sent.loginId).toBe(ADA.loginId);
    expect(h.count('/v1/auth/enchantedlink/signin/email', 'POST')).toBe(1);
    const email = h.emulator.outbox.latest({ kind: 'enchantedLink' });
    expect(email?.links).toHaveLength(3);
    for (const link of email?.links ?? []) {
      const url = new URL(link.url);
      expect(url.origin + url.pathname).toBe(REDIRECT);
      expect(url.searchParams.get('passlink')).toBe('enchanted');
    }
    await waitFor(() => expect(result.current.cooldown.canResend).toBe(false));
  });

  it('sign-up creates the user; sign-up-or-in reaches a new address; an unknown user cannot sign in', async () => {
    const h = setup();
    const { result } = renderHook(
      () => ({ up: useEnchantedLinkSignUp(), either: useEnchantedLinkSignUpOrIn(), signIn: useEnchantedLinkSignIn() }),
      { wrapper: h.wrapper },
    );
    await resolved(() => result.current.up.mutateAsync({ loginId: 'grace@example.com', user: { name: 'Grace' } }));
    await resolved(() => result.current.either.mutateAsync({ loginId: 'linus@example.com' }));
    expect(h.emulator.outbox.latest({ to: 'linus@example.com' })?.kind).toBe('enchantedLink');
    await act(async () => {
      await result.current.signIn.mutateAsync({ loginId: 'nobody@example.com' }).catch(() => undefined);
    });
    await waitFor(() => expect(result.current.signIn.error).toBeInstanceOf(ApiError));
  });
});

describe('useEnchantedLinkSession', () => {
  it('waits while the link is not opened, then signs this tab in when the right link is opened elsewhere', async () => {
    const h = setup();
    const { linkId, pendingRef } = await send(h);
    const onSuccess = vi.fn();
    const { result } = wait(h, pendingRef, { onSuccess });
    expect(result.current.status).toBe('pending');
    // Still pending after a few polls: nobody opened the link.
    await waitFor(() => expect(h.count(PENDING)).toBeGreaterThanOrEqual(2));
    expect(result.current.status).toBe('pending');
    expect(h.store.getSnapshot().isAuthenticated).toBe(false);

    // Another device opens the link showing the number.
    await h.client.enchantedLink.verify({ token: linkToken(h, linkId) });
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.data?.user?.email).toBe(ADA.email);
    expect(h.store.getSnapshot()).toMatchObject({ isAuthenticated: true });
    expect(onSuccess).toHaveBeenCalledTimes(1);
    // The wait is over: no more polls.
    const polls = h.count(PENDING);
    await h.idle();
    expect(h.count(PENDING)).toBe(polls);
  });

  it('ends in an error when a link with another number was opened (the attempt is over), and polls no more', async () => {
    const h = setup();
    const { linkId, pendingRef } = await send(h);
    const { result } = wait(h, pendingRef);
    await expect(h.client.enchantedLink.verify({ token: linkToken(h, linkId, false) })).rejects.toBeInstanceOf(ApiError);
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error).toMatchObject({ code: errorSituations.linkWrong });
    expect(h.store.getSnapshot().isAuthenticated).toBe(false);
  });

  it('ends in timeout when the server says the link expired', async () => {
    const h = setup();
    const { pendingRef } = await send(h);
    const { result } = wait(h, pendingRef);
    h.emulator.advanceClock(24 * 60 * 60);
    await waitFor(() => expect(result.current.status).toBe('timeout'));
  });

  it('keeps polling through network failures (reconnecting), backing off, then signs in', async () => {
    const h = setup();
    const { linkId, pendingRef } = await send(h);
    let failures = 0;
    h.server.use(
      http.post(`${BASE}${PENDING}`, () => {
        failures++;
        return HttpResponse.error();
      }),
    );
    const { result } = wait(h, pendingRef, { intervalMs: 5, maxIntervalMs: 40 });
    await waitFor(() => expect(result.current.reconnecting).toBe(true));
    await waitFor(() => expect(failures).toBeGreaterThanOrEqual(3));
    expect(result.current.status).toBe('pending');
    h.server.resetHandlers();
    await h.client.enchantedLink.verify({ token: linkToken(h, linkId) });
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.reconnecting).toBe(false);
  });

  it('is idle without a pendingRef, and waits on the new one when it changes (a resend)', async () => {
    const h = setup();
    const { result, rerender } = wait(h, undefined);
    expect(result.current.status).toBe('idle');
    await h.idle();
    expect(h.count(PENDING)).toBe(0);
    await send(h);
    const second = await send(h);
    rerender({ ref: second.pendingRef });
    expect(result.current.status).toBe('pending');
    await h.client.enchantedLink.verify({ token: linkToken(h, second.linkId) });
    await waitFor(() => expect(result.current.status).toBe('success'));
  });
});

/**
 * With the fake clock, waits for `check` by letting the event loop turn (real `setImmediate`:
 * MSW's answer arrives through it), never by moving the clock (as `vi.waitFor` would).
 */
async function until(check: () => boolean): Promise<void> {
  for (let turn = 0; turn < 500 && !check(); turn++) await act(() => new Promise<void>((resolve) => setImmediate(resolve)));
  expect(check()).toBe(true);
}

describe('useEnchantedLinkSession with a fake clock', () => {
  it('polls every intervalMs, pauses while the tab is hidden, polls at once when shown, and stops on unmount', async () => {
    const h = setup();
    const { pendingRef } = await send(h);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let hidden = false;
    vi.spyOn(document, 'hidden', 'get').mockImplementation(() => hidden);
    const { result, unmount } = renderHook(() => useEnchantedLinkSession(pendingRef, { intervalMs: 1000 }), { wrapper: h.wrapper });
    await act(() => vi.advanceTimersByTimeAsync(999));
    expect(h.count(PENDING)).toBe(0);
    await act(() => vi.advanceTimersByTimeAsync(1));
    await until(() => h.count(PENDING) === 1);
    await act(() => vi.advanceTimersByTimeAsync(1000));
    await until(() => h.count(PENDING) === 2);

    hidden = true;
    act(() => void document.dispatchEvent(new Event('visibilitychange')));
    expect(result.current.paused).toBe(true);
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(h.count(PENDING)).toBe(2);

    hidden = false;
    act(() => void document.dispatchEvent(new Event('visibilitychange')));
    expect(result.current.paused).toBe(false);
    await until(() => h.count(PENDING) === 3);
    expect(result.current.status).toBe('pending');

    unmount();
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(h.count(PENDING)).toBe(3);
  });

  it('ends in timeout after timeoutSeconds, polls no more, and retry() waits again', async () => {
    const h = setup();
    const { pendingRef } = await send(h);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { result } = renderHook(() => useEnchantedLinkSession(pendingRef, { intervalMs: 1000, timeoutSeconds: 5 }), { wrapper: h.wrapper });
    await act(() => vi.advanceTimersByTimeAsync(4_999));
    expect(result.current.status).toBe('pending');
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(result.current.status).toBe('timeout');
    const polls = h.count(PENDING);
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(h.count(PENDING)).toBe(polls);
    act(() => result.current.retry());
    expect(result.current.status).toBe('pending');
    await act(() => vi.advanceTimersByTimeAsync(1000));
    await until(() => h.count(PENDING) === polls + 1);
  });

  it('backs off after failures (doubling up to maxIntervalMs) and comes back to intervalMs once answered', async () => {
    const h = setup();
    const { pendingRef } = await send(h);
    h.server.use(http.post(`${BASE}${PENDING}`, () => HttpResponse.json({ errorCode: 'E011500', errorDescription: 'down' }, { status: 500 })));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { result } = renderHook(() => useEnchantedLinkSession(pendingRef, { intervalMs: 1000, maxIntervalMs: 4000 }), { wrapper: h.wrapper });
    // Polls at 1 s, then after 2 s, 4 s, 4 s (the maximum).
    const at = async (ms: number, polls: number) => {
      await act(() => vi.advanceTimersByTimeAsync(ms));
      await until(() => h.count(PENDING) === polls);
    };
    await at(1000, 1);
    await until(() => result.current.reconnecting === true);
    await at(1999, 1);
    await at(1, 2);
    await at(3999, 2);
    await at(1, 3);
    await at(4000, 4);
    expect(result.current.status).toBe('pending');
    // The server answers again ("pending"): back to every second.
    h.server.resetHandlers();
    await at(4000, 5);
    await until(() => result.current.reconnecting === false);
    await at(999, 5);
    await at(1, 6);
  });
});

describe('useVerifyEnchantedLink', () => {
  it('confirms the link for the waiting device, never signs this tab in, and takes the token out of the address bar', async () => {
    const h = setup();
    const { linkId, pendingRef } = await send(h);
    history.replaceState(null, '', `/verify?passlink=enchanted&t=${linkToken(h, linkId)}`);
    const { result } = renderHook(() => useVerifyEnchantedLink(), { wrapper: h.wrapper });
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(location.search).toBe('?passlink=enchanted');
    expect(h.store.getSnapshot().isAuthenticated).toBe(false);
    // The waiting device gets the session.
    const session = await h.client.enchantedLink.pendingSession({ pendingRef });
    expect(session.user?.email).toBe(ADA.email);
  });

  it('refuses an address with two tokens and sends nothing', async () => {
    const h = setup();
    const { linkId } = await send(h);
    history.replaceState(null, '', `/verify?passlink=enchanted&t=${linkToken(h, linkId)}&t=planted`);
    const { result } = renderHook(() => useVerifyEnchantedLink(), { wrapper: h.wrapper });
    await waitFor(() => expect(result.current.status).toBe('refused'));
    await h.idle();
    expect(h.count('/v1/auth/enchantedlink/verify')).toBe(0);
    expect(location.search).toBe('?passlink=enchanted');
  });
});
