import { render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import {
  LoginForm,
  MessageSent,
  NetworkError,
  useOtpSignUpOrIn,
  type MessageSentRootProps,
  type SendResult,
  type VerifiedSession,
} from '../../src';
import { ADA, MASKED, expectFieldError, expectNoAxeViolations, findStatus, setup, silenceConsoleError, wrongCode } from './harness';

/**
 * An app's own sign-in built from the parts: LoginForm, then MessageSent with its own live
 * region (no `announce`) and no "use a different…" (no `onChangeDestination`).
 */
function ComposedLogin({ onVerified }: { onVerified: (session: VerifiedSession) => void }) {
  const [sent, setSent] = useState<SendResult>();
  const resend = useOtpSignUpOrIn({ method: 'email' });
  if (!sent) {
    return (
      <LoginForm.Root via="otp" method="email" onSent={setSent}>
        <LoginForm.LoginIdField />
        <LoginForm.Error />
        <LoginForm.Submit />
      </LoginForm.Root>
    );
  }
  return (
    <MessageSent.Root
      via="otp"
      method="email"
      maskedDestination={sent.maskedDestination}
      cooldownKey={sent.loginId}
      resend={() => resend.mutateAsync({ loginId: sent.loginId })}
      onVerified={onVerified}
    >
      <MessageSent.Description />
      <MessageSent.Code />
      <MessageSent.Resend />
      <MessageSent.ChangeDestination />
    </MessageSent.Root>
  );
}

describe('MessageSent composed by an app', () => {
  it('describes the send, has no "use a different…" without onChangeDestination, and announces in its own live region', async () => {
    const h = setup();
    const onVerified = vi.fn();
    const { user, container } = h.renderUI(<ComposedLogin onVerified={onVerified} />, { provider: { resendCooldownSeconds: 1 } });
    await user.type(screen.getByRole('textbox', { name: 'Email address' }), `${ADA.email}{Enter}`);
    expect(await screen.findByText(`We sent a code to ${MASKED.ada}.`)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Use a different email address' })).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('');
    await expectNoAxeViolations(container);

    const resend = screen.getByRole('button', { name: /^Send again/ });
    await waitFor(() => expect(resend).toHaveAccessibleName('Send again'));
    await user.click(resend);
    expect(await findStatus('Sent again.')).toBeInTheDocument();
    expect(h.emulator.outbox.list({ to: ADA.email })).toHaveLength(2);

    await user.click(screen.getByRole('textbox', { name: 'Verification code' }));
    await user.keyboard(h.codeFor(ADA.email));
    await waitFor(() => expect(onVerified).toHaveBeenCalledTimes(1));
    expect(await findStatus('Code accepted.')).toBeInTheDocument();
  });

  it('without onRestart, too many wrong codes stay on the code step and say so at the field', async () => {
    const h = setup({ emulator: { maxOtpAttempts: 1 } });
    const { user, container } = h.renderUI(<ComposedLogin onVerified={vi.fn()} />);
    await user.type(screen.getByRole('textbox', { name: 'Email address' }), `${ADA.email}{Enter}`);
    await screen.findByText(`We sent a code to ${MASKED.ada}.`);
    await user.click(screen.getByRole('textbox', { name: 'Verification code' }));
    await user.keyboard(wrongCode(h.codeFor(ADA.email)));
    await screen.findByText('Too many wrong codes. Request a new one.');
    expectFieldError(screen.getByRole('textbox', { name: /Verification code/ }), 'Too many wrong codes. Request a new one.');
    await expectNoAxeViolations(container);
  });

  it('a failed resend is announced with its reason', async () => {
    const h = setup();
    const props: MessageSentRootProps = {
      via: 'magicLink',
      method: 'sms',
      maskedDestination: MASKED.pat,
      cooldownKey: 'pat',
      resend: () => Promise.reject(new NetworkError()),
    };
    const { user } = h.renderUI(
      <MessageSent.Root {...props}>
        <MessageSent.Description />
        <MessageSent.Resend />
      </MessageSent.Root>,
    );
    expect(screen.getByText(`We sent a link to ${MASKED.pat}. Open it on this device to continue.`)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Send again' }));
    expect(await findStatus('We could not reach the server. Check your connection and try again.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send again' })).not.toHaveAttribute('aria-disabled');
  });

  it('children replace the default texts', async () => {
    const h = setup();
    const { container } = h.renderUI(
      <MessageSent.Root via="otp" method="sms" maskedDestination={MASKED.pat} cooldownKey="pat" resend={() => Promise.resolve()} onChangeDestination={() => undefined}>
        <MessageSent.Description>Look at your phone.</MessageSent.Description>
        <MessageSent.Resend>Another one, please</MessageSent.Resend>
        <MessageSent.ChangeDestination>Wrong number?</MessageSent.ChangeDestination>
      </MessageSent.Root>,
    );
    expect(screen.getByText('Look at your phone.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Another one, please' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Wrong number?' })).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });
});

describe('MessageSent parts outside MessageSent.Root', () => {
  it.each([
    ['MessageSent.Description', () => <MessageSent.Description />],
    ['MessageSent.Code', () => <MessageSent.Code />],
    ['MessageSent.Resend', () => <MessageSent.Resend />],
    ['MessageSent.ChangeDestination', () => <MessageSent.ChangeDestination />],
  ])('<%s> alone throws an error naming it and the root', (part, Part) => {
    silenceConsoleError();
    expect(() => render(<Part />)).toThrow(`<${part}> must be used inside <MessageSent.Root>.`);
  });
});
