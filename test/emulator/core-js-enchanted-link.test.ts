import createSdk from '@descope/core-js-sdk';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startEmulatorServer, type EmulatorServer, type EnchantedLinkChoice } from '../../src/emulator/node';

/*
 * Descope's OFFICIAL JS client (@descope/core-js-sdk, pinned in devDependencies: the version
 * @descope/web-js-sdk 1.53.0 depends on) signing in by enchanted link against the emulator's real
 * HTTP server, as an app on it would: `enchantedLink.signIn` (or a sibling), then
 * `enchantedLink.waitForSession`, which polls pending-session (at least every second, the SDK's
 * MIN_POLLING_INTERVAL_MS) until it answers 200. The link is opened "on another device": a second
 * SDK instance, or a plain fetch, that shares nothing with the first but the emulator.
 *
 * These tests wait for what the SDK sees (a pending answer, then the session), never for a time.
 */

const PROJECT_ID = 'PenchantedSdkProject';
const REDIRECT = 'http://localhost:3000/auth/enchanted';
const ADA = { loginId: 'ada@example.com', email: 'ada@example.com', name: 'Ada' };
/** Generous: the SDK polls once a second, and a loaded machine may be slow; nothing waits this long when it works. */
const SLOW = 60_000;

/** One pending-session answer the first device's SDK received. */
interface Poll {
  status: number;
  body: Record<string, unknown>;
}

let server: EmulatorServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The emulator and an SDK whose pending-session answers are recorded. */
async function start() {
  server = await startEmulatorServer({ port: 0, projectId: PROJECT_ID, users: [ADA] });
  const polls: Poll[] = [];
  const recordingFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const response = await fetch(input, init);
    if (String(input instanceof Request ? input.url : input).endsWith('/v1/auth/enchantedlink/pending-session')) {
      polls.push({ status: response.status, body: (await response.clone().json()) as Record<string, unknown> });
    }
    return response;
  };
  const sdk = createSdk({ projectId: PROJECT_ID, baseUrl: server.url, fetch: recordingFetch });
  return { server, sdk, polls };
}

/** The token of the link in the newest enchanted-link email to `to` whose number is `number`. */
function tokenOfLink(emulatorServer: EmulatorServer, to: string, pick: (link: EnchantedLinkChoice) => boolean): string {
  const links = emulatorServer.emulator.outbox.latest({ to, kind: 'enchantedLink' })?.links ?? [];
  expect(links).toHaveLength(3);
  const link = links.find(pick);
  const token = link && new URL(link.url).searchParams.get('t');
  if (!token) throw new Error(`no such link among ${JSON.stringify(links.map((choice) => choice.number))}`);
  return token;
}

/** Waits until the first device's SDK has seen pending-session answer "not yet" (401 E062503). */
const untilPendingSeen = (polls: Poll[]) =>
  vi.waitFor(() => expect(polls).toContainEqual({ status: 401, body: expect.objectContaining({ errorCode: 'E062503' }) }), {
    timeout: SLOW,
    interval: 20,
  });

describe('official @descope/core-js-sdk: enchanted link across devices', () => {
  it(
    'signIn(loginId, URI) answers the number to show; waitForSession completes once another device opens the link showing it',
    async () => {
      const { server: emulatorServer, sdk, polls } = await start();
      const sent = await sdk.enchantedLink.signIn(ADA.loginId, REDIRECT);
      expect(sent.ok).toBe(true);
      const { linkId, pendingRef, maskedEmail } = sent.data ?? { linkId: '', pendingRef: '', maskedEmail: '' };
      expect(linkId).toMatch(/^[1-9]\d$/);
      expect(maskedEmail).toBe('a•••@e•••.com');

      const waiting = sdk.enchantedLink.waitForSession(pendingRef, { pollingIntervalMs: 1000, timeoutMs: SLOW });
      await untilPendingSeen(polls);

      // The other device: a second SDK instance, sharing nothing with the first but the emulator.
      const otherDevice = createSdk({ projectId: PROJECT_ID, baseUrl: emulatorServer.url });
      const opened = await otherDevice.enchantedLink.verify(tokenOfLink(emulatorServer, ADA.email, (link) => link.number === linkId));
      expect(opened.ok).toBe(true);
      expect(opened.code).toBe(200);

      const session = await waiting;
      expect(session.ok, JSON.stringify(session.error)).toBe(true);
      const jwt = session.data;
      expect(jwt?.user).toMatchObject({ loginIds: [ADA.loginId], email: ADA.email, verifiedEmail: true });
      expect(jwt?.firstSeen).toBe(false);
      const keys = (await (await fetch(`${emulatorServer.url}/v2/keys/${PROJECT_ID}`)).json()) as { keys: [] };
      const { payload } = await jwtVerify(jwt?.sessionJwt ?? '', createLocalJWKSet(keys));
      expect(payload).toMatchObject({ sub: jwt?.user?.userId, amr: ['email'] });

      // Every poll before the session was "not yet", and the session came exactly once.
      expect(polls.at(-1)?.status).toBe(200);
      expect(polls.slice(0, -1).every((poll) => poll.status === 401 && poll.body.errorCode === 'E062503')).toBe(true);
      const again = await fetch(`${emulatorServer.url}/v1/auth/enchantedlink/pending-session`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${PROJECT_ID}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ pendingRef }),
      });
      expect(again.status).toBe(401);
      expect(await again.json()).toMatchObject({ errorCode: 'E061202' });
    },
    SLOW * 2,
  );

  it(
    'signUp(loginId, URI, user) for a new user: a wrong link fails on the other device; a new email and its right link sign up',
    async () => {
      const { server: emulatorServer, sdk, polls } = await start();
      const email = 'grace@example.com';
      const first = await sdk.enchantedLink.signUp(email, REDIRECT, { name: 'Grace Hopper' });
      expect(first.ok).toBe(true);
      const wrong = tokenOfLink(emulatorServer, email, (link) => link.number !== first.data?.linkId);
      const otherDevice = createSdk({ projectId: PROJECT_ID, baseUrl: emulatorServer.url });
      const refused = await otherDevice.enchantedLink.verify(wrong);
      expect(refused).toMatchObject({ ok: false, code: 401, error: { errorCode: 'E061203' } });

      // The user starts again; the new email's right link is opened with a plain fetch.
      const second = await sdk.enchantedLink.signUp(email, REDIRECT, { name: 'Grace Hopper' });
      const { linkId, pendingRef } = second.data ?? { linkId: '', pendingRef: '' };
      const waiting = sdk.enchantedLink.waitForSession(pendingRef, { pollingIntervalMs: 1000, timeoutMs: SLOW });
      await untilPendingSeen(polls);
      const opened = await fetch(`${emulatorServer.url}/v1/auth/enchantedlink/verify`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${PROJECT_ID}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ token: tokenOfLink(emulatorServer, email, (link) => link.number === linkId) }),
      });
      expect(opened.status).toBe(200);
      expect(await opened.json()).toStrictEqual({});

      const session = await waiting;
      expect(session.ok, JSON.stringify(session.error)).toBe(true);
      expect(session.data).toMatchObject({ firstSeen: true, user: { email, name: 'Grace Hopper', verifiedEmail: true } });
    },
    SLOW * 2,
  );
});
