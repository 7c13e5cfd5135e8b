import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PasswordlessLogin } from '../../src';
import { ADA, MASKED, PAT, expectNoAxeViolations, findStatus, phoneFieldReady, setup } from './harness';

const advance = (ms: number) => act(() => vi.advanceTimersByTime(ms));

describe('Resend', () => {
  it('is aria-disabled with a visible countdown for 30 seconds, then sends a second message and says "Sent again."', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const h = setup();
    const { user, container } = h.renderUI(<PasswordlessLogin />);
    await user.type(screen.getByRole('textbox', { name: 'Email address' }), `${ADA.email}{Enter}`);
    await screen.findByRole('heading', { name: 'Check your email' });

    // 30 s, less the moments this machine took to get here (the fake clock follows the real one
    // until the test moves it).
    const resend = screen.getByRole('button', { name: /^Send again in (2\d|30) seconds$/ });
    expect(resend).toHaveAttribute('aria-disabled', 'true');
    expect(resend).not.toBeDisabled();
    await expectNoAxeViolations(container);
    // Pressing it during the countdown sends nothing.
    await user.click(resend);
    expect(h.count('/v1/auth/magiclink/signup-in/email')).toBe(1);

    // A second at a time: one less each second, "1 second" (singular) last, then "Send again". The
    // steps follow one another without a pause in between, so the real clock adds nothing.
    const labels = [resend.textContent];
    while (labels.length <= 31 && labels.at(-1) !== 'Send again') {
      await advance(1_000);
      labels.push(resend.textContent);
    }
    const counted = labels.slice(0, -2).map((label) => Number(/^Send again in (\d+) seconds$/.exec(label ?? '')?.[1]));
    expect(counted.every((seconds, i) => i === 0 || seconds === (counted[i - 1] ?? 0) - 1)).toBe(true);
    expect(labels.slice(-3)).toEqual(['Send again in 2 seconds', 'Send again in 1 second', 'Send again']);
    expect(resend).toHaveAccessibleName('Send again');
    expect(resend).not.toHaveAttribute('aria-disabled');
    await expectNoAxeViolations(container);

    await user.click(resend);
    expect(await findStatus('Sent again.')).toBeInTheDocument();
    expect(h.emulator.outbox.list({ to: ADA.email })).toHaveLength(2);
    expect(h.count('/v1/auth/magiclink/signup-in/email')).toBe(2);
    // A new countdown starts after the resend.
    expect(resend).toHaveAccessibleName(expect.stringMatching(/^Send again in (2\d|30) seconds$/));
    expect(resend).toHaveAttribute('aria-disabled', 'true');
    // Still the same step, the masked destination still shown.
    expect(screen.getByText(`We sent a link to ${MASKED.ada}. Open it on this device to continue.`)).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('with resendCooldownSeconds={2} and real timers: enabled after two seconds, and a code resend works', async () => {
    const h = setup();
    const { user } = h.renderUI(<PasswordlessLogin methods={[{ via: 'otp', method: 'sms' }]} defaultCountry="US" />, {
      provider: { resendCooldownSeconds: 2 },
    });
    await phoneFieldReady();
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '4155550102{Enter}');
    await screen.findByRole('heading', { name: 'Check your messages' });
    // Real time: 2 s, or 1 s when this machine took a while to get here.
    const resend = screen.getByRole('button', { name: /^Send again in (2 seconds|1 second)$/ });
    expect(resend).toHaveAttribute('aria-disabled', 'true');
    await waitFor(() => expect(resend).toHaveAccessibleName('Send again'));
    expect(resend).not.toHaveAttribute('aria-disabled');
    const first = h.codeFor(PAT.phone);

    await user.click(resend);
    expect(await findStatus('Sent again.')).toBeInTheDocument();
    const messages = h.emulator.outbox.list({ to: PAT.phone, kind: 'otp' });
    expect(messages).toHaveLength(2);
    expect(messages[1]?.channel).toBe('sms');
    expect(messages[1]?.code).toBe(h.codeFor(PAT.phone));
    expect(first).toMatch(/^\d{6}$/);
  });

  it('a rate-limited resend says how long to wait and counts down that wait', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const h = setup({ emulator: { rateLimits: { messagesPerRecipient: 1 } } });
    const { user, container } = h.renderUI(<PasswordlessLogin />);
    await user.type(screen.getByRole('textbox', { name: 'Email address' }), `${ADA.email}{Enter}`);
    await screen.findByRole('heading', { name: 'Check your email' });
    await advance(30_000);
    const resend = await screen.findByRole('button', { name: 'Send again' });

    await user.click(resend);
    // The recipient window is 600 s and the first message went out 30 s ago (and the moments this
    // machine took since: the fake clock follows the real one until the test moves it).
    const status = await findStatus(/^Too many attempts\. Try again in (56\d|570) seconds\.$/);
    expect(status).toBeInTheDocument();
    expect(resend).toHaveAccessibleName(expect.stringMatching(/^Send again in (56\d|570) seconds$/));
    expect(resend).toHaveAttribute('aria-disabled', 'true');
    expect(h.emulator.outbox.list({ to: ADA.email })).toHaveLength(1);
    await expectNoAxeViolations(container);
  });

  // BUG (src/components/MessageSent.tsx, MessageSentResend → `announce(t('sent.resent'))`, and the
  // flows' `setLive`): the second resend writes the same text into the live region, React makes no
  // DOM change, and a live region only speaks when its content changes: the user who presses
  // "Send again" a second time hears nothing. Each announcement must change the region (clear it
  // first, or make the text differ).
  it('announces every resend, not only the first: the live region is re-written each time', async () => {
    const h = setup();
    const { user } = h.renderUI(<PasswordlessLogin methods={[{ via: 'otp', method: 'email' }]} />, { provider: { resendCooldownSeconds: 1 } });
    await user.type(screen.getByRole('textbox', { name: 'Email address' }), `${ADA.email}{Enter}`);
    await screen.findByRole('heading', { name: 'Check your email' });
    const resend = screen.getByRole('button', { name: /^Send again/ });

    // A real second of cooldown (resendCooldownSeconds: 1) runs out.
    await waitFor(() => expect(resend).toHaveAccessibleName('Send again'));
    await user.click(resend);
    const live = await findStatus('Sent again.');

    const writes: string[] = [];
    const observer = new MutationObserver(() => writes.push(live.textContent ?? ''));
    observer.observe(live, { childList: true, subtree: true, characterData: true });
    await waitFor(() => expect(resend).toHaveAccessibleName('Send again'));
    await user.click(resend);
    await waitFor(() => expect(h.emulator.outbox.list({ to: ADA.email })).toHaveLength(3));
    // What a screen reader would speak: the region written again with "Sent again." (had it not
    // changed, nothing would be written and this wait would give up).
    await waitFor(() => expect(writes.at(-1)).toBe('Sent again.'));
    observer.disconnect();
  });
});
