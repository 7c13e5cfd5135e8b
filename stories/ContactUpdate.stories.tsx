import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ContactUpdate, es } from 'passlink';
import { ADA, MASKED, NEW_EMAIL, PEOPLE, emulate, emulatorOf } from './support';
import { dark } from './themes';

const meta = {
  title: 'Account/ContactUpdate',
  component: ContactUpdate,
  args: { phone: { defaultCountry: 'US' } },
  parameters: { msw: { handlers: emulate({ users: PEOPLE }) }, passlink: { signedInAs: ADA.loginId } },
} satisfies Meta<typeof ContactUpdate>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Signed out: both parts say so. */
export const SignedOut: Story = {
  parameters: { passlink: { signedInAs: null } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getAllByText('Sign in to change your contact details.')).toHaveLength(2);
  },
};

/** Signed in: the email part and the phone part, each with its current value. */
export const SignedIn: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('heading', { name: 'Change your email address' })).toBeVisible();
    await expect(canvas.getByRole('heading', { name: 'Change your phone number' })).toBeVisible();
    await expect(canvas.getByText(`Current: ${ADA.email}`)).toBeVisible();
    await expect(canvas.getByText(`Current: ${ADA.phone}`)).toBeVisible();
  },
};

/** Email verified by a link (as on the demo's account page), phone by an SMS code. */
export const EmailByLink: Story = {
  args: { email: { via: 'magicLink' }, phone: { via: 'otp', method: 'sms', defaultCountry: 'US' } },
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await userEvent.type(canvas.getByLabelText('New email address'), NEW_EMAIL);
    const [emailContinue] = canvas.getAllByRole('button', { name: 'Continue' });
    if (!emailContinue) throw new Error('No Continue button');
    await userEvent.click(emailContinue);
    await expect(await canvas.findByText(`We sent a link to ${MASKED.newEmail}. Open it on this device to continue.`)).toBeVisible();
    await waitFor(() => expect(emulatorOf(context).outbox.latest({ to: NEW_EMAIL })?.kind).toBe('magicLink'));
    // The phone part is untouched.
    await expect(canvas.getByText(`Current: ${ADA.phone}`)).toBeVisible();
  },
};

/** Dark, for browsing: the test run renders every story in both themes anyway. */
export const SignedInDark = dark(SignedIn);
export const SignedInSpanish: Story = {
  globals: { locale: 'es' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('heading', { name: es['update.email.title'] })).toBeVisible();
    await expect(within(canvasElement).getByRole('heading', { name: es['update.phone.title'] })).toBeVisible();
  },
};
