/**
 * Render counts, measured with React's Profiler and printed as a table (`npm run bench`).
 * Counts are deterministic, so they are also checked; no timing is measured or asserted.
 */
import { Profiler, useEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEmulatorHandlers } from '../src/emulator/msw';
import { createClient } from '../src/client';
import { createSessionStore } from '../src/session';
import { PasslinkProvider, useOtpSignIn, useResendCooldown, useSession, useLogout } from '../src/react';

// Outside act(): act batches every update in its scope into one commit, which would hide the
// renders this benchmark counts. React schedules as it would in a browser.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

const LOGIN = 'ada@example.com';
const handlers = createEmulatorHandlers({ users: [{ loginId: LOGIN, email: LOGIN }] });
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const counts = { session: 0, sender: 0 };
const count = (id: keyof typeof counts) => () => {
  counts[id] += 1;
};

function SessionView() {
  const session = useSession();
  return <p>{session.status}</p>;
}

/** The Sender's actions, published from an effect for the benchmark to call. */
const actions: { send?: () => Promise<unknown>; logout?: () => Promise<unknown> } = {};
function Sender() {
  const signIn = useOtpSignIn({ method: 'email' });
  const cooldown = useResendCooldown(LOGIN);
  const out = useLogout();
  const { mutateAsync: sendCode } = signIn;
  const { mutateAsync: signOut } = out;
  useEffect(() => {
    actions.send = () => sendCode({ loginId: LOGIN });
    actions.logout = () => signOut();
  }, [sendCode, signOut]);
  return (
    <p>
      {signIn.status} {cooldown.secondsLeft}
    </p>
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits until `done()` holds (the UI settled), then a little longer for stray commits. */
const settle = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await sleep(10);
  await sleep(50);
};

it('re-renders a useSession component only when the session changes', async () => {
  const client = createClient({ projectId: handlers.emulator.projectId, baseUrl: 'https://api.descope.com', retryDelaysMs: [] });
  const store = createSessionStore({ transport: client.transport });
  const tree = (children: ReactNode) => (
    <PasslinkProvider projectId={handlers.emulator.projectId} client={client} session={store}>
      {children}
    </PasslinkProvider>
  );
  const container = document.createElement('div');
  const root = createRoot(container);
  const rows: { event: string; session: number; sender: number }[] = [];
  const step = async (event: string, action: () => Promise<unknown>) => {
    const before = { ...counts };
    await action();
    rows.push({ event, session: counts.session - before.session, sender: counts.sender - before.sender });
  };

  await step('mount (store starts: loading → unauthenticated)', async () => {
    root.render(
      tree(
        <>
          <Profiler id="session" onRender={count('session')}>
            <SessionView />
          </Profiler>
          <Profiler id="sender" onRender={count('sender')}>
            <Sender />
          </Profiler>
        </>,
      ),
    );
    await settle(() => container.textContent?.startsWith('unauthenticated') ?? false);
  });
  await step('send a code (mutation pending → success, cooldown starts)', async () => {
    await actions.send?.();
    await settle(() => container.textContent?.includes('success 30') ?? false);
  });
  await step('cooldown counts down for 2 s', () => sleep(2050));
  await step('verify the code (session set)', async () => {
    store.setSession(await client.otp.verify({ method: 'email', loginId: LOGIN, code: handlers.emulator.outbox.latest()?.code ?? '' }));
    await settle(() => container.textContent?.startsWith('authenticated') ?? false);
  });
  await step('refresh (rotated token)', async () => {
    await store.refresh();
    await sleep(50);
  });
  await step('logout (session cleared)', async () => {
    await actions.logout?.();
    await settle(() => container.textContent?.startsWith('unauthenticated') ?? false);
  });
  root.unmount();

  console.log('\nRender counts (React Profiler commits per component):');
  console.table(rows);

  const [mount, sent, countdown, verified, refreshed, loggedOut] = rows;
  expect(mount?.session).toBeLessThanOrEqual(2);
  expect(sent?.session).toBe(0);
  expect(sent?.sender).toBeGreaterThan(0);
  expect(countdown?.session).toBe(0);
  expect(countdown?.sender).toBeGreaterThanOrEqual(2);
  expect(verified?.session).toBe(1);
  expect(refreshed?.session).toBe(1);
  expect(loggedOut?.session).toBe(1);
});
