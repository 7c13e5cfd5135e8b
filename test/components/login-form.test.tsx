import { render, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { LoginForm, type LoginFormRootProps } from '../../src';
import { ADA, MASKED, PAT, expectFieldError, expectNoAxeViolations, phoneFieldReady, setup, silenceConsoleError } from './harness';

type FormProps = Omit<LoginFormRootProps, 'children'>;

/** A login form composed from its parts, as an app would. */
const Form = (props: FormProps) => (
  <LoginForm.Root aria-label="Sign in" {...props}>
    <LoginForm.LoginIdField defaultCountry="US" />
    <LoginForm.Error />
    <LoginForm.Submit />
  </LoginForm.Root>
);

describe('LoginForm: input refused before any request', () => {
  it('an empty email address: the error is shown, tied to the field, announced, and nothing is sent', async () => {
    const h = setup();
    const { user, container } = h.renderUI(<Form via="magicLink" method="email" />);
    await expectNoAxeViolations(container);

    await user.click(screen.getByRole('button', { name: 'Send me a link' }));
    const field = screen.getByRole('textbox', { name: 'Email address' });
    await screen.findByText('Enter your email address.');
    expectFieldError(field, 'Enter your email address.');
    expect(field).toHaveFocus();
    expect(h.count()).toBe(0);
    await expectNoAxeViolations(container);
  });

  it('a malformed email address: refused with its own message, nothing sent; once corrected it sends', async () => {
    const h = setup();
    const onSent = vi.fn();
    const { user, container } = h.renderUI(<Form via="magicLink" method="email" onSent={onSent} />);
    const field = screen.getByRole('textbox', { name: 'Email address' });
    await user.type(field, 'ada@{Enter}');
    await screen.findByText('The address needs a domain like example.com after the @.');
    expectFieldError(field, 'The address needs a domain like example.com after the @.');
    expect(field).toHaveValue('ada@');
    expect(h.count()).toBe(0);
    await expectNoAxeViolations(container);

    await user.type(field, 'example.com');
    // Corrected: the error goes as the user types.
    await waitFor(() => expect(field).not.toHaveAttribute('aria-invalid'));
    expect(screen.queryByText('The address needs a domain like example.com after the @.')).not.toBeInTheDocument();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(onSent).toHaveBeenCalledTimes(1));
    expect(onSent).toHaveBeenCalledWith(expect.objectContaining({ maskedDestination: MASKED.ada, loginId: ADA.loginId, maskedEmail: MASKED.ada }));
    expect(h.count('/v1/auth/magiclink/signup-in/email')).toBe(1);
  });

  it('a phone number that cannot be E.164: refused, nothing sent', async () => {
    const h = setup();
    const { user, container } = h.renderUI(<Form via="otp" method="sms" />);
    await phoneFieldReady();
    const field = screen.getByRole('textbox', { name: 'Phone number' });
    await user.type(field, '4155');
    await user.click(screen.getByRole('button', { name: 'Send me a code' }));
    await screen.findByText('Enter a valid phone number.');
    expectFieldError(field, 'Enter a valid phone number.');
    expect(field).toHaveFocus();
    expect(h.count()).toBe(0);
    await expectNoAxeViolations(container);
  });

  it('an empty phone number: refused, nothing sent', async () => {
    const h = setup();
    const { user } = h.renderUI(<Form via="otp" method="voice" />);
    await phoneFieldReady();
    await user.click(screen.getByRole('button', { name: 'Call me with the code' }));
    await screen.findByText('Enter your phone number.');
    expectFieldError(screen.getByRole('textbox', { name: 'Phone number' }), 'Enter your phone number.');
    expect(h.count()).toBe(0);
  });

  it('a national number becomes E.164 on the wire, and onSent gets the masked phone', async () => {
    const h = setup();
    const onSent = vi.fn();
    const { user } = h.renderUI(<Form via="otp" method="sms" mode="signIn" onSent={onSent} />);
    await phoneFieldReady();
    const field = screen.getByRole('textbox', { name: 'Phone number' });
    await user.type(field, '4155550102');
    expect(field).toHaveValue('(415) 555-0102');
    await user.click(screen.getByRole('button', { name: 'Send me a code' }));
    await waitFor(() => expect(onSent).toHaveBeenCalledTimes(1));
    expect(onSent).toHaveBeenCalledWith(expect.objectContaining({ maskedDestination: MASKED.pat, loginId: PAT.loginId }));
    expect(h.emulator.outbox.latest({ to: PAT.phone })?.channel).toBe('sms');
  });
});

describe('LoginForm: sending', () => {
  it('while pending, the button says so, is aria-disabled but focusable, and a second press sends nothing', async () => {
    const h = setup();
    const held = h.hold('/magiclink/signup-in/email');
    const onSent = vi.fn();
    const { user, container } = h.renderUI(<Form via="magicLink" method="email" onSent={onSent} />);
    await user.type(screen.getByRole('textbox', { name: 'Email address' }), ADA.email);
    await user.click(screen.getByRole('button', { name: 'Send me a link' }));
    const pending = await screen.findByRole('button', { name: 'Sending…' });
    expect(pending).toHaveAttribute('aria-disabled', 'true');
    expect(pending).not.toBeDisabled();
    expect(pending).toHaveFocus();
    await expectNoAxeViolations(container);
    await user.click(pending);
    await user.keyboard('{Enter}');
    held.release();
    await waitFor(() => expect(onSent).toHaveBeenCalledTimes(1));
    expect(h.count('/v1/auth/magiclink/signup-in/email')).toBe(1);
    // Sent: the same address now waits out its resend cooldown, counted on the button.
    expect(screen.getByRole('button', { name: /^Send again in ([12]\d|30) seconds$/ })).toHaveAttribute('aria-disabled', 'true');
  });

  it('sign-up of an existing user shows E062107 in LoginForm.Error, keeps the value, and sends no message', async () => {
    const h = setup();
    const onSent = vi.fn();
    const { user, container } = h.renderUI(<Form via="magicLink" method="email" mode="signUp" onSent={onSent} />);
    const field = screen.getByRole('textbox', { name: 'Email address' });
    await user.type(field, `${ADA.email}{Enter}`);
    const alert = await screen.findByText('An account already has this email address or phone number. Sign in instead.');
    expect(alert).toHaveAttribute('role', 'alert');
    expect(field).toHaveValue(ADA.email);
    expect(h.count('/v1/auth/magiclink/signup/email')).toBe(1);
    expect(h.emulator.outbox.list()).toHaveLength(0);
    expect(onSent).not.toHaveBeenCalled();
    await expectNoAxeViolations(container);
  });

  it('sign-in of an unknown user shows E062108 in LoginForm.Error and keeps the value', async () => {
    const h = setup();
    const { user, container } = h.renderUI(<Form via="otp" method="email" mode="signIn" onSent={vi.fn()} />);
    const field = screen.getByRole('textbox', { name: 'Email address' });
    await user.type(field, 'nobody@example.com{Enter}');
    const alert = await screen.findByText(
      'No account has this email address or phone number. Check it, or create an account.',
    );
    expect(alert).toHaveAttribute('role', 'alert');
    expect(field).toHaveValue('nobody@example.com');
    expect(h.count('/v1/auth/otp/signin/email')).toBe(1);
    await expectNoAxeViolations(container);
  });

  it('a network failure keeps the typed value, explains itself, and submitting again works', async () => {
    const h = setup();
    h.server.use(http.post('*/v1/auth/*', () => HttpResponse.error()));
    const onSent = vi.fn();
    const { user, container } = h.renderUI(<Form via="magicLink" method="email" onSent={onSent} />);
    const field = screen.getByRole('textbox', { name: 'Email address' });
    await user.type(field, `${ADA.email}{Enter}`);
    await screen.findByText('We could not reach the server. Check your connection and try again.');
    expect(field).toHaveValue(ADA.email);
    expect(onSent).not.toHaveBeenCalled();
    await expectNoAxeViolations(container);

    h.server.resetHandlers();
    await user.click(screen.getByRole('button', { name: 'Send me a link' }));
    await waitFor(() => expect(onSent).toHaveBeenCalledTimes(1));
    expect(onSent).toHaveBeenCalledWith(expect.objectContaining({ maskedDestination: MASKED.ada }));
    // The old error is gone once the retry succeeded.
    expect(screen.queryByText('We could not reach the server. Check your connection and try again.')).not.toBeInTheDocument();
  });

  it('a 502 from the gateway keeps the typed phone, explains itself, and submitting again works', async () => {
    const h = setup();
    h.emulator.addFault({ path: '/otp/signup-in/whatsapp', status: 502, body: '<html><body>Bad Gateway</body></html>' });
    const onSent = vi.fn();
    const { user } = h.renderUI(<Form via="otp" method="whatsapp" onSent={onSent} />);
    await phoneFieldReady();
    const field = screen.getByRole('textbox', { name: 'Phone number' });
    await user.type(field, '4155550102{Enter}');
    await screen.findByText('Something went wrong on our side. Try again in a moment.');
    expect(field).toHaveValue('(415) 555-0102');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(onSent).toHaveBeenCalledTimes(1));
    expect(onSent).toHaveBeenCalledWith(expect.objectContaining({ maskedDestination: MASKED.pat, loginId: PAT.loginId }));
    expect(h.count('/v1/auth/otp/signup-in/whatsapp')).toBe(2);
  });
});

describe('LoginForm.Root without onSent (onSent is optional)', () => {
  // BUG (src/components/LoginForm.tsx, LoginFormRoot's submit handler):
  //   onSent?.(await send.mutateAsync({ loginId, ... }))
  // An optional call short-circuits its arguments: with no onSent, mutateAsync is never called.
  // The form validates, then silently does nothing: no request, no pending state, no error. Fix:
  // `const result = await send.mutateAsync(…); onSent?.(result);`.
  it('sends the message when the form is submitted (and shows the server\'s answer)', async () => {
    const h = setup();
    const { user } = h.renderUI(<Form via="magicLink" method="email" mode="signUp" />);
    await user.type(screen.getByRole('textbox', { name: 'Email address' }), `${ADA.email}{Enter}`);
    await waitFor(() => expect(h.count('/v1/auth/magiclink/signup/email')).toBe(1));
    expect(await screen.findByText('An account already has this email address or phone number. Sign in instead.')).toHaveAttribute(
      'role',
      'alert',
    );
  });
});

describe('LoginForm parts outside LoginForm.Root', () => {
  it.each([
    ['LoginForm.Submit', () => <LoginForm.Submit />],
    ['LoginForm.LoginIdField', () => <LoginForm.LoginIdField />],
    ['LoginForm.Error', () => <LoginForm.Error />],
  ])('<%s> alone throws an error naming it and the root', (part, Part) => {
    silenceConsoleError();
    expect(() => render(<Part />)).toThrow(`<${part}> must be used inside <LoginForm.Root>.`);
  });

  it('LoginForm.Root without a PasslinkProvider names what is missing', () => {
    silenceConsoleError();
    expect(() => render(<Form via="magicLink" method="email" />)).toThrow('LoginForm.Root needs a <PasslinkProvider> above it.');
  });
});
