import { describe, expect, it } from 'vitest';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { StrictMode, useState } from 'react';
import { ApiError, InputError, NetworkError, ResponseFormatError } from '../../src/client';
import {
  PasslinkProvider,
  useLogout,
  useMagicLinkSignIn,
  useSession,
  useUser,
  useVerifyToken,
  type UseVerifyTokenOptions,
  type VerifyTokenStatus,
} from '../../src/react';
import { ADA, BASE, HTML_502, REDIRECT, expectInstance, resolved, setup, type Harness } from './harness';

const VERIFY = '/v1/auth/magiclink/verify';

/** Sends Ada a sign-in link through the client and answers its token. */
const sendLink = async (h: Harness, loginId: string = ADA.loginId): Promise<string> => {
  await h.client.magicLink.signIn({ method: 'email', loginId, redirectUrl: REDIRECT });
  const token = h.emulator.outbox.latest({ loginId, kind: 'magicLink' })?.token;
  if (!token) throw new Error('no link was sent');
  return token;
};

/** Puts the address bar on the verify page, as a click on the link would. */
const visit = (search: string) => history.replaceState(null, '', `/verify${search}`);

/** Renders useVerifyToken and records the status of every render. */
const renderVerify = (h: Harness, options?: UseVerifyTokenOptions) => {
  const statuses: VerifyTokenStatus[] = [];
  const view = renderHook(
    () => {
      const verification = useVerifyToken(options);
      statuses.push(verification.status);
      return { verification, session: useSession() };
    },
    { wrapper: h.wrapper },
  );
  return { ...view, statuses };
};

describe('useVerifyToken', () => {
  it('reads the token from the address bar, removes it (keeping other params) before the request, and signs in', async () => {
    const h = setup();
    const token = await sendLink(h);
    visit(`?t=${token}&next=1#top`);
    const before = h.requests.length;

    const { result, statuses } = renderVerify(h);
    await waitFor(() => expect(result.current.verification.status).toBe('success'));

    const verifies = h.requests.filter((r) => r.path === VERIFY);
    expect(verifies).toHaveLength(1);
    expect(h.requests.length - before).toBeGreaterThanOrEqual(1);
    // When the request started, the token had already left the address bar.
    expect(verifies[0]?.pageSearch).toBe('?next=1');
    expect(verifies[0]?.pageHref).not.toContain(token);
    expect(location.pathname).toBe('/verify');
    expect(location.search).toBe('?next=1');
    expect(location.hash).toBe('#top');

    expect(statuses).toContain('verifying');
    expect(statuses).not.toContain('missing');
    expect(statuses.at(-1)).toBe('success');
    expect(result.current.verification.error).toBeNull();
    expect(result.current.verification.data?.firstSeen).toBe(false);
    expect(result.current.verification.data?.user).toMatchObject({ email: ADA.email, loginIds: [ADA.loginId] });
    expect(result.current.session.status).toBe('authenticated');
    expect(result.current.session.user?.email).toBe(ADA.email);
  });

  it('takes the session from unauthenticated to authenticated, and useUser then shows the user', async () => {
    const h = setup();
    const token = await sendLink(h);
    const { result } = renderHook(
      ({ run }: { run: boolean }) => ({ verification: useVerifyToken({ token, enabled: run }), session: useSession(), user: useUser() }),
      { wrapper: h.wrapper, initialProps: { run: false } },
    );
    await waitFor(() => expect(result.current.session.status).toBe('unauthenticated'));
    expect(result.current.user.fetchStatus).toBe('idle');
    expect(h.count(VERIFY)).toBe(0);

    act(() => result.current.verification.verify());
    await waitFor(() => expect(result.current.session.status).toBe('authenticated'));
    expect(result.current.session.user?.loginIds).toEqual([ADA.loginId]);
    await waitFor(() => expect(result.current.user.data?.email).toBe(ADA.email));
    expect(h.count('/v1/auth/me')).toBeGreaterThanOrEqual(1);
  });

  it('is reading until the address bar can be read (hydration), then verifies', async () => {
    const h = setup();
    const token = await sendLink(h);
    visit(`?t=${token}`);
    const statuses: VerifyTokenStatus[] = [];
    const { result } = renderHook(
      () => {
        const verification = useVerifyToken();
        statuses.push(verification.status);
        return verification;
      },
      { wrapper: h.wrapper, hydrate: true },
    );
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(statuses[0]).toBe('reading');
    expect(statuses).toContain('verifying');
    expect(h.count(VERIFY)).toBe(1);
  });

  it('is missing without a token, and sends nothing', async () => {
    const h = setup();
    visit('?next=1');
    const { result } = renderVerify(h);
    expect(result.current.verification.status).toBe('missing');
    act(() => result.current.verification.verify());
    await h.idle();
    expect(result.current.verification.status).toBe('missing');
    expect(h.requests).toHaveLength(0);
    expect(location.search).toBe('?next=1');
  });

  it('with enabled: false removes the token from the URL at once but sends nothing until verify()', async () => {
    const h = setup();
    const token = await sendLink(h);
    visit(`?t=${token}&next=1`);
    const { result } = renderVerify(h, { enabled: false });
    expect(result.current.verification.status).toBe('ready');
    expect(location.search).toBe('?next=1');
    await h.idle();
    expect(h.count(VERIFY)).toBe(0);
    expect(result.current.verification.status).toBe('ready');
    expect(result.current.session.status).toBe('unauthenticated');

    act(() => result.current.verification.verify());
    await waitFor(() => expect(result.current.verification.status).toBe('success'));
    expect(h.count(VERIFY)).toBe(1);
    expect(result.current.session.status).toBe('authenticated');

    // verify() after success does nothing.
    act(() => result.current.verification.verify());
    await h.idle();
    expect(h.count(VERIFY)).toBe(1);
    expect(result.current.verification.status).toBe('success');
  });

  it('verifies a token given as an option and leaves the address bar alone', async () => {
    const h = setup();
    const token = await sendLink(h);
    visit('?t=somethingElse&next=1');
    const { result } = renderVerify(h, { token });
    await waitFor(() => expect(result.current.verification.status).toBe('success'));
    expect(location.search).toBe('?t=somethingElse&next=1');
    expect(h.count(VERIFY)).toBe(1);
  });

  it('reads another parameter with `param`, and keeps it in the URL with stripFromUrl: false', async () => {
    const h = setup();
    const token = await sendLink(h);
    visit(`?token=${token}&t=ignored`);
    const { result } = renderVerify(h, { param: 'token', stripFromUrl: false });
    await waitFor(() => expect(result.current.verification.status).toBe('success'));
    expect(location.search).toBe(`?token=${token}&t=ignored`);
    expect(h.count(VERIFY)).toBe(1);
  });

  it('is missing with fromUrl: false, even with a token in the URL', async () => {
    const h = setup();
    visit('?t=abc');
    const { result } = renderVerify(h, { fromUrl: false });
    expect(result.current.verification.status).toBe('missing');
    expect(location.search).toBe('?t=abc');
    expect(h.requests).toHaveLength(0);
  });

  it('rejects an expired link with ApiError E061201 and ends in error', async () => {
    const h = setup();
    const token = await sendLink(h);
    h.emulator.advanceClock(301);
    visit(`?t=${token}`);
    const { result } = renderVerify(h);
    await waitFor(() => expect(result.current.verification.status).toBe('error'));
    const error = expectInstance(result.current.verification.error, ApiError);
    expect(error.code).toBe('E061201');
    expect(error.status).toBe(401);
    expect(result.current.verification.data).toBeUndefined();
    expect(result.current.session.status).toBe('unauthenticated');
    expect(location.search).toBe('');
  });

  it('rejects a used link with ApiError E061202 and ends in error', async () => {
    const h = setup();
    const token = await sendLink(h);
    await h.client.magicLink.verify({ token });
    visit(`?t=${token}`);
    const { result } = renderVerify(h);
    await waitFor(() => expect(result.current.verification.status).toBe('error'));
    expect(expectInstance(result.current.verification.error, ApiError).code).toBe('E061202');
    expect(result.current.session.status).toBe('unauthenticated');
  });

  it('rejects an unknown token with ApiError E061203', async () => {
    const h = setup();
    visit('?t=notATokenTheEmulatorIssued');
    const { result } = renderVerify(h);
    await waitFor(() => expect(result.current.verification.status).toBe('error'));
    expect(expectInstance(result.current.verification.error, ApiError).code).toBe('E061203');
  });

  it('refuses a blank token with InputError, sends nothing, and ends in error', async () => {
    const h = setup();
    const { result } = renderVerify(h, { token: '   ' });
    await waitFor(() => expect(result.current.verification.status).toBe('error'));
    const error = expectInstance(result.current.verification.error, InputError);
    expect(error.field).toBe('token');
    expect(h.requests).toHaveLength(0);
  });

  it('ends in error on a NetworkError; verify() then tries again and succeeds', async () => {
    const h = setup();
    const token = await sendLink(h);
    visit(`?t=${token}&next=1`);
    h.server.use(http.post(`${BASE}${VERIFY}`, () => HttpResponse.error(), { once: true }));
    const { result } = renderVerify(h);
    await waitFor(() => expect(result.current.verification.status).toBe('error'));
    expect(result.current.verification.error).toBeInstanceOf(NetworkError);
    expect(result.current.session.status).toBe('unauthenticated');
    expect(location.search).toBe('?next=1');

    act(() => result.current.verification.verify());
    await waitFor(() => expect(result.current.verification.status).toBe('success'));
    expect(result.current.verification.error).toBeNull();
    expect(result.current.session.status).toBe('authenticated');
    expect(h.count(VERIFY)).toBe(2);
  });

  it('ends in error on a ResponseFormatError (HTML 502), and verify() retries', async () => {
    const h = setup();
    const token = await sendLink(h);
    h.emulator.addFault({ path: '/magiclink/verify', status: 502, body: HTML_502 });
    const { result } = renderVerify(h, { token });
    await waitFor(() => expect(result.current.verification.status).toBe('error'));
    expect(expectInstance(result.current.verification.error, ResponseFormatError).status).toBe(502);
    act(() => result.current.verification.verify());
    await waitFor(() => expect(result.current.verification.status).toBe('success'));
  });

  it('finishes the verification and stores the session even if its component unmounts mid-request', async () => {
    const h = setup();
    const token = await sendLink(h);
    const held = h.hold('/magiclink/verify');
    visit(`?t=${token}`);
    const { result, unmount } = renderVerify(h);
    await waitFor(() => expect(result.current.verification.status).toBe('verifying'));
    await held.arrived;
    unmount();
    held.release();
    await waitFor(() => expect(h.store.getSnapshot().status).toBe('authenticated'));
    expect(h.store.getSnapshot().user?.email).toBe(ADA.email);
  });
});

/** A page that verifies the link and shows where it stands. */
function Verifier({ name }: { name: string }) {
  const { status, data } = useVerifyToken();
  return (
    <p data-testid={name}>
      {status}:{data?.user?.email ?? ''}
    </p>
  );
}

/** Shows zero, one or two verifiers. */
function Page({ verifiers }: { verifiers: number }) {
  return (
    <>
      {verifiers >= 1 && <Verifier name="first" />}
      {verifiers >= 2 && <Verifier name="second" />}
    </>
  );
}

describe('useVerifyToken in StrictMode', () => {
  const tree = (h: Harness, verifiers: number) => (
    <StrictMode>
      <PasslinkProvider {...h.providerProps}>
        <Page verifiers={verifiers} />
      </PasslinkProvider>
    </StrictMode>
  );

  it('sends exactly one verify request across double effects, a remount and two components with the same token', async () => {
    const h = setup();
    const token = await sendLink(h);
    visit(`?t=${token}&next=1`);
    const view = render(tree(h, 2));
    await waitFor(() => expect(screen.getByTestId('first').textContent).toBe(`success:${ADA.email}`));
    expect(screen.getByTestId('second').textContent).toBe(`success:${ADA.email}`);

    view.rerender(tree(h, 0));
    expect(screen.queryByTestId('first')).toBeNull();
    // Stay unmounted until react-query would have collected an unobserved query with gcTime 0: its
    // collection timer was set at the unmount, and a 0 ms timer set after it runs after it (timer
    // order, not a pause).
    await new Promise((resolve) => setTimeout(resolve, 0));
    view.rerender(tree(h, 1));
    expect(screen.getByTestId('first').textContent).toBe(`success:${ADA.email}`);
    view.rerender(tree(h, 2));
    await h.idle();

    expect(h.count(VERIFY)).toBe(1);
    expect(location.search).toBe('?next=1');
    expect(location.href).not.toContain(token);
    expect(h.store.getSnapshot().status).toBe('authenticated');
    expect(screen.getByTestId('second').textContent).toBe(`success:${ADA.email}`);
  });

  it('sends one request when remounted while the verification is still in flight', async () => {
    const h = setup();
    const token = await sendLink(h);
    const held = h.hold('/magiclink/verify');
    visit(`?t=${token}`);
    const view = render(tree(h, 1));
    await waitFor(() => expect(screen.getByTestId('first').textContent).toBe('verifying:'));
    await held.arrived;
    view.rerender(tree(h, 0));
    view.rerender(tree(h, 2));
    expect(screen.getByTestId('first').textContent).toBe('verifying:');
    held.release();
    await waitFor(() => expect(screen.getByTestId('first').textContent).toBe(`success:${ADA.email}`));
    expect(screen.getByTestId('second').textContent).toBe(`success:${ADA.email}`);
    expect(h.count(VERIFY)).toBe(1);
    expect(location.search).toBe('');
  });
});

/** A verify page that also offers to sign out. */
function VerifyThenLogout() {
  const { status } = useVerifyToken();
  const session = useSession();
  const logout = useLogout();
  const [clicked, setClicked] = useState(false);
  return (
    <div>
      <p data-testid="status">{status}</p>
      <p data-testid="session">{session.status}</p>
      <button
        onClick={() => {
          setClicked(true);
          logout.mutate();
        }}
      >
        {clicked ? 'signed out' : 'sign out'}
      </button>
    </div>
  );
}

describe('useVerifyToken with useLogout on the same page', () => {
  it('does not verify the spent token again after a logout', async () => {
    const h = setup();
    const token = await sendLink(h);
    visit(`?t=${token}`);
    render(
      <PasslinkProvider {...h.providerProps}>
        <VerifyThenLogout />
      </PasslinkProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('success'));
    expect(screen.getByTestId('session').textContent).toBe('authenticated');

    act(() => screen.getByRole('button').click());
    await waitFor(() => expect(screen.getByTestId('session').textContent).toBe('unauthenticated'));
    await waitFor(() => expect(h.count('/v1/auth/logout')).toBe(1));
    await h.idle();

    // The token was spent once; nothing may send it again.
    expect(h.count(VERIFY)).toBe(1);
    // …and so the page does not turn into an "expired or used link" error (E061202).
    expect(screen.getByTestId('status').textContent).not.toBe('error');
  });
});

describe('useVerifyToken and sends together', () => {
  it('verifies a link a send hook just sent (end to end)', async () => {
    const h = setup();
    const send = renderHook(() => useMagicLinkSignIn({ method: 'email', redirectUrl: REDIRECT }), { wrapper: h.wrapper });
    await resolved(() => send.result.current.mutateAsync({ loginId: ADA.loginId }));
    const link = new URL(h.emulator.outbox.latest({ to: ADA.email })?.link ?? '');
    history.replaceState(null, '', `${link.pathname}${link.search}`);
    const { result } = renderVerify(h);
    await waitFor(() => expect(result.current.verification.status).toBe('success'));
    expect(location.search).toBe('');
    expect(result.current.session.user?.email).toBe(ADA.email);
  });

  it('an app-wide invalidateQueries / refetchQueries after success never sends the spent token again', async () => {
    const h = setup();
    visit(`?t=${await sendLink(h)}`);
    const { result } = renderVerify(h);
    await waitFor(() => expect(result.current.verification.status).toBe('success'));
    await act(async () => {
      await h.queryClient.invalidateQueries();
      await h.queryClient.refetchQueries();
    });
    expect(h.count(VERIFY)).toBe(1);
    expect(result.current.verification.status).toBe('success');
  });
});
