import { useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { http, HttpResponse } from 'msw';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { VerifyMagicLink, de, es, fr, type VerifyMagicLinkProps } from 'passlink';
import { ADA, FOREVER_MS, PEOPLE, emulate, linkToken, loadedToken, withFault } from './support';
import { dark } from './themes';

/** The page, with the token a loader prepared and a line showing what `onSuccess` received. */
function VerifyPage(props: VerifyMagicLinkProps) {
  const [signedIn, setSignedIn] = useState('');
  return (
    <>
      <VerifyMagicLink
        {...props}
        onSuccess={(result) => setSignedIn(`onSuccess: ${result.user?.email ?? ''}${result.firstSeen ? ' (first sign-in)' : ''}`)}
        recovery={<a href="#sign-in">Back to sign in</a>}
      />
      <p data-testid="success">{signedIn}</p>
    </>
  );
}

const meta = {
  title: 'Login/VerifyMagicLink',
  component: VerifyMagicLink,
  parameters: { msw: { handlers: emulate({ users: PEOPLE }) } },
  loaders: [linkToken('valid')],
  render: (args, { loaded }) => <VerifyPage {...args} token={loadedToken(loaded)} />,
} satisfies Meta<typeof VerifyMagicLink>;

export default meta;
type Story = StoryObj<typeof meta>;

const page = (canvasElement: HTMLElement) => {
  const section = canvasElement.querySelector('section[data-passlink-verify]');
  if (!(section instanceof HTMLElement)) throw new Error('No verify page');
  return section;
};
const reaches = (canvasElement: HTMLElement, state: string) =>
  waitFor(() => expect(page(canvasElement)).toHaveAttribute('data-state', state));

/** A valid link: verified at once, the session stored, `onSuccess` called. */
export const Success: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await reaches(canvasElement, 'success');
    await expect(canvas.getByRole('status')).toHaveTextContent('You are signed in.');
    await expect(canvas.getByTestId('success')).toHaveTextContent(`onSuccess: ${ADA.email}`);
    await expect(canvas.getByRole('heading', { level: 1, name: 'Signed in' })).toHaveFocus();
  },
};

/** While the link is checked (the answer never comes here). */
export const Verifying: Story = {
  loaders: [withFault({ path: '/magiclink/verify', latencyMs: FOREVER_MS })],
  play: async ({ canvasElement }) => {
    await reaches(canvasElement, 'verifying');
    await expect(page(canvasElement)).toHaveAttribute('aria-busy', 'true');
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Checking your link…');
  },
};

/** `requireConfirmation`: nothing is spent until the person presses "Continue signing in". */
export const RequireConfirmation: Story = {
  args: { requireConfirmation: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await reaches(canvasElement, 'confirm');
    await expect(canvas.getByRole('heading', { name: 'Finish signing in' })).toBeVisible();
    await expect(canvas.getByRole('status')).toHaveTextContent('To finish signing in on this device, select Continue signing in.');
  },
};

/** The confirmation pressed: verified. */
export const ConfirmedThenSuccess: Story = {
  args: { requireConfirmation: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Continue signing in' }));
    await reaches(canvasElement, 'success');
    await expect(canvas.getByTestId('success')).toHaveTextContent(`onSuccess: ${ADA.email}`);
  },
};

export const Expired: Story = {
  loaders: [linkToken('expired')],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await reaches(canvasElement, 'expired');
    await expect(canvas.getByRole('alert')).toHaveTextContent('This link has expired. Request a new one.');
    await expect(canvas.getByRole('link', { name: 'Back to sign in' })).toBeVisible();
  },
};

export const AlreadyUsed: Story = {
  loaders: [linkToken('used')],
  play: async ({ canvasElement }) => {
    await reaches(canvasElement, 'used');
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('This link was already used. Request a new one.');
  },
};

export const Invalid: Story = {
  loaders: [linkToken('unknown')],
  play: async ({ canvasElement }) => {
    await reaches(canvasElement, 'invalid');
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('This link is not valid. Request a new one.');
  },
};

/** The link was cut short: no token at all, and no request. */
export const MissingToken: Story = {
  loaders: [linkToken('missing')],
  play: async ({ canvasElement }) => {
    await reaches(canvasElement, 'invalid');
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'This link is incomplete. Open the whole link from your message.',
    );
  },
};

/** Back or reload after signing in: no token any more, and a session: the page says so. */
export const AlreadySignedIn: Story = {
  loaders: [linkToken('missing')],
  parameters: { passlink: { signedInAs: ADA.loginId } },
  play: async ({ canvasElement }) => {
    await reaches(canvasElement, 'success');
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('You are already signed in.');
    await expect(within(canvasElement).queryByText(/did not work/)).toBeNull();
  },
};

/** A gateway's 502 HTML page: the server's fault, with "Try again", which then succeeds. */
export const ServerErrorThenRetry: Story = {
  loaders: [withFault({ path: '/magiclink/verify', status: 502, body: '<html><body>Bad gateway</body></html>' })],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await reaches(canvasElement, 'error');
    await expect(canvas.getByRole('alert')).toHaveTextContent('Something went wrong on our side. Try again in a moment.');
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }));
    await reaches(canvasElement, 'success');
  },
};

/** The 502 page, left on screen. */
export const ServerError: Story = {
  loaders: [withFault({ path: '/magiclink/verify', status: 502, body: '<html><body>Bad gateway</body></html>' })],
  play: async ({ canvasElement }) => {
    await reaches(canvasElement, 'error');
    await expect(within(canvasElement).getByRole('button', { name: 'Try again' })).toBeVisible();
  },
};

/** No answer at all (offline): "Try again". */
export const NetworkError: Story = {
  parameters: {
    msw: { handlers: emulate({ users: PEOPLE }, http.post('*/v1/auth/magiclink/verify', () => HttpResponse.error(), { once: true })) },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await reaches(canvasElement, 'error');
    await expect(canvas.getByRole('alert')).toHaveTextContent('We could not reach the server. Check your connection and try again.');
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeVisible();
  },
};

/** Dark, for browsing: the test run renders every story in both themes anyway. */
export const ExpiredDark = dark(Expired);

/** Each language: the page's words come from the catalog of the toolbar's locale. */
export const ExpiredSpanish: Story = {
  globals: { locale: 'es' },
  loaders: [linkToken('expired')],
  play: async ({ canvasElement }) => {
    await reaches(canvasElement, 'expired');
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(es['verify.expired']);
  },
};
export const RequireConfirmationFrench: Story = {
  globals: { locale: 'fr' },
  args: { requireConfirmation: true },
  play: async ({ canvasElement }) => {
    await reaches(canvasElement, 'confirm');
    await expect(within(canvasElement).getByRole('button', { name: fr['verify.confirm.button'] })).toBeVisible();
  },
};
export const SuccessGerman: Story = {
  globals: { locale: 'de' },
  play: async ({ canvasElement }) => {
    await reaches(canvasElement, 'success');
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent(de['verify.success']);
  },
};
