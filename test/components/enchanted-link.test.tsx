import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/client';
import { PasswordlessLogin, VerifyMagicLink, enchantedLinkMethod, useSession, type LoginMethod } from '../../src';
import { ADA, MASKED, expectNoAxeViolations, findStatus, setup, type Harness } from './harness';

const REDIRECT = 'http://localhost:5173/verify';
const METHODS: LoginMethod[] = [{ via: 'magicLink', method: 'email' }, enchantedLinkMethod];

function SessionLine() {
  const { isAuthenticated, user } = useSession();
  return <p data-testid="session">{isAuthenticated ? `Signed in as ${user?.email ?? ''}` : 'Signed out'}</p>;
}

/** The token of the link in the newest enchanted email that shows `number` (or, `right` false, another one). */
function linkToken(h: Harness, number: string, right = true): string {
  const link = h.emulator.outbox.latest({ kind: 'enchantedLink' })?.links?.find((candidate) => (candidate.number === number) === right);
  if (!link) throw new Error(`no ${right ? '' : 'other '}link showing ${number}`);
  return link.token;
}

/** The number the waiting screen shows. */
const shownNumber = () => {
  const element = document.querySelector('[data-passlink-link-number] bdi');
  if (!element?.textContent) throw new Error('no number shown');
  expect(element).toHaveAttribute('dir', 'ltr');
  return element.textContent;
};

/** Chooses "Email link (any device)", types Ada's address and sends; answers once the number shows. */
async function sendEnchanted(h: Harness, props: Partial<Parameters<typeof PasswordlessLogin>[0]> = {}) {
  const onSignedIn = vi.fn();
  const rendered = h.renderUI(
    <>
      <PasswordlessLogin methods={METHODS} redirectUrl={REDIRECT} onSignedIn={onSignedIn} enchantedLinkOptions={{ intervalMs: 20 }} {...props} />
      <SessionLine />
    </>,
    { provider: { resendCooldownSeconds: 0 } },
  );
  const { user } = rendered;
  await user.click(screen.getByRole('radio', { name: 'Email link (any device)' }));
  await user.type(screen.getByRole('textbox', { name: 'Email address' }), ADA.email);
  await user.click(screen.getByRole('button', { name: 'Send me a link' }));
  const heading = await screen.findByRole('heading', { level: 2, name: 'Check your email' });
  await waitFor(() => expect(heading).toHaveFocus());
  return { ...rendered, onSignedIn };
}

describe('PasswordlessLogin: Email link (any device)', () => {
  it('shows the number and the masked address, announces the number, and signs in by itself when the right link is opened elsewhere', async () => {
    const h = setup();
    const { container, onSignedIn } = await sendEnchanted(h);
    expect(screen.getByText(`We sent an email to ${MASKED.ada}. Open it on any device and select the link showing this number:`)).toBeInTheDocument();
    const number = shownNumber();
    expect(number).toMatch(/^\d{2}$/);
    await findStatus(`Open the email and select the link showing \u2066${number}\u2069.`);
    expect(screen.getByText('Waiting for you to open the link…')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
    expect(screen.getByTestId('session')).toHaveTextContent('Signed out');
    const email = h.emulator.outbox.latest({ to: ADA.email });
    expect(email).toMatchObject({ kind: 'enchantedLink', channel: 'email' });
    expect(new URL(email?.links?.[0]?.url ?? '').searchParams.get('passlink')).toBe('enchanted');
    await expectNoAxeViolations(container);

    // Another device opens the link showing the number.
    await h.client.enchantedLink.verify({ token: linkToken(h, number) });
    await waitFor(() => expect(screen.getByTestId('session')).toHaveTextContent(`Signed in as ${ADA.email}`));
    expect(onSignedIn).toHaveBeenCalledTimes(1);
    expect(onSignedIn.mock.calls[0]?.[0]).toMatchObject({ user: { email: ADA.email } });
    await findStatus('Link opened. You are signed in.');
    await expectNoAxeViolations(container);
  });

  it('Cancel goes back to the form with the address kept, and stops waiting', async () => {
    const h = setup();
    const { user } = await sendEnchanted(h);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByRole('textbox', { name: 'Email address' })).toHaveValue(ADA.email);
    expect(screen.getByRole('radio', { name: 'Email link (any device)' })).toBeChecked();
    await h.idle();
    const polls = h.count('pending-session');
    await h.idle();
    expect(h.count('pending-session')).toBe(polls);
  });

  it('Send again sends a new email, shows its number and waits on it', async () => {
    const h = setup();
    const { user } = await sendEnchanted(h);
    const first = h.emulator.outbox.latest({ kind: 'enchantedLink' });
    await user.click(screen.getByRole('button', { name: 'Send again' }));
    await waitFor(() => expect(h.emulator.outbox.latest({ kind: 'enchantedLink' })?.id).not.toBe(first?.id));
    // The number shown is one of the new email's (the first email's attempt may share it by chance).
    await waitFor(() => expect(h.emulator.outbox.latest({ kind: 'enchantedLink' })?.links?.map((link) => link.number)).toContain(shownNumber()));
    await findStatus(`Open the email and select the link showing \u2066${shownNumber()}\u2069.`);
    await h.client.enchantedLink.verify({ token: linkToken(h, shownNumber()) });
    await waitFor(() => expect(screen.getByTestId('session')).toHaveTextContent(`Signed in as ${ADA.email}`));
  });

  it('an expired link: says so (announced, focused), the number goes, and Send again starts over', async () => {
    const h = setup();
    const { user, container } = await sendEnchanted(h);
    act(() => h.emulator.advanceClock(24 * 60 * 60));
    const alert = await screen.findByText('This link has expired. Send a new one to continue.');
    expect(alert).toHaveAttribute('role', 'alert');
    await waitFor(() => expect(alert).toHaveFocus());
    expect(document.querySelector('[data-passlink-link-number]')).toBeNull();
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('button', { name: 'Send again' }));
    await waitFor(() => expect(document.querySelector('[data-passlink-link-number]')).not.toBeNull());
    expect(screen.getByText('Waiting for you to open the link…')).toBeInTheDocument();
  });

  it('a link with another number opened: the attempt is over, said in the catalog words', async () => {
    const h = setup();
    await sendEnchanted(h);
    await expect(h.client.enchantedLink.verify({ token: linkToken(h, shownNumber(), false) })).rejects.toBeInstanceOf(ApiError);
    const alert = await screen.findByText('A link with another number was opened, so this sign-in was stopped. Send a new link.');
    await waitFor(() => expect(alert).toHaveFocus());
    expect(screen.getByTestId('session')).toHaveTextContent('Signed out');
  });

  it('speaks the catalog of the locale (Spanish)', async () => {
    const h = setup();
    const { es } = await import('../../src/i18n');
    const { user } = h.renderUI(<PasswordlessLogin methods={METHODS} redirectUrl={REDIRECT} />, { messages: { locale: 'es', catalog: es } });
    await user.click(screen.getByRole('radio', { name: 'Enlace por correo (cualquier dispositivo)' }));
    await user.type(screen.getByRole('textbox', { name: 'Correo electrónico' }), ADA.email);
    await user.click(screen.getByRole('button', { name: es['login.submit.link'] }));
    await screen.findByText('Esperando a que abras el enlace…');
    expect(screen.getByRole('button', { name: 'Cancelar' })).toBeInTheDocument();
  });
});

describe('VerifyMagicLink: an enchanted link', () => {
  it('confirms the sign-in for the other device, never this tab, and the token leaves the address bar', async () => {
    const h = setup();
    const { linkId, pendingRef } = await h.client.enchantedLink.signIn({ loginId: ADA.loginId, redirectUrl: `${REDIRECT}?passlink=enchanted` });
    history.replaceState(null, '', `/verify?passlink=enchanted&t=${linkToken(h, linkId)}`);
    const onSuccess = vi.fn();
    const { container } = h.renderUI(
      <>
        <VerifyMagicLink onSuccess={onSuccess} />
        <SessionLine />
      </>,
    );
    await screen.findByRole('heading', { level: 1, name: 'Sign-in confirmed' });
    await findStatus('You are signed in on your other device. You can close this tab.');
    expect(location.search).toBe('?passlink=enchanted');
    expect(h.requests.find((request) => request.path === '/v1/auth/enchantedlink/verify')?.pageSearch).toBe('?passlink=enchanted');
    expect(screen.getByTestId('session')).toHaveTextContent('Signed out');
    expect(onSuccess).not.toHaveBeenCalled();
    expect(h.count('/v1/auth/magiclink/verify')).toBe(0);
    await expectNoAxeViolations(container);
    // The waiting device gets its session.
    await expect(h.client.enchantedLink.pendingSession({ pendingRef })).resolves.toMatchObject({ user: { email: ADA.email } });
  });

  it('kind="enchantedLink" without the marker; a wrong link says so; two tokens are refused and nothing is sent', async () => {
    const h = setup();
    const { linkId } = await h.client.enchantedLink.signIn({ loginId: ADA.loginId });
    history.replaceState(null, '', `/verify?t=${linkToken(h, linkId, false)}`);
    const first = h.renderUI(<VerifyMagicLink kind="enchantedLink" />);
    await screen.findByText('This link cannot sign you in: it is not the one showing the number on your sign-in screen, or it is not valid. Start again there.');
    first.unmount();

    history.replaceState(null, '', `/verify?passlink=enchanted&t=${linkToken(h, linkId)}&t=planted`);
    h.renderUI(<VerifyMagicLink />);
    await screen.findByText('This link is not valid and was not used. Request a new one.');
    await h.idle();
    expect(h.count('/v1/auth/enchantedlink/verify')).toBe(1);
    expect(location.search).toBe('?passlink=enchanted');
  });
});
