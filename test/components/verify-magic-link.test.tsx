import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { VerifyMagicLink } from '../../src';
import { ADA, expectNoAxeViolations, setup, stubLocationAssign, type Harness } from './harness';

const VERIFY = '/v1/auth/magiclink/verify';

/** Sends Ada a sign-in link (as the login page would) and answers its token. */
async function sendLink(h: Harness): Promise<string> {
  await h.client.magicLink.signIn({ method: 'email', loginId: ADA.loginId });
  const token = h.emulator.outbox.latest({ to: ADA.email, kind: 'magicLink' })?.token;
  if (!token) throw new Error('no link was sent');
  return token;
}

/** Opens the verify page as a click on the link would. */
const visit = (search: string) => history.replaceState(null, '', `/verify${search}`);


const recovery = <a href="/login">Back to sign in</a>;

describe('VerifyMagicLink', () => {
  it('verifying, then success: onSuccess once, focus on the heading, announced; the token left the address bar first', async () => {
    const h = setup();
    const token = await sendLink(h);
    visit(`?t=${token}&from=mail`);
    const held = h.hold(VERIFY);
    const onSuccess = vi.fn();
    const { container } = h.renderUI(<VerifyMagicLink onSuccess={onSuccess} />);

    const heading = screen.getByRole('heading', { level: 1, name: 'Signing you in' });
    expect(screen.getByRole('status')).toHaveTextContent('Checking your link…');
    expect(container.querySelector('section')).toHaveAttribute('aria-busy', 'true');
    expect(heading).not.toHaveFocus();
    await held.arrived;
    await expectNoAxeViolations(container);
    held.release();

    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('You are signed in.'));
    await waitFor(() => expect(heading).toHaveFocus());
    expect(container.querySelector('section')).not.toHaveAttribute('aria-busy');
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess).toHaveBeenCalledWith({ firstSeen: false, user: expect.objectContaining({ email: ADA.email }) });
    expect(h.count(VERIFY)).toBe(1);
    expect(h.requests.find((r) => r.path === VERIFY)?.pageSearch).toBe('?from=mail');
    expect(location.search).toBe('?from=mail');
    expect(location.href).not.toContain(token);
    expect(h.store.getSnapshot()).toMatchObject({ isAuthenticated: true, user: { email: ADA.email } });
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    await expectNoAxeViolations(container);
    await h.idle();
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it('redirectTo="/account" goes there once after success (after onSuccess)', async () => {
    const h = setup();
    const assign = stubLocationAssign();
    visit(`?t=${await sendLink(h)}`);
    const order: string[] = [];
    assign.mockImplementation(() => order.push('assign'));
    h.renderUI(<VerifyMagicLink redirectTo="/account" onSuccess={() => order.push('onSuccess')} />);
    await screen.findByText('You are signed in.');
    await waitFor(() => expect(assign).toHaveBeenCalledTimes(1));
    expect(assign).toHaveBeenCalledWith('/account');
    expect(order).toEqual(['onSuccess', 'assign']);
  });

  it.each(['https://evil.example/x', '//evil.example', '/\\evil.example', 'javascript:alert(1)'])(
    'redirectTo=%j is not followed (success still shown, onSuccess still called)',
    async (target) => {
      const h = setup();
      const assign = stubLocationAssign();
      visit(`?t=${await sendLink(h)}`);
      const onSuccess = vi.fn();
      h.renderUI(<VerifyMagicLink redirectTo={target} onSuccess={onSuccess} />);
      await screen.findByText('You are signed in.');
      await waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1));
      await h.idle();
      expect(assign).not.toHaveBeenCalled();
    },
  );

  it('expired (the emulator clock moved past the link lifetime): says so, as an alert, with the recovery link', async () => {
    const h = setup();
    visit(`?t=${await sendLink(h)}`);
    h.emulator.advanceClock(301);
    const onSuccess = vi.fn();
    const { container } = h.renderUI(<VerifyMagicLink onSuccess={onSuccess} recovery={recovery} />);
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert).toHaveTextContent('This link has expired. Request a new one.'));
    expect(screen.getByRole('link', { name: 'Back to sign in' })).toHaveAttribute('href', '/login');
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('heading', { name: 'This link did not work' })).toHaveFocus());
    expect(onSuccess).not.toHaveBeenCalled();
    expect(h.store.getSnapshot().isAuthenticated).toBe(false);
    await expectNoAxeViolations(container);
  });

  it('already used: says so, with the recovery link', async () => {
    const h = setup();
    const token = await sendLink(h);
    await h.client.magicLink.verify({ token });
    visit(`?t=${token}`);
    const { container } = h.renderUI(<VerifyMagicLink recovery={recovery} />);
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('This link was already used. Request a new one.'));
    expect(screen.getByRole('link', { name: 'Back to sign in' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('invalid (a token the server does not know): says so, and no retry', async () => {
    const h = setup();
    visit('?t=notARealToken');
    const { container } = h.renderUI(<VerifyMagicLink recovery={recovery} />);
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('This link is not valid. Request a new one.'));
    expect(screen.getByRole('link', { name: 'Back to sign in' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    expect(h.count(VERIFY)).toBe(1);
    expect(location.search).toBe('');
    await expectNoAxeViolations(container);
  });

  it('missing token: says the link is incomplete and sends nothing', async () => {
    const h = setup();
    visit('?from=mail');
    const { container } = h.renderUI(<VerifyMagicLink recovery={recovery} />);
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert).toHaveTextContent('This link is incomplete. Open the whole link from your message.'));
    expect(screen.getByRole('link', { name: 'Back to sign in' })).toBeInTheDocument();
    await h.idle();
    expect(h.count()).toBe(0);
    await expectNoAxeViolations(container);
  });

  it('a network failure offers "Try again", which succeeds', async () => {
    const h = setup();
    visit(`?t=${await sendLink(h)}`);
    h.server.use(http.post(`*${VERIFY}`, () => HttpResponse.error(), { once: true }));
    const onSuccess = vi.fn();
    const { user, container } = h.renderUI(<VerifyMagicLink onSuccess={onSuccess} />);
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent('We could not reach the server. Check your connection and try again.'),
    );
    const retry = screen.getByRole('button', { name: 'Try again' });
    expect(location.search).toBe('');
    await expectNoAxeViolations(container);

    await user.click(retry);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('You are signed in.'));
    // The button went away; focus went to the heading rather than being lost.
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Signed in' })).toHaveFocus());
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(h.count(VERIFY)).toBe(2);
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });

  it('a 502 from the gateway offers "Try again", which succeeds', async () => {
    const h = setup();
    visit(`?t=${await sendLink(h)}`);
    h.emulator.addFault({ path: VERIFY, status: 502, body: '<html>Bad Gateway</html>' });
    const { user } = h.renderUI(<VerifyMagicLink />);
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong on our side. Try again in a moment.'));
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('You are signed in.'));
  });

  it('requireConfirmation: no request until "Continue signing in" (Tab, Enter), then exactly one; token gone before', async () => {
    const h = setup();
    const token = await sendLink(h);
    visit(`?t=${token}`);
    const onSuccess = vi.fn();
    const { user, container } = h.renderUI(<VerifyMagicLink requireConfirmation onSuccess={onSuccess} />);

    expect(screen.getByRole('heading', { level: 1, name: 'Finish signing in' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('To finish signing in on this device, select Continue signing in.');
    await h.idle();
    expect(h.count(VERIFY)).toBe(0);
    expect(location.search).toBe('');
    await expectNoAxeViolations(container);

    await user.tab();
    const button = screen.getByRole('button', { name: 'Continue signing in' });
    expect(button).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('You are signed in.'));
    const heading = screen.getByRole('heading', { level: 1, name: 'Signed in' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(h.count(VERIFY)).toBe(1);
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('button', { name: 'Continue signing in' })).not.toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('under StrictMode: one request and one onSuccess', async () => {
    const h = setup();
    visit(`?t=${await sendLink(h)}`);
    const onSuccess = vi.fn();
    h.renderUI(
      <StrictMode>
        <VerifyMagicLink onSuccess={onSuccess} />
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('You are signed in.'));
    await h.idle();
    expect(h.count(VERIFY)).toBe(1);
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it('a token given as a prop and a custom param: verifies that token, and headingLevel sets the heading', async () => {
    const h = setup();
    const token = await sendLink(h);
    visit('?code=whatever');
    h.renderUI(<VerifyMagicLink token={token} param="code" headingLevel={2} />);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('You are signed in.'));
    expect(screen.getByRole('heading', { level: 2, name: 'Signed in' })).toBeInTheDocument();
    expect(JSON.parse(h.requests.find((r) => r.path === VERIFY)?.body ?? '{}')).toEqual({ token });
  });
});
