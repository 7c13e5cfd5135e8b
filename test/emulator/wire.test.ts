import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator';

/*
 * Issue 12: the emulator's wire as Descope's official SDKs read it. The JWT response and its
 * claims, the user object, the signing keys, try-refresh, logout, cookie delivery per token, and
 * `redirectUrl` beside `URI`. Raw requests to the core, as an adapter hands them over, so that
 * every header and cookie is the test's own.
 */

const ADA = { loginId: 'ada@example.com', email: 'ada@example.com', phone: '+14155550101' };
const REDIRECT = 'http://localhost:5173/verify';

interface Answer {
  status: number;
  body: Record<string, unknown>;
  cookies: string[];
}

/** One request to the core: `auth` is the Authorization value (default `Bearer <ProjectId>`, null for none). */
async function send(
  emulator: Emulator,
  path: string,
  { body, auth, headers = {}, method = 'POST' }: { body?: unknown; auth?: string | null; headers?: Record<string, string>; method?: string } = {},
): Promise<Answer> {
  const answer = await emulator.handle({
    method,
    url: path,
    headers: {
      ...(auth === null ? {} : { Authorization: auth ?? `Bearer ${emulator.projectId}` }),
      'Content-Type': 'application/json',
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: answer.status, body: answer.body ? (JSON.parse(answer.body) as Record<string, unknown>) : {}, cookies: answer.cookies };
}

const bearer = (emulator: Emulator, refreshJwt: string) => `Bearer ${emulator.projectId}:${refreshJwt}`;

/** Signs `loginId` in by email OTP; answers the verify answer. */
async function signInByEmail(emulator: Emulator, loginId = ADA.loginId): Promise<Answer> {
  expect((await send(emulator, '/v1/auth/otp/signin/email', { body: { loginId } })).status).toBe(200);
  const code = emulator.outbox.latest({ to: ADA.email })?.code ?? '';
  const verified = await send(emulator, '/v1/auth/otp/verify/email', { body: { loginId, code } });
  expect(verified.status).toBe(200);
  return verified;
}

const text = (value: unknown): string => {
  if (typeof value !== 'string') throw new Error(`not a string: ${JSON.stringify(value)}`);
  return value;
};

/** A cookie of the answer's Set-Cookie lines: its value and attributes (names in lower case). */
function cookieNamed(answer: Answer, name: string): { value: string; attributes: Record<string, string> } {
  const line = answer.cookies.find((cookie) => cookie.startsWith(`${name}=`));
  if (!line) throw new Error(`no Set-Cookie for ${name} in ${answer.cookies.length} cookies`);
  const [pair = '', ...rest] = line.split(';').map((part) => part.trim());
  const attributes = Object.fromEntries(rest.map((part) => {
    const at = part.indexOf('=');
    return at === -1 ? [part.toLowerCase(), ''] : [part.slice(0, at).toLowerCase(), part.slice(at + 1)];
  }));
  return { value: pair.slice(name.length + 1), attributes };
}

const jwks = async (emulator: Emulator) => (await send(emulator, `/v2/keys/${emulator.projectId}`, { method: 'GET', auth: null })).body as { keys: JWK[] };

const seeded = (options: EmulatorOptions = {}) => createEmulator({ users: [ADA], ...options });

describe('the JWT response, as core-js JWTResponse and web-js read it', () => {
  it('carries the tokens, their expirations, the claims, the cookie settings, the user and firstSeen', async () => {
    const emulator = seeded();
    const { body, cookies } = await signInByEmail(emulator);
    const session = decodeJwt(text(body.sessionJwt));
    const refresh = decodeJwt(text(body.refreshJwt));

    expect(body.sessionExpiration).toBe(session.exp);
    expect(body.cookieExpiration).toBe(refresh.exp);
    expect(body.claims).toEqual(session);
    expect(body).toMatchObject({ cookieName: 'DSR', cookiePath: '/', cookieDomain: '', cookieMaxAge: 2_592_000, firstSeen: false });
    expect(body).not.toHaveProperty('sessionCookieName');
    expect(body).not.toHaveProperty('nextRefreshSeconds');
    expect(cookies).toEqual([]);
  });

  it('signs claims as Descope documents them: drn DS/DSR, sub = userId, iss = project id, iat, exp, amr; no aud', async () => {
    const emulator = seeded({ sessionTtlSeconds: 120, refreshTtlSeconds: 3600 });
    const { body } = await signInByEmail(emulator);
    const user = body.user as { userId: string };
    const session = decodeJwt(text(body.sessionJwt));
    const refresh = decodeJwt(text(body.refreshJwt));
    for (const [claims, drn, ttl] of [[session, 'DS', 120], [refresh, 'DSR', 3600]] as const) {
      expect(claims).toMatchObject({ drn, sub: user.userId, iss: emulator.projectId, amr: ['email'] });
      expect(claims.exp).toBe((claims.iat ?? 0) + ttl);
      expect(claims).not.toHaveProperty('aud');
    }
  });

  it('names each factor in amr (a voice code proves the phone as SMS does), and adds mfa after a step-up with another factor', async () => {
    const emulator = seeded();
    expect((await send(emulator, '/v1/auth/otp/signin/voice', { body: { loginId: ADA.loginId } })).status).toBe(200);
    const voice = await send(emulator, '/v1/auth/otp/verify/voice', { body: { loginId: ADA.loginId, code: emulator.outbox.latest()?.code } });
    expect(decodeJwt(text(voice.body.sessionJwt)).amr).toEqual(['sms']);

    const stepUp = await send(emulator, '/v1/auth/otp/signin/email', { body: { loginId: ADA.loginId, loginOptions: { stepup: true } }, auth: bearer(emulator, text(voice.body.refreshJwt)) });
    expect(stepUp.status).toBe(200);
    const stepped = await send(emulator, '/v1/auth/otp/verify/email', { body: { loginId: ADA.loginId, code: emulator.outbox.latest()?.code } });
    expect(decodeJwt(text(stepped.body.sessionJwt)).amr).toEqual(['sms', 'email', 'mfa']);
    // A refresh keeps the factors.
    const refreshed = await send(emulator, '/v1/auth/refresh', { body: {}, auth: bearer(emulator, text(stepped.body.refreshJwt)) });
    expect((refreshed.body.claims as { amr: string[] }).amr).toEqual(['sms', 'email', 'mfa']);
  });

  it('answers the user with every field core-js UserResponse requires, zero-valued as Descope does', async () => {
    const emulator = seeded();
    const { body } = await signInByEmail(emulator);
    const user = body.user as Record<string, unknown>;
    expect(user).toEqual({
      userId: expect.stringMatching(/^U/),
      loginIds: [ADA.loginId],
      externalIds: [ADA.loginId],
      name: '',
      givenName: '',
      middleName: '',
      familyName: '',
      email: ADA.email,
      phone: ADA.phone,
      verifiedEmail: true,
      verifiedPhone: true,
      picture: '',
      roleNames: [],
      userTenants: [],
      permissions: [],
      status: 'enabled',
      test: false,
      customAttributes: {},
      createdTime: expect.any(Number),
      TOTP: false,
      SAML: false,
      SCIM: false,
      OAuth: {},
      webauthn: false,
      password: false,
      push: false,
      OIDC: false,
      ssoAppIds: [],
      editable: true,
    });
    expect(decodeJwt(text(body.sessionJwt)).sub).toBe(user.userId);
    // me answers the same object at the top level.
    const me = await send(emulator, '/v1/auth/me', { method: 'GET', auth: bearer(emulator, text(body.refreshJwt)) });
    expect(me.body).toEqual(user);
  });

  it('keeps a sign-up\'s middle name', async () => {
    const emulator = createEmulator();
    await send(emulator, '/v1/auth/otp/signup/email', { body: { loginId: 'grace@example.com', user: { name: 'Grace Brewster Hopper', middleName: 'Brewster' } } });
    const verified = await send(emulator, '/v1/auth/otp/verify/email', { body: { loginId: 'grace@example.com', code: emulator.outbox.latest()?.code } });
    expect(verified.body.user).toMatchObject({ name: 'Grace Brewster Hopper', middleName: 'Brewster' });
    expect(verified.body.firstSeen).toBe(true);
  });
});

describe('signing keys, as Descope publishes them', () => {
  it('signs RS256 with a kid and publishes exactly alg, e, kid, kty, n, use at /v2/keys/<projectId>', async () => {
    const emulator = seeded();
    const { body } = await signInByEmail(emulator);
    const header = decodeProtectedHeader(text(body.sessionJwt));
    expect(header).toEqual({ alg: 'RS256', kid: expect.stringMatching(/^K[0-9a-f]{32}$/), typ: 'JWT' });
    const { keys } = await jwks(emulator);
    expect(keys).toHaveLength(1);
    expect(Object.keys(keys[0] ?? {}).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: header.kid });
    // node-sdk sends Authorization: Bearer <ProjectId> on this GET: accepted, never required.
    expect((await send(emulator, `/v2/keys/${emulator.projectId}`, { method: 'GET' })).body).toEqual({ keys });

    const verified = await jwtVerify(text(body.sessionJwt), createLocalJWKSet({ keys }), { issuer: emulator.projectId, algorithms: ['RS256'] });
    expect(verified.payload.drn).toBe('DS');
  });

  it('rotates keys: new tokens get the new kid, old ones still verify and refresh until they expire, then the old key leaves', async () => {
    const emulator = seeded({ sessionTtlSeconds: 600, refreshTtlSeconds: 3600 });
    const before = await signInByEmail(emulator);
    const oldKid = decodeProtectedHeader(text(before.body.sessionJwt)).kid;

    const rotated = await emulator.handle({ method: 'POST', url: '/emulator/keys/rotate', headers: {} });
    expect(rotated.status).toBe(200);
    const newKid = (JSON.parse(rotated.body) as { kid: string }).kid;
    expect(newKid).not.toBe(oldKid);
    expect((await jwks(emulator)).keys.map((key) => key.kid)).toEqual([newKid, oldKid]);

    const set = createLocalJWKSet(await jwks(emulator));
    await expect(jwtVerify(text(before.body.sessionJwt), set)).resolves.toHaveProperty('payload.drn', 'DS');
    // The refresh JWT signed by the old key still works, and what it gets is signed by the new one.
    const refreshed = await send(emulator, '/v1/auth/refresh', { body: {}, auth: bearer(emulator, text(before.body.refreshJwt)) });
    expect(refreshed.status).toBe(200);
    expect(decodeProtectedHeader(text(refreshed.body.sessionJwt)).kid).toBe(newKid);
    expect(decodeProtectedHeader(text(refreshed.body.refreshJwt)).kid).toBe(newKid);

    expect(await emulator.rotateKeys()).toMatch(/^K/);
    expect((await jwks(emulator)).keys).toHaveLength(3);
    emulator.advanceClock(3600);
    expect((await jwks(emulator)).keys).toHaveLength(1);
  });

  it('refuses a token another emulator signed, and a tampered one', async () => {
    const emulator = seeded();
    const other = seeded();
    const mine = await signInByEmail(emulator);
    const theirs = await signInByEmail(other);
    const refused = await send(emulator, '/v1/auth/refresh', { body: {}, auth: bearer(emulator, text(theirs.body.refreshJwt)) });
    expect(refused).toMatchObject({ status: 401, body: { errorCode: 'E061005' } });

    const [head, payload, signature] = text(mine.body.refreshJwt).split('.');
    const claims = decodeJwt(text(mine.body.refreshJwt));
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'Umallory' })).toString('base64url');
    const tampered = await send(emulator, '/v1/auth/me', { method: 'GET', auth: bearer(emulator, `${head}.${forged}.${signature}`) });
    expect(tampered).toMatchObject({ status: 401, body: { errorCode: 'E061005' } });
    expect(payload).not.toBe(forged);
  });
});

describe('POST /v1/auth/try-refresh', () => {
  it('answers a valid refresh JWT with the JWT response (no user, no firstSeen) and rotates it as refresh does', async () => {
    const emulator = seeded();
    const { body } = await signInByEmail(emulator);
    // web-js adds ?dcs=&dcr= (does it hold a session / refresh token): routed by path, ignored.
    const tried = await send(emulator, '/v1/auth/try-refresh?dcs=t&dcr=t', { body: {}, auth: bearer(emulator, text(body.refreshJwt)) });
    expect(tried.status).toBe(200);
    const session = decodeJwt(text(tried.body.sessionJwt));
    expect(tried.body).toMatchObject({ sessionExpiration: session.exp, claims: session, cookieName: 'DSR' });
    expect(tried.body).not.toHaveProperty('user');
    expect(tried.body).not.toHaveProperty('firstSeen');
    expect(session.sub).toBe((body.user as { userId: string }).userId);

    // Rotated: the old refresh JWT is spent, for refresh (an error) and try-refresh (no session).
    expect((await send(emulator, '/v1/auth/refresh', { body: {}, auth: bearer(emulator, text(body.refreshJwt)) })).body.errorCode).toBe('E061005');
    expect(await send(emulator, '/v1/auth/try-refresh', { body: {}, auth: bearer(emulator, text(body.refreshJwt)) })).toEqual({ status: 200, body: {}, cookies: [] });
    expect((await send(emulator, '/v1/auth/try-refresh', { body: {}, auth: bearer(emulator, text(tried.body.refreshJwt)) })).status).toBe(200);
  });

  it('answers 200 {} and no cookie when the refresh JWT is missing, garbage, expired, logged out or from elsewhere', async () => {
    const emulator = seeded({ tokensInCookies: true });
    const nothing = { status: 200, body: {}, cookies: [] };
    expect(await send(emulator, '/v1/auth/try-refresh', { body: {} })).toEqual(nothing);
    expect(await send(emulator, '/v1/auth/try-refresh')).toEqual(nothing);
    expect(await send(emulator, '/v1/auth/try-refresh', { body: {}, auth: bearer(emulator, 'not.a.jwt') })).toEqual(nothing);
    expect(await send(emulator, '/v1/auth/try-refresh', { body: {}, headers: { Cookie: 'DSR=garbage' } })).toEqual(nothing);

    const other = seeded();
    const foreign = text((await signInByEmail(other)).body.refreshJwt);
    expect(await send(emulator, '/v1/auth/try-refresh', { body: {}, auth: bearer(emulator, foreign) })).toEqual(nothing);

    const { cookies } = await signInByEmail(emulator);
    const dsr = cookieNamed({ status: 200, body: {}, cookies }, 'DSR').value;
    expect((await send(emulator, '/v1/auth/try-refresh', { body: {}, headers: { Cookie: `DSR=${dsr}` } })).status).toBe(200);
    emulator.advanceClock(2_592_000);
    const fresh = await send(emulator, '/emulator/sessions', { body: { loginId: ADA.loginId } });
    const live = cookieNamed(fresh, 'DSR').value;
    expect(await send(emulator, '/v1/auth/logout', { body: {}, headers: { Cookie: `DSR=${live}` } })).toMatchObject({ status: 200 });
    expect(await send(emulator, '/v1/auth/try-refresh', { body: {}, headers: { Cookie: `DSR=${live}` } })).toEqual(nothing);
  });

  it('answers an expired refresh JWT with {}', async () => {
    const emulator = seeded({ refreshTtlSeconds: 60 });
    const { body } = await signInByEmail(emulator);
    emulator.advanceClock(61);
    expect(await send(emulator, '/v1/auth/try-refresh', { body: {}, auth: bearer(emulator, text(body.refreshJwt)) })).toEqual({ status: 200, body: {}, cookies: [] });
  });

  it('still checks the project id and the rate limit', async () => {
    const emulator = seeded({ rateLimits: { requestsPerClient: 2, clientWindowSeconds: 60 } });
    expect(await send(emulator, '/v1/auth/try-refresh', { body: {}, auth: 'Bearer Pother' })).toMatchObject({ status: 400, body: { errorCode: 'E011004' } });
    expect(await send(emulator, '/v1/auth/try-refresh', { body: {}, auth: null })).toMatchObject({ status: 400, body: { errorCode: 'E011001' } });
    expect(await send(emulator, '/v1/auth/try-refresh', { body: {} })).toMatchObject({ status: 429, body: { errorCode: 'E130429' } });
  });
});

describe('logout', () => {
  it('answers Descope\'s JSON body with every token and field empty, and deletes no cookie in body mode', async () => {
    const emulator = seeded();
    const { body } = await signInByEmail(emulator);
    const out = await send(emulator, '/v1/auth/logout', { body: {}, auth: bearer(emulator, text(body.refreshJwt)) });
    expect(out).toEqual({
      status: 200,
      body: { sessionJwt: '', refreshJwt: '', cookieDomain: '', cookiePath: '/', cookieMaxAge: 0, cookieExpiration: 0, sessionExpiration: 0, claims: {}, firstSeen: false },
      cookies: [],
    });
    expect((await send(emulator, '/v1/auth/refresh', { body: {}, auth: bearer(emulator, text(body.refreshJwt)) })).body.errorCode).toBe('E064001');
  });

  it('deletes each cookie-delivered token with the Path and Domain it was set with', async () => {
    const emulator = seeded({ delivery: { refresh: 'cookie' }, cookies: { domain: 'example.test', path: '/app', refreshName: 'MYR' } });
    const { cookies, body } = await signInByEmail(emulator);
    const refresh = cookieNamed({ status: 200, body: {}, cookies }, 'MYR');
    const out = await send(emulator, '/v1/auth/logout', { body: {}, headers: { Cookie: `MYR=${refresh.value}` } });
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({ sessionJwt: '', refreshJwt: '', cookieDomain: 'example.test', cookiePath: '/app' });
    expect(out.cookies).toHaveLength(1);
    expect(cookieNamed(out, 'MYR')).toEqual({
      value: '',
      attributes: { path: '/app', domain: 'example.test', 'max-age': '0', expires: 'Thu, 01 Jan 1970 00:00:00 GMT', httponly: '', secure: '', samesite: 'Strict' },
    });
    // The session was in the body: no session cookie to delete.
    expect(text(body.sessionJwt)).toMatch(/^eyJ/);
  });
});

describe('cookie delivery, per token, as a Descope project sets it', () => {
  const combinations = [
    { session: 'body', refresh: 'body' },
    { session: 'cookie', refresh: 'body' },
    { session: 'body', refresh: 'cookie' },
    { session: 'cookie', refresh: 'cookie' },
  ] as const;

  it.each(combinations)('session in the $session, refresh in the $refresh', async (delivery) => {
    const emulator = seeded({ delivery });
    const answer = await signInByEmail(emulator);
    const { body } = answer;
    for (const [token, where, name, field] of [['session', delivery.session, 'DS', 'sessionJwt'], ['refresh', delivery.refresh, 'DSR', 'refreshJwt']] as const) {
      if (where === 'body') {
        expect(text(body[field]), token).toMatch(/^eyJ/);
        expect(answer.cookies.some((cookie) => cookie.startsWith(`${name}=`)), token).toBe(false);
      } else {
        expect(body[field], token).toBe('');
        const cookie = cookieNamed(answer, name);
        expect(decodeJwt(cookie.value).drn, token).toBe(name);
        expect(cookie.attributes, token).toEqual({
          path: '/',
          'max-age': '2592000',
          expires: new Date(Number(body.cookieExpiration) * 1000).toUTCString(),
          httponly: '',
          secure: '',
          samesite: 'Strict',
        });
      }
    }
    // Always in the body, whatever the delivery: what a client needs without reading a cookie.
    expect(body).toMatchObject({ sessionExpiration: expect.any(Number), claims: { drn: 'DS' }, cookieName: 'DSR', cookieMaxAge: 2_592_000, user: { loginIds: [ADA.loginId] } });
    if (delivery.session === 'cookie') expect(body).toMatchObject({ sessionCookieName: 'DS', sessionCookieDomain: '' });
    else expect(body).not.toHaveProperty('sessionCookieName');

    // And the refresh JWT authorises the next call wherever it travelled.
    const refreshJwt = delivery.refresh === 'body' ? text(body.refreshJwt) : cookieNamed(answer, 'DSR').value;
    const me = delivery.refresh === 'body'
      ? await send(emulator, '/v1/auth/me', { method: 'GET', auth: bearer(emulator, refreshJwt) })
      : await send(emulator, '/v1/auth/me', { method: 'GET', headers: { Cookie: `DSR=${refreshJwt}` } });
    expect(me.body.loginIds).toEqual([ADA.loginId]);
  });

  it('takes the names, SameSite, Secure, Domain and Path of the project', async () => {
    const emulator = seeded({ tokensInCookies: true, cookies: { sessionName: 'S', refreshName: 'R', sameSite: 'Lax', secure: false, domain: 'example.test', path: '/auth' } });
    const answer = await signInByEmail(emulator);
    expect(answer.body).toMatchObject({ cookieName: 'R', cookieDomain: 'example.test', cookiePath: '/auth', sessionCookieName: 'S', sessionCookieDomain: 'example.test' });
    for (const name of ['S', 'R']) {
      expect(cookieNamed(answer, name).attributes).toMatchObject({ path: '/auth', domain: 'example.test', samesite: 'Lax', httponly: '' });
      expect(cookieNamed(answer, name).attributes).not.toHaveProperty('secure');
    }
  });

  it('makes SameSite=None cookies Secure, and lets a delivery field win over the tokensInCookies shorthand', async () => {
    const emulator = seeded({ tokensInCookies: true, delivery: { session: 'body' }, cookies: { sameSite: 'None', secure: false } });
    const answer = await signInByEmail(emulator);
    expect(text(answer.body.sessionJwt)).toMatch(/^eyJ/);
    expect(answer.cookies).toHaveLength(1);
    expect(cookieNamed(answer, 'DSR').attributes).toMatchObject({ samesite: 'None', secure: '' });
  });

  it('refuses settings that would make a broken Set-Cookie', () => {
    expect(() => createEmulator({ cookies: { refreshName: 'D SR' } })).toThrow(RangeError);
    expect(() => createEmulator({ cookies: { sessionName: 'X', refreshName: 'X' } })).toThrow(RangeError);
    expect(() => createEmulator({ cookies: { domain: 'a.test; HttpOnly' } })).toThrow(RangeError);
    expect(() => createEmulator({ cookies: { path: 'app' } })).toThrow(RangeError);
    expect(() => createEmulator({ cookies: { sameSite: 'lax' as 'Lax' } })).toThrow(RangeError);
    expect(() => createEmulator({ delivery: { session: 'header' as 'body' } })).toThrow(RangeError);
  });
});

describe('where the refresh JWT is read from', () => {
  it('Authorization first; else the cookie x-descope-refresh-cookie-name names; else the project\'s refresh cookie; in every delivery mode', async () => {
    const emulator = seeded();
    const first = text((await signInByEmail(emulator)).body.refreshJwt);
    const second = text((await signInByEmail(emulator)).body.refreshJwt);
    const userOf = async (init: { auth?: string; headers?: Record<string, string> }) => (await send(emulator, '/v1/auth/me', { method: 'GET', ...init })).body;

    // Both valid and the user's: tell them apart by revoking the second.
    await send(emulator, '/v1/auth/logout', { body: {}, auth: bearer(emulator, second) });
    expect((await userOf({ auth: bearer(emulator, first), headers: { Cookie: `DSR=${second}` } })).loginIds).toEqual([ADA.loginId]);
    expect((await userOf({ headers: { Cookie: `DSR=${first}` } })).loginIds).toEqual([ADA.loginId]);
    expect((await userOf({ headers: { Cookie: `MINE=${first}; DSR=${second}`, 'x-descope-refresh-cookie-name': 'MINE' } })).loginIds).toEqual([ADA.loginId]);
    expect((await userOf({ headers: { Cookie: `DSR=${second}; MINE=${first}`, 'x-descope-refresh-cookie-name': 'MINE' } })).loginIds).toEqual([ADA.loginId]);
    // The named cookie absent: the project's cookie.
    expect((await userOf({ headers: { Cookie: `DSR=${first}`, 'x-descope-refresh-cookie-name': 'MINE' } })).loginIds).toEqual([ADA.loginId]);
    // MSW's cookie store replays attributes and duplicates: the first DSR counts.
    expect((await userOf({ headers: { Cookie: `DSR=${first}; Path=/; HttpOnly; SameSite=Strict; DSR=${second}` } })).loginIds).toEqual([ADA.loginId]);
    expect((await userOf({ headers: { Cookie: `DSR=${second}; DSR=${first}` } })).errorCode).toBe('E064001');
    expect((await userOf({ headers: { Cookie: 'other=1' } })).errorCode).toBe('E011002');
  });
});

describe('the redirect of a magic link: URI or redirectUrl', () => {
  const linkOf = (emulator: Emulator) => emulator.outbox.latest()?.link ?? '';

  it('takes redirectUrl (the API reference, Swift) when URI is absent, empty or null (python)', async () => {
    const emulator = seeded();
    for (const extra of [{}, { URI: '' }, { URI: null }]) {
      const sent = await send(emulator, '/v1/auth/magiclink/signin/email', { body: { loginId: ADA.loginId, redirectUrl: 'http://localhost:3000/cb', ...extra } });
      expect(sent.status, JSON.stringify(extra)).toBe(200);
      expect(linkOf(emulator)).toMatch(/^http:\/\/localhost:3000\/cb\?t=[0-9a-f]+$/);
    }
  });

  it('lets URI win when both are given, after checking both', async () => {
    const emulator = seeded();
    await send(emulator, '/v1/auth/magiclink/signin/email', { body: { loginId: ADA.loginId, URI: 'http://localhost:4000/uri', redirectUrl: 'http://localhost:3000/cb' } });
    expect(linkOf(emulator)).toMatch(/^http:\/\/localhost:4000\/uri\?t=/);

    const outboxBefore = emulator.outbox.list().length;
    for (const body of [
      { URI: REDIRECT, redirectUrl: 'https://evil.example/steal' },
      { URI: 'https://evil.example/steal', redirectUrl: REDIRECT },
      { redirectUrl: `${REDIRECT}?t=mallory` },
      { redirectUrl: 'javascript://localhost/%0Aalert(1)' },
    ]) {
      const refused = await send(emulator, '/v1/auth/magiclink/signin/email', { body: { loginId: ADA.loginId, ...body } });
      expect(refused, JSON.stringify(body)).toMatchObject({ status: 400, body: { errorCode: 'E011003' } });
    }
    const refusedUpdate = await send(emulator, '/v1/auth/magiclink/update/email', {
      body: { loginId: ADA.loginId, email: 'new@example.com', redirectUrl: 'https://evil.example/steal' },
      auth: bearer(emulator, (await emulator.createSession(ADA.loginId)).refreshJwt ?? ''),
    });
    expect(refusedUpdate).toMatchObject({ status: 400, body: { errorCode: 'E011003', errorMessage: expect.stringContaining('redirectUrl') } });
    expect(emulator.outbox.list()).toHaveLength(outboxBefore);
  });

  it('takes redirectUrl on an update, and ignores what go and python add (crossDevice, a top-level email)', async () => {
    const emulator = seeded();
    const refreshJwt = (await emulator.createSession(ADA.loginId)).refreshJwt ?? '';
    const update = await send(emulator, '/v1/auth/magiclink/update/email', { body: { loginId: ADA.loginId, email: 'new@example.com', redirectUrl: 'http://localhost:3000/cb' }, auth: bearer(emulator, refreshJwt) });
    expect(update.status).toBe(200);
    expect(linkOf(emulator)).toMatch(/^http:\/\/localhost:3000\/cb\?t=/);
    const signUp = await send(emulator, '/v1/auth/magiclink/signup/email', { body: { loginId: 'grace@example.com', email: 'grace@example.com', crossDevice: false, URI: REDIRECT } });
    expect(signUp).toMatchObject({ status: 200, body: { maskedEmail: expect.any(String) } });
  });
});
