import type { Meta, StoryObj } from '@storybook/react-vite';
import { http, HttpResponse } from 'msw';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { PasswordlessLogin, de, en, es, fr, useSession, type Catalog, type PasswordlessLoginProps } from 'passlink';
import { ADA, FOREVER_MS, MASKED, PEOPLE, codeSent, emulate, emulatorOf, phoneFieldReady, withFault, wrongCode } from './support';
import { dark } from './themes';

/** Shows whether the session store holds a session: what the app around the flow would see. */
function SessionLine() {
  const { isAuthenticated, user } = useSession();
  return <p data-testid="session">{isAuthenticated ? `Signed in as ${user?.phone || user?.email || ''}` : 'Signed out'}</p>;
}

function LoginPage(props: PasswordlessLoginProps) {
  return (
    <>
      <PasswordlessLogin {...props} />
      <SessionLine />
    </>
  );
}

const meta = {
  title: 'Login/PasswordlessLogin',
  component: PasswordlessLogin,
  args: { defaultCountry: 'US' },
  parameters: { msw: { handlers: emulate({ users: PEOPLE }) } },
  render: (args) => <LoginPage {...args} />,
} satisfies Meta<typeof PasswordlessLogin>;

export default meta;
type Story = StoryObj<typeof meta>;

const flowOf = (canvasElement: HTMLElement) => {
  const flow = canvasElement.querySelector('section[data-passlink-flow="login"]');
  if (!(flow instanceof HTMLElement)) throw new Error('No login flow');
  return flow;
};

/** The three default ways (email link, SMS link, voice code); the first is chosen. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('heading', { level: 2, name: 'Sign in or create an account' })).toBeVisible();
    const group = canvas.getByRole('group', { name: 'How would you like to sign in?' });
    await expect(within(group).getAllByRole('radio')).toHaveLength(3);
    await expect(within(group).getByRole('radio', { name: 'Link by email' })).toBeChecked();
    await expect(canvas.getByLabelText('Email address')).toBeVisible();
  },
};

/** Every way the kit offers. */
export const AllMethods: Story = {
  args: {
    methods: [
      { via: 'magicLink', method: 'email' },
      { via: 'magicLink', method: 'sms' },
      { via: 'magicLink', method: 'whatsapp' },
      { via: 'otp', method: 'email' },
      { via: 'otp', method: 'sms' },
      { via: 'otp', method: 'voice' },
      { via: 'otp', method: 'whatsapp' },
    ],
  },
};

/** One way only: no choice shown. */
export const SingleMethod: Story = {
  args: { methods: [{ via: 'otp', method: 'sms' }], mode: 'signIn' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.queryByRole('group')).toBeNull();
    await expect(canvas.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  },
};

export const ValidationError: Story = {
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await userEvent.type(canvas.getByLabelText('Email address'), 'ada at example');
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a link' }));
    await waitFor(() => expect(canvas.getByLabelText('Email address')).toHaveAccessibleDescription('Remove the spaces from the email address.'));
    await expect(emulatorOf(context).outbox.list()).toHaveLength(0);
  },
};

export const Pending: Story = {
  loaders: [withFault({ path: '/magiclink/', latencyMs: FOREVER_MS })],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email address'), ADA.email);
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a link' }));
    await expect(await canvas.findByRole('button', { name: 'Sending…' })).toHaveAttribute('aria-disabled', 'true');
  },
};

/**
 * Journey: an email link. "Check your email" (focused), the masked address the server answered,
 * and the resend countdown.
 */
export const EmailLinkSent: Story = {
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await userEvent.type(canvas.getByLabelText('Email address'), ADA.email);
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a link' }));
    const heading = await canvas.findByRole('heading', { name: 'Check your email' });
    await expect(heading).toHaveFocus();
    await expect(canvas.getByText(`We sent a link to ${MASKED.ada}. Open it on this device to continue.`)).toBeVisible();
    await expect(canvas.getByRole('button', { name: /^Send again in \d+ seconds$/ })).toHaveAttribute('aria-disabled', 'true');
    await expect(emulatorOf(context).outbox.latest({ to: ADA.email })?.link).toContain('t=');
    await expect(flowOf(context.canvasElement)).toHaveAttribute('data-step', 'sent');
  },
};

/** The resend countdown ticking: 30 s after the send, one second at a time. */
export const CooldownCountdown: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email address'), ADA.email);
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a link' }));
    const resend = await canvas.findByRole('button', { name: /^Send again in \d+ seconds$/ });
    // It counts down (once a second: how soon a busy machine shows it is not what is tested).
    await waitFor(() => expect(resend).toHaveTextContent(/^Send again in ([12]?\d) seconds?$/));
    await expect(resend).toHaveAttribute('data-cooldown');
  },
};

/** "Use a different email address": back to the form, the address still there. */
export const ChangeDestination: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email address'), ADA.email);
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a link' }));
    await userEvent.click(await canvas.findByRole('button', { name: 'Use a different email address' }));
    await expect(await canvas.findByLabelText('Email address')).toHaveValue(ADA.email);
    await expect(canvas.getByRole('heading', { name: 'Sign in or create an account' })).toHaveFocus();
  },
};

/**
 * Regression (a bug found by this story, now fixed): back from "Use a different phone
 * number", the number typed as (415) 555-0102 comes back as the raw E.164 "+14155550102"
 * (PhoneField's comment says a value from outside is shown formatted). This story asserts the
 * formatted number.
 */
export const ChangePhoneNumber: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('radio', { name: 'Link by text message' }));
    await phoneFieldReady(canvasElement);
    await userEvent.type(canvas.getByLabelText('Phone number'), '4155550102');
    await expect(canvas.getByLabelText('Phone number')).toHaveValue('(415) 555-0102');
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a link' }));
    await userEvent.click(await canvas.findByRole('button', { name: 'Use a different phone number' }));
    await expect(await canvas.findByLabelText('Phone number')).toHaveValue('(415) 555-0102');
  },
};

/** A link by text message, to a number typed nationally: the masked number. */
export const SmsLinkSent: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('radio', { name: 'Link by text message' }));
    await phoneFieldReady(canvasElement);
    await userEvent.type(canvas.getByLabelText('Phone number'), '4155550102');
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a link' }));
    await expect(await canvas.findByRole('heading', { name: 'Check your messages' })).toBeVisible();
    await expect(canvas.getByText(`We sent a link to ${MASKED.pat}. Open it on this device to continue.`)).toBeVisible();
  },
};

const callAda = async (canvasElement: HTMLElement) => {
  const canvas = within(canvasElement);
  await userEvent.click(canvas.getByRole('radio', { name: 'Code by phone call' }));
  await phoneFieldReady(canvasElement);
  await userEvent.type(canvas.getByLabelText('Phone number'), ADA.phone);
  await userEvent.click(canvas.getByRole('button', { name: 'Call me with the code' }));
  await expect(await canvas.findByRole('heading', { name: 'Answer your phone' })).toHaveFocus();
};

/**
 * Journey: a voice code. The call's code is read from this story's emulator outbox; one wrong
 * code (said so, field emptied and focused), then the right one: signed in.
 */
export const VoiceCodeJourney: Story = {
  play: async (context) => {
    const { canvasElement } = context;
    const canvas = within(canvasElement);
    await callAda(canvasElement);
    await expect(canvas.getByText(`We are calling ${MASKED.adaPhone} to read you a code.`)).toBeVisible();
    const call = emulatorOf(context).outbox.latest({ to: ADA.phone, channel: 'voice' });
    await expect(call?.text).toMatch(/^Your verification code is: (\d, ){5}\d\./);
    const code = await codeSent(emulatorOf(context), { to: ADA.phone, channel: 'voice' });

    await userEvent.type(canvas.getByLabelText('Verification code'), wrongCode(code));
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent('That code is not right. Check it and try again.'));
    await expect(canvas.getByLabelText('Verification code')).toHaveFocus();
    await expect(canvas.getByTestId('session')).toHaveTextContent('Signed out');

    await userEvent.type(canvas.getByLabelText('Verification code'), code);
    await waitFor(() => expect(canvas.getByTestId('session')).toHaveTextContent(`Signed in as ${ADA.phone}`));
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Code accepted.'));
  },
};

/** The wrong code, left on screen. */
export const WrongCode: Story = {
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await callAda(context.canvasElement);
    const code = await codeSent(emulatorOf(context), { to: ADA.phone, channel: 'voice' });
    await userEvent.type(canvas.getByLabelText('Verification code'), wrongCode(code));
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent('That code is not right. Check it and try again.'));
  },
};

/** Too many wrong codes end the attempt: back to the form, which says why. */
export const TooManyAttempts: Story = {
  parameters: { msw: { handlers: emulate({ users: PEOPLE, maxOtpAttempts: 2 }) } },
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await callAda(context.canvasElement);
    const code = await codeSent(emulatorOf(context), { to: ADA.phone, channel: 'voice' });
    await userEvent.type(canvas.getByLabelText('Verification code'), wrongCode(code));
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent('That code is not right.'));
    await userEvent.type(canvas.getByLabelText('Verification code'), wrongCode(wrongCode(code)));
    // Back at the start; the number just called waits out its resend cooldown on the form's button.
    await canvas.findByRole('heading', { name: 'Sign in or create an account' });
    const submit = canvas.getByRole('button', { name: /^Send again in \d+ seconds?$/ });
    await expect(submit).toHaveAttribute('data-passlink-submit', '');
    await expect(submit).toBeVisible();
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Too many wrong codes. Request a new one.'));
    // The number typed is kept, shown in the selected country's format.
    await expect(canvas.getByLabelText('Phone number')).toHaveValue('(415) 555-0101');
  },
};

/** Signed in with a code sent by email. */
export const EmailCodeSignedIn: Story = {
  args: { methods: [{ via: 'otp', method: 'email' }] },
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await userEvent.type(canvas.getByLabelText('Email address'), ADA.email);
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a code' }));
    const code = await codeSent(emulatorOf(context), { to: ADA.email });
    await userEvent.type(await canvas.findByLabelText('Verification code'), code);
    await waitFor(() => expect(canvas.getByTestId('session')).toHaveTextContent(`Signed in as ${ADA.phone}`));
  },
};

/**
 * Regression (a bug found by this story, now fixed): after a code signed the person in,
 * the code step stays live; pressing "Verify" again re-sends the spent code, the API answers
 * E061104 (no pending code) and `onRestart` throws the signed-in person back to the sign-in form
 * with "This code has expired. Request a new one.". This story asserts the step stays put.
 */
export const VerifyAgainAfterSuccess: Story = {
  args: { methods: [{ via: 'otp', method: 'email' }] },
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await userEvent.type(canvas.getByLabelText('Email address'), ADA.email);
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a code' }));
    const code = await codeSent(emulatorOf(context), { to: ADA.email });
    await userEvent.type(await canvas.findByLabelText('Verification code'), code);
    await waitFor(() => expect(canvas.getByTestId('session')).toHaveTextContent('Signed in as'));
    // The code is spent, and "Verify" shows it: aria-disabled, the code step "verified".
    const verify = canvas.getByRole('button', { name: 'Verify' });
    await waitFor(() => expect(verify).toHaveAttribute('aria-disabled', 'true'));
    await userEvent.click(verify);
    // The press sent nothing: the step is still the verified one, not the sign-in form.
    await expect(context.canvasElement.querySelector('[data-passlink-code]')).toHaveAttribute('data-state', 'verified');
    await expect(canvas.queryByRole('heading', { name: 'Sign in or create an account' })).toBeNull();
    await expect(canvas.getByRole('status')).not.toHaveTextContent('This code has expired.');
  },
};

export const RateLimited: Story = {
  parameters: { msw: { handlers: emulate({ users: PEOPLE, rateLimits: { messagesPerRecipient: 0, recipientWindowSeconds: 45 } }) } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email address'), ADA.email);
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a link' }));
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent('Too many attempts. Try again in 45 seconds.'));
    // Nothing went out: the button waits without pretending a message was sent.
    await expect(canvas.getByRole('button', { name: /^Try again in (45|44) seconds$/ })).toHaveAttribute('aria-disabled', 'true');
    await expect(canvas.queryByText(/Send again/)).toBeNull();
  },
};

export const NetworkError: Story = {
  parameters: { msw: { handlers: emulate({ users: PEOPLE }, http.post('*/v1/auth/magiclink/*', () => HttpResponse.error())) } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email address'), ADA.email);
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a link' }));
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent('We could not reach the server.'));
    await expect(canvas.getByLabelText('Email address')).toHaveValue(ADA.email);
  },
};

export const ServerError: Story = {
  loaders: [withFault({ path: '/magiclink/', status: 502, body: '<html><body>Bad gateway</body></html>' })],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email address'), ADA.email);
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a link' }));
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent('Something went wrong on our side. Try again in a moment.'));
  },
};

/** Dark, for browsing: the test run renders every story in both themes anyway. */
export const EmailLinkSentDark = dark(EmailLinkSent);

/** The first step's words in a language: heading, choice, field and button from its catalog. */
const firstStepIn = (catalog: Catalog): Story['play'] =>
  async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('heading', { name: catalog['login.title.signUpOrIn'] })).toBeVisible();
    await expect(canvas.getByRole('group', { name: catalog['login.method.label'] })).toBeVisible();
    await expect(canvas.getByLabelText(catalog['field.email.label'])).toBeVisible();
    await expect(canvas.getByRole('button', { name: catalog['login.submit.link'] })).toBeVisible();
  };

export const English: Story = { globals: { locale: 'en' }, play: firstStepIn(en) };
export const Spanish: Story = { globals: { locale: 'es' }, play: firstStepIn(es) };
export const French: Story = { globals: { locale: 'fr' }, play: firstStepIn(fr) };
export const German: Story = { globals: { locale: 'de' }, play: firstStepIn(de) };
export const GermanDark = dark(German);

/** After a send, in Spanish: the countdown is a duration in the locale ("30 segundos"). */
export const SpanishSent: Story = {
  globals: { locale: 'es' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText(es['field.email.label']), ADA.email);
    await userEvent.click(canvas.getByRole('button', { name: es['login.submit.link'] }));
    await expect(await canvas.findByRole('heading', { name: es['sent.title.email'] })).toBeVisible();
    await expect(canvasElement.querySelector('[data-passlink-resend]')).toHaveTextContent(/segundos/);
  },
};
