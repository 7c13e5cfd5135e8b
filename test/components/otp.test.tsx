import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { OtpField, PasswordlessLogin, type LoginMethod } from '../../src';
import { maskEmail } from '../../src/emulator';
import { ADA, expectFieldError, expectNoAxeViolations, findStatus, setup, wrongCode } from './harness';

const EMAIL_CODE: LoginMethod[] = [{ via: 'otp', method: 'email' }];

/** Renders the email-code sign-in and sends Ada her code; answers the code field. */
async function sentCode(h: ReturnType<typeof setup>, props: { codeLength?: number; onSignedIn?: () => void } = {}) {
  const view = h.renderUI(<PasswordlessLogin methods={EMAIL_CODE} {...props} />);
  await view.user.type(screen.getByRole('textbox', { name: 'Email address' }), `${ADA.email}{Enter}`);
  await screen.findByRole('heading', { name: 'Check your email' });
  return { ...view, field: screen.getByRole('textbox', { name: 'Verification code' }) };
}

describe('the code step', () => {
  it('the code field is one input with autocomplete="one-time-code", inputmode="numeric" and a hint', async () => {
    const h = setup();
    const { field, container } = await sentCode(h);
    expect(field).toHaveAttribute('autocomplete', 'one-time-code');
    expect(field).toHaveAttribute('inputmode', 'numeric');
    expect(field).toHaveAccessibleDescription(`Enter the 6-digit code we sent to ${maskEmail(ADA.email)}.`);
    expect(screen.getAllByRole('textbox', { name: 'Verification code' })).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Verify' })).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('a wrong code clears the field, focuses it and explains; the right one then signs in', async () => {
    const h = setup();
    const onSignedIn = vi.fn();
    const { field, user, container } = await sentCode(h, { onSignedIn });
    const code = h.codeFor(ADA.email);
    await user.click(field);
    await user.keyboard(wrongCode(code));

    await screen.findByText('That code is not right. Check it and try again.');
    const fresh = screen.getByRole('textbox', { name: /Verification code/ });
    await waitFor(() => expect(fresh).toHaveFocus());
    expect(fresh).toHaveValue('');
    expectFieldError(fresh, 'That code is not right. Check it and try again.');
    expect(fresh).toHaveAccessibleDescription(`Enter the 6-digit code we sent to ${maskEmail(ADA.email)}. That code is not right. Check it and try again.`);
    expect(onSignedIn).not.toHaveBeenCalled();
    await expectNoAxeViolations(container);

    await user.keyboard(code);
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
    expect(onSignedIn).toHaveBeenCalledWith({ firstSeen: false, user: expect.objectContaining({ email: ADA.email }) });
    expect(await findStatus('Code accepted.')).toBeInTheDocument();
    expect(h.count('/v1/auth/otp/verify/email')).toBe(2);
  });

  it('while the code is being checked the button says "Verifying…" and is aria-disabled', async () => {
    const h = setup();
    const { field, user, container } = await sentCode(h);
    const held = h.hold('/otp/verify/email');
    await user.click(field);
    await user.keyboard(h.codeFor(ADA.email));
    const pending = await screen.findByRole('button', { name: 'Verifying…' });
    expect(pending).toHaveAttribute('aria-disabled', 'true');
    await expectNoAxeViolations(container);
    await user.click(pending);
    held.release();
    await waitFor(() => expect(h.store.getSnapshot().isAuthenticated).toBe(true));
    expect(h.count('/v1/auth/otp/verify/email')).toBe(1);
  });

  it('"Verify" with an incomplete code asks for every digit and sends nothing', async () => {
    const h = setup();
    const { field, user } = await sentCode(h);
    await user.type(field, '123');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await screen.findByText('Enter all 6 digits of the code.');
    expectFieldError(screen.getByRole('textbox', { name: /Verification code/ }), 'Enter all 6 digits of the code.');
    expect(h.count('/v1/auth/otp/verify')).toBe(0);
  });

  it('too many wrong codes (maxOtpAttempts: 2) go back to the start, with the message announced and the address kept', async () => {
    const h = setup({ emulator: { maxOtpAttempts: 2 } });
    const { field, user, container } = await sentCode(h);
    const wrong = wrongCode(h.codeFor(ADA.email));
    await user.click(field);
    await user.keyboard(wrong);
    await screen.findByText('That code is not right. Check it and try again.');
    await waitFor(() => expect(screen.getByRole('textbox', { name: /Verification code/ })).toHaveFocus());
    await user.keyboard(wrong);

    const heading = await screen.findByRole('heading', { name: 'Sign in or create an account' });
    expect(await findStatus('Too many wrong codes. Request a new one.')).toBeInTheDocument();
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.queryByRole('textbox', { name: /Verification code/ })).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Email address' })).toHaveValue(ADA.email);
    await expectNoAxeViolations(container);
  });

  it('an expired code goes back to the start with "This code has expired. Request a new one." announced', async () => {
    const h = setup();
    const { field, user, container } = await sentCode(h);
    h.emulator.advanceClock(301);
    await user.click(field);
    await user.keyboard(h.codeFor(ADA.email));
    const heading = await screen.findByRole('heading', { name: 'Sign in or create an account' });
    expect(await findStatus('This code has expired. Request a new one.')).toBeInTheDocument();
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByRole('textbox', { name: 'Email address' })).toHaveValue(ADA.email);
    await expectNoAxeViolations(container);
    // Asking again waits out the resend cooldown of the first send (counted on the button).
    const again = screen.getByRole('button', { name: /^Send again in \d+ seconds?$/ });
    expect(again).toHaveAttribute('aria-disabled', 'true');
    await user.click(again);
    expect(h.emulator.outbox.list({ to: ADA.email, kind: 'otp' })).toHaveLength(1);
  });

  it('pasting the code with a space ("123 456") fills the field and verifies', async () => {
    const h = setup();
    const onSignedIn = vi.fn();
    const { field, user } = await sentCode(h, { onSignedIn });
    const code = h.codeFor(ADA.email);
    await user.click(field);
    await user.paste(`${code.slice(0, 3)} ${code.slice(3)}`);
    expect(field).toHaveValue(code);
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
  });

  it('pasting the code with a dash ("123-456") fills the field and verifies', async () => {
    const h = setup();
    const onSignedIn = vi.fn();
    const { field, user } = await sentCode(h, { onSignedIn });
    const code = h.codeFor(ADA.email);
    await user.click(field);
    await user.paste(`${code.slice(0, 3)}-${code.slice(3)}`);
    expect(field).toHaveValue(code);
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
  });

  it('codeLength={4} with 4-digit codes: the hint says 4, a fifth digit is ignored, and the code verifies', async () => {
    const h = setup({ emulator: { otpLength: 4 } });
    const onSignedIn = vi.fn();
    const { field, user, container } = await sentCode(h, { codeLength: 4, onSignedIn });
    expect(field).toHaveAccessibleDescription(`Enter the 4-digit code we sent to ${maskEmail(ADA.email)}.`);
    expect(field).toHaveAttribute('pattern', '\\d{4}');
    await expectNoAxeViolations(container);
    const code = h.codeFor(ADA.email);
    expect(code).toMatch(/^\d{4}$/);
    await user.click(field);
    await user.keyboard(`${code}9`);
    expect(field).toHaveValue(code);
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
    expect(h.count('/v1/auth/otp/verify/email')).toBe(1);
  });
});

describe('OtpField on its own', () => {
  it.each([
    ['123 456', '123456'],
    ['123-456', '123456'],
    ['Your code: 98 76 54.', '987654'],
  ])('paste of %j fills %s and completes once', async (pasted, expected) => {
    const onComplete = vi.fn();
    const onValueChange = vi.fn();
    const user = userEvent.setup();
    const { container } = render(<OtpField onComplete={onComplete} onValueChange={onValueChange} />);
    const field = screen.getByRole('textbox', { name: 'Verification code' });
    await user.click(field);
    await user.paste(pasted);
    expect(field).toHaveValue(expected);
    expect(onValueChange).toHaveBeenLastCalledWith(expected);
    expect(onComplete).toHaveBeenCalledTimes(1);
    expect(onComplete).toHaveBeenCalledWith(expected);
    await expectNoAxeViolations(container);
  });

  it('length={4}: four digits complete it; letters are dropped', async () => {
    const onComplete = vi.fn();
    const user = userEvent.setup();
    render(<OtpField length={4} onComplete={onComplete} />);
    const field = screen.getByRole('textbox', { name: 'Verification code' });
    expect(field).toHaveAccessibleDescription('Enter the 4-digit code.');
    await user.type(field, '1a2b3');
    expect(field).toHaveValue('123');
    expect(onComplete).not.toHaveBeenCalled();
    await user.type(field, '45');
    expect(field).toHaveValue('1234');
    expect(onComplete).toHaveBeenCalledTimes(1);
    expect(onComplete).toHaveBeenCalledWith('1234');
  });
});
