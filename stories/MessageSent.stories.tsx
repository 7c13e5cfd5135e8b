import { useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { MessageSent, useMagicLinkSignIn, useOtpSignIn, type MagicLinkMethod, type OtpMethod } from 'passlink';
import { ADA, FOREVER_MS, MASKED, PEOPLE, codeSent, emulate, emulatorOf, sendCode, sendLink, withFault, wrongCode } from './support';
import { dark } from './themes';

interface MessageSentDemoProps {
  via: 'magicLink' | 'otp';
  method: OtpMethod;
  loginId: string;
  maskedDestination: string;
  codeLength?: number;
}

/**
 * The parts composed as an app would after its own send: resend goes through the matching send
 * hook, and a line under them shows the callbacks that fired.
 */
function MessageSentDemo({ via, method, loginId, maskedDestination, codeLength = 6 }: MessageSentDemoProps) {
  const otp = useOtpSignIn({ method });
  const link = useMagicLinkSignIn({ method: method === 'voice' ? 'sms' : (method as MagicLinkMethod) });
  const [event, setEvent] = useState('');
  return (
    <>
      <MessageSent.Root
        via={via}
        method={method}
        maskedDestination={maskedDestination}
        cooldownKey={loginId}
        resend={() => (via === 'otp' ? otp : link).mutateAsync({ loginId })}
        onChangeDestination={() => setEvent('onChangeDestination')}
        onVerified={(session) => setEvent(`onVerified: ${session.user?.email || session.user?.phone || ''}`)}
      >
        <MessageSent.Description />
        {via === 'otp' ? <MessageSent.Code length={codeLength} /> : null}
        <div data-passlink-actions="">
          <MessageSent.Resend />
          <MessageSent.ChangeDestination />
        </div>
      </MessageSent.Root>
      <p data-testid="event">{event}</p>
    </>
  );
}

const meta = {
  title: 'Login/MessageSent',
  component: MessageSentDemo,
  args: { via: 'otp', method: 'email', loginId: ADA.email, maskedDestination: MASKED.ada },
  parameters: { msw: { handlers: emulate({ users: PEOPLE }) } },
  // The first message, sent before the story renders (the app's own form did it).
  loaders: [
    async ({ args, parameters }) => {
      const emulator = emulatorOf({ parameters });
      if (args.via === 'magicLink') await sendLink(emulator, args.loginId, args.method === 'sms' ? 'sms' : 'email');
      else await sendCode(emulator, args.loginId, args.method);
      return {};
    },
  ],
} satisfies Meta<typeof MessageSentDemo>;

export default meta;
type Story = StoryObj<typeof meta>;

const codeInput = (canvasElement: HTMLElement) => within(canvasElement).getByLabelText('Verification code');

/** "We sent a link to a•••@e•••.com": the masked address, send again, use a different address. */
export const LinkSent: Story = {
  args: { via: 'magicLink' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(`We sent a link to ${MASKED.ada}. Open it on this device to continue.`)).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Send again' })).not.toHaveAttribute('aria-disabled');
    await userEvent.click(canvas.getByRole('button', { name: 'Use a different email address' }));
    await expect(canvas.getByTestId('event')).toHaveTextContent('onChangeDestination');
  },
};

/** After "Send again": announced, then a visible countdown; presses during it send nothing. */
export const ResendCooldown: Story = {
  args: { via: 'magicLink' },
  play: async (context) => {
    const canvas = within(context.canvasElement);
    const outbox = emulatorOf(context).outbox;
    await userEvent.click(canvas.getByRole('button', { name: 'Send again' }));
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Sent again.'));
    const resend = canvas.getByRole('button', { name: /^Send again in \d+ seconds$/ });
    await expect(resend).toHaveAttribute('aria-disabled', 'true');
    await expect(resend).toHaveAttribute('data-cooldown');
    await expect(outbox.list({ to: ADA.email })).toHaveLength(2);
    await userEvent.click(resend);
    await expect(outbox.list({ to: ADA.email })).toHaveLength(2);
    // It counts down (once a second: how soon a busy machine shows it is not what is tested).
    await waitFor(() => expect(resend).toHaveTextContent(/^Send again in ([12]?\d) seconds?$/));
  },
};

/** Resending over the server's limit: the wait from Retry-After, announced and counted down. */
export const ResendRateLimited: Story = {
  args: { via: 'magicLink' },
  parameters: { msw: { handlers: emulate({ users: PEOPLE, rateLimits: { messagesPerRecipient: 1, recipientWindowSeconds: 90 } }) } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Send again' }));
    // The window opened with the first message (sent before the story rendered): what is left of
    // its 90 s, however long this machine took to get here, and far more than the 30 s cooldown.
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent(/^Too many attempts\. Try again in (90|[6-8]\d) seconds\.$/));
    await expect(canvas.getByRole('button', { name: /^Send again in (90|[6-8]\d) seconds$/ })).toHaveAttribute('aria-disabled', 'true');
  },
};

/** The code step: one field drawn as slots, and "Verify". */
export const CodeSent: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(`We sent a code to ${MASKED.ada}.`)).toBeVisible();
    await expect(codeInput(canvasElement)).toHaveAccessibleDescription(`Enter the 6-digit code we sent to ${MASKED.ada}.`);
    await expect(canvas.getByRole('button', { name: 'Verify' })).toBeVisible();
  },
};

/** The right code, read from the emulator's outbox: verified as soon as it is complete. */
export const CodeVerified: Story = {
  play: async (context) => {
    const canvas = within(context.canvasElement);
    const code = await codeSent(emulatorOf(context), { to: ADA.email });
    await userEvent.type(codeInput(context.canvasElement), code);
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Code accepted.'));
    await expect(canvas.getByTestId('event')).toHaveTextContent(`onVerified: ${ADA.email}`);
  },
};

/** A wrong code: said so, the field emptied and focused for another try. */
export const WrongCode: Story = {
  play: async (context) => {
    const canvas = within(context.canvasElement);
    const code = await codeSent(emulatorOf(context), { to: ADA.email });
    await userEvent.type(codeInput(context.canvasElement), wrongCode(code));
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent('That code is not right. Check it and try again.'));
    const input = codeInput(context.canvasElement);
    await expect(input).toHaveValue('');
    await expect(input).toHaveFocus();
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(context.canvasElement.querySelector('[data-passlink-code]')).toHaveAttribute('data-state', 'error');
  },
};

/**
 * Regression (a bug found by this story, now fixed): after a wrong code, the right one
 * signs in ("Code accepted." is announced) but `MessageSent.Code` never clears its error: the
 * field keeps `aria-invalid="true"` and "That code is not right…", and the form
 * `data-state="error"`. The same happens to "Enter the code." after a short code. This story
 * asserts the expected end state.
 */
export const WrongThenRightCode: Story = {
  play: async (context) => {
    const canvas = within(context.canvasElement);
    const code = await codeSent(emulatorOf(context), { to: ADA.email });
    await userEvent.type(codeInput(context.canvasElement), wrongCode(code));
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent('That code is not right.'));
    await userEvent.type(codeInput(context.canvasElement), code);
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Code accepted.'));
    await expect(codeInput(context.canvasElement)).not.toHaveAttribute('aria-invalid');
    await expect(canvas.queryByRole('alert')).toBeNull();
    await expect(context.canvasElement.querySelector('[data-passlink-code]')).not.toHaveAttribute('data-state', 'error');
  },
};

/** The last allowed wrong code (no `onRestart` here: the message stays on the field). */
export const TooManyAttempts: Story = {
  parameters: { msw: { handlers: emulate({ users: PEOPLE, maxOtpAttempts: 1 }) } },
  play: async (context) => {
    const canvas = within(context.canvasElement);
    const code = await codeSent(emulatorOf(context), { to: ADA.email });
    await userEvent.type(codeInput(context.canvasElement), wrongCode(code));
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent('Too many wrong codes. Request a new one.'));
  },
};

/** The code outlived its lifetime (the emulator's clock moved on). */
export const CodeExpired: Story = {
  loaders: [
    (context) => {
      emulatorOf(context).advanceClock(301);
      return {};
    },
  ],
  play: async (context) => {
    const canvas = within(context.canvasElement);
    const code = await codeSent(emulatorOf(context), { to: ADA.email });
    await userEvent.type(codeInput(context.canvasElement), code);
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent('This code has expired. Request a new one.'));
  },
};

/** "Verify" with a code too short: refused before any request. */
export const IncompleteCode: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(codeInput(canvasElement), '123');
    await userEvent.click(canvas.getByRole('button', { name: 'Verify' }));
    await expect(canvas.getByRole('alert')).toHaveTextContent('Enter all 6 digits of the code.');
  },
};

/** While the code is checked: "Verifying…", `aria-disabled`. */
export const Verifying: Story = {
  loaders: [withFault({ path: '/otp/verify', latencyMs: FOREVER_MS })],
  play: async (context) => {
    const canvas = within(context.canvasElement);
    const code = await codeSent(emulatorOf(context), { to: ADA.email });
    await userEvent.type(codeInput(context.canvasElement), code);
    const button = await canvas.findByRole('button', { name: 'Verifying…' });
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    await expect(context.canvasElement.querySelector('[data-passlink-code]')).toHaveAttribute('data-state', 'pending');
  },
};

/** A voice call reads the code: "We are calling +1 ••• ••• 0101 …". */
export const VoiceCall: Story = {
  args: { method: 'voice', loginId: ADA.email, maskedDestination: MASKED.adaPhone },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(`We are calling ${MASKED.adaPhone} to read you a code.`)).toBeVisible();
    await expect(within(canvasElement).getByRole('button', { name: 'Use a different phone number' })).toBeVisible();
  },
};

/** A project whose codes have four digits. */
export const FourDigitCode: Story = {
  args: { codeLength: 4 },
  parameters: { msw: { handlers: emulate({ users: PEOPLE, otpLength: 4 }) } },
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await expect(codeInput(context.canvasElement)).toHaveAccessibleDescription(`Enter the 4-digit code we sent to ${MASKED.ada}.`);
    const code = await codeSent(emulatorOf(context), { to: ADA.email });
    await expect(code).toHaveLength(4);
    await userEvent.type(codeInput(context.canvasElement), code);
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Code accepted.'));
  },
};

/** Dark, for browsing: the test run renders every story in both themes anyway. */
export const WrongCodeDark = dark(WrongCode);
