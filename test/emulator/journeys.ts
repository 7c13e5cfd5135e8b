import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { ApiError, InputError, createClient, isPendingSession, type Client, type EnchantedLinkResponse } from '../../src/client';
import type { Emulator, EmulatorOptions } from '../../src/emulator';

/** One way of reaching an emulator: over real HTTP, or through MSW handlers. */
export interface JourneyTarget {
  client: Client;
  emulator: Emulator;
  /** The base URL the client uses. */
  baseUrl: string;
  /** Stops whatever the setup started. */
  close(): Promise<void> | void;
}

export type JourneySetup = (options: EmulatorOptions) => Promise<JourneyTarget>;

const PROJECT = 'PjourneyProject';
const REDIRECT = 'http://localhost:5173/verify';
const ADA = { loginId: 'ada@example.com', email: 'ada@example.com', phone: '+14155550101', name: 'Ada' };

const expectApiError = async (promise: Promise<unknown>, code: string, status?: number) => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).code).toBe(code);
  if (status !== undefined) expect((error as ApiError).status).toBe(status);
  return error as ApiError;
};

/**
 * The journeys issue 3 asks for, written once and run against every {@link JourneySetup}: the
 * real HTTP server on loopback (node) and the MSW handlers (jsdom).
 */
export function describeJourneys(name: string, setup: JourneySetup) {
  describe(`emulator journeys (${name})`, () => {
    let target: JourneyTarget;
    const start = async (options: EmulatorOptions = {}) => {
      target = await setup({ projectId: PROJECT, users: [ADA], ...options });
      return target;
    };
    afterEach(async () => {
      await target?.close();
    });

    describe('with default options', () => {
      beforeEach(async () => {
        await start();
      });

      it('signs up by SMS magic link: outbox → verify → session → me', async () => {
        const { client, emulator } = target;
        const phone = '+447700900123';
        const sent = await client.magicLink.signUp({ method: 'sms', loginId: phone, redirectUrl: REDIRECT, user: { name: 'Grace' } });
        expect(sent.maskedPhone).toBe('+44 ••• ••• 0123');

        const message = emulator.outbox.latest({ to: phone });
        expect(message).toMatchObject({ channel: 'sms', kind: 'magicLink', purpose: 'signUp', loginId: phone });
        expect(message?.link).toBe(`${REDIRECT}?t=${message?.token}`);
        expect(message?.text).toContain(message?.link);

        const token = new URL(message?.link ?? '').searchParams.get('t') ?? '';
        const session = await client.magicLink.verify({ token });
        expect(session.firstSeen).toBe(true);
        expect(session.user).toMatchObject({ loginIds: [phone], phone, name: 'Grace', verifiedPhone: true });
        expect(session.sessionExpiration).toBeGreaterThan(Date.now() / 1000);
        expect(session.refreshJwt).toMatch(/^eyJ/);

        // The session JWT is signed by the key the emulator publishes.
        const keys = (await (await fetch(`${target.baseUrl}/v2/keys/${PROJECT}`)).json()) as { keys: [] };
        const { payload } = await jwtVerify(session.sessionJwt ?? '', createLocalJWKSet(keys));
        expect(payload.sub).toBe(session.user?.userId);

        const me = await client.session.me({ refreshJwt: session.refreshJwt ?? '' });
        expect(me).toMatchObject({ userId: session.user?.userId, phone, loginIds: [phone] });
      });

      it('signs in by voice OTP: one wrong code, then the right one', async () => {
        const { client, emulator } = target;
        const sent = await client.otp.signIn({ method: 'voice', loginId: ADA.loginId });
        expect(sent.maskedPhone).toBe('+1 ••• ••• 0101');
        const message = emulator.outbox.latest({ channel: 'voice' });
        const code = message?.code ?? '';
        expect(code).toMatch(/^\d{6}$/);
        expect(message?.text).toContain(code.split('').join(', '));

        const wrong = code === '000000' ? '111111' : '000000';
        await expectApiError(client.otp.verify({ method: 'voice', loginId: ADA.loginId, code: wrong }), 'E061102', 401);
        const session = await client.otp.verify({ method: 'voice', loginId: ADA.loginId, code });
        expect(session.firstSeen).toBe(false);
        expect(session.user?.email).toBe(ADA.email);
      });

      it('updates the email by magic link and the phone by voice OTP, then me shows both', async () => {
        const { client, emulator } = target;
        const signedIn = await emulator.createSession(ADA.loginId);
        const refreshJwt = signedIn.refreshJwt ?? '';

        const email = 'ada.lovelace@example.org';
        const sentEmail = await client.magicLink.updateEmail({ loginId: ADA.loginId, email, refreshJwt, redirectUrl: REDIRECT });
        expect(sentEmail.maskedEmail).toBe('a•••@e•••.org');
        // Nothing changes before the link is verified.
        expect((await client.session.me({ refreshJwt })).email).toBe(ADA.email);
        const link = emulator.outbox.latest({ to: email });
        expect(link?.purpose).toBe('updateEmail');
        await client.magicLink.verify({ token: link?.token ?? '' });

        const phone = '+14155550199';
        const sentPhone = await client.otp.updatePhone({ method: 'voice', loginId: ADA.loginId, phone, refreshJwt });
        expect(sentPhone.maskedPhone).toBe('+1 ••• ••• 0199');
        const call = emulator.outbox.latest({ to: phone });
        expect(call).toMatchObject({ channel: 'voice', purpose: 'updatePhone' });
        await client.otp.verify({ method: 'voice', loginId: ADA.loginId, code: call?.code ?? '' });

        const me = await client.session.me({ refreshJwt });
        expect(me).toMatchObject({ email, phone, verifiedEmail: true, verifiedPhone: true, loginIds: [ADA.loginId] });
      });

      it('adds the new address as a login id with addToLoginIds', async () => {
        const { client, emulator } = target;
        const refreshJwt = (await emulator.createSession(ADA.loginId)).refreshJwt ?? '';
        const email = 'ada@lovelace.dev';
        await client.otp.updateEmail({ loginId: ADA.loginId, email, refreshJwt, addToLoginIds: true });
        await client.otp.verify({ method: 'email', loginId: ADA.loginId, code: emulator.outbox.latest({ to: email })?.code ?? '' });
        expect((await client.session.me({ refreshJwt })).loginIds).toEqual([ADA.loginId, email]);
      });

      it('signs up by email, adds a phone as a login id, then signs in by that phone: the same user', async () => {
        const { client, emulator } = target;
        const email = 'grace@example.com';
        const phone = '+14155550177';
        await client.otp.signUp({ method: 'email', loginId: email, user: { name: 'Grace' } });
        const signedUp = await client.otp.verify({ method: 'email', loginId: email, code: emulator.outbox.latest({ to: email })?.code ?? '' });

        await client.otp.updatePhone({ method: 'sms', loginId: email, phone, refreshJwt: signedUp.refreshJwt ?? '', addToLoginIds: true });
        await client.otp.verify({ method: 'sms', loginId: email, code: emulator.outbox.latest({ to: phone })?.code ?? '' });
        await client.session.logout({ refreshJwt: signedUp.refreshJwt ?? '' });

        await client.otp.signIn({ method: 'sms', loginId: phone });
        const byPhone = await client.otp.verify({ method: 'sms', loginId: phone, code: emulator.outbox.latest({ to: phone })?.code ?? '' });
        expect(byPhone.firstSeen).toBe(false);
        expect(byPhone.user).toMatchObject({ userId: signedUp.user?.userId, loginIds: [email, phone], email, phone, name: 'Grace' });
        expect(await client.session.me({ refreshJwt: byPhone.refreshJwt ?? '' })).toMatchObject({ loginIds: [email, phone] });
      });

      it('signs in with the email in another case: the same user', async () => {
        const { client, emulator } = target;
        await client.magicLink.signIn({ method: 'email', loginId: 'ADA@Example.COM', redirectUrl: REDIRECT });
        const message = emulator.outbox.latest();
        expect(message?.to).toBe(ADA.email);
        const session = await client.magicLink.verify({ token: message?.token ?? '' });
        expect(session.user).toMatchObject({ loginIds: [ADA.loginId], email: ADA.email });
        expect(emulator.users()).toHaveLength(1);
      });

      it('refuses an expired link and a reused link', async () => {
        const { client, emulator } = target;
        await client.magicLink.signIn({ method: 'email', loginId: ADA.loginId, redirectUrl: REDIRECT });
        const first = emulator.outbox.latest()?.token ?? '';
        await client.magicLink.signIn({ method: 'email', loginId: ADA.loginId, redirectUrl: REDIRECT });
        const second = emulator.outbox.latest()?.token ?? '';
        expect(second).not.toBe(first);

        // A new link does not invalidate the older one; each is single use.
        await client.magicLink.verify({ token: first });
        await expectApiError(client.magicLink.verify({ token: first }), 'E061202', 401);

        emulator.advanceClock(301);
        await expectApiError(client.magicLink.verify({ token: second }), 'E061201', 401);
      });

      it('refuses an unknown user on sign-in and an existing user on sign-up', async () => {
        const { client } = target;
        await expectApiError(client.otp.signIn({ method: 'email', loginId: 'nobody@example.com' }), 'E062108', 400);
        await expectApiError(client.magicLink.signUp({ method: 'email', loginId: ADA.loginId, redirectUrl: REDIRECT }), 'E062107', 400);
      });

      it('refuses a redirect outside the approved domains', async () => {
        const error = await expectApiError(
          target.client.magicLink.signIn({ method: 'email', loginId: ADA.loginId, redirectUrl: 'https://evil.example/verify' }),
          'E011003',
          400,
        );
        expect(error.serverMessage).toContain('approved domains');
        expect(target.emulator.outbox.list()).toHaveLength(0);
      });

      it('invalidates an older code when a new one is sent', async () => {
        const { client, emulator } = target;
        await client.otp.signIn({ method: 'sms', loginId: ADA.loginId });
        const old = emulator.outbox.latest()?.code ?? '';
        await client.otp.signIn({ method: 'sms', loginId: ADA.loginId });
        const fresh = emulator.outbox.latest()?.code ?? '';
        if (old !== fresh) await expectApiError(client.otp.verify({ method: 'sms', loginId: ADA.loginId, code: old }), 'E061102');
        await client.otp.verify({ method: 'sms', loginId: ADA.loginId, code: fresh });
      });

      it('answers a missing refresh JWT on an update with an error, and the client refuses it before sending', async () => {
        const response = await fetch(`${target.baseUrl}/v1/auth/otp/update/email`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${PROJECT}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ loginId: ADA.loginId, email: 'new@example.com' }),
        });
        // Missing arguments, as go-sdk answers a request without a refresh token.
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ errorCode: 'E011002' });

        const refused = await target.client.otp
          .updateEmail({ loginId: ADA.loginId, email: 'new@example.com', refreshJwt: '' })
          .catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(InputError);
        expect(target.emulator.outbox.list()).toHaveLength(0);
      });

      it('answers a malformed body with a 400 error body, and keeps serving', async () => {
        const response = await fetch(`${target.baseUrl}/v1/auth/otp/signin/email`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${PROJECT}`, 'Content-Type': 'application/json' },
          body: '{"loginId": ',
        });
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ errorCode: 'E011001' });

        const invalid = await fetch(`${target.baseUrl}/v1/auth/otp/signin/email`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${PROJECT}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ loginId: 42 }),
        });
        expect(invalid.status).toBe(400);
        expect(await invalid.json()).toMatchObject({ errorCode: 'E011003' });

        await expect(target.client.otp.signIn({ method: 'email', loginId: ADA.loginId })).resolves.toHaveProperty('maskedEmail');
      });

      it('rotates the refresh JWT on refresh and revokes it on logout', async () => {
        const { client, emulator } = target;
        const first = (await emulator.createSession(ADA.loginId)).refreshJwt ?? '';
        const rotated = await client.session.refresh({ refreshJwt: first });
        expect(rotated.refreshJwt).toMatch(/^eyJ/);
        expect(rotated.refreshJwt).not.toBe(first);
        await expectApiError(client.session.me({ refreshJwt: first }), 'E061005', 401);

        const current = rotated.refreshJwt ?? '';
        await client.session.logout({ refreshJwt: current });
        await expectApiError(client.session.me({ refreshJwt: current }), 'E064001', 401);
      });
    });

    describe('enchanted links (any device)', () => {
      beforeEach(async () => {
        await start();
      });

      /** The enchanted-link email to `to` and its links: the right one (showing linkId) and the others. */
      const emailOf = (to: string, sent: EnchantedLinkResponse) => {
        const message = target.emulator.outbox.latest({ to, kind: 'enchantedLink' });
        const links = message?.links ?? [];
        const right = links.filter((link) => link.number === sent.linkId);
        const wrong = links.filter((link) => link.number !== sent.linkId);
        expect(right).toHaveLength(1);
        return { message, links, right: right[0]?.token ?? '', wrong: wrong.map((link) => link.token) };
      };

      it('signs up: three numbered links, pending until the right one is opened elsewhere, then the session once', async () => {
        const { client, emulator } = target;
        const email = 'grace@example.com';
        const sent = await client.enchantedLink.signUpOrIn({ loginId: email, redirectUrl: REDIRECT });
        expect(sent).toMatchObject({ maskedEmail: 'g•••@e•••.com' });
        expect(sent.linkId).toMatch(/^[1-9]\d$/);
        expect(sent.pendingRef).toMatch(/^\w{16,}$/);

        const { message, links, right } = emailOf(email, sent);
        expect(message).toMatchObject({ channel: 'email', kind: 'enchantedLink', purpose: 'signUp', loginId: email });
        // No single link: the email does not tell which is the right one.
        expect(message?.link).toBeUndefined();
        expect(message?.token).toBeUndefined();
        expect(links).toHaveLength(3);
        expect(new Set(links.map((link) => link.number)).size).toBe(3);
        for (const link of links) {
          expect(link.url).toBe(`${REDIRECT}?t=${link.token}`);
          expect(message?.text).toContain(`${link.number}: ${link.url}`);
        }

        const pending = await client.enchantedLink.pendingSession({ pendingRef: sent.pendingRef }).catch((error: unknown) => error);
        expect(isPendingSession(pending)).toBe(true);
        expect(pending).toMatchObject({ status: 401, code: 'E062503' });
        expect(emulator.users().map((user) => user.email)).not.toContain(email);

        // Another device opens the right link: an empty answer, no session there.
        const other = clientFor(target.baseUrl);
        await expect(other.enchantedLink.verify({ token: right })).resolves.toStrictEqual({});

        const session = await client.enchantedLink.pendingSession({ pendingRef: sent.pendingRef });
        expect(session.firstSeen).toBe(true);
        expect(session.user).toMatchObject({ loginIds: [email], email, verifiedEmail: true });
        const keys = (await (await fetch(`${target.baseUrl}/v2/keys/${PROJECT}`)).json()) as { keys: [] };
        const { payload } = await jwtVerify(session.sessionJwt ?? '', createLocalJWKSet(keys));
        expect(payload).toMatchObject({ sub: session.user?.userId, amr: ['email'] });
        expect(await client.session.me({ refreshJwt: session.refreshJwt ?? '' })).toMatchObject({ email });

        // Once only: the session is not handed out again, and the link is spent.
        await expectApiError(client.enchantedLink.pendingSession({ pendingRef: sent.pendingRef }), 'E061202', 401);
        await expectApiError(other.enchantedLink.verify({ token: right }), 'E061202', 401);
      });

      it('a wrong link fails and ends the attempt: the right one no longer works, and the poll says so', async () => {
        const { client } = target;
        const sent = await client.enchantedLink.signIn({ loginId: ADA.loginId, redirectUrl: REDIRECT });
        const { right, wrong } = emailOf(ADA.email, sent);
        expect(wrong).toHaveLength(2);
        await expectApiError(client.enchantedLink.verify({ token: wrong[0] ?? '' }), 'E061203', 401);
        await expectApiError(client.enchantedLink.verify({ token: right }), 'E061202', 401);
        await expectApiError(client.enchantedLink.pendingSession({ pendingRef: sent.pendingRef }), 'E061203', 401);
      });

      it('expires with the magic-link TTL: links and the poll', async () => {
        // A frozen clock that only advanceClock moves: the test does not depend on how fast it runs.
        const frozen = Date.now();
        await target.close();
        const { client, emulator } = await start({ now: () => frozen });
        const sent = await client.enchantedLink.signIn({ loginId: ADA.loginId });
        const { right, message } = emailOf(ADA.email, sent);
        // Without a redirect, the project's default one.
        expect(message?.links?.[0]?.url).toMatch(/^http:\/\/localhost:5173\/verify\?t=/);
        emulator.advanceClock(299);
        await expectApiError(client.enchantedLink.pendingSession({ pendingRef: sent.pendingRef }), 'E062503', 401);
        emulator.advanceClock(2);
        await expectApiError(client.enchantedLink.pendingSession({ pendingRef: sent.pendingRef }), 'E061201', 401);
        await expectApiError(client.enchantedLink.verify({ token: right }), 'E061201', 401);
      });

      it('refuses an unknown user on sign-in, an existing one on sign-up, an unapproved redirect and an unknown pendingRef', async () => {
        const { client, emulator } = target;
        await expectApiError(client.enchantedLink.signIn({ loginId: 'nobody@example.com' }), 'E062108', 400);
        await expectApiError(client.enchantedLink.signUp({ loginId: ADA.loginId }), 'E062107', 400);
        await expectApiError(client.enchantedLink.signIn({ loginId: ADA.loginId, redirectUrl: 'https://evil.example/verify' }), 'E011003', 400);
        await expectApiError(client.enchantedLink.pendingSession({ pendingRef: 'not-a-pending-ref' }), 'E061203', 401);
        await expectApiError(client.enchantedLink.verify({ token: 'not-a-token' }), 'E061203', 401);
        expect(emulator.outbox.list()).toHaveLength(0);
      });
    });

    it('ends the attempt after too many wrong codes', async () => {
      const { client, emulator } = await start({ maxOtpAttempts: 3 });
      await client.otp.signIn({ method: 'sms', loginId: ADA.loginId });
      const code = emulator.outbox.latest()?.code ?? '';
      const wrong = code === '000000' ? '111111' : '000000';
      await expectApiError(client.otp.verify({ method: 'sms', loginId: ADA.loginId, code: wrong }), 'E061102');
      await expectApiError(client.otp.verify({ method: 'sms', loginId: ADA.loginId, code: wrong }), 'E061102');
      await expectApiError(client.otp.verify({ method: 'sms', loginId: ADA.loginId, code: wrong }), 'E061103');
      // The attempt is over: even the right code no longer works.
      await expectApiError(client.otp.verify({ method: 'sms', loginId: ADA.loginId, code }), 'E061104');
    });

    it('rate limits messages to one recipient with Retry-After', async () => {
      const { client, emulator } = await start({ rateLimits: { messagesPerRecipient: 2, recipientWindowSeconds: 60 } });
      await client.otp.signIn({ method: 'sms', loginId: ADA.loginId });
      await client.otp.signIn({ method: 'sms', loginId: ADA.loginId });
      const error = await expectApiError(client.otp.signIn({ method: 'sms', loginId: ADA.loginId }), 'E130429', 429);
      expect(error.retryAfterSeconds).toBeGreaterThan(0);
      expect(error.retryAfterSeconds).toBeLessThanOrEqual(60);
      expect(emulator.outbox.list()).toHaveLength(2);
    });

    it('rate limits requests per client, then backs off', async () => {
      const { client } = await start({ rateLimits: { requestsPerClient: 3, clientBackoffSeconds: 45 } });
      for (let i = 0; i < 3; i++) await expectApiError(client.otp.signIn({ method: 'sms', loginId: `+1415555010${i + 2}` }), 'E062108');
      const error = await expectApiError(client.otp.signIn({ method: 'sms', loginId: ADA.loginId }), 'E130429', 429);
      expect(error.retryAfterSeconds).toBe(45);
    });
  });
}

/** A client for `baseUrl` with retries off (faults are asserted one request at a time). */
export const clientFor = (baseUrl: string, projectId = PROJECT): Client => createClient({ projectId, baseUrl, retryDelaysMs: [] });
