import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { PasswordlessLogin, type LoginMethod } from '../../src';
import { ADA, MASKED, NEW_EMAIL, PAT, expectNoAxeViolations, findStatus, phoneFieldReady, setup } from './harness';

const EMAIL_CODE: LoginMethod[] = [{ via: 'otp', method: 'email' }];
const WHATSAPP_CODE: LoginMethod[] = [{ via: 'otp', method: 'whatsapp' }];


describe('PasswordlessLogin: the masked destination from the server after a send', () => {
  it('email link (the first default method): "Check your email" with the masked address, focused', async () => {
    const h = setup();
    const { user, container } = h.renderUI(<PasswordlessLogin />);
    expect(screen.getByRole('heading', { level: 2, name: 'Sign in or create an account' })).not.toHaveFocus();
    expect(screen.getByRole('radio', { name: 'Link by email' })).toBeChecked();
    expect(screen.getByRole('group', { name: 'How would you like to sign in?' })).toBeInTheDocument();
    await expectNoAxeViolations(container);

    await user.type(screen.getByRole('textbox', { name: 'Email address' }), ADA.email);
    await user.click(screen.getByRole('button', { name: 'Send me a link' }));
    const heading = await screen.findByRole('heading', { level: 2, name: 'Check your email' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByText(`We sent a link to ${MASKED.ada}. Open it on this device to continue.`)).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Verification code' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Use a different email address' })).toBeInTheDocument();
    expect(h.emulator.outbox.latest({ to: ADA.email })).toMatchObject({ kind: 'magicLink', channel: 'email', purpose: 'signIn' });
    await expectNoAxeViolations(container);
  });

  it('SMS link: "Check your messages" with the masked number', async () => {
    const h = setup();
    const { user, container } = h.renderUI(<PasswordlessLogin defaultCountry="US" />);
    await user.click(screen.getByRole('radio', { name: 'Link by text message' }));
    await phoneFieldReady();
    await expectNoAxeViolations(container);
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '4155550102');
    await user.click(screen.getByRole('button', { name: 'Send me a link' }));
    const heading = await screen.findByRole('heading', { name: 'Check your messages' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByText(`We sent a link to ${MASKED.pat}. Open it on this device to continue.`)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Use a different phone number' })).toBeInTheDocument();
    expect(h.emulator.outbox.latest({ to: PAT.phone })).toMatchObject({ kind: 'magicLink', channel: 'sms' });
    await expectNoAxeViolations(container);
  });

  it('voice code: "Answer your phone" with the masked number, a code field and "Call me with the code"', async () => {
    const h = setup();
    const { user, container } = h.renderUI(<PasswordlessLogin defaultCountry="US" />);
    await user.click(screen.getByRole('radio', { name: 'Code by phone call' }));
    await phoneFieldReady();
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '4155550102');
    await user.click(screen.getByRole('button', { name: 'Call me with the code' }));
    await screen.findByRole('heading', { name: 'Answer your phone' });
    expect(screen.getByText(`We are calling ${MASKED.pat} to read you a code.`)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Verification code' })).toBeInTheDocument();
    expect(h.emulator.outbox.latest({ to: PAT.phone })).toMatchObject({ kind: 'otp', channel: 'voice' });
    await expectNoAxeViolations(container);
  });

  it('WhatsApp code (a single method: no choice shown): "Check WhatsApp" with the masked number', async () => {
    const h = setup();
    const { user, container } = h.renderUI(<PasswordlessLogin methods={WHATSAPP_CODE} defaultCountry="US" />);
    expect(screen.queryByRole('group', { name: 'How would you like to sign in?' })).not.toBeInTheDocument();
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
    await phoneFieldReady();
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '4155550102');
    await user.click(screen.getByRole('button', { name: 'Send me a code' }));
    await screen.findByRole('heading', { name: 'Check WhatsApp' });
    expect(screen.getByText(`We sent a code to ${MASKED.pat}.`)).toBeInTheDocument();
    expect(h.emulator.outbox.latest({ to: PAT.phone })).toMatchObject({ kind: 'otp', channel: 'whatsapp' });
    await expectNoAxeViolations(container);
  });

  it('redirectUrl is where the emailed link leads', async () => {
    const h = setup();
    const { user } = h.renderUI(<PasswordlessLogin redirectUrl="http://localhost:4000/auth/finish" />);
    await user.type(screen.getByRole('textbox', { name: 'Email address' }), `${ADA.email}{Enter}`);
    await screen.findByRole('heading', { name: 'Check your email' });
    expect(h.emulator.outbox.latest({ to: ADA.email })?.link).toMatch(/^http:\/\/localhost:4000\/auth\/finish\?t=\w+$/);
  });

  it('sign-up mode: "Create your account"; a new address gets a sign-up link; an existing one gets E062107', async () => {
    const h = setup();
    const { user, container } = h.renderUI(<PasswordlessLogin mode="signUp" />);
    expect(screen.getByRole('heading', { name: 'Create your account' })).toBeInTheDocument();
    const field = screen.getByRole('textbox', { name: 'Email address' });
    await user.type(field, `${ADA.email}{Enter}`);
    await screen.findByText('An account already has this email address or phone number. Sign in instead.');
    expect(screen.getByRole('heading', { name: 'Create your account' })).toBeInTheDocument();
    expect(field).toHaveValue(ADA.email);
    expect(h.count('/v1/auth/magiclink/signup/email')).toBe(1);
    await expectNoAxeViolations(container);

    await user.clear(field);
    await user.type(field, `${NEW_EMAIL}{Enter}`);
    await screen.findByRole('heading', { name: 'Check your email' });
    expect(screen.getByText(`We sent a link to ${MASKED.newEmail}. Open it on this device to continue.`)).toBeInTheDocument();
    expect(h.emulator.outbox.latest({ to: NEW_EMAIL })).toMatchObject({ purpose: 'signUp', kind: 'magicLink' });
  });

  it('sign-in mode: "Sign in"; an unknown address gets E062108; a known number gets its code', async () => {
    const h = setup();
    const { user, container } = h.renderUI(<PasswordlessLogin mode="signIn" methods={[...EMAIL_CODE, { via: 'otp', method: 'sms' }]} defaultCountry="US" />);
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Email address' }), 'nobody@example.com{Enter}');
    await screen.findByText('No account has this email address or phone number. Check it, or create an account.');
    expect(screen.getByRole('textbox', { name: 'Email address' })).toHaveValue('nobody@example.com');
    await expectNoAxeViolations(container);

    await user.click(screen.getByRole('radio', { name: 'Code by text message' }));
    await phoneFieldReady();
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '4155550102{Enter}');
    await screen.findByRole('heading', { name: 'Check your messages' });
    expect(screen.getByText(`We sent a code to ${MASKED.pat}.`)).toBeInTheDocument();
    expect(h.emulator.outbox.latest({ to: PAT.phone })).toMatchObject({ purpose: 'signIn', kind: 'otp', channel: 'sms' });
  });
});

describe('PasswordlessLogin: back to the form, failures and retry', () => {
  it('"Use a different email address" returns to the form with the address kept and the heading focused', async () => {
    const h = setup();
    const { user, container } = h.renderUI(<PasswordlessLogin />);
    await user.type(screen.getByRole('textbox', { name: 'Email address' }), `${ADA.email}{Enter}`);
    await screen.findByRole('heading', { name: 'Check your email' });
    await user.click(screen.getByRole('button', { name: 'Use a different email address' }));

    const heading = await screen.findByRole('heading', { name: 'Sign in or create an account' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByRole('textbox', { name: 'Email address' })).toHaveValue(ADA.email);
    expect(screen.getByRole('radio', { name: 'Link by email' })).toBeChecked();
    await expectNoAxeViolations(container);
  });

  it('"Use a different phone number" returns to the form with the number kept and its method still chosen', async () => {
    const h = setup();
    const { user } = h.renderUI(<PasswordlessLogin defaultCountry="US" />);
    await user.click(screen.getByRole('radio', { name: 'Code by phone call' }));
    await phoneFieldReady();
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '4155550102{Enter}');
    await screen.findByRole('heading', { name: 'Answer your phone' });
    await user.click(screen.getByRole('button', { name: 'Use a different phone number' }));

    await screen.findByRole('heading', { name: 'Sign in or create an account' });
    expect(screen.getByRole('radio', { name: 'Code by phone call' })).toBeChecked();
    expect(screen.getByRole('textbox', { name: 'Phone number' })).toHaveValue('(415) 555-0102');
    // The same number was just called: the button counts down its resend cooldown, and a press
    // sends nothing until it ends.
    const again = screen.getByRole('button', { name: /^Send again in \d+ seconds?$/ });
    expect(again).toHaveAttribute('aria-disabled', 'true');
    await user.click(again);
    expect(h.emulator.outbox.list({ to: PAT.phone })).toHaveLength(1);
  });

  it('a network failure keeps the typed value and shows the error; submitting again reaches the sent step', async () => {
    const h = setup();
    h.server.use(http.post('*/v1/auth/*', () => HttpResponse.error()));
    const { user, container } = h.renderUI(<PasswordlessLogin />);
    const field = screen.getByRole('textbox', { name: 'Email address' });
    await user.type(field, `${ADA.email}{Enter}`);
    const error = await screen.findByText('We could not reach the server. Check your connection and try again.');
    expect(error).toHaveAttribute('role', 'alert');
    expect(field).toHaveValue(ADA.email);
    expect(screen.getByRole('heading', { name: 'Sign in or create an account' })).toBeInTheDocument();
    await expectNoAxeViolations(container);

    h.server.resetHandlers();
    await user.click(screen.getByRole('button', { name: 'Send me a link' }));
    await screen.findByRole('heading', { name: 'Check your email' });
    expect(screen.getByText(`We sent a link to ${MASKED.ada}. Open it on this device to continue.`)).toBeInTheDocument();
  });

  it('an emulator fault (502) keeps the typed value and shows the server error; the retry succeeds', async () => {
    const h = setup();
    h.emulator.addFault({ path: '/magiclink/signup-in/email', status: 502 });
    const { user } = h.renderUI(<PasswordlessLogin />);
    const field = screen.getByRole('textbox', { name: 'Email address' });
    await user.type(field, `${ADA.email}{Enter}`);
    await screen.findByText('Something went wrong on our side. Try again in a moment.');
    expect(field).toHaveValue(ADA.email);
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { name: 'Check your email' });
    expect(h.count('/v1/auth/magiclink/signup-in/email')).toBe(2);
  });

  it('a rate-limited send (messagesPerRecipient: 1) says how long to wait, in the form', async () => {
    const h = setup({ emulator: { rateLimits: { messagesPerRecipient: 1, recipientWindowSeconds: 45 } } });
    // No client-side cooldown, so the second send reaches the server's limit.
    const { user, container } = h.renderUI(<PasswordlessLogin />, { provider: { resendCooldownSeconds: 0 } });
    await user.type(screen.getByRole('textbox', { name: 'Email address' }), `${ADA.email}{Enter}`);
    await screen.findByRole('heading', { name: 'Check your email' });
    await user.click(screen.getByRole('button', { name: 'Use a different email address' }));
    await user.click(await screen.findByRole('button', { name: 'Send me a link' }));
    const alert = await screen.findByText(/^Too many attempts\. Try again in \d+ seconds\.$/);
    expect(alert).toHaveAttribute('role', 'alert');
    // The window is 45 s and the first message went out a moment ago.
    const seconds = Number(/in (\d+) seconds/.exec(alert.textContent ?? '')?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(40);
    expect(seconds).toBeLessThanOrEqual(45);
    expect(screen.getByRole('textbox', { name: 'Email address' })).toHaveValue(ADA.email);
    expect(h.emulator.outbox.list({ to: ADA.email })).toHaveLength(1);
    await expectNoAxeViolations(container);
  });

  it('refuses a malformed address before any request, inside the full flow', async () => {
    const h = setup();
    const { user, container } = h.renderUI(<PasswordlessLogin />);
    const field = screen.getByRole('textbox', { name: 'Email address' });
    await user.type(field, 'ada.example.com{Enter}');
    const alert = await screen.findByText('An email address has exactly one @, like name@example.com.');
    expect(alert).toHaveAttribute('role', 'alert');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAttribute('aria-describedby', alert.id);
    expect(h.count()).toBe(0);
    await expectNoAxeViolations(container);
  });
});

describe('PasswordlessLogin with the keyboard alone', () => {
  it('email code: Tab, type, Enter; focus on the new heading; Tab to the code, type it; signed in and announced', async () => {
    const h = setup();
    const onSignedIn = vi.fn();
    const { user } = h.renderUI(<PasswordlessLogin methods={EMAIL_CODE} onSignedIn={onSignedIn} />);
    await user.tab();
    expect(screen.getByRole('textbox', { name: 'Email address' })).toHaveFocus();
    await user.keyboard(`${ADA.email}{Enter}`);

    const heading = await screen.findByRole('heading', { name: 'Check your email' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByText(`We sent a code to ${MASKED.ada}.`)).toBeInTheDocument();
    await user.tab();
    const code = screen.getByRole('textbox', { name: 'Verification code' });
    expect(code).toHaveFocus();
    await user.keyboard(h.codeFor(ADA.email));

    await waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
    expect(onSignedIn.mock.calls[0]?.[0]).toMatchObject({ firstSeen: false, user: { email: ADA.email } });
    expect(await findStatus('Code accepted.')).toBeInTheDocument();
    expect(h.store.getSnapshot()).toMatchObject({ isAuthenticated: true, user: { email: ADA.email } });
  });

  it('SMS link: arrows choose the method, Tab to the number, Enter sends; Tab to "Use a different phone number", Enter goes back', async () => {
    const h = setup();
    const { user, container } = h.renderUI(<PasswordlessLogin defaultCountry="US" />);
    await user.tab();
    expect(screen.getByRole('radio', { name: 'Link by email' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('radio', { name: 'Link by text message' })).toBeChecked();
    await phoneFieldReady();
    await user.tab();
    expect(screen.getByRole('combobox', { name: 'Country or region' })).toHaveFocus();
    expect(within(screen.getByRole('combobox', { name: 'Country or region' })).getByRole('option', { selected: true })).toHaveTextContent(
      'United States +1',
    );
    await user.tab();
    expect(screen.getByRole('textbox', { name: 'Phone number' })).toHaveFocus();
    await user.keyboard('4155550102{Enter}');

    const heading = await screen.findByRole('heading', { name: 'Check your messages' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByText(`We sent a link to ${MASKED.pat}. Open it on this device to continue.`)).toBeInTheDocument();
    await user.tab();
    // Counting down from 30 s (real time: a busy machine may already show 29 or less).
    expect(screen.getByRole('button', { name: /^Send again in (2\d|30) seconds$/ })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Use a different phone number' })).toHaveFocus();
    await user.keyboard('{Enter}');

    const formHeading = await screen.findByRole('heading', { name: 'Sign in or create an account' });
    await waitFor(() => expect(formHeading).toHaveFocus());
    expect(screen.getByRole('radio', { name: 'Link by text message' })).toBeChecked();
    expect(screen.getByRole('textbox', { name: 'Phone number' })).toHaveValue('(415) 555-0102');
    expect(h.emulator.outbox.latest({ to: PAT.phone })?.link).toMatch(/^http:\/\/localhost:5173\/verify\?t=\w+$/);
    await expectNoAxeViolations(container);
  });
});
