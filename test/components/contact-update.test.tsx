import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { ContactUpdate, UpdateEmail, UpdatePhone } from '../../src';
import { ADA, MASKED, NEW_EMAIL, NEW_PHONE, expectFieldError, expectNoAxeViolations, findStatus, phoneFieldReady, setup, wrongCode } from './harness';


describe('signed out', () => {
  it('UpdateEmail says to sign in, shows no form and sends nothing', async () => {
    const h = setup();
    const { container } = h.renderUI(<UpdateEmail />);
    expect(await screen.findByRole('status')).toHaveTextContent('Sign in to change your contact details.');
    expect(screen.getByRole('heading', { level: 2, name: 'Change your email address' })).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    await h.idle();
    expect(h.count()).toBe(0);
    await expectNoAxeViolations(container);
  });

  it('ContactUpdate says it for both parts and sends nothing; signing in then shows both forms', async () => {
    const h = setup();
    const { container } = h.renderUI(<ContactUpdate />);
    await waitFor(() =>
      expect(screen.getAllByRole('status').map((s) => s.textContent)).toEqual([
        'Sign in to change your contact details.',
        'Sign in to change your contact details.',
      ]),
    );
    expect(screen.getByRole('heading', { name: 'Change your email address' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Change your phone number' })).toBeInTheDocument();
    await h.idle();
    expect(h.count()).toBe(0);
    await expectNoAxeViolations(container);

    await h.signIn(ADA.loginId);
    expect(await screen.findByText(`Current: ${ADA.email}`)).toBeInTheDocument();
    expect(screen.getByText(`Current: ${ADA.phone}`)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'New email address' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'New phone number' })).toBeInTheDocument();
    expect(screen.queryByText('Sign in to change your contact details.')).not.toBeInTheDocument();
    await expectNoAxeViolations(container);
  });
});

describe('UpdateEmail (signed in)', () => {
  it('current value, new value, sent with the masked address, wrong code, right code, done with the new value', async () => {
    const h = setup();
    await h.signIn(ADA.loginId);
    const onUpdated = vi.fn();
    const { user, container } = h.renderUI(<UpdateEmail onUpdated={onUpdated} />);
    expect(screen.getByText(`Current: ${ADA.email}`)).toBeInTheDocument();
    const heading = screen.getByRole('heading', { name: 'Change your email address' });
    await expectNoAxeViolations(container);

    await user.type(screen.getByRole('textbox', { name: 'New email address' }), NEW_EMAIL);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByText(`We sent a code to ${MASKED.newEmail}.`);
    await waitFor(() => expect(heading).toHaveFocus());
    expect(h.emulator.outbox.latest({ to: NEW_EMAIL })).toMatchObject({ kind: 'otp', channel: 'email', purpose: 'updateEmail' });
    // Counting down from 30 s (real time: a busy machine may already show 29 or less).
    expect(screen.getByRole('button', { name: /^Send again in (2\d|30) seconds$/ })).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByRole('button', { name: 'Use a different email address' })).toBeInTheDocument();
    await expectNoAxeViolations(container);

    const code = h.codeFor(NEW_EMAIL);
    await user.click(screen.getByRole('textbox', { name: 'Verification code' }));
    await user.keyboard(wrongCode(code));
    await screen.findByText('That code is not right. Check it and try again.');
    const field = screen.getByRole('textbox', { name: /Verification code/ });
    await waitFor(() => expect(field).toHaveFocus());
    expect(field).toHaveValue('');
    expectFieldError(field, 'That code is not right. Check it and try again.');
    await expectNoAxeViolations(container);

    await user.keyboard(code);
    await screen.findByText(`Your email address is now ${NEW_EMAIL}.`, { selector: '[data-passlink-live]' });
    expect(await findStatus(`Your email address is now ${NEW_EMAIL}.`)).toBeInTheDocument();
    expect(screen.getAllByText(`Your email address is now ${NEW_EMAIL}.`)).toHaveLength(1);
    await waitFor(() => expect(heading).toHaveFocus());
    expect(onUpdated).toHaveBeenCalledTimes(1);
    expect(onUpdated).toHaveBeenCalledWith(NEW_EMAIL);
    expect(h.emulator.users().find((u) => u.loginIds.includes(ADA.loginId))?.email).toBe(NEW_EMAIL);
    expect(h.store.getSnapshot().user?.email).toBe(NEW_EMAIL);
    await expectNoAxeViolations(container);

    await user.click(screen.getByRole('button', { name: 'Change it again' }));
    expect(await screen.findByText(`Current: ${NEW_EMAIL}`)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'New email address' })).toHaveValue('');
  });

  it('too many wrong codes go back to the form with the message announced and the new address kept', async () => {
    const h = setup({ emulator: { maxOtpAttempts: 1 } });
    await h.signIn(ADA.loginId);
    const { user, container } = h.renderUI(<UpdateEmail />);
    await user.type(screen.getByRole('textbox', { name: 'New email address' }), `${NEW_EMAIL}{Enter}`);
    await screen.findByText(`We sent a code to ${MASKED.newEmail}.`);
    await user.click(screen.getByRole('textbox', { name: 'Verification code' }));
    await user.keyboard(wrongCode(h.codeFor(NEW_EMAIL)));
    expect(await findStatus('Too many wrong codes. Request a new one.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'New email address' })).toHaveValue(NEW_EMAIL);
    expect(screen.queryByRole('textbox', { name: /Verification code/ })).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Change your email address' })).toHaveFocus());
    expect(h.emulator.users().find((u) => u.loginIds.includes(ADA.loginId))?.email).toBe(ADA.email);
    await expectNoAxeViolations(container);
  });

  it('refuses an empty or malformed address before any request', async () => {
    const h = setup();
    await h.signIn(ADA.loginId);
    const { user, container } = h.renderUI(<UpdateEmail />);
    const field = screen.getByRole('textbox', { name: 'New email address' });
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByText('Enter your email address.');
    expectFieldError(field, 'Enter your email address.');
    await user.type(field, 'new.person@{Enter}');
    await screen.findByText('The address needs a domain like example.com after the @.');
    expectFieldError(field, 'The address needs a domain like example.com after the @.');
    expect(h.count()).toBe(0);
    await expectNoAxeViolations(container);
  });

  it('while sending the button says "Sending…" and is aria-disabled', async () => {
    const h = setup();
    await h.signIn(ADA.loginId);
    const held = h.hold('/otp/update/email');
    const { user, container } = h.renderUI(<UpdateEmail />);
    await user.type(screen.getByRole('textbox', { name: 'New email address' }), `${NEW_EMAIL}{Enter}`);
    const pending = await screen.findByRole('button', { name: 'Sending…' });
    expect(pending).toHaveAttribute('aria-disabled', 'true');
    await expectNoAxeViolations(container);
    await user.click(pending);
    held.release();
    await screen.findByText(`We sent a code to ${MASKED.newEmail}.`);
    expect(h.count('/v1/auth/otp/update/email')).toBe(1);
  });

  it('"Use a different email address" returns to the form with the new address kept', async () => {
    const h = setup();
    await h.signIn(ADA.loginId);
    const { user } = h.renderUI(<UpdateEmail />);
    await user.type(screen.getByRole('textbox', { name: 'New email address' }), `${NEW_EMAIL}{Enter}`);
    await screen.findByText(`We sent a code to ${MASKED.newEmail}.`);
    await user.click(screen.getByRole('button', { name: 'Use a different email address' }));
    const field = await screen.findByRole('textbox', { name: 'New email address' });
    expect(field).toHaveValue(NEW_EMAIL);
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Change your email address' })).toHaveFocus());
  });

  it('a network failure keeps the new address and explains; submitting again sends', async () => {
    const h = setup();
    await h.signIn(ADA.loginId);
    h.server.use(http.post('*/v1/auth/otp/update/*', () => HttpResponse.error()));
    const { user, container } = h.renderUI(<UpdateEmail />);
    const field = screen.getByRole('textbox', { name: 'New email address' });
    await user.type(field, `${NEW_EMAIL}{Enter}`);
    const error = await screen.findByText('We could not reach the server. Check your connection and try again.');
    expect(error).toHaveAttribute('role', 'alert');
    expect(field).toHaveValue(NEW_EMAIL);
    await expectNoAxeViolations(container);
    h.server.resetHandlers();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByText(`We sent a code to ${MASKED.newEmail}.`);
  });

  it('via="magicLink": the sent state says a link went to the masked address, with no code field', async () => {
    const h = setup();
    await h.signIn(ADA.loginId);
    const { user, container } = h.renderUI(<UpdateEmail via="magicLink" />);
    await user.type(screen.getByRole('textbox', { name: 'New email address' }), `${NEW_EMAIL}{Enter}`);
    await screen.findByText(`We sent a link to ${MASKED.newEmail}. Open it on this device to continue.`);
    expect(screen.queryByRole('textbox', { name: 'Verification code' })).not.toBeInTheDocument();
    expect(h.emulator.outbox.latest({ to: NEW_EMAIL })).toMatchObject({ kind: 'magicLink', purpose: 'updateEmail' });
    await expectNoAxeViolations(container);
  });

  it('completes with the keyboard alone', async () => {
    const h = setup();
    await h.signIn(ADA.loginId);
    const onUpdated = vi.fn();
    const { user } = h.renderUI(<UpdateEmail onUpdated={onUpdated} />);
    await user.tab();
    expect(screen.getByRole('textbox', { name: 'New email address' })).toHaveFocus();
    await user.keyboard(`${NEW_EMAIL}{Enter}`);
    await screen.findByText(`We sent a code to ${MASKED.newEmail}.`);
    const heading = screen.getByRole('heading', { name: 'Change your email address' });
    await waitFor(() => expect(heading).toHaveFocus());
    await user.tab();
    expect(screen.getByRole('textbox', { name: 'Verification code' })).toHaveFocus();
    await user.keyboard(h.codeFor(NEW_EMAIL));
    await waitFor(() => expect(onUpdated).toHaveBeenCalledWith(NEW_EMAIL));
    await waitFor(() => expect(heading).toHaveFocus());
    await user.tab();
    expect(screen.getByRole('button', { name: 'Change it again' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByText(`Current: ${NEW_EMAIL}`)).toBeInTheDocument());
  });
});

describe('UpdatePhone (signed in)', () => {
  it('by SMS code: current number, new number, sent with the masked number, code, done with the new number', async () => {
    const h = setup();
    await h.signIn(ADA.loginId);
    const onUpdated = vi.fn();
    const { user, container } = h.renderUI(<UpdatePhone defaultCountry="US" onUpdated={onUpdated} />);
    expect(screen.getByText(`Current: ${ADA.phone}`)).toBeInTheDocument();
    await phoneFieldReady();
    await expectNoAxeViolations(container);
    await user.type(screen.getByRole('textbox', { name: 'New phone number' }), '4155550199');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByText(`We sent a code to ${MASKED.newPhone}.`);
    expect(h.emulator.outbox.latest({ to: NEW_PHONE })).toMatchObject({ kind: 'otp', channel: 'sms', purpose: 'updatePhone' });
    await expectNoAxeViolations(container);

    await user.click(screen.getByRole('textbox', { name: 'Verification code' }));
    await user.keyboard(h.codeFor(NEW_PHONE));
    await screen.findByText(`Your phone number is now ${NEW_PHONE}.`, { selector: '[data-passlink-live]' });
    expect(onUpdated).toHaveBeenCalledWith(NEW_PHONE);
    expect(h.emulator.users().find((u) => u.loginIds.includes(ADA.loginId))?.phone).toBe(NEW_PHONE);
    await expectNoAxeViolations(container);
  });

  it('refuses a number that cannot be E.164 before any request', async () => {
    const h = setup();
    await h.signIn(ADA.loginId);
    const { user, container } = h.renderUI(<UpdatePhone defaultCountry="US" />);
    await phoneFieldReady();
    const field = screen.getByRole('textbox', { name: 'New phone number' });
    await user.type(field, '4155{Enter}');
    await screen.findByText('Enter a valid phone number.');
    expectFieldError(field, 'Enter a valid phone number.');
    expect(h.count()).toBe(0);
    await expectNoAxeViolations(container);
  });

  it('via="magicLink" method="sms": the sent state says a link went to the masked number', async () => {
    const h = setup();
    await h.signIn(ADA.loginId);
    const { user, container } = h.renderUI(<UpdatePhone via="magicLink" method="sms" defaultCountry="US" />);
    await phoneFieldReady();
    await user.type(screen.getByRole('textbox', { name: 'New phone number' }), '4155550199{Enter}');
    await screen.findByText(`We sent a link to ${MASKED.newPhone}. Open it on this device to continue.`);
    expect(screen.queryByRole('textbox', { name: 'Verification code' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Use a different phone number' })).toBeInTheDocument();
    expect(h.emulator.outbox.latest({ to: NEW_PHONE })).toMatchObject({ kind: 'magicLink', channel: 'sms', purpose: 'updatePhone' });
    expect(h.count('/v1/auth/magiclink/update/phone/sms')).toBe(1);
    await expectNoAxeViolations(container);
  });

  it('method="voice": "We are calling" the masked number', async () => {
    const h = setup();
    await h.signIn(ADA.loginId);
    const { user } = h.renderUI(<UpdatePhone method="voice" defaultCountry="US" />);
    await phoneFieldReady();
    await user.type(screen.getByRole('textbox', { name: 'New phone number' }), '4155550199{Enter}');
    await screen.findByText(`We are calling ${MASKED.newPhone} to read you a code.`);
    expect(h.emulator.outbox.latest({ to: NEW_PHONE })).toMatchObject({ kind: 'otp', channel: 'voice' });
  });

  it('"Use a different phone number" returns to the form with the number kept', async () => {
    const h = setup();
    await h.signIn(ADA.loginId);
    const { user } = h.renderUI(<UpdatePhone defaultCountry="US" />);
    await phoneFieldReady();
    await user.type(screen.getByRole('textbox', { name: 'New phone number' }), '4155550199{Enter}');
    await screen.findByText(`We sent a code to ${MASKED.newPhone}.`);
    await user.click(screen.getByRole('button', { name: 'Use a different phone number' }));
    const field = await screen.findByRole('textbox', { name: 'New phone number' });
    // Kept, and shown in the selected country's format.
    expect(field).toHaveValue('(415) 555-0199');
  });
});

describe('ContactUpdate (signed in)', () => {
  it('shows both current values ("none" for a missing phone) and updates the email while the phone part stays', async () => {
    const h = setup();
    h.emulator.seedUser({ loginId: 'grace@example.com', email: 'grace@example.com' });
    await h.signIn('grace@example.com');
    const { user, container } = h.renderUI(<ContactUpdate phone={{ defaultCountry: 'US' }} />);
    expect(screen.getByText('Current: grace@example.com')).toBeInTheDocument();
    expect(screen.getByText('Current: none')).toBeInTheDocument();
    await phoneFieldReady();
    await expectNoAxeViolations(container);

    await user.type(screen.getByRole('textbox', { name: 'New email address' }), `${NEW_EMAIL}{Enter}`);
    await screen.findByText(`We sent a code to ${MASKED.newEmail}.`);
    expect(screen.getByRole('textbox', { name: 'New phone number' })).toBeInTheDocument();
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('textbox', { name: 'Verification code' }));
    await user.keyboard(h.codeFor(NEW_EMAIL));
    await screen.findByText(`Your email address is now ${NEW_EMAIL}.`, { selector: '[data-passlink-live]' });
    await expectNoAxeViolations(container);
  });
});
