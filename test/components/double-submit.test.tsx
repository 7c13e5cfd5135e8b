import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LoginForm, PasswordlessLogin } from '../../src';
import { ADA, setup } from './harness';

// A second press (a double-click, or autofill that completes the code and then Enter) arrives
// before React has re-rendered with isPending: each of these must still send one request only.
describe('one request per intent, however fast the second press comes', () => {
  it('a double-click on the login form sends one message', async () => {
    const h = setup();
    const { user } = h.renderUI(
      <LoginForm.Root via="magicLink" method="email" aria-label="Sign in">
        <LoginForm.LoginIdField />
        <LoginForm.Submit />
      </LoginForm.Root>,
    );
    await user.type(screen.getByRole('textbox', { name: 'Email address' }), ADA.email);
    await user.dblClick(screen.getByRole('button', { name: 'Send me a link' }));
    await waitFor(() => expect(h.count('/magiclink/')).toBe(1));
    await h.idle();
    expect(h.count('/magiclink/')).toBe(1);
    expect(h.emulator.outbox.list()).toHaveLength(1);
  });

  it('a code filled at once and submitted in the same task is verified once, and the person stays signed in', async () => {
    const h = setup();
    const { user } = h.renderUI(<PasswordlessLogin methods={[{ via: 'otp', method: 'email' }]} />);
    await user.type(screen.getByRole('textbox', { name: 'Email address' }), ADA.email);
    await user.click(screen.getByRole('button', { name: 'Send me a code' }));
    const field = await screen.findByLabelText('Verification code');
    const code = h.codeFor(ADA.email);

    // Autofill completes the code (auto-submit), and the form is submitted in the same task.
    fireEvent.change(field, { target: { value: code } });
    fireEvent.submit(field.closest('form') as HTMLFormElement);

    await waitFor(() => expect(h.store.getSnapshot().isAuthenticated).toBe(true));
    await h.idle();
    expect(h.count('/otp/verify/')).toBe(1);
    // Not sent back to the start by a second, spent-code answer.
    expect(screen.queryByRole('textbox', { name: 'Email address' })).not.toBeInTheDocument();
  });
});
