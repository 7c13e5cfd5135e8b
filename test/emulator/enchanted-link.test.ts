import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, ResponseFormatError, type EnchantedLinkResponse } from '../../src/client';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator';
import { startEmulatorServer, type EmulatorServer } from '../../src/emulator/node';
import { call, clientOf, codeOf, payloadOf } from './support';

/*
 * The emulator's enchanted links in detail (the journeys in ./journeys.ts run the main path over
 * HTTP and MSW; ./core-js-enchanted-link.test.ts drives it with Descope's official SDK): the
 * links of the email, how an attempt ends, what pending-session answers when, cookies, updates,
 * step-up, limits, faults and memory.
 */

const ADA = { loginId: 'ada@example.com', email: 'ada@example.com', phone: '+14155550101', name: 'Ada' };
const REDIRECT = 'http://localhost:5173/verify';

/** An emulator whose clock only `advanceClock` moves (expiry tests do not depend on how fast they run). */
const setup = (options: EmulatorOptions = {}) => {
  const frozen = Date.now();
  const emulator = createEmulator({ users: [ADA], now: () => frozen, ...options });
  return { emulator, client: clientOf(emulator) };
};

/** The links of the newest enchanted-link email to `to`: the right token and the wrong ones. */
const linksOf = (emulator: Emulator, to: string, sent: EnchantedLinkResponse) => {
  const links = emulator.outbox.latest({ to, kind: 'enchantedLink' })?.links ?? [];
  return {
    links,
    right: links.find((link) => link.number === sent.linkId)?.token ?? 'missing',
    wrong: links.filter((link) => link.number !== sent.linkId).map((link) => link.token),
  };
};

describe('the enchanted-link email', () => {
  it('holds three distinct two-digit numbers, listed in order, exactly one of them the linkId; the right one moves', async () => {
    const { emulator, client } = setup({ rateLimits: { messagesPerRecipient: 100 } });
    const positions = new Set<number>();
    for (let attempt = 0; attempt < 40; attempt++) {
      const sent = await client.enchantedLink.signIn({ loginId: ADA.loginId, redirectUrl: REDIRECT });
      const { links } = linksOf(emulator, ADA.email, sent);
      const numbers = links.map((link) => link.number);
      expect(numbers).toHaveLength(3);
      expect(numbers.every((number) => /^[1-9]\d$/.test(number))).toBe(true);
      expect([...numbers].sort((a, b) => Number(a) - Number(b))).toEqual(numbers);
      expect(new Set(numbers).size).toBe(3);
      expect(numbers.filter((number) => number === sent.linkId)).toHaveLength(1);
      positions.add(numbers.indexOf(sent.linkId));
    }
    // The right link is not always in the same place (40 draws: all in one place has odds of about 1 in 10^7).
    expect(positions.size).toBeGreaterThan(1);
  });

  it('sends every link to the redirect given as redirectUrl (the API reference name) too', async () => {
    const { emulator } = setup();
    const answer = await call(emulator, 'POST', '/v1/auth/enchantedlink/signin/email', { loginId: ADA.loginId, redirectUrl: 'http://localhost:3000/el' });
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body).sort()).toEqual(['linkId', 'maskedEmail', 'pendingRef']);
    const links = emulator.outbox.latest()?.links ?? [];
    expect(links.map((link) => link.url)).toEqual(links.map((link) => `http://localhost:3000/el?t=${link.token}`));
  });

  it('keeps a sign-up\'s details until the right link is opened, and creates the user then', async () => {
    const { emulator, client } = setup();
    const sent = await client.enchantedLink.signUp({ loginId: 'grace@example.com', user: { name: 'Grace Hopper' } });
    expect(emulator.users()).toHaveLength(1);
    await client.enchantedLink.verify({ token: linksOf(emulator, 'grace@example.com', sent).right });
    expect(emulator.users()).toHaveLength(2);
    const session = await client.enchantedLink.pendingSession({ pendingRef: sent.pendingRef });
    expect(session).toMatchObject({ firstSeen: true, user: { name: 'Grace Hopper', email: 'grace@example.com', verifiedEmail: true } });
  });
});

describe('how an attempt ends', () => {
  it('a wrong link changes nothing: no user is created and the poll answers the wrong-link code', async () => {
    const { emulator, client } = setup();
    const sent = await client.enchantedLink.signUpOrIn({ loginId: 'mallory@example.com' });
    const { wrong, right } = linksOf(emulator, 'mallory@example.com', sent);
    expect(await codeOf(client.enchantedLink.verify({ token: wrong[1] ?? '' }))).toBe('E061203');
    expect(await codeOf(client.enchantedLink.verify({ token: wrong[0] ?? '' }))).toBe('E061202');
    expect(await codeOf(client.enchantedLink.verify({ token: right }))).toBe('E061202');
    expect(await codeOf(client.enchantedLink.pendingSession({ pendingRef: sent.pendingRef }))).toBe('E061203');
    expect(emulator.users()).toHaveLength(1);
  });

  it('of two opens of the right link at once, exactly one completes', async () => {
    const { emulator, client } = setup();
    const sent = await client.enchantedLink.signIn({ loginId: ADA.loginId });
    const { right } = linksOf(emulator, ADA.email, sent);
    const results = await Promise.allSettled([client.enchantedLink.verify({ token: right }), client.enchantedLink.verify({ token: right })]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((result) => result.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: 'E061202' });
    await expect(client.enchantedLink.pendingSession({ pendingRef: sent.pendingRef })).resolves.toMatchObject({ firstSeen: false });
  });

  it('a newer email does not end an older attempt: each is its own', async () => {
    const { emulator, client } = setup();
    const first = await client.enchantedLink.signIn({ loginId: ADA.loginId });
    const firstRight = linksOf(emulator, ADA.email, first).right;
    const second = await client.enchantedLink.signIn({ loginId: ADA.loginId });
    expect(second.pendingRef).not.toBe(first.pendingRef);
    await client.enchantedLink.verify({ token: firstRight });
    await expect(client.enchantedLink.pendingSession({ pendingRef: first.pendingRef })).resolves.toHaveProperty('sessionJwt');
    expect(await codeOf(client.enchantedLink.pendingSession({ pendingRef: second.pendingRef }))).toBe('E062503');
  });

  it('a session verified in time but collected after the attempt expired is not handed out', async () => {
    const { emulator, client } = setup({ magicLinkTtlSeconds: 60 });
    const sent = await client.enchantedLink.signIn({ loginId: ADA.loginId });
    await client.enchantedLink.verify({ token: linksOf(emulator, ADA.email, sent).right });
    emulator.advanceClock(60);
    expect(await codeOf(client.enchantedLink.pendingSession({ pendingRef: sent.pendingRef }))).toBe('E061201');
  });

  it('answers each situation with the code a test configured', async () => {
    const { emulator, client } = setup({ errorCodes: { linkPending: 'E999001', linkWrong: 'E999002' } });
    const sent = await client.enchantedLink.signIn({ loginId: ADA.loginId });
    expect(await codeOf(client.enchantedLink.pendingSession({ pendingRef: sent.pendingRef }))).toBe('E999001');
    expect(await codeOf(client.enchantedLink.verify({ token: linksOf(emulator, ADA.email, sent).wrong[0] ?? '' }))).toBe('E999002');
  });
});

describe('enchanted-link updates and step-up', () => {
  it('updates the email: nothing changes until the right link is opened; the poll answers the updated user\'s session', async () => {
    const { emulator, client } = setup();
    const refreshJwt = (await emulator.createSession(ADA.loginId)).refreshJwt ?? '';
    const email = 'ada@lovelace.dev';
    const sent = await client.enchantedLink.updateEmail({ loginId: ADA.loginId, email, refreshJwt, addToLoginIds: true });
    expect(sent.maskedEmail).toBe('a•••@l•••.dev');
    expect(emulator.outbox.latest()).toMatchObject({ to: email, purpose: 'updateEmail', kind: 'enchantedLink' });
    expect((await client.session.me({ refreshJwt })).email).toBe(ADA.email);
    await client.enchantedLink.verify({ token: linksOf(emulator, email, sent).right });
    const session = await client.enchantedLink.pendingSession({ pendingRef: sent.pendingRef });
    expect(session.user).toMatchObject({ email, verifiedEmail: true, loginIds: [ADA.loginId, email] });
  });

  it('an update refused on verify (failOnConflict) changes nothing, and the poll answers the same refusal', async () => {
    const { emulator, client } = setup({ users: [ADA, { loginId: 'taken@example.com', email: 'taken@example.com' }] });
    const refreshJwt = (await emulator.createSession(ADA.loginId)).refreshJwt ?? '';
    const sent = await client.enchantedLink.updateEmail({ loginId: ADA.loginId, email: 'later@example.com', refreshJwt, addToLoginIds: true, failOnConflict: true });
    // Another user takes the address meanwhile.
    emulator.seedUser({ loginId: 'later@example.com', email: 'later@example.com' });
    expect(await codeOf(client.enchantedLink.verify({ token: linksOf(emulator, 'later@example.com', sent).right }))).toBe('E062107');
    expect(await codeOf(client.enchantedLink.pendingSession({ pendingRef: sent.pendingRef }))).toBe('E062107');
    expect((await client.session.me({ refreshJwt })).email).toBe(ADA.email);
  });

  it('step-up sign-in needs the refresh JWT, and the new session proves both factors', async () => {
    const { emulator, client } = setup();
    await client.otp.signIn({ method: 'sms', loginId: ADA.loginId });
    const first = await client.otp.verify({ method: 'sms', loginId: ADA.loginId, code: emulator.outbox.latest()?.code ?? '' });
    const refreshJwt = first.refreshJwt ?? '';
    const raw = await call(emulator, 'POST', '/v1/auth/enchantedlink/signin/email', { loginId: ADA.loginId, loginOptions: { stepup: true } });
    expect(raw).toMatchObject({ status: 400, body: { errorCode: 'E011002' } });
    const sent = await client.enchantedLink.signIn({ loginId: ADA.loginId, loginOptions: { stepup: true }, refreshJwt });
    await client.enchantedLink.verify({ token: linksOf(emulator, ADA.email, sent).right });
    const session = await client.enchantedLink.pendingSession({ pendingRef: sent.pendingRef });
    expect(payloadOf(session.sessionJwt ?? '').amr).toEqual(['sms', 'email', 'mfa']);
  });
});

describe('limits, faults and memory', () => {
  it('counts each email against the recipient limit', async () => {
    const { emulator, client } = setup({ rateLimits: { messagesPerRecipient: 2 } });
    await client.enchantedLink.signIn({ loginId: ADA.loginId });
    await client.enchantedLink.signIn({ loginId: ADA.loginId });
    const error = await client.enchantedLink.signIn({ loginId: ADA.loginId }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: 'E130429' });
    expect(emulator.outbox.list()).toHaveLength(2);
  });

  it('polls count against the per-client limit, as every API request does', async () => {
    const { client } = setup({ rateLimits: { requestsPerClient: 3 } });
    const sent = await client.enchantedLink.signIn({ loginId: ADA.loginId });
    expect(await codeOf(client.enchantedLink.pendingSession({ pendingRef: sent.pendingRef }))).toBe('E062503');
    expect(await codeOf(client.enchantedLink.pendingSession({ pendingRef: sent.pendingRef }))).toBe('E062503');
    expect(await codeOf(client.enchantedLink.pendingSession({ pendingRef: sent.pendingRef }))).toBe('E130429');
  });

  it('injects faults into the poll, and the attempt goes on', async () => {
    const { emulator, client } = setup();
    const sent = await client.enchantedLink.signIn({ loginId: ADA.loginId });
    emulator.addFault({ path: '/enchantedlink/pending-session', status: 503 });
    await expect(client.enchantedLink.pendingSession({ pendingRef: sent.pendingRef })).rejects.toBeInstanceOf(ResponseFormatError);
    expect(await codeOf(client.enchantedLink.pendingSession({ pendingRef: sent.pendingRef }))).toBe('E062503');
  });

  it('forgets attempts one lifetime after they expire (stats.enchantedLinks), and reset forgets all', async () => {
    const { emulator, client } = setup({ magicLinkTtlSeconds: 60, rateLimits: { messagesPerRecipient: 100 } });
    const old = await client.enchantedLink.signIn({ loginId: ADA.loginId });
    await client.enchantedLink.signIn({ loginId: ADA.loginId });
    expect(emulator.stats().enchantedLinks).toBe(2);
    emulator.advanceClock(61);
    // Expired, not forgotten: it still answers "expired" for one more lifetime.
    expect(await codeOf(client.enchantedLink.pendingSession({ pendingRef: old.pendingRef }))).toBe('E061201');
    emulator.advanceClock(60);
    await client.enchantedLink.signIn({ loginId: ADA.loginId });
    expect(emulator.stats().enchantedLinks).toBe(1);
    expect(await codeOf(client.enchantedLink.pendingSession({ pendingRef: old.pendingRef }))).toBe('E061203');
    emulator.reset();
    expect(emulator.stats().enchantedLinks).toBe(0);
  });
});

describe('cookies, over HTTP', () => {
  let server: EmulatorServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const post = (path: string, body: unknown) =>
    fetch(`${server?.url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server?.emulator.projectId}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('the session\'s cookies go with the poll\'s answer, never with the verify of the other device', async () => {
    server = await startEmulatorServer({ port: 0, users: [ADA], tokensInCookies: true });
    const sentAnswer = await post('/v1/auth/enchantedlink/signin/email', { loginId: ADA.loginId });
    const sent = (await sentAnswer.json()) as EnchantedLinkResponse;
    const pending = await post('/v1/auth/enchantedlink/pending-session', { pendingRef: sent.pendingRef });
    expect(pending.status).toBe(401);
    expect(await pending.json()).toMatchObject({ errorCode: 'E062503' });
    expect(pending.headers.getSetCookie()).toEqual([]);

    const verified = await post('/v1/auth/enchantedlink/verify', { token: linksOf(server.emulator, ADA.email, sent).right });
    expect(verified.status).toBe(200);
    expect(await verified.json()).toStrictEqual({});
    expect(verified.headers.getSetCookie()).toEqual([]);

    const session = await post('/v1/auth/enchantedlink/pending-session', { pendingRef: sent.pendingRef });
    expect(session.status).toBe(200);
    const body = (await session.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ sessionJwt: '', refreshJwt: '', cookieName: 'DSR' });
    const cookies = session.headers.getSetCookie();
    expect(cookies.map((cookie) => cookie.split('=')[0])).toEqual(['DS', 'DSR']);
    expect(cookies.every((cookie) => /HttpOnly/i.test(cookie))).toBe(true);
  });
});
