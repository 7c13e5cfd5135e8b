import { useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { http, HttpResponse } from 'msw';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { LoginForm, type LoginFormRootProps, type SendResult } from 'passlink';
import { ADA, FOREVER_MS, MASKED, PAT, PEOPLE, emulate, emulatorOf, phoneFieldReady, withFault } from './support';
import { dark } from './themes';

type LoginFormDemoProps = Pick<LoginFormRootProps, 'via' | 'method' | 'mode' | 'defaultLoginId'> & { defaultCountry?: string };

/** The four parts composed, and a status line showing what `onSent` received. */
function LoginFormDemo({ defaultCountry, ...root }: LoginFormDemoProps) {
  const [sent, setSent] = useState<SendResult>();
  return (
    <>
      <LoginForm.Root {...root} onSent={setSent}>
        <LoginForm.LoginIdField {...(defaultCountry ? { defaultCountry } : {})} />
        <LoginForm.Error />
        <LoginForm.Submit />
      </LoginForm.Root>
      <p role="status" data-testid="sent">
        {sent ? `onSent: ${sent.maskedDestination} (for ${sent.loginId})` : ''}
      </p>
    </>
  );
}

const meta = {
  title: 'Login/LoginForm',
  component: LoginFormDemo,
  args: { via: 'magicLink', method: 'email', mode: 'signUpOrIn', defaultCountry: 'US' },
  argTypes: {
    via: { control: 'inline-radio', options: ['magicLink', 'otp'] },
    method: { control: 'inline-radio', options: ['email', 'sms', 'voice', 'whatsapp'] },
    mode: { control: 'inline-radio', options: ['signIn', 'signUp', 'signUpOrIn'] },
  },
  parameters: { msw: { handlers: emulate({ users: PEOPLE }) } },
} satisfies Meta<typeof LoginFormDemo>;

export default meta;
type Story = StoryObj<typeof meta>;

const formOf = (canvasElement: HTMLElement) => {
  const form = canvasElement.querySelector('form[data-passlink-login-form]');
  if (!(form instanceof HTMLFormElement)) throw new Error('No login form');
  return form;
};

/** The form, idle: an email field and "Send me a link". */
export const EmailLink: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByLabelText('Email address')).toBeRequired();
    await expect(canvas.getByRole('button', { name: 'Send me a link' })).toBeEnabled();
    await expect(formOf(canvasElement)).toHaveAttribute('data-state', 'idle');
  },
};

/** Submitting nothing: refused before any request, the error announced and tied to the field. */
export const ValidationRequired: Story = {
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a link' }));
    const input = canvas.getByLabelText('Email address');
    await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'));
    await expect(input).toHaveAccessibleDescription('Enter your email address.');
    await expect(emulatorOf(context).outbox.list()).toHaveLength(0);
  },
};

export const ValidationInvalidEmail: Story = {
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await userEvent.type(canvas.getByLabelText('Email address'), 'ada@');
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a link' }));
    await waitFor(() => expect(canvas.getByLabelText('Email address')).toHaveAccessibleDescription('The address needs a domain like example.com after the @.'));
    await expect(emulatorOf(context).outbox.list()).toHaveLength(0);
  },
};

/** While the request is out: "Sending…", `aria-disabled` (still focusable), further presses ignored. */
export const Pending: Story = {
  loaders: [withFault({ path: '/magiclink/', latencyMs: FOREVER_MS })],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email address'), ADA.email);
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a link' }));
    const button = await canvas.findByRole('button', { name: 'Sending…' });
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    await expect(button).toHaveFocus();
    await expect(formOf(canvasElement)).toHaveAttribute('data-state', 'pending');
  },
};

/** Sent: `onSent` receives the masked address the server answered. */
export const Sent: Story = {
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await userEvent.type(canvas.getByLabelText('Email address'), ADA.email);
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a link' }));
    await waitFor(() => expect(canvas.getByTestId('sent')).toHaveTextContent(`onSent: ${MASKED.ada} (for ${ADA.email})`));
    await expect(formOf(context.canvasElement)).toHaveAttribute('data-state', 'sent');
    await expect(emulatorOf(context).outbox.latest({ to: ADA.email })?.kind).toBe('magicLink');
  },
};

/** A link by text message: the phone field, and the masked number. */
export const SmsLinkSent: Story = {
  args: { method: 'sms' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await phoneFieldReady(canvasElement);
    await userEvent.type(canvas.getByLabelText('Phone number'), '4155550102');
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a link' }));
    await waitFor(() => expect(canvas.getByTestId('sent')).toHaveTextContent(`onSent: ${MASKED.pat} (for ${PAT.phone})`));
  },
};

export const PhoneInvalid: Story = {
  args: { via: 'otp', method: 'sms' },
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await phoneFieldReady(context.canvasElement);
    await userEvent.type(canvas.getByLabelText('Phone number'), '415');
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a code' }));
    await waitFor(() => expect(canvas.getByLabelText('Phone number')).toHaveAccessibleDescription('Enter a valid phone number.'));
    await expect(emulatorOf(context).outbox.list()).toHaveLength(0);
  },
};

/** A code by phone call: "Call me with the code". */
export const VoiceCode: Story = {
  args: { via: 'otp', method: 'voice' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'Call me with the code' })).toBeEnabled();
  },
};

/** A gateway answers 502 with an HTML page: the server's fault, said so; what was typed stays. */
export const ServerError: Story = {
  loaders: [withFault({ path: '/magiclink/', status: 502, body: '<html><body>Bad gateway</body></html>' })],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email address'), ADA.email);
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a link' }));
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent('Something went wrong on our side. Try again in a moment.'));
    await expect(canvas.getByLabelText('Email address')).toHaveValue(ADA.email);
    await expect(formOf(canvasElement)).toHaveAttribute('data-state', 'error');
  },
};

/** The request never reaches a server (offline, DNS, CORS). */
export const NetworkError: Story = {
  parameters: {
    msw: { handlers: emulate({ users: PEOPLE }, http.post('*/v1/auth/magiclink/*', () => HttpResponse.error())) },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email address'), ADA.email);
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a link' }));
    await waitFor(() =>
      expect(canvas.getByRole('alert')).toHaveTextContent('We could not reach the server. Check your connection and try again.'),
    );
  },
};

/** The server's limit for this address: 429 with Retry-After, shown as a wait. */
export const RateLimited: Story = {
  parameters: {
    msw: { handlers: emulate({ users: PEOPLE, rateLimits: { messagesPerRecipient: 0, recipientWindowSeconds: 45 } }) },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email address'), ADA.email);
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a link' }));
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent('Too many attempts. Try again in 45 seconds.'));
  },
};

/** Sign-in only, for an address nobody has. */
export const UserNotFound: Story = {
  args: { mode: 'signIn' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email address'), 'nobody@example.com');
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a link' }));
    await waitFor(() =>
      expect(canvas.getByRole('alert')).toHaveTextContent('No account has this email address or phone number.'),
    );
  },
};

/**
 * Regression (a bug found by this story, now fixed): `LoginForm.Root` without `onSent`
 * never sends. Its submit handler does `onSent?.(await send.mutateAsync(...))`, and an optional
 * call skips evaluating its arguments when the callee is undefined, so the request is never made:
 * the form stays `idle`, no error, nothing announced. This story asserts the documented behaviour.
 */
export const WithoutOnSent: Story = {
  render: (args) => (
    <LoginForm.Root via={args.via} method={args.method}>
      <LoginForm.LoginIdField />
      <LoginForm.Error />
      <LoginForm.Submit />
    </LoginForm.Root>
  ),
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await userEvent.type(canvas.getByLabelText('Email address'), ADA.email);
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a link' }));
    await waitFor(() => expect(formOf(context.canvasElement)).toHaveAttribute('data-state', 'sent'));
    await expect(emulatorOf(context).outbox.list({ to: ADA.email })).toHaveLength(1);
  },
};

/** Dark, for browsing: the test run renders every story in both themes anyway. */
export const ServerErrorDark = dark(ServerError);
