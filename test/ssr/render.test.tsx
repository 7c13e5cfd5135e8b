import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { renderToString } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import {
  PasslinkProvider,
  cookiePersistence,
  createSessionStore,
  createTransport,
  storagePersistence,
  useLogout,
  useMagicLinkSignIn,
  useMagicLinkSignUp,
  useMagicLinkSignUpOrIn,
  useOtpSignIn,
  useOtpSignUp,
  useOtpSignUpOrIn,
  useResendCooldown,
  useSession,
  useUpdateEmail,
  useUpdatePhone,
  useUser,
  useVerifyOtp,
  useVerifyToken,
} from '../../src';

const PROJECT_ID = 'P2abcdefghijklmnopqrstuvwxyz';

/** One component that calls every hook passlink exports and renders some of their state. */
function EveryHook() {
  const magicSignIn = useMagicLinkSignIn({ method: 'email', redirectUrl: 'http://localhost/verify' });
  const magicSignUp = useMagicLinkSignUp({ method: 'sms' });
  const magicSignUpOrIn = useMagicLinkSignUpOrIn({ method: 'whatsapp' });
  const otpSignIn = useOtpSignIn({ method: 'email' });
  const otpSignUp = useOtpSignUp({ method: 'voice' });
  const otpSignUpOrIn = useOtpSignUpOrIn({ method: 'sms' });
  const verifyToken = useVerifyToken();
  const verifyOtp = useVerifyOtp({ method: 'email', loginId: 'ada@example.com' });
  const updateEmail = useUpdateEmail({ via: 'magicLink', redirectUrl: 'http://localhost/verify' });
  const updatePhone = useUpdatePhone({ via: 'otp', method: 'sms' });
  const session = useSession();
  const user = useUser();
  const logout = useLogout();
  const cooldown = useResendCooldown('ada@example.com');
  const sends = [magicSignIn, magicSignUp, magicSignUpOrIn, otpSignIn, otpSignUp, otpSignUpOrIn, verifyOtp, updateEmail, updatePhone, logout];
  return (
    <ul>
      <li id="session">{session.status}</li>
      <li id="authenticated">{String(session.isAuthenticated)}</li>
      <li id="verify">{verifyToken.status}</li>
      <li id="user">{`${user.status}/${user.fetchStatus}`}</li>
      <li id="sends">{sends.map((mutation) => mutation.status).join(',')}</li>
      <li id="cooldown">{`${cooldown.secondsLeft}/${String(cooldown.canResend)}`}</li>
    </ul>
  );
}

const EXPECTED =
  '<ul>' +
  '<li id="session">loading</li>' +
  '<li id="authenticated">false</li>' +
  '<li id="verify">reading</li>' +
  '<li id="user">pending/idle</li>' +
  `<li id="sends">${Array(10).fill('idle').join(',')}</li>` +
  '<li id="cooldown">0/true</li>' +
  '</ul>';

let errors: MockInstance<typeof console.error>;
let warnings: MockInstance<typeof console.warn>;

beforeEach(() => {
  errors = vi.spyOn(console, 'error');
  warnings = vi.spyOn(console, 'warn');
});
afterEach(() => {
  expect(errors).not.toHaveBeenCalled();
  expect(warnings).not.toHaveBeenCalled();
});

describe('server rendering (node, no window)', () => {
  it('renders a tree using every hook, with the server state and no warning or error', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    const html = renderToString(
      <PasslinkProvider projectId={PROJECT_ID}>
        <EveryHook />
      </PasslinkProvider>,
    );
    expect(html).toBe(EXPECTED);
    expect(errors).not.toHaveBeenCalled();
    expect(warnings).not.toHaveBeenCalled();
  });

  it("renders under the app's own QueryClientProvider, and the hooks use the app's QueryClient", () => {
    expect(typeof window).toBe('undefined');
    const queryClient = new QueryClient();
    const html = renderToString(
      <QueryClientProvider client={queryClient}>
        <PasslinkProvider projectId={PROJECT_ID}>
          <EveryHook />
        </PasslinkProvider>
      </QueryClientProvider>,
    );
    expect(html).toBe(EXPECTED);
    const keys = queryClient
      .getQueryCache()
      .getAll()
      .map((query) => query.queryKey[1]);
    expect(keys).toEqual(expect.arrayContaining(['verify', 'user']));
    expect(queryClient.getQueryCache().find({ queryKey: ['passlink', 'user'] })?.state.status).toBe('pending');
    expect(queryClient.getQueryCache().find({ queryKey: ['passlink', 'user'] })?.state.fetchStatus).toBe('idle');
  });

  it('renders with an explicit queryClient prop, which wins over the app one', () => {
    const appClient = new QueryClient();
    const own = new QueryClient();
    const html = renderToString(
      <QueryClientProvider client={appClient}>
        <PasslinkProvider projectId={PROJECT_ID} queryClient={own}>
          <EveryHook />
        </PasslinkProvider>
      </QueryClientProvider>,
    );
    expect(html).toBe(EXPECTED);
    expect(own.getQueryCache().find({ queryKey: ['passlink', 'user'] })).toBeDefined();
    expect(appClient.getQueryCache().getAll()).toHaveLength(0);
  });

  it('renders with storage and cookie persistence without touching storage on the server', () => {
    const storage = vi.fn((): Storage => {
      throw new Error('storage touched on the server');
    });
    for (const persistence of [storagePersistence(storage), cookiePersistence()]) {
      const html = renderToString(
        <PasslinkProvider projectId={PROJECT_ID} session={{ persistence }}>
          <EveryHook />
        </PasslinkProvider>,
      );
      expect(html).toBe(EXPECTED);
    }
    expect(storage).not.toHaveBeenCalled();
  });

  it('renders loading even with a signed-in store (the server snapshot), and does not start it', () => {
    const transport = createTransport({
      projectId: PROJECT_ID,
      fetch: () => Promise.reject(new Error('no request may be sent while rendering on the server')),
    });
    const store = createSessionStore({ transport });
    const start = vi.spyOn(store, 'start');
    store.setSession({ sessionJwt: 'a.b.c', refreshJwt: 'R0', sessionExpiration: Math.floor(Date.now() / 1000) + 600 });
    expect(store.getSnapshot().status).toBe('authenticated');
    const html = renderToString(
      <PasslinkProvider projectId={PROJECT_ID} session={store}>
        <EveryHook />
      </PasslinkProvider>,
    );
    expect(html).toBe(EXPECTED);
    expect(start).not.toHaveBeenCalled();
  });
});
