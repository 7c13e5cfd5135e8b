/**
 * Render counts, measured with React's Profiler and printed as a table (`npm run bench`).
 * Counts are deterministic, so they are also checked; no timing is measured or asserted. The
 * clock is fake (the resend countdown moves when the benchmark moves it), so how fast this machine
 * is changes nothing.
 */
import { Profiler, useEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { setupServer } from 'msw/node';
import { notifyManager } from '@tanstack/react-query';
import { afterAll, beforeAll, expect, inject, it, vi } from 'vitest';
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

// Captured before the clock is faked: polling runs on real time, the app's timers on fake time.
const realSetTimeout = globalThis.setTimeout;
const poll = () => new Promise<void>((resolve) => realSetTimeout(resolve, 5));
/** One turn of the event loop: React (setImmediate), MSW and the emulator's answers move on. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
/**
 * Waits until `done()` holds (the UI settled; up to 10 s of polling, a safety net), then lets the
 * commits it caused land: turns of the event loop, not a time.
 */
const settle = async (done: () => boolean) => {
  for (let i = 0; i < 2000 && !done(); i++) await poll();
  expect(done(), 'the UI settled').toBe(true);
  for (let i = 0; i < 20; i++) await turn();
};

// Only the clock and the timeouts the countdown and the session use are fake; React schedules on
// setImmediate, MSW and the emulator answer as usual, and react-query batches its notifications
// on a real 0 ms timeout, as its default does in a browser (the default would take the fake one).
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  notifyManager.setScheduler((callback) => realSetTimeout(callback, 0));
});
afterAll(() => {
  vi.useRealTimers();
  notifyManager.setScheduler((callback) => setTimeout(callback, 0));
});

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
  await step('cooldown counts down for 2 s', async () => {
    // 2 s in steps of 100 ms, React rendering after each as it would in a browser.
    for (let elapsed = 0; elapsed < 2000; elapsed += 100) {
      vi.advanceTimersByTime(100);
      for (let i = 0; i < 5; i++) await turn();
    }
  });
  await step('verify the code (session set)', async () => {
    store.setSession(await client.otp.verify({ method: 'email', loginId: LOGIN, code: handlers.emulator.outbox.latest()?.code ?? '' }));
    await settle(() => container.textContent?.startsWith('authenticated') ?? false);
  });
  await step('refresh (rotated token)', async () => {
    await store.refresh();
    for (let i = 0; i < 20; i++) await turn();
  });
  await step('logout (session cleared)', async () => {
    await actions.logout?.();
    await settle(() => container.textContent?.startsWith('unauthenticated') ?? false);
  });
  root.unmount();

  if (inject('benchReport')) {
    console.log('\nRender counts (React Profiler commits per component):');
    console.table(rows);
  }

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
