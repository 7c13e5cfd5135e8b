import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { PasswordlessLogin, VerifyMagicLink, enchantedLinkMethod, useSession, type PasswordlessLoginProps } from 'passlink';
import type { Emulator } from 'passlink/msw';
import { ADA, MASKED, PEOPLE, emulate, emulatorOf, loadedToken } from './support';

/** Shows whether the session store holds a session: what the app around the flow would see. */
function SessionLine() {
  const { isAuthenticated, user } = useSession();
  return <p data-testid="session">{isAuthenticated ? `Signed in as ${user?.email ?? ''}` : 'Signed out'}</p>;
}

function LoginPage(props: PasswordlessLoginProps) {
  return (
    <>
      <PasswordlessLogin {...props} />
      <SessionLine />
    </>
  );
}

/** Opens an enchanted link as another device would: straight at the emulator, no browser involved. */
async function openLink(emulator: Emulator, token: string): Promise<number> {
  const answer = await emulator.handle({
    method: 'POST',
    url: '/v1/auth/enchantedlink/verify',
    headers: { Authorization: `Bearer ${emulator.projectId}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  return answer.status;
}

/** The token of the link in Ada's newest enchanted email that shows `number` (`right` false: another one). */
function linkShowing(emulator: Emulator, number: string, right = true): string {
  const link = emulator.outbox.latest({ to: ADA.email, kind: 'enchantedLink' })?.links?.find((candidate) => (candidate.number === number) === right);
  if (!link) throw new Error(`No ${right ? '' : 'other '}link showing ${number}`);
  return link.token;
}

const meta = {
  title: 'Login/EnchantedLink',
  component: PasswordlessLogin,
  args: { methods: [enchantedLinkMethod], mode: 'signIn', enchantedLinkOptions: { intervalMs: 250 } },
  parameters: { msw: { handlers: emulate({ users: PEOPLE }) } },
  render: (args) => <LoginPage {...args} />,
} satisfies Meta<typeof PasswordlessLogin>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Sends Ada an enchanted link and answers the number the screen shows. */
async function sendToAda(canvasElement: HTMLElement): Promise<string> {
  const canvas = within(canvasElement);
  await userEvent.type(canvas.getByLabelText('Email address'), ADA.email);
  await userEvent.click(canvas.getByRole('button', { name: 'Send me a link' }));
  await canvas.findByRole('heading', { name: 'Check your email' });
  const number = await waitFor(() => {
    const shown = canvasElement.querySelector('[data-passlink-link-number] bdi')?.textContent;
    if (!shown) throw new Error('No number shown yet');
    return shown;
  });
  return number;
}

/** The "check your email" step: the number to tap, large, and the masked address; this screen waits. */
export const NumberShown: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const number = await sendToAda(canvasElement);
    await expect(number).toMatch(/^\d{2}$/);
    await expect(canvas.getByText(`We sent an email to ${MASKED.ada}. Open it on any device and select the link showing this number:`)).toBeVisible();
    await expect(canvas.getByText('Waiting for you to open the link…')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Cancel' })).toBeVisible();
    await waitFor(() => expect(canvas.getAllByRole('status').map((region) => region.textContent)).toContain(`Open the email and select the link showing \u2066${number}\u2069.`));
  },
};

/** The right link was opened on another device: this screen signed in by itself. */
export const SignedIn: Story = {
  play: async (context) => {
    const canvas = within(context.canvasElement);
    const number = await sendToAda(context.canvasElement);
    await expect(await openLink(emulatorOf(context), linkShowing(emulatorOf(context), number))).toBe(200);
    await waitFor(() => expect(canvas.getByTestId('session')).toHaveTextContent(`Signed in as ${ADA.email}`));
    await expect(canvas.getByText('Link opened. You are signed in.')).toBeVisible();
  },
};

/** The link expired before anyone opened it: said, focused; "Send again" starts over. */
export const Timeout: Story = {
  // The link outlived the resend cooldown (minutes against 30 s): here the emulator's clock jumps.
  parameters: { passlink: { resendCooldownSeconds: 0 } },
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await sendToAda(context.canvasElement);
    emulatorOf(context).advanceClock(24 * 60 * 60);
    const alert = await canvas.findByText('This link has expired. Send a new one to continue.');
    await waitFor(() => expect(alert).toHaveFocus());
    await userEvent.click(canvas.getByRole('button', { name: 'Send again' }));
    await canvas.findByText('Waiting for you to open the link…');
  },
};

/** A link with another number was opened: the attempt is over (a blind guess cannot get in). */
export const WrongLinkOpened: Story = {
  play: async (context) => {
    const canvas = within(context.canvasElement);
    const number = await sendToAda(context.canvasElement);
    await expect(await openLink(emulatorOf(context), linkShowing(emulatorOf(context), number, false))).toBe(401);
    const alert = await canvas.findByText('A link with another number was opened, so this sign-in was stopped. Send a new link.');
    await waitFor(() => expect(alert).toHaveFocus());
    await expect(canvas.getByTestId('session')).toHaveTextContent('Signed out');
  },
};

/** The server cannot be reached for now: the screen says so and keeps trying. */
export const Reconnecting: Story = {
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await sendToAda(context.canvasElement);
    emulatorOf(context).addFault({ path: '/enchantedlink/pending-session', status: 503, times: 0 });
    await canvas.findByText('We cannot reach the server. We keep trying…');
  },
};

/** In a right-to-left page: the number stays left to right (isolated), whatever surrounds it. */
export const RightToLeft: Story = {
  render: (args) => (
    <div dir="rtl">
      <LoginPage {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const number = await sendToAda(canvasElement);
    const shown = canvasElement.querySelector('[data-passlink-link-number] bdi');
    await expect(shown).toHaveAttribute('dir', 'ltr');
    await expect(shown).toHaveTextContent(number);
  },
};

/** The sign-in screen in Spanish. */
export const Spanish: Story = {
  globals: { locale: 'es' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Correo electrónico'), ADA.email);
    await userEvent.click(canvas.getByRole('button', { name: 'Enviarme un enlace' }));
    await canvas.findByText('Esperando a que abras el enlace…');
  },
};

/**
 * The page the link opens, on the other device: it confirms the sign-in there and says this tab
 * can be closed (this tab is not signed in).
 */
export const VerifyPageSuccess: StoryObj<typeof VerifyMagicLink> = {
  render: (_args, { loaded }) => (
    <>
      <VerifyMagicLink kind="enchantedLink" token={loadedToken(loaded)} />
      <SessionLine />
    </>
  ),
  loaders: [
    async (context) => {
      const emulator = emulatorOf(context);
      const answer = await emulator.handle({
        method: 'POST',
        url: '/v1/auth/enchantedlink/signin/email',
        headers: { Authorization: `Bearer ${emulator.projectId}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ loginId: ADA.loginId }),
      });
      const { linkId } = JSON.parse(answer.body) as { linkId: string };
      return { token: linkShowing(emulator, linkId) };
    },
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('heading', { level: 1, name: 'Sign-in confirmed' });
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('You are signed in on your other device. You can close this tab.'));
    await expect(canvas.getByTestId('session')).toHaveTextContent('Signed out');
  },
};
