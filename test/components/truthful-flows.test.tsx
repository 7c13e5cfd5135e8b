/**
 * Issue 10 as a user meets it: one account per person after a contact update, flows that say
 * what really happened (a 429 before anything was sent, Back or reload after a verified link, a
 * text shown once, where the code went) and issue 11's two-token link refused whole.
 */
import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import {
  PasslinkProvider,
  PasswordlessLogin,
  UpdateEmail,
  UpdatePhone,
  VerifyMagicLink,
  createSessionStore,
  storagePersistence,
  useLogout,
  type LoginMethod,
} from '../../src';
import { render } from '@testing-library/react';
import { ADA, BASE, MASKED, NEW_EMAIL, NEW_PHONE, PAT, expectNoAxeViolations, findStatus, phoneFieldReady, setup, type Harness } from './harness';

const SMS_CODE: LoginMethod[] = [{ via: 'otp', method: 'sms' }];
const EMAIL_CODE: LoginMethod[] = [{ via: 'otp', method: 'email' }];
const VERIFY = '/v1/auth/magiclink/verify';

function SignOut() {
  const logout = useLogout();
  return (
    <button type="button" onClick={() => logout.mutate()}>
      Sign out
    </button>
  );
}

/** Adds `NEW_PHONE` to the signed-in user through the account page's UpdatePhone. */
async function addPhone(h: Harness, user: ReturnType<Harness['renderUI']>['user']) {
  await phoneFieldReady();
  const field = screen.getByRole('textbox', { name: 'New phone number' });
  // The form says what the update does to signing in.
  expect(field).toHaveAccessibleDescription('You can then also sign in with this phone number.');
  await user.type(field, '4155550199');
  await user.click(screen.getByRole('button', { name: 'Continue' }));
  await screen.findByText(`We sent a code to ${MASKED.newPhone}.`);
  await user.click(screen.getByRole('textbox', { name: 'Verification code' }));
  await user.keyboard(h.codeFor(NEW_PHONE));
}

describe('one account per person', () => {
  it('a phone added on the account page signs in to the same account after signing out', async () => {
    const h = setup({ emulator: { users: [{ loginId: ADA.email, email: ADA.email, name: 'Ada' }] } });
    await h.signIn(ADA.loginId);
    const adaId = h.store.getSnapshot().user?.userId;
    const account = h.renderUI(
      <>
        <UpdatePhone defaultCountry="US" />
        <SignOut />
      </>,
    );
    await addPhone(h, account.user);
    await findStatus(`Your phone number is now ${NEW_PHONE}.`);
    // Said once: the done step's text is the live region's, not a copy beside it.
    expect(screen.getAllByText(`Your phone number is now ${NEW_PHONE}.`)).toHaveLength(1);
    expect(h.store.getSnapshot().user?.loginIds).toEqual([ADA.email, NEW_PHONE]);

    await account.user.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(h.store.getSnapshot().status).toBe('unauthenticated'));
    account.unmount();

    const onSignedIn = vi.fn();
    const login = h.renderUI(<PasswordlessLogin methods={SMS_CODE} defaultCountry="US" onSignedIn={onSignedIn} />);
    await phoneFieldReady();
    await login.user.type(screen.getByRole('textbox', { name: 'Phone number' }), '4155550199{Enter}');
    await screen.findByRole('heading', { name: 'Check your messages' });
    await login.user.click(screen.getByRole('textbox', { name: 'Verification code' }));
    await login.user.keyboard(h.codeFor(NEW_PHONE));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
    expect(onSignedIn).toHaveBeenCalledWith({ firstSeen: false, user: expect.objectContaining({ userId: adaId, email: ADA.email }) });
    expect(h.emulator.users()).toHaveLength(1);
  });

  it('a number that is another account\'s login id is refused with a clear message, and nothing changes', async () => {
    const h = setup();
    await h.signIn(ADA.loginId);
    const { user, container } = h.renderUI(<UpdatePhone defaultCountry="US" />);
    await phoneFieldReady();
    await user.type(screen.getByRole('textbox', { name: 'New phone number' }), '4155550102');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const message = 'This phone number belongs to another account, so nothing was changed. Use another number.';
    // Refused at the send (failOnConflict, the components' default): nothing goes out.
    // The alert region may be in place a moment before its text (a busy machine shows it).
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert).toHaveTextContent(message));
    expect(h.emulator.outbox.list()).toHaveLength(0);
    expect(h.requests.find((r) => r.path === '/v1/auth/otp/update/phone/sms')?.body).toContain('"failOnConflict":true');
    const users = h.emulator.users();
    expect(users.find((u) => u.loginIds.includes(ADA.loginId))).toMatchObject({ phone: ADA.phone, loginIds: [ADA.loginId] });
    expect(users.find((u) => u.loginIds.includes(PAT.loginId))).toMatchObject({ phone: PAT.phone, loginIds: [PAT.loginId] });
    expect(h.store.getSnapshot().user?.phone).toBe(ADA.phone);
    await expectNoAxeViolations(container);
  });

  it('failOnConflict={false}: Descope merges the other account into this one (its login ids join)', async () => {
    const h = setup();
    await h.signIn(ADA.loginId);
    const { user } = h.renderUI(<UpdatePhone defaultCountry="US" failOnConflict={false} />);
    await phoneFieldReady();
    await user.type(screen.getByRole('textbox', { name: 'New phone number' }), '4155550102{Enter}');
    await screen.findByText(`We sent a code to ${MASKED.pat}.`);
    await user.click(screen.getByRole('textbox', { name: 'Verification code' }));
    await user.keyboard(h.codeFor(PAT.phone));
    await findStatus(`Your phone number is now ${PAT.phone}.`);
    expect(h.store.getSnapshot().user?.loginIds).toEqual(expect.arrayContaining([ADA.loginId, PAT.loginId]));
    expect(h.emulator.users()).toHaveLength(1);
  });

  it('UpdateEmail says the new address becomes a login id; addToLoginIds={false} says nothing and adds none', async () => {
    const h = setup();
    await h.signIn(ADA.loginId);
    const { user } = h.renderUI(<UpdateEmail addToLoginIds={false} />);
    const field = screen.getByRole('textbox', { name: 'New email address' });
    expect(field).not.toHaveAccessibleDescription(/sign in/);
    await user.type(field, `${NEW_EMAIL}{Enter}`);
    await screen.findByText(`We sent a code to ${MASKED.newEmail}.`);
    await user.click(screen.getByRole('textbox', { name: 'Verification code' }));
    await user.keyboard(h.codeFor(NEW_EMAIL));
    await findStatus(`Your email address is now ${NEW_EMAIL}.`);
    expect(h.store.getSnapshot().user).toMatchObject({ email: NEW_EMAIL, loginIds: [ADA.loginId] });
  });
});

describe('identifiers normalised once', () => {
  it('"  Ada@Example.COM " signs in to Ada\'s account, not a new one', async () => {
    const h = setup();
    const adaId = h.emulator.users().find((u) => u.loginIds.includes(ADA.loginId))?.userId;
    const onSignedIn = vi.fn();
    const { user } = h.renderUI(<PasswordlessLogin methods={EMAIL_CODE} onSignedIn={onSignedIn} />);
    await user.type(screen.getByRole('textbox', { name: 'Email address' }), '  Ada@Example.COM {Enter}');
    await user.click(await screen.findByRole('textbox', { name: 'Verification code' }));
    await user.keyboard(h.codeFor(ADA.email));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
    expect(onSignedIn).toHaveBeenCalledWith({ firstSeen: false, user: expect.objectContaining({ userId: adaId }) });
    expect(h.emulator.users()).toHaveLength(2);
    expect(JSON.parse(h.requests[0]?.body ?? '{}')).toMatchObject({ loginId: 'ada@example.com' });
  });

  it('"ada@example" is refused in the form with what is wrong, before any request', async () => {
    const h = setup();
    const { user } = h.renderUI(<PasswordlessLogin methods={EMAIL_CODE} />);
    const field = screen.getByRole('textbox', { name: 'Email address' });
    await user.type(field, 'ada@example{Enter}');
    expect(await screen.findByText('The address needs a domain like example.com after the @.')).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(h.count()).toBe(0);
  });
});

describe('flows that tell the truth', () => {
  it('a 429 on the very first send says "Too many attempts" and never pretends a message went out', async () => {
    const h = setup();
    h.server.use(
      http.post(`${BASE}/v1/auth/otp/signup-in/email`, () =>
        HttpResponse.json({ errorCode: 'E130429', errorDescription: 'rate limited' }, { status: 429, headers: { 'Retry-After': '29' } }),
      ),
    );
    const { user, container } = h.renderUI(<PasswordlessLogin methods={EMAIL_CODE} />);
    await user.type(screen.getByRole('textbox', { name: 'Email address' }), `${ADA.email}{Enter}`);
    expect(await screen.findByText('Too many attempts. Try again in 29 seconds.')).toBeInTheDocument();
    const button = screen.getByRole('button', { name: 'Try again in 29 seconds' });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(screen.queryByText(/Send again/)).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Check your email' })).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Email address' })).toHaveValue(ADA.email);
    await expectNoAxeViolations(container);
  });

  it('the code step says where the code went', async () => {
    const h = setup();
    const { user } = h.renderUI(<PasswordlessLogin methods={EMAIL_CODE} />);
    await user.type(screen.getByRole('textbox', { name: 'Email address' }), `${ADA.email}{Enter}`);
    const field = await screen.findByRole('textbox', { name: 'Verification code' });
    expect(field).toHaveAccessibleDescription(`Enter the 6-digit code we sent to ${MASKED.ada}.`);
  });
});

/** Sends Ada a sign-in link and answers its token. */
async function linkToken(h: Harness): Promise<string> {
  await h.client.magicLink.signIn({ method: 'email', loginId: ADA.loginId });
  const token = h.emulator.outbox.latest({ to: ADA.email, kind: 'magicLink' })?.token;
  if (!token) throw new Error('no link was sent');
  return token;
}

describe('the verify page after use, and with two tokens', () => {
  it('Back to the verify page after signing in shows the signed-in state, and onSuccess does not run again', async () => {
    const h = setup();
    history.replaceState(null, '', `/verify?t=${await linkToken(h)}`);
    const onSuccess = vi.fn();
    const first = h.renderUI(<VerifyMagicLink onSuccess={onSuccess} />);
    await screen.findByRole('heading', { name: 'Signed in' });
    expect(onSuccess).toHaveBeenCalledTimes(1);
    first.unmount();
    // The app went on to another page, then the user pressed Back: the verify page mounts again.
    const again = h.renderUI(<VerifyMagicLink onSuccess={onSuccess} />);
    expect(await screen.findByRole('heading', { name: 'Signed in' })).toBeInTheDocument();
    expect(screen.queryByText(/did not work/)).not.toBeInTheDocument();
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(h.count(VERIFY)).toBe(1);
    await expectNoAxeViolations(again.container);
  });

  it('a reload after signing in (session in storage) shows the signed-in state; without a session it says the link was used', async () => {
    const h = setup();
    history.replaceState(null, '', `/verify?t=${await linkToken(h)}`);
    const storage = new Map<string, string>();
    const shared = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v), removeItem: (k: string) => void storage.delete(k) };
    const store = () => createSessionStore({ transport: h.client.transport, persistence: storagePersistence(shared) });
    const page = (session: ReturnType<typeof store>) => (
      <PasslinkProvider projectId={h.emulator.projectId} client={h.client} session={session}>
        <VerifyMagicLink />
      </PasslinkProvider>
    );
    const first = render(page(store()));
    await screen.findByRole('heading', { name: 'Signed in' });
    expect(location.search).toBe('');
    first.unmount();

    // Reload: a new provider and store, the same history entry (no token in it any more).
    const reload = render(page(store()));
    expect(await screen.findByRole('heading', { name: 'Signed in' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('You are already signed in.');
    reload.unmount();

    // Reload after the session is gone (memory persistence, or signed out): the truth.
    storage.clear();
    render(page(store()));
    expect(await screen.findByText('This link was already used. Request a new one.')).toBeInTheDocument();
    expect(h.count(VERIFY)).toBe(1);
  });

  it.each([
    ['two t in the query', (ada: string, mallory: string) => `?t=${mallory}&t=${ada}`],
    ['a t in the query and one in the fragment', (ada: string, mallory: string) => `?t=${mallory}#t=${ada}`],
  ])('a link with %s is refused whole: nothing is spent, nobody is signed in, the tokens leave the address', async (_name, url) => {
    const h = setup();
    await h.client.magicLink.signIn({ method: 'email', loginId: ADA.loginId });
    const ada = h.emulator.outbox.latest({ to: ADA.email, kind: 'magicLink' })?.token ?? '';
    await h.client.magicLink.signIn({ method: 'sms', loginId: PAT.loginId });
    const mallory = h.emulator.outbox.latest({ to: PAT.phone, kind: 'magicLink' })?.token ?? '';
    history.replaceState(null, '', `/verify${url(ada, mallory)}`);
    const { container } = h.renderUI(<VerifyMagicLink />);
    expect(await screen.findByText('This link is not valid and was not used. Request a new one.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'This link did not work' })).toBeInTheDocument();
    expect(h.count(VERIFY)).toBe(0);
    expect(h.store.getSnapshot().isAuthenticated).toBe(false);
    await waitFor(() => expect(location.href).not.toMatch(/[?#&]t=/));
    // Both tokens are still good: Ada's genuine link (alone) signs Ada in.
    await expect(h.client.magicLink.verify({ token: ada })).resolves.toMatchObject({ user: { email: ADA.email } });
    await expectNoAxeViolations(container);
  });
});
