import { describe, expect, it } from 'vitest';
import type { Client, MagicLinkMethod, MagicLinkPhoneMethod, OtpMethod, OtpPhoneMethod } from '../../src/client';
import { endpoints, type EndpointName } from '../../src/contract';
import { BASE_URL, fakeFetch, JWT_RESPONSE, json, makeClient, onlyCall, PROJECT_ID, REFRESH_JWT, USER } from './helpers';

/*
 * One row per operation of /work/shared/api-contract.md. Paths, HTTP methods, auth and wire bodies
 * are written out here from the contract document, NOT derived from src/contract: a wrong entry
 * in the contract data must fail these tests. The delivery methods iterated are the contract's
 * own arrays (pinned to the document in test/contract).
 */

const P = `Bearer ${PROJECT_ID}`;
const PR = `Bearer ${PROJECT_ID}:${REFRESH_JWT}`;
const REDIRECT = 'https://app.example.com/auth/verify';
/** Every answer carries fields the schemas do not know; they must come back untouched. */
const EXTRA = { unknownExtra: { nested: ['kept'] }, verificationAttempts: 3 };

const masked = (d: string | undefined) => (d === 'email' || d === undefined ? { maskedEmail: 'a***@example.com' } : { maskedPhone: '+*******0123' });
const maskedPhone = { maskedPhone: '+*******0123' };
const enchanted = { linkId: '42', pendingRef: 'pending-ref-1', maskedEmail: 'a***@example.com' };
const jwtAnswer = { ...JWT_RESPONSE, user: { ...USER, someFutureUserField: 'x' }, idpResponse: { a: 1 }, brandNewField: 42 };
const loginIdFor = (d: string | undefined) => (d === 'email' ? 'ada@example.com' : '+14155550123');

const updateOptions = {
  refreshJwt: REFRESH_JWT,
  addToLoginIds: true,
  onMergeUseExisting: true,
  templateId: 'tpl-update',
  templateOptions: { product: 'Passlink' },
  providerId: 'prov-1',
  locale: 'fr',
};
const updateWire = {
  addToLoginIDs: true,
  onMergeUseExisting: true,
  templateId: 'tpl-update',
  templateOptions: { product: 'Passlink' },
  providerId: 'prov-1',
  locale: 'fr',
};

interface Row {
  http: 'GET' | 'POST';
  path: (d: string | undefined) => string;
  auth: string;
  invoke: (client: Client, d: string | undefined) => Promise<unknown>;
  /** The exact wire body; `undefined` for a GET without body. */
  body: (d: string | undefined) => unknown;
  answer: (d: string | undefined) => Record<string, unknown>;
}

const otp = (d: string | undefined) => d as OtpMethod;
const ml = (d: string | undefined) => d as MagicLinkMethod;

const rows = {
  'otp.signUp': {
    http: 'POST',
    path: (d) => `/v1/auth/otp/signup/${d}`,
    auth: P,
    invoke: (c, d) =>
      c.otp.signUp({
        method: otp(d),
        loginId: loginIdFor(d),
        user: { name: 'Ada Lovelace', givenName: 'Ada', email: 'ada@example.com' },
        loginOptions: { templateId: 'tpl-signup', customClaims: { plan: 'pro', seats: 3, beta: true } },
        providerId: 'prov-1',
        signal: new AbortController().signal,
      }),
    body: (d) => ({
      loginId: loginIdFor(d),
      user: { name: 'Ada Lovelace', givenName: 'Ada', email: 'ada@example.com' },
      loginOptions: { templateId: 'tpl-signup', customClaims: { plan: 'pro', seats: 3, beta: true } },
      providerId: 'prov-1',
    }),
    answer: (d) => ({ ...masked(d), ...EXTRA }),
  },
  'otp.signIn': {
    http: 'POST',
    path: (d) => `/v1/auth/otp/signin/${d}`,
    auth: P,
    invoke: (c, d) =>
      c.otp.signIn({ method: otp(d), loginId: loginIdFor(d), loginOptions: { tenantId: 't1' }, providerId: 'prov-1', ssoAppId: 'sso-1' }),
    body: (d) => ({ loginId: loginIdFor(d), loginOptions: { tenantId: 't1' }, providerId: 'prov-1', ssoAppId: 'sso-1' }),
    answer: (d) => ({ ...masked(d), ...EXTRA }),
  },
  'otp.signUpOrIn': {
    http: 'POST',
    path: (d) => `/v1/auth/otp/signup-in/${d}`,
    auth: P,
    invoke: (c, d) => c.otp.signUpOrIn({ method: otp(d), loginId: loginIdFor(d), loginOptions: { revokeOtherSessions: true } }),
    body: (d) => ({ loginId: loginIdFor(d), loginOptions: { revokeOtherSessions: true } }),
    answer: (d) => ({ ...masked(d), ...EXTRA }),
  },
  'otp.verify': {
    http: 'POST',
    path: (d) => `/v1/auth/otp/verify/${d}`,
    auth: P,
    invoke: (c, d) => c.otp.verify({ method: otp(d), loginId: loginIdFor(d), code: '012345', signal: new AbortController().signal }),
    body: (d) => ({ loginId: loginIdFor(d), code: '012345' }),
    answer: () => jwtAnswer,
  },
  'otp.updateEmail': {
    http: 'POST',
    path: () => '/v1/auth/otp/update/email',
    auth: PR,
    invoke: (c) => c.otp.updateEmail({ loginId: 'ada@example.com', email: 'ada@new.example.org', ...updateOptions }),
    body: () => ({ loginId: 'ada@example.com', email: 'ada@new.example.org', ...updateWire }),
    answer: () => ({ maskedEmail: 'a***@new.example.org', ...EXTRA }),
  },
  'otp.updatePhone': {
    http: 'POST',
    path: (d) => `/v1/auth/otp/update/phone/${d}`,
    auth: PR,
    invoke: (c, d) =>
      c.otp.updatePhone({ method: d as OtpPhoneMethod, loginId: 'ada@example.com', phone: '+447700900123', ...updateOptions }),
    body: () => ({ loginId: 'ada@example.com', phone: '+447700900123', ...updateWire }),
    answer: () => ({ ...maskedPhone, ...EXTRA }),
  },
  'magicLink.signUp': {
    http: 'POST',
    path: (d) => `/v1/auth/magiclink/signup/${d}`,
    auth: P,
    invoke: (c, d) =>
      c.magicLink.signUp({
        method: ml(d),
        loginId: loginIdFor(d),
        redirectUrl: REDIRECT,
        user: { name: 'Ada Lovelace', phone: '+14155550123' },
        loginOptions: { templateOptions: { greeting: 'Hi' } },
      }),
    body: (d) => ({
      loginId: loginIdFor(d),
      URI: REDIRECT,
      user: { name: 'Ada Lovelace', phone: '+14155550123' },
      loginOptions: { templateOptions: { greeting: 'Hi' } },
    }),
    answer: (d) => ({ ...masked(d), ...EXTRA }),
  },
  'magicLink.signIn': {
    http: 'POST',
    path: (d) => `/v1/auth/magiclink/signin/${d}`,
    auth: P,
    invoke: (c, d) =>
      c.magicLink.signIn({
        method: ml(d),
        loginId: loginIdFor(d),
        redirectUrl: REDIRECT,
        providerId: 'prov-1',
        ssoAppId: 'sso-1',
        loginOptions: { locale: 'de' },
        signal: new AbortController().signal,
      }),
    body: (d) => ({ loginId: loginIdFor(d), URI: REDIRECT, providerId: 'prov-1', ssoAppId: 'sso-1', loginOptions: { locale: 'de' } }),
    answer: (d) => ({ ...masked(d), ...EXTRA }),
  },
  'magicLink.signUpOrIn': {
    http: 'POST',
    path: (d) => `/v1/auth/magiclink/signup-in/${d}`,
    auth: P,
    invoke: (c, d) => c.magicLink.signUpOrIn({ method: ml(d), loginId: loginIdFor(d) }),
    body: (d) => ({ loginId: loginIdFor(d) }),
    answer: (d) => ({ ...masked(d), ...EXTRA }),
  },
  'magicLink.verify': {
    http: 'POST',
    path: () => '/v1/auth/magiclink/verify',
    auth: P,
    invoke: (c) => c.magicLink.verify({ token: 'tok-single-use-123' }),
    body: () => ({ token: 'tok-single-use-123' }),
    answer: () => jwtAnswer,
  },
  'magicLink.updateEmail': {
    http: 'POST',
    path: () => '/v1/auth/magiclink/update/email',
    auth: PR,
    invoke: (c) => c.magicLink.updateEmail({ loginId: 'ada@example.com', email: 'ada@new.example.org', redirectUrl: REDIRECT, ...updateOptions }),
    body: () => ({ loginId: 'ada@example.com', email: 'ada@new.example.org', URI: REDIRECT, ...updateWire }),
    answer: () => ({ maskedEmail: 'a***@new.example.org', ...EXTRA }),
  },
  'magicLink.updatePhone': {
    http: 'POST',
    path: (d) => `/v1/auth/magiclink/update/phone/${d}`,
    auth: PR,
    invoke: (c, d) =>
      c.magicLink.updatePhone({
        method: d as MagicLinkPhoneMethod,
        loginId: 'ada@example.com',
        phone: '+447700900123',
        redirectUrl: REDIRECT,
        ...updateOptions,
      }),
    body: () => ({ loginId: 'ada@example.com', phone: '+447700900123', URI: REDIRECT, ...updateWire }),
    answer: () => ({ ...maskedPhone, ...EXTRA }),
  },
  'enchantedLink.signUp': {
    http: 'POST',
    path: () => '/v1/auth/enchantedlink/signup/email',
    auth: P,
    invoke: (c) =>
      c.enchantedLink.signUp({
        loginId: ' Ada@Example.com ',
        redirectUrl: REDIRECT,
        user: { name: 'Ada Lovelace', email: 'ADA@example.com' },
        loginOptions: { templateId: 'tpl-el' },
        providerId: 'prov-1',
      }),
    // As core-js sends it: { loginId, URI, user, loginOptions, providerId }; the addresses normalised.
    body: () => ({
      loginId: 'ada@example.com',
      URI: REDIRECT,
      user: { name: 'Ada Lovelace', email: 'ada@example.com' },
      loginOptions: { templateId: 'tpl-el' },
      providerId: 'prov-1',
    }),
    answer: () => ({ ...enchanted, ...EXTRA }),
  },
  'enchantedLink.signIn': {
    http: 'POST',
    path: () => '/v1/auth/enchantedlink/signin/email',
    auth: P,
    invoke: (c) => c.enchantedLink.signIn({ loginId: 'ada@example.com', redirectUrl: REDIRECT, loginOptions: { locale: 'fr' }, signal: new AbortController().signal }),
    body: () => ({ loginId: 'ada@example.com', URI: REDIRECT, loginOptions: { locale: 'fr' } }),
    answer: () => ({ ...enchanted, ...EXTRA }),
  },
  'enchantedLink.signUpOrIn': {
    http: 'POST',
    path: () => '/v1/auth/enchantedlink/signup-in/email',
    auth: P,
    invoke: (c) => c.enchantedLink.signUpOrIn({ loginId: 'ada' }),
    body: () => ({ loginId: 'ada' }),
    answer: () => ({ ...enchanted, ...EXTRA }),
  },
  'enchantedLink.verify': {
    http: 'POST',
    path: () => '/v1/auth/enchantedlink/verify',
    auth: P,
    invoke: (c) => c.enchantedLink.verify({ token: 'tok-enchanted-1' }),
    body: () => ({ token: 'tok-enchanted-1' }),
    answer: () => ({}),
  },
  'enchantedLink.pendingSession': {
    http: 'POST',
    path: () => '/v1/auth/enchantedlink/pending-session',
    auth: P,
    invoke: (c) => c.enchantedLink.pendingSession({ pendingRef: 'pending-ref-1' }),
    body: () => ({ pendingRef: 'pending-ref-1' }),
    answer: () => jwtAnswer,
  },
  'enchantedLink.updateEmail': {
    http: 'POST',
    path: () => '/v1/auth/enchantedlink/update/email',
    auth: PR,
    invoke: (c) => c.enchantedLink.updateEmail({ loginId: 'ada@example.com', email: 'ada@new.example.org', redirectUrl: REDIRECT, ...updateOptions }),
    body: () => ({ loginId: 'ada@example.com', email: 'ada@new.example.org', URI: REDIRECT, ...updateWire }),
    answer: () => ({ ...enchanted, maskedEmail: 'a***@new.example.org', ...EXTRA }),
  },
  'session.refresh': {
    http: 'POST',
    path: () => '/v1/auth/refresh',
    auth: PR,
    invoke: (c) => c.session.refresh({ refreshJwt: REFRESH_JWT, signal: new AbortController().signal }),
    body: () => ({}),
    answer: () => jwtAnswer,
  },
  'session.tryRefresh': {
    http: 'POST',
    path: () => '/v1/auth/try-refresh',
    auth: PR,
    invoke: (c) => c.session.tryRefresh({ refreshJwt: REFRESH_JWT }),
    body: () => ({}),
    answer: () => ({ ...JWT_RESPONSE, brandNewField: 42 }),
  },
  'session.me': {
    http: 'GET',
    path: () => '/v1/auth/me',
    auth: PR,
    invoke: (c) => c.session.me({ refreshJwt: REFRESH_JWT }),
    body: () => undefined,
    answer: () => ({ ...USER, userTenants: [{ tenantId: 't1' }], customAttributes: { plan: 'pro' }, futureField: true }),
  },
  'session.logout': {
    http: 'POST',
    path: () => '/v1/auth/logout',
    auth: PR,
    invoke: (c) => c.session.logout({ refreshJwt: REFRESH_JWT }),
    body: () => ({}),
    answer: () => ({ unknownExtra: 'ok' }),
  },
} as const satisfies Record<EndpointName, Row>;

const cases = (Object.keys(endpoints) as EndpointName[]).flatMap((name) => {
  const methods: readonly (string | undefined)[] = endpoints[name].methods ?? [undefined];
  return methods.map((d) => ({ name, d, label: d ? `${name} via ${d}` : name }));
});

describe('every endpoint and delivery method on the wire', () => {
  it('has one row per contract endpoint, and 43 (endpoint, method) cases', () => {
    expect(Object.keys(rows).sort()).toEqual(Object.keys(endpoints).sort());
    // 4 OTP send/verify families × 4 + OTP phone 3 + 3 magic-link sends × 3 + magic-link phone 2 + 7 without {d}
    // + 6 enchanted-link endpoints (email only, in the path).
    expect(cases).toHaveLength(16 + 3 + 9 + 2 + 7 + 6);
  });

  it.each(cases)('$label', async ({ name, d }) => {
    const row: Row = rows[name];
    const fake = fakeFetch(json(row.answer(d)));
    const client = makeClient(fake);

    const result = await row.invoke(client, d);

    const call = onlyCall(fake);
    expect(call.method).toBe(row.http);
    expect(call.url).toBe(BASE_URL + row.path(d));
    expect(call.headers.authorization).toBe(row.auth);
    expect(call.credentials).toBe('include');
    if (row.http === 'POST') {
      expect(call.headers['content-type']).toBe('application/json');
      expect(call.body).toStrictEqual(row.body(d));
    } else {
      expect(call.hasBody).toBe(false);
      expect(call.headers['content-type']).toBeUndefined();
    }
    // The parsed answer, unknown fields included.
    expect(result).toStrictEqual(row.answer(d));
  });
});

describe('wire names and what never goes into a body', () => {
  it('sends the redirect as URI and never as redirectUrl, and not the method', async () => {
    const fake = fakeFetch(json({ maskedEmail: 'a***@example.com' }));
    await makeClient(fake).magicLink.signIn({ method: 'email', loginId: 'ada@example.com', redirectUrl: REDIRECT });
    const call = onlyCall(fake);
    expect(call.rawBody).toBe(JSON.stringify({ loginId: 'ada@example.com', URI: REDIRECT }));
  });

  it('omits URI entirely when no redirect is given', async () => {
    const fake = fakeFetch(json({ maskedEmail: 'a***@example.com' }));
    await makeClient(fake).magicLink.signUpOrIn({ method: 'email', loginId: 'ada@example.com' });
    expect(onlyCall(fake).rawBody).toBe('{"loginId":"ada@example.com"}');
  });

  it('puts update options at the top level (addToLoginIDs), never nested, and keeps refreshJwt and signal out', async () => {
    const fake = fakeFetch(json({ maskedPhone: '+*******0123' }));
    await makeClient(fake).otp.updatePhone({
      method: 'whatsapp',
      loginId: 'ada@example.com',
      phone: '+447700900123',
      refreshJwt: REFRESH_JWT,
      addToLoginIds: true,
      onMergeUseExisting: false,
      signal: new AbortController().signal,
    });
    const call = onlyCall(fake);
    expect(call.body).toStrictEqual({ loginId: 'ada@example.com', phone: '+447700900123', addToLoginIDs: true, onMergeUseExisting: false });
    expect(call.rawBody).not.toContain('addToLoginIds');
    expect(call.rawBody).not.toContain(REFRESH_JWT);
    expect(call.rawBody).not.toContain('whatsapp');
  });

  it('sends exactly {} for refresh and logout, with the refresh JWT only in the header', async () => {
    const fake = fakeFetch(json(JWT_RESPONSE), json({}));
    const client = makeClient(fake);
    await client.session.refresh({ refreshJwt: REFRESH_JWT });
    await client.session.logout({ refreshJwt: REFRESH_JWT });
    expect(fake.calls.map((c) => c.rawBody)).toEqual(['{}', '{}']);
    expect(fake.calls.map((c) => c.headers.authorization)).toEqual([
      `Bearer ${PROJECT_ID}:${REFRESH_JWT}`,
      `Bearer ${PROJECT_ID}:${REFRESH_JWT}`,
    ]);
  });

  it('resolves logout with {} on an empty 200 or 204 answer', async () => {
    const fake = fakeFetch(
      () => new Response(null, { status: 204 }),
      () => new Response('', { status: 200 }),
    );
    const client = makeClient(fake);
    await expect(client.session.logout({ refreshJwt: REFRESH_JWT })).resolves.toStrictEqual({});
    await expect(client.session.logout({ refreshJwt: REFRESH_JWT })).resolves.toStrictEqual({});
  });

  it('try-refresh: Bearer <ProjectId> alone without a refresh JWT (the browser sends the cookie), {} resolves as {}', async () => {
    const fake = fakeFetch(json({}), json({}));
    const client = makeClient(fake);
    await expect(client.session.tryRefresh({})).resolves.toStrictEqual({});
    await expect(client.session.tryRefresh({ refreshJwt: '' })).resolves.toStrictEqual({});
    expect(fake.calls.map((c) => [c.url, c.headers.authorization, c.credentials, c.rawBody])).toEqual([
      [`${BASE_URL}/v1/auth/try-refresh`, `Bearer ${PROJECT_ID}`, 'include', '{}'],
      [`${BASE_URL}/v1/auth/try-refresh`, `Bearer ${PROJECT_ID}`, 'include', '{}'],
    ]);
  });

  it.each([
    ['both tokens omitted (both cookies)', { sessionExpiration: 1_900_000_000 }],
    ['the session JWT omitted (a cookie), the refresh JWT in the body', { refreshJwt: REFRESH_JWT, sessionExpiration: 1_900_000_000 }],
    ['the refresh JWT omitted (a cookie), the session JWT in the body', { sessionJwt: 'a.b.c', sessionExpiration: 1_900_000_000 }],
  ])('accepts a JWT response with %s, from verify, refresh and try-refresh', async (_name, body) => {
    const fake = fakeFetch(json(body), json(body), json(body));
    const client = makeClient(fake);
    await expect(client.magicLink.verify({ token: 'tok' })).resolves.toStrictEqual(body);
    await expect(client.session.refresh({ refreshJwt: REFRESH_JWT })).resolves.toStrictEqual(body);
    await expect(client.session.tryRefresh({})).resolves.toStrictEqual(body);
  });

  it('refuses a verify answer without sessionExpiration (the one field always in the body)', async () => {
    const fake = fakeFetch(json({ sessionJwt: 'a.b.c', refreshJwt: REFRESH_JWT }));
    await expect(makeClient(fake).magicLink.verify({ token: 'tok' })).rejects.toMatchObject({ name: 'ResponseFormatError' });
  });

  it('accepts a JWT response with an empty sessionJwt (cookie mode) and without optional fields', async () => {
    const fake = fakeFetch(json({ sessionJwt: '', sessionExpiration: 1_900_000_000, cookieName: 'DS', cookieMaxAge: 600 }));
    await expect(makeClient(fake).magicLink.verify({ token: 'tok' })).resolves.toStrictEqual({
      sessionJwt: '',
      sessionExpiration: 1_900_000_000,
      cookieName: 'DS',
      cookieMaxAge: 600,
    });
  });
});

describe('sign-in with step-up or MFA sends Bearer <ProjectId>:<RefreshJwt>', () => {
  const methodsOf = (name: EndpointName) => {
    const { methods } = endpoints[name];
    if (!methods) throw new Error(`${name} has no delivery methods`);
    return methods;
  };
  const signIns = [
    ...methodsOf('otp.signIn').map((d) => ({ family: 'otp' as const, d })),
    ...methodsOf('magicLink.signIn').map((d) => ({ family: 'magicLink' as const, d })),
  ];
  const flags = [{ stepup: true }, { mfa: true }, { stepup: true, mfa: true }];

  it.each(signIns.flatMap((s) => flags.map((loginOptions) => ({ ...s, loginOptions, flag: Object.keys(loginOptions).join('+') }))))(
    '$family sign-in via $d with $flag',
    async ({ family, d, loginOptions }) => {
      const fake = fakeFetch(json({ maskedEmail: 'a***@example.com' }));
      const client = makeClient(fake);
      const args = { loginId: 'ada@example.com', loginOptions, refreshJwt: REFRESH_JWT };
      if (family === 'otp') await client.otp.signIn({ method: d as OtpMethod, ...args });
      else await client.magicLink.signIn({ method: d as MagicLinkMethod, ...args });
      const call = onlyCall(fake);
      expect(call.headers.authorization).toBe(`Bearer ${PROJECT_ID}:${REFRESH_JWT}`);
      expect(call.url).toBe(`${BASE_URL}/v1/auth/${family === 'otp' ? 'otp' : 'magiclink'}/signin/${d}`);
      // The flags travel in loginOptions; the refresh JWT only in the header.
      expect(call.body).toStrictEqual({ loginId: 'ada@example.com', loginOptions });
    },
  );

  it('sends plain Bearer <ProjectId> when stepup and mfa are false', async () => {
    const fake = fakeFetch(json({ maskedEmail: 'a***@example.com' }));
    await makeClient(fake).otp.signIn({ method: 'email', loginId: 'ada@example.com', loginOptions: { stepup: false, mfa: false } });
    expect(onlyCall(fake).headers.authorization).toBe(`Bearer ${PROJECT_ID}`);
  });
});

describe('Authorization on the project-authorised calls', () => {
  // api-contract.md: `Bearer <ProjectId>` for sign-up and sign-up-or-in; the client documents
  // `refreshJwt` on SendArgs as "Required with stepup/mfa; otherwise ignored".
  it.each([
    ['otp.signUp', (c: Client) => c.otp.signUp({ method: 'email', loginId: 'ada@example.com', refreshJwt: REFRESH_JWT })],
    ['otp.signUpOrIn', (c: Client) => c.otp.signUpOrIn({ method: 'sms', loginId: '+14155550123', refreshJwt: REFRESH_JWT })],
    ['magicLink.signUp', (c: Client) => c.magicLink.signUp({ method: 'email', loginId: 'ada@example.com', refreshJwt: REFRESH_JWT })],
    [
      'magicLink.signUpOrIn',
      (c: Client) => c.magicLink.signUpOrIn({ method: 'whatsapp', loginId: '+14155550123', refreshJwt: REFRESH_JWT }),
    ],
  ] as const)('%s ignores a stray refreshJwt and sends Bearer <ProjectId>', async (_name, invoke) => {
    const fake = fakeFetch(json({ maskedEmail: 'a***@example.com' }));
    await invoke(makeClient(fake));
    expect(onlyCall(fake).headers.authorization).toBe(`Bearer ${PROJECT_ID}`);
  });
});
