import type { Meta, StoryObj } from '@storybook/react-vite';
import { http, HttpResponse } from 'msw';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { UpdatePhone, de } from 'passlink';
import { ADA, FOREVER_MS, MASKED, NEW_PHONE, PEOPLE, codeSent, emulate, emulatorOf, phoneFieldReady, withFault } from './support';
import { dark } from './themes';

/** Grace has an email address and no phone number yet. */
const GRACE = { loginId: 'grace@example.com', email: 'grace@example.com', name: 'Grace Hopper' } as const;

const meta = {
  title: 'Account/UpdatePhone',
  component: UpdatePhone,
  args: { defaultCountry: 'US' },
  parameters: { msw: { handlers: emulate({ users: [...PEOPLE, GRACE] }) }, passlink: { signedInAs: ADA.loginId } },
} satisfies Meta<typeof UpdatePhone>;

export default meta;
type Story = StoryObj<typeof meta>;

const continueWith = async (canvasElement: HTMLElement, nationalNumber: string) => {
  const canvas = within(canvasElement);
  await phoneFieldReady(canvasElement);
  if (nationalNumber) await userEvent.type(canvas.getByLabelText('New phone number'), nationalNumber);
  await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
};

export const SignedOut: Story = {
  parameters: { passlink: { signedInAs: null } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('heading', { name: 'Change your phone number' })).toBeVisible();
    await expect(canvas.getByRole('status')).toHaveTextContent('Sign in to change your contact details.');
  },
};

export const SignedIn: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(`Current: ${ADA.phone}`)).toBeVisible();
  },
};

/** A user without a phone number: "Current: none". */
export const SignedInWithoutPhone: Story = {
  parameters: { passlink: { signedInAs: GRACE.loginId } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('Current: none')).toBeVisible();
  },
};

export const ValidationError: Story = {
  play: async (context) => {
    await continueWith(context.canvasElement, '555');
    await waitFor(() =>
      expect(within(context.canvasElement).getByLabelText('New phone number')).toHaveAccessibleDescription('You can then also sign in with this phone number. Enter a valid phone number.'),
    );
    await expect(emulatorOf(context).outbox.list()).toHaveLength(0);
  },
};

/** Journey: a new number typed nationally, its SMS code from the outbox, done. */
export const SmsCodeJourney: Story = {
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await continueWith(context.canvasElement, '4155550199');
    await expect(await canvas.findByText(`We sent a code to ${MASKED.newPhone}.`)).toBeVisible();
    const code = await codeSent(emulatorOf(context), { to: NEW_PHONE, channel: 'sms' });
    await userEvent.type(canvas.getByLabelText('Verification code'), code);
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent(`Your phone number is now ${NEW_PHONE}.`));
    await expect(canvas.getByRole('button', { name: 'Change it again' })).toBeVisible();
  },
};

/** The new number is Pat's login id: refused at once with its own message; nothing is sent, nothing changes. */
export const NumberOfAnotherAccount: Story = {
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await continueWith(context.canvasElement, '4155550102');
    await waitFor(() =>
      expect(canvas.getByRole('alert')).toHaveTextContent('This phone number belongs to another account, so nothing was changed. Use another number.'),
    );
    await expect(emulatorOf(context).outbox.list()).toHaveLength(0);
  },
};

/** By phone call: "We are calling …". */
export const VoiceCodeSent: Story = {
  args: { method: 'voice' },
  play: async ({ canvasElement }) => {
    await continueWith(canvasElement, '4155550199');
    await expect(await within(canvasElement).findByText(`We are calling ${MASKED.newPhone} to read you a code.`)).toBeVisible();
  },
};

/** By a link over WhatsApp. */
export const WhatsAppLinkSent: Story = {
  args: { via: 'magicLink', method: 'whatsapp' },
  play: async (context) => {
    await continueWith(context.canvasElement, '4155550199');
    await expect(
      await within(context.canvasElement).findByText(`We sent a link to ${MASKED.newPhone}. Open it on this device to continue.`),
    ).toBeVisible();
    await expect(emulatorOf(context).outbox.latest({ to: NEW_PHONE })?.channel).toBe('whatsapp');
  },
};

/** While the request is out: "Sending…". */
export const Pending: Story = {
  loaders: [withFault({ path: '/update/phone', latencyMs: FOREVER_MS })],
  play: async ({ canvasElement }) => {
    await continueWith(canvasElement, '4155550199');
    await expect(await within(canvasElement).findByRole('button', { name: 'Sending…' })).toHaveAttribute('aria-disabled', 'true');
  },
};

/** The request never reaches a server. */
export const NetworkError: Story = {
  parameters: { msw: { handlers: emulate({ users: PEOPLE }, http.post('*/v1/auth/otp/update/phone/*', () => HttpResponse.error())) } },
  play: async ({ canvasElement }) => {
    await continueWith(canvasElement, '4155550199');
    await waitFor(() => expect(within(canvasElement).getByRole('alert')).toHaveTextContent('We could not reach the server.'));
  },
};

/** Over the server's limit for the new number. */
export const RateLimited: Story = {
  parameters: { msw: { handlers: emulate({ users: PEOPLE, rateLimits: { messagesPerRecipient: 0, recipientWindowSeconds: 120 } }) } },
  play: async ({ canvasElement }) => {
    await continueWith(canvasElement, '4155550199');
    await waitFor(() => expect(within(canvasElement).getByRole('alert')).toHaveTextContent('Too many attempts. Try again in 120 seconds.'));
  },
};

/** Dark, for browsing: the test run renders every story in both themes anyway. */
export const SignedInDark = dark(SignedIn);
export const SignedInGerman: Story = {
  globals: { locale: 'de' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('heading', { name: de['update.phone.title'] })).toBeVisible();
    await expect(within(canvasElement).getByRole('button', { name: de['update.submit'] })).toBeVisible();
  },
};
