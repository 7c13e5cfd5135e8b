import createSdk from '@descope/core-js-sdk';
import type { JWTResponse, SdkResponse, UserResponse } from '@descope/core-js-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulatorServer, type EmulatorServer, type EmulatorServerOptions, type OutboxMessage } from '../../src/emulator/node';

/*
 * Descope's OFFICIAL JS client (@descope/core-js-sdk, pinned in devDependencies) driven against
 * the emulator's real HTTP server on loopback. Nothing here goes through passlink's own client:
 * the requests are exactly what the official SDK builds (paths, `Authorization: Bearer P[:R]`,
 * `x-descope-*` headers, `credentials: 'include'`, bodies with `loginOptions: {}` …), and the
 * answers are read the way the SDK reads them (`{ ok, code, data, error, response }`).
 *
 * Every SDK call goes through a recording fetch so that a failing expectation prints the request
 * the SDK made and the emulator's raw answer.
 */

const PROJECT_ID = 'PsdkInteropProject';
const REDIRECT = 'http://localhost:3000/auth/verify';

/** One request the SDK sent and what came back, raw. */
interface Exchange {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
}

type Sdk = ReturnType<typeof createSdk>;

interface Harness {
  server: EmulatorServer;
  sdk: Sdk;
  exchanges: Exchange[];
}

let running: EmulatorServer[] = [];

afterEach(async () => {
  const servers = running;
  running = [];
  await Promise.all(servers.map((server) => server.close()));
});

/** A fresh emulator server on a free loopback port, and the official SDK pointed at it. */
async function start(options: EmulatorServerOptions = {}): Promise<Harness> {
  const server = await startEmulatorServer({ port: 0, projectId: PROJECT_ID, ...options });
  running.push(server);
  const exchanges: Exchange[] = [];
  const recordingFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const response = await fetch(input, init);
    const copy = response.clone();
    exchanges.push({
      method: init?.method ?? 'GET',
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      headers: Object.fromEntries(new Headers(init?.headers)),
      body: typeof init?.body === 'string' ? init.body : undefined,
      status: response.status,
      responseHeaders: Object.fromEntries(response.headers),
      responseBody: await copy.text(),
    });
    return response;
  };
  const sdk = createSdk({ projectId: PROJECT_ID, baseUrl: server.url, fetch: recordingFetch });
  return { server, sdk, exchanges };
}

/** The last exchange, printable: what the SDK sent and what the emulator answered. */
const lastExchange = (h: Harness): string => {
  const last = h.exchanges.at(-1);
  return last ? `SDK sent ${last.method} ${last.url}\nheaders ${JSON.stringify(last.headers)}\nbody ${last.body ?? '(none)'}\nemulator answered ${last.status} ${last.responseBody}` : 'no request was sent';
};

/** The data of a successful SDK response; fails with the raw exchange otherwise. */
function okData<T extends Record<string, unknown>>(h: Harness, res: SdkResponse<T>): T {
  expect(res.ok, lastExchange(h)).toBe(true);
  expect(res.code, lastExchange(h)).toBe(200);
  expect(res.error, lastExchange(h)).toBeUndefined();
  if (!res.data) throw new Error(`ok response without data\n${lastExchange(h)}`);
  return res.data;
}

/** The SDK saw a failure with exactly this code and HTTP status. */
function expectFailure(h: Harness, res: SdkResponse<Record<string, unknown>>, errorCode: string, status: number): void {
  expect(res.ok, lastExchange(h)).toBe(false);
  expect(res.data).toBeUndefined();
  expect(res.error?.errorCode, lastExchange(h)).toBe(errorCode);
  expect(res.code, lastExchange(h)).toBe(status);
  expect(res.response?.status).toBe(status);
  // The SDK types errorDescription as always present.
  expect(typeof res.error?.errorDescription).toBe('string');
  expect(res.error?.errorDescription).not.toBe('');
}

/** The one outbox message to `to`; fails when there is none or more than `count`. */
function messageTo(h: Harness, to: string, count = 1): OutboxMessage {
  const messages = h.server.emulator.outbox.list({ to });
  expect(messages).toHaveLength(count);
  const message = messages.at(-1);
  if (!message) throw new Error(`no outbox message to ${to}`);
  return message;
}

/** The `t` query parameter of a link, as the page at the redirect would read it. */
function tokenOf(link: string | undefined): string {
  if (!link) throw new Error('the message has no link');
  const token = new URL(link).searchParams.get('t');
  if (!token) throw new Error(`no t= in ${link}`);
  return token;
}

/** A JWT's payload, decoded without verification. */
function claimsOf(jwt: string): Record<string, unknown> {
  const parts = jwt.split('.');
  expect(parts).toHaveLength(3);
  return JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** A code of the same length that is certainly wrong: every digit shifted by one. */
const wrongCodeFor = (code: string) => code.replace(/\d/g, (d) => String((Number(d) + 1) % 10));

/** Signs `loginId` in by OTP over SMS through the SDK; answers the JWT response. */
async function signInBySms(h: Harness, loginId: string, phone: string): Promise<JWTResponse> {
  okData(h, await h.sdk.otp.signIn.sms(loginId));
  const code = h.server.emulator.outbox.latest({ to: phone, kind: 'otp' })?.code;
  if (!code) throw new Error(`no code was sent to ${phone}`);
  return okData(h, await h.sdk.otp.verify.sms(loginId, code));
}

const refreshOf = (h: Harness, jwt: JWTResponse): string => {
  if (!jwt.refreshJwt) throw new Error(`the JWT response has no refreshJwt\n${lastExchange(h)}`);
  return jwt.refreshJwt;
};

describe('official @descope/core-js-sdk against the emulator over HTTP', () => {
  it('signs up by SMS magic link: link at the given URI, verify, JWT response, me', async () => {
    const h = await start();
    const phone = '+14155550123';
    const before = Math.floor(Date.now() / 1000);

    const sent = okData(h, await h.sdk.magicLink.signUp.sms(phone, REDIRECT, { name: 'Ada Lovelace', givenName: 'Ada' }));
    expect(sent).toEqual({ maskedPhone: '+1 ••• ••• 0123' });

    // What the SDK put on the wire is what the contract says (the emulator accepted it).
    const request = h.exchanges.at(-1);
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`${h.server.url}/v1/auth/magiclink/signup/sms`);
    expect(request?.headers.authorization).toBe(`Bearer ${PROJECT_ID}`);
    expect(JSON.parse(request?.body ?? '{}')).toEqual({ loginId: phone, URI: REDIRECT, user: { name: 'Ada Lovelace', givenName: 'Ada' }, loginOptions: {} });

    const message = messageTo(h, phone);
    expect(message).toMatchObject({ channel: 'sms', kind: 'magicLink', purpose: 'signUp', loginId: phone });
    expect(message.link).toBe(`${REDIRECT}?t=${message.token}`);
    expect(message.text).toContain(message.link);
    const token = tokenOf(message.link);
    expect(token).toBe(message.token);

    const jwt = okData(h, await h.sdk.magicLink.verify(token));
    expect(jwt.firstSeen).toBe(true);
    expect(jwt.user?.phone).toBe(phone);
    expect(jwt.user?.loginIds).toEqual([phone]);
    expect(jwt.user?.verifiedPhone).toBe(true);
    expect(jwt.user?.name).toBe('Ada Lovelace');
    expect(jwt.user?.givenName).toBe('Ada');
    expect(jwt.user?.userId).toMatch(/^U/);

    // Tokens: two distinct JWTs for the same user; the session one expires at sessionExpiration.
    expect(jwt.sessionJwt).not.toBe(jwt.refreshJwt);
    const session = claimsOf(jwt.sessionJwt);
    const refresh = claimsOf(refreshOf(h, jwt));
    expect(session.sub).toBe(jwt.user?.userId);
    expect(refresh.sub).toBe(jwt.user?.userId);
    expect(session.exp).toBe(jwt.sessionExpiration);
    expect(jwt.sessionExpiration).toBeGreaterThanOrEqual(before + 600);
    expect(jwt.sessionExpiration).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 600);
    // The SDK's own JWT helper reads the emulator's token as a live one.
    expect(h.sdk.isJwtExpired(jwt.sessionJwt)).toBe(false);

    const me = okData<UserResponse>(h, await h.sdk.me(refreshOf(h, jwt)));
    expect(h.exchanges.at(-1)?.method).toBe('GET');
    expect(h.exchanges.at(-1)?.headers.authorization).toBe(`Bearer ${PROJECT_ID}:${jwt.refreshJwt}`);
    expect(me.userId).toBe(jwt.user?.userId);
    expect(me.phone).toBe(phone);
    expect(me.loginIds).toEqual([phone]);
    expect(me.name).toBe('Ada Lovelace');
  });

  it('signs a seeded user in by voice OTP: the call reads the code digit by digit; one wrong code, then the right one', async () => {
    const loginId = 'ada@example.com';
    const phone = '+447700900123';
    const h = await start({ users: [{ loginId, phone }] });

    const sent = okData(h, await h.sdk.otp.signIn.voice(loginId));
    expect(sent).toEqual({ maskedPhone: '+44 ••• ••• 0123' });
    expect(h.exchanges.at(-1)?.url).toBe(`${h.server.url}/v1/auth/otp/signin/voice`);

    const message = messageTo(h, phone);
    expect(message).toMatchObject({ channel: 'voice', kind: 'otp', purpose: 'signIn', loginId });
    const code = message.code ?? '';
    expect(code).toMatch(/^\d{6}$/);
    const spoken = code.split('').join(', ');
    expect(message.text).toContain(spoken);
    // Spoken, not printed: the six digits never appear run together.
    expect(message.text).not.toContain(code);

    const wrong = await h.sdk.otp.verify.voice(loginId, wrongCodeFor(code));
    expectFailure(h, wrong, 'E061102', 401);

    const jwt = okData(h, await h.sdk.otp.verify.voice(loginId, code));
    expect(JSON.parse(h.exchanges.at(-1)?.body ?? '{}')).toEqual({ code, loginId });
    expect(jwt.firstSeen).toBe(false);
    expect(jwt.user?.loginIds).toEqual([loginId]);
    expect(jwt.user?.phone).toBe(phone);
    expect(h.server.emulator.users()).toHaveLength(1);

    // The code was consumed: the same code a second time is refused.
    const again = await h.sdk.otp.verify.voice(loginId, code);
    expectFailure(h, again, 'E061104', 401);
  });

  it('updates the email by magic link and the phone by voice OTP with the refresh JWT; me shows both', async () => {
    const loginId = 'grace';
    const phone = '+14155550100';
    const h = await start({ users: [{ loginId, phone, email: 'grace@old.example.com' }] });
    const session = await signInBySms(h, loginId, phone);
    const refreshJwt = refreshOf(h, session);

    // Email, by magic link.
    const newEmail = 'grace.hopper@navy.example.com';
    const sentEmail = okData(h, await h.sdk.magicLink.update.email(loginId, newEmail, REDIRECT, refreshJwt));
    expect(sentEmail).toEqual({ maskedEmail: 'g•••@n•••.com' });
    const emailRequest = h.exchanges.at(-1);
    expect(emailRequest?.url).toBe(`${h.server.url}/v1/auth/magiclink/update/email`);
    expect(emailRequest?.headers.authorization).toBe(`Bearer ${PROJECT_ID}:${refreshJwt}`);

    const emailMessage = messageTo(h, newEmail);
    expect(emailMessage).toMatchObject({ channel: 'email', kind: 'magicLink', purpose: 'updateEmail', loginId });
    expect(emailMessage.link?.startsWith(`${REDIRECT}?t=`)).toBe(true);
    // Nothing changes before the link is opened.
    expect(okData<UserResponse>(h, await h.sdk.me(refreshJwt)).email).toBe('grace@old.example.com');

    const afterEmail = okData(h, await h.sdk.magicLink.verify(tokenOf(emailMessage.link)));
    expect(afterEmail.firstSeen).toBe(false);
    expect(afterEmail.user?.email).toBe(newEmail);
    const meAfterEmail = okData<UserResponse>(h, await h.sdk.me(refreshOf(h, afterEmail)));
    expect(meAfterEmail.userId).toBe(session.user?.userId);
    expect(meAfterEmail.email).toBe(newEmail);
    expect(meAfterEmail.verifiedEmail).toBe(true);
    expect(meAfterEmail.loginIds).toEqual([loginId]);

    // Phone, by a one-time code read out in a voice call.
    const newPhone = '+14155550199';
    const sentPhone = okData(h, await h.sdk.otp.update.phone.voice(loginId, newPhone, refreshJwt));
    expect(sentPhone).toEqual({ maskedPhone: '+1 ••• ••• 0199' });
    expect(h.exchanges.at(-1)?.url).toBe(`${h.server.url}/v1/auth/otp/update/phone/voice`);

    const phoneMessage = messageTo(h, newPhone);
    expect(phoneMessage).toMatchObject({ channel: 'voice', kind: 'otp', purpose: 'updatePhone', loginId });
    const code = phoneMessage.code ?? '';
    expect(phoneMessage.text).toContain(code.split('').join(', '));
    expect(okData<UserResponse>(h, await h.sdk.me(refreshJwt)).phone).toBe(phone);

    const afterPhone = okData(h, await h.sdk.otp.verify.voice(loginId, code));
    expect(afterPhone.user?.phone).toBe(newPhone);
    const meAfterPhone = okData<UserResponse>(h, await h.sdk.me(refreshOf(h, afterPhone)));
    expect(meAfterPhone.phone).toBe(newPhone);
    expect(meAfterPhone.verifiedPhone).toBe(true);
    expect(meAfterPhone.email).toBe(newEmail);
    expect(meAfterPhone.loginIds).toEqual([loginId]);
  });

  describe('failures, as the SDK sees them', () => {
    it('an expired magic link: E061201 after the TTL', async () => {
      const h = await start({ users: [{ loginId: 'ada@example.com', email: 'ada@example.com' }] });
      okData(h, await h.sdk.magicLink.signIn.email('ada@example.com', REDIRECT));
      const token = tokenOf(messageTo(h, 'ada@example.com').link);
      h.server.emulator.advanceClock(301);
      expectFailure(h, await h.sdk.magicLink.verify(token), 'E061201', 401);
    });

    it('a magic link used twice: ok, then E061202', async () => {
      const h = await start({ users: [{ loginId: 'ada@example.com', email: 'ada@example.com' }] });
      okData(h, await h.sdk.magicLink.signIn.email('ada@example.com', REDIRECT));
      const token = tokenOf(messageTo(h, 'ada@example.com').link);
      const first = okData(h, await h.sdk.magicLink.verify(token));
      expect(first.user?.email).toBe('ada@example.com');
      expectFailure(h, await h.sdk.magicLink.verify(token), 'E061202', 401);
    });

    it('sign-in of an unknown user: E062108, and nothing is sent', async () => {
      const h = await start({ users: [{ loginId: 'ada@example.com', email: 'ada@example.com' }] });
      expectFailure(h, await h.sdk.magicLink.signIn.email('nobody@example.com', REDIRECT), 'E062108', 400);
      expectFailure(h, await h.sdk.otp.signIn.sms('+14155550999'), 'E062108', 400);
      expect(h.server.emulator.outbox.list()).toEqual([]);
    });

    it('sign-up of an existing user: E062107, and nothing is sent', async () => {
      const h = await start({ users: [{ loginId: '+14155550123', phone: '+14155550123' }] });
      expectFailure(h, await h.sdk.otp.signUp.sms('+14155550123'), 'E062107', 400);
      expectFailure(h, await h.sdk.magicLink.signUp.sms('+14155550123', REDIRECT), 'E062107', 400);
      expect(h.server.emulator.outbox.list()).toEqual([]);
      expect(h.server.emulator.users()).toHaveLength(1);
    });

    it('too many wrong codes: E061102 until maxOtpAttempts, then E061103 and the right code is dead', async () => {
      const loginId = 'ada@example.com';
      const h = await start({ maxOtpAttempts: 3, users: [{ loginId, email: loginId }] });
      okData(h, await h.sdk.otp.signIn.email(loginId));
      const code = messageTo(h, loginId).code ?? '';
      expect(code).toMatch(/^\d{6}$/);
      const wrong = wrongCodeFor(code);
      expectFailure(h, await h.sdk.otp.verify.email(loginId, wrong), 'E061102', 401);
      expectFailure(h, await h.sdk.otp.verify.email(loginId, wrong), 'E061102', 401);
      expectFailure(h, await h.sdk.otp.verify.email(loginId, wrong), 'E061103', 400);
      // The attempt is over: even the right code no longer signs in.
      expectFailure(h, await h.sdk.otp.verify.email(loginId, code), 'E061104', 401);
    });

    it('a redirect URI outside the approved domains: E011003, and nothing is sent', async () => {
      const h = await start({ users: [{ loginId: 'ada@example.com', email: 'ada@example.com' }] });
      const res = await h.sdk.magicLink.signIn.email('ada@example.com', 'https://evil.example.net/steal');
      expectFailure(h, res, 'E011003', 400);
      expect(h.server.emulator.outbox.list()).toEqual([]);
      // A subdomain of an approved domain, by contrast, is accepted.
      okData(h, await h.sdk.magicLink.signIn.email('ada@example.com', 'http://app.localhost:8080/cb'));
      expect(messageTo(h, 'ada@example.com').link).toMatch(/^http:\/\/app\.localhost:8080\/cb\?t=[0-9a-f]+$/);
    });

    it('an update without a refresh JWT: E011002 missing arguments (the SDK sends `Bearer <ProjectId>` only), nothing sent', async () => {
      const h = await start({ users: [{ loginId: 'ada', email: 'ada@example.com', phone: '+14155550123' }] });
      expectFailure(h, await h.sdk.magicLink.update.email('ada', 'ada@new.example.com', REDIRECT), 'E011002', 400);
      expect(h.exchanges.at(-1)?.headers.authorization).toBe(`Bearer ${PROJECT_ID}`);
      expectFailure(h, await h.sdk.otp.update.phone.voice('ada', '+14155550199'), 'E011002', 400);
      expectFailure(h, await h.sdk.otp.update.email('ada', 'ada@new.example.com'), 'E011002', 400);
      expect(h.server.emulator.outbox.list()).toEqual([]);
    });

    it('the per-recipient rate limit: the third send is E130429 with Retry-After in seconds', async () => {
      const fixedNow = Date.UTC(2030, 0, 1);
      const phone = '+14155550123';
      const h = await start({
        now: () => fixedNow,
        rateLimits: { messagesPerRecipient: 2, recipientWindowSeconds: 120 },
        users: [{ loginId: phone, phone }],
      });
      okData(h, await h.sdk.otp.signIn.sms(phone));
      okData(h, await h.sdk.otp.signIn.sms(phone));
      const third = await h.sdk.otp.signIn.sms(phone);
      expectFailure(h, third, 'E130429', 429);

      // The raw response the SDK exposes carries the header …
      const header = third.response?.headers.get('retry-after');
      expect(header).toBe('120');
      expect(Number(header)).toBeGreaterThan(0);
      // … and the SDK copies it into the error (as a number, although its types say string).
      expect(third.error?.retryAfter).toBe(120);
      expect(h.server.emulator.outbox.list({ to: phone })).toHaveLength(2);

      // After the window, the recipient may get a message again.
      h.server.emulator.advanceClock(120);
      okData(h, await h.sdk.otp.signIn.sms(phone));
      expect(h.server.emulator.outbox.list({ to: phone })).toHaveLength(3);
    });
  });

  it('refresh rotates the tokens and refuses the old refresh JWT; logout revokes the refresh JWT', async () => {
    const phone = '+14155550123';
    const h = await start({ users: [{ loginId: phone, phone }] });
    const first = await signInBySms(h, phone, phone);
    const oldRefresh = refreshOf(h, first);

    const rotated = okData(h, await h.sdk.refresh(oldRefresh));
    const refreshRequest = h.exchanges.at(-1);
    expect(refreshRequest?.url).toBe(`${h.server.url}/v1/auth/refresh`);
    expect(refreshRequest?.headers.authorization).toBe(`Bearer ${PROJECT_ID}:${oldRefresh}`);
    expect(refreshRequest?.body).toBe('{}');
    const newRefresh = refreshOf(h, rotated);
    expect(newRefresh).not.toBe(oldRefresh);
    expect(rotated.sessionJwt).not.toBe(first.sessionJwt);
    expect(claimsOf(rotated.sessionJwt).sub).toBe(first.user?.userId);
    expect(rotated.user?.userId).toBe(first.user?.userId);
    expect(rotated.firstSeen).toBe(false);

    expectFailure(h, await h.sdk.refresh(oldRefresh), 'E061005', 401);
    expectFailure(h, await h.sdk.me(oldRefresh), 'E061005', 401);
    expect(okData<UserResponse>(h, await h.sdk.me(newRefresh)).userId).toBe(first.user?.userId);

    const loggedOut = await h.sdk.logout(newRefresh);
    expect(loggedOut.ok, lastExchange(h)).toBe(true);
    expect(loggedOut.code).toBe(200);
    expect(h.exchanges.at(-1)?.url).toBe(`${h.server.url}/v1/auth/logout`);

    expectFailure(h, await h.sdk.me(newRefresh), 'E064001', 401);
    expectFailure(h, await h.sdk.refresh(newRefresh), 'E064001', 401);
    expectFailure(h, await h.sdk.logout(newRefresh), 'E064001', 401);
  });

  it('logout answers the JSON body the SDK parses: every token and field empty', async () => {
    const phone = '+14155550123';
    const h = await start({ users: [{ loginId: phone, phone }] });
    const session = await signInBySms(h, phone, phone);
    const loggedOut = okData(h, await h.sdk.logout(refreshOf(h, session)));
    expect(loggedOut).toEqual({
      sessionJwt: '',
      refreshJwt: '',
      cookieDomain: '',
      cookiePath: '/',
      cookieMaxAge: 0,
      cookieExpiration: 0,
      sessionExpiration: 0,
      claims: {},
      firstSeen: false,
    });
    expect(h.exchanges.at(-1)?.responseHeaders['content-type']).toBe('application/json');
  });

  it('reads the JWT response as its JWTResponse type declares it: claims, cookie fields, the user object', async () => {
    const phone = '+14155550123';
    const h = await start({ users: [{ loginId: phone, phone, name: 'Ada' }] });
    const jwt = await signInBySms(h, phone, phone);
    expect(jwt.claims).toEqual(claimsOf(jwt.sessionJwt));
    expect(jwt.claims).toMatchObject({ drn: 'DS', sub: jwt.user?.userId, iss: PROJECT_ID, amr: ['sms'] });
    expect(claimsOf(refreshOf(h, jwt))).toMatchObject({ drn: 'DSR', sub: jwt.user?.userId, iss: PROJECT_ID });
    expect(jwt.cookieName).toBe('DSR');
    expect(jwt.cookieExpiration).toBe(claimsOf(refreshOf(h, jwt)).exp);
    expect(jwt.cookieMaxAge).toBe(2_592_000);
    expect(jwt.cookiePath).toBe('/');
    // UserResponse: the fields core-js requires, with their types.
    const user = jwt.user;
    expect(user).toMatchObject({ loginIds: [phone], name: 'Ada', status: 'enabled', test: false, TOTP: false, SAML: false, SCIM: false, password: false });
    expect(typeof user?.createdTime).toBe('number');
    // The SDK's own helper reads the session JWT's expiry.
    expect(h.sdk.isJwtExpired(jwt.sessionJwt)).toBe(false);
    expect(h.sdk.getJwtPermissions(jwt.sessionJwt)).toEqual([]);
  });

  it('try-refresh (refresh(token, _, _, true)): a session for a valid refresh JWT, {} without one, never an error', async () => {
    const phone = '+14155550123';
    const h = await start({ users: [{ loginId: phone, phone }] });
    const first = await signInBySms(h, phone, phone);
    const oldRefresh = refreshOf(h, first);

    const tried = okData(h, await h.sdk.refresh(oldRefresh, undefined, undefined, true));
    const request = h.exchanges.at(-1);
    expect(request?.url).toBe(`${h.server.url}/v1/auth/try-refresh`);
    expect(request?.headers.authorization).toBe(`Bearer ${PROJECT_ID}:${oldRefresh}`);
    expect(claimsOf(tried.sessionJwt).sub).toBe(first.user?.userId);
    expect(tried.sessionExpiration).toBe(claimsOf(tried.sessionJwt).exp);
    expect(tried.user).toBeUndefined();

    // The old refresh JWT was rotated: no session, and no error either.
    expect(okData(h, await h.sdk.refresh(oldRefresh, undefined, undefined, true))).toEqual({});
    // No refresh JWT at all (a first visit): Bearer <ProjectId> only, and no session.
    expect(okData(h, await h.sdk.refresh(undefined, undefined, undefined, true))).toEqual({});
    expect(h.exchanges.at(-1)?.headers.authorization).toBe(`Bearer ${PROJECT_ID}`);
    // Logged out: no session.
    okData(h, await h.sdk.logout(refreshOf(h, tried)));
    expect(okData(h, await h.sdk.refresh(refreshOf(h, tried), undefined, undefined, true))).toEqual({});
  });
});
