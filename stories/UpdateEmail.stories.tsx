import type { Meta, StoryObj } from '@storybook/react-vite';
import { http, HttpResponse } from 'msw';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { UpdateEmail, fr } from 'passlink';
import { ADA, FOREVER_MS, MASKED, NEW_EMAIL, PEOPLE, codeSent, emulate, emulatorOf, withFault, wrongCode } from './support';
import { dark } from './themes';

const meta = {
  title: 'Account/UpdateEmail',
  component: UpdateEmail,
  // Signed in as Ada: a session from the emulator, stored before the first render.
  parameters: { msw: { handlers: emulate({ users: PEOPLE }) }, passlink: { signedInAs: ADA.loginId } },
} satisfies Meta<typeof UpdateEmail>;

export default meta;
type Story = StoryObj<typeof meta>;

const continueWith = async (canvasElement: HTMLElement, email: string) => {
  const canvas = within(canvasElement);
  if (email) await userEvent.type(canvas.getByLabelText('New email address'), email);
  await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
};

/** Signed out: it says so and sends nothing. */
export const SignedOut: Story = {
  parameters: { passlink: { signedInAs: null } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('heading', { name: 'Change your email address' })).toBeVisible();
    await expect(canvas.getByRole('status')).toHaveTextContent('Sign in to change your contact details.');
    await expect(canvas.queryByRole('textbox')).toBeNull();
  },
};

/** Signed in: the current address and a field for the new one. */
export const SignedIn: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(`Current: ${ADA.email}`)).toBeVisible();
    await expect(canvas.getByLabelText('New email address')).toBeRequired();
  },
};

/** Continue with nothing typed: refused before any request (the catalog's generic "email address or phone number" message). */
export const ValidationRequired: Story = {
  play: async (context) => {
    await continueWith(context.canvasElement, '');
    const input = within(context.canvasElement).getByLabelText('New email address');
    await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'));
    await expect(input).toHaveAccessibleDescription(/^You can then also sign in with this email address\. Enter /);
    await expect(emulatorOf(context).outbox.list()).toHaveLength(0);
  },
};

export const ValidationError: Story = {
  play: async (context) => {
    await continueWith(context.canvasElement, 'new.person@');
    const input = within(context.canvasElement).getByLabelText('New email address');
    await waitFor(() =>
      expect(input).toHaveAccessibleDescription('You can then also sign in with this email address. The address needs a domain like example.com after the @.'),
    );
    await expect(emulatorOf(context).outbox.list()).toHaveLength(0);
  },
};

/** Journey: the new address, its code from the outbox, done; the session's user has it now. */
export const CodeJourney: Story = {
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await continueWith(context.canvasElement, NEW_EMAIL);
    await expect(await canvas.findByText(`We sent a code to ${MASKED.newEmail}.`)).toBeVisible();
    await expect(canvas.getByRole('heading', { name: 'Change your email address' })).toHaveFocus();
    const code = await codeSent(emulatorOf(context), { to: NEW_EMAIL });
    await userEvent.type(canvas.getByLabelText('Verification code'), code);
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent(`Your email address is now ${NEW_EMAIL}.`));
    await expect(emulatorOf(context).users().find((user) => user.loginIds.includes(ADA.loginId))?.email).toBe(NEW_EMAIL);
    await userEvent.click(canvas.getByRole('button', { name: 'Change it again' }));
    await expect(await canvas.findByText(`Current: ${NEW_EMAIL}`)).toBeVisible();
  },
};

/** The code step of the update, with a wrong code. */
export const WrongCode: Story = {
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await continueWith(context.canvasElement, NEW_EMAIL);
    const code = await codeSent(emulatorOf(context), { to: NEW_EMAIL });
    await userEvent.type(await canvas.findByLabelText('Verification code'), wrongCode(code));
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent('That code is not right. Check it and try again.'));
    await expect(canvas.getByLabelText('Verification code')).toHaveFocus();
  },
};

/** Verified by a link instead: "We sent a link to …". */
export const LinkSent: Story = {
  args: { via: 'magicLink' },
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await continueWith(context.canvasElement, NEW_EMAIL);
    await expect(await canvas.findByText(`We sent a link to ${MASKED.newEmail}. Open it on this device to continue.`)).toBeVisible();
    await expect(emulatorOf(context).outbox.latest({ to: NEW_EMAIL })?.purpose).toBe('updateEmail');
  },
};

export const Pending: Story = {
  loaders: [withFault({ path: '/update/email', latencyMs: FOREVER_MS })],
  play: async ({ canvasElement }) => {
    await continueWith(canvasElement, NEW_EMAIL);
    const button = await within(canvasElement).findByRole('button', { name: 'Sending…' });
    await expect(button).toHaveAttribute('aria-disabled', 'true');
  },
};

export const ServerError: Story = {
  loaders: [withFault({ path: '/update/email', status: 502, body: '<html><body>Bad gateway</body></html>' })],
  play: async ({ canvasElement }) => {
    await continueWith(canvasElement, NEW_EMAIL);
    await waitFor(() =>
      expect(within(canvasElement).getByRole('alert')).toHaveTextContent('Something went wrong on our side. Try again in a moment.'),
    );
    await expect(within(canvasElement).getByLabelText('New email address')).toHaveValue(NEW_EMAIL);
  },
};

export const NetworkError: Story = {
  parameters: { msw: { handlers: emulate({ users: PEOPLE }, http.post('*/v1/auth/otp/update/email', () => HttpResponse.error())) } },
  play: async ({ canvasElement }) => {
    await continueWith(canvasElement, NEW_EMAIL);
    await waitFor(() => expect(within(canvasElement).getByRole('alert')).toHaveTextContent('We could not reach the server.'));
  },
};

/** Dark, for browsing: the test run renders every story in both themes anyway. */
export const CodeJourneyDark = dark(CodeJourney);
export const SignedInFrench: Story = {
  globals: { locale: 'fr' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('heading', { name: fr['update.email.title'] })).toBeVisible();
    await expect(within(canvasElement).getByLabelText(fr['update.email.new'])).toBeVisible();
  },
};
