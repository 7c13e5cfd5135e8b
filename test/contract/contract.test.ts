import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  E164_PATTERN,
  EMAIL_PATTERN,
  emptyRequest,
  emptyResponse,
  enchantedLinkResponse,
  endpoints,
  extraEndpoints,
  errorBody,
  errorCodes,
  errorSituations,
  jwtResponse,
  keysEndpoint,
  keysResponse,
  MAGIC_LINK_METHODS,
  MAGIC_LINK_PHONE_METHODS,
  magicLinkSendRequest,
  maskedResponse,
  OTP_METHODS,
  OTP_PHONE_METHODS,
  otpSendRequest,
  tryRefreshResponse,
  updateEmailRequest,
  updatePhoneRequest,
  userSchema,
} from '../../src/contract';

/*
 * The operations table of /work/shared/api-contract.md, transcribed by hand. P = project,
 * P:R = refresh, "P (P:R with stepup/mfa)" = stepup.
 */
const ALL = ['email', 'sms', 'voice', 'whatsapp'];
const PHONE = ['sms', 'voice', 'whatsapp'];
const LINK = ['email', 'sms', 'whatsapp'];
const LINK_PHONE = ['sms', 'whatsapp'];

const table = {
  'otp.signUp': { method: 'POST', path: '/v1/auth/otp/signup/{d}', auth: 'project', methods: ALL, sends: true },
  'otp.signIn': { method: 'POST', path: '/v1/auth/otp/signin/{d}', auth: 'stepup', methods: ALL, sends: true },
  'otp.signUpOrIn': { method: 'POST', path: '/v1/auth/otp/signup-in/{d}', auth: 'project', methods: ALL, sends: true },
  'otp.verify': { method: 'POST', path: '/v1/auth/otp/verify/{d}', auth: 'project', methods: ALL, sends: false },
  'otp.updateEmail': { method: 'POST', path: '/v1/auth/otp/update/email', auth: 'refresh', methods: undefined, sends: true },
  'otp.updatePhone': { method: 'POST', path: '/v1/auth/otp/update/phone/{d}', auth: 'refresh', methods: PHONE, sends: true },
  'magicLink.signUp': { method: 'POST', path: '/v1/auth/magiclink/signup/{d}', auth: 'project', methods: LINK, sends: true },
  'magicLink.signIn': { method: 'POST', path: '/v1/auth/magiclink/signin/{d}', auth: 'stepup', methods: LINK, sends: true },
  'magicLink.signUpOrIn': { method: 'POST', path: '/v1/auth/magiclink/signup-in/{d}', auth: 'project', methods: LINK, sends: true },
  'magicLink.verify': { method: 'POST', path: '/v1/auth/magiclink/verify', auth: 'project', methods: undefined, sends: false },
  'magicLink.updateEmail': { method: 'POST', path: '/v1/auth/magiclink/update/email', auth: 'refresh', methods: undefined, sends: true },
  'magicLink.updatePhone': {
    method: 'POST',
    path: '/v1/auth/magiclink/update/phone/{d}',
    auth: 'refresh',
    methods: LINK_PHONE,
    sends: true,
  },
  // Enchanted links: not in the document; from Descope's SDKs (core-js apiPaths.ts, go-sdk enchantedlink.go).
  'enchantedLink.signUp': { method: 'POST', path: '/v1/auth/enchantedlink/signup/email', auth: 'project', methods: undefined, sends: true },
  'enchantedLink.signIn': { method: 'POST', path: '/v1/auth/enchantedlink/signin/email', auth: 'stepup', methods: undefined, sends: true },
  'enchantedLink.signUpOrIn': { method: 'POST', path: '/v1/auth/enchantedlink/signup-in/email', auth: 'project', methods: undefined, sends: true },
  'enchantedLink.verify': { method: 'POST', path: '/v1/auth/enchantedlink/verify', auth: 'project', methods: undefined, sends: false },
  'enchantedLink.pendingSession': { method: 'POST', path: '/v1/auth/enchantedlink/pending-session', auth: 'project', methods: undefined, sends: false },
  'enchantedLink.updateEmail': { method: 'POST', path: '/v1/auth/enchantedlink/update/email', auth: 'refresh', methods: undefined, sends: true },
  'session.refresh': { method: 'POST', path: '/v1/auth/refresh', auth: 'refresh', methods: undefined, sends: false },
  'session.tryRefresh': { method: 'POST', path: '/v1/auth/try-refresh', auth: 'optionalRefresh', methods: undefined, sends: false },
  'session.me': { method: 'GET', path: '/v1/auth/me', auth: 'refresh', methods: undefined, sends: false },
  'session.logout': { method: 'POST', path: '/v1/auth/logout', auth: 'refresh', methods: undefined, sends: false },
} as const;

describe('the endpoint table', () => {
  it('has exactly the 16 operations of the contract (with try-refresh) and the 6 of enchanted links', () => {
    expect(Object.keys(endpoints)).toHaveLength(22);
    expect(Object.keys(endpoints).sort()).toEqual(Object.keys(table).sort());
  });

  it.each(Object.entries(table))('%s: method, path, auth, delivery methods and sends', (name, expected) => {
    const endpoint = endpoints[name as keyof typeof endpoints];
    expect(endpoint.method).toBe(expected.method);
    expect(endpoint.path).toBe(expected.path);
    expect(endpoint.auth).toBe(expected.auth);
    expect('methods' in endpoint ? endpoint.methods : undefined).toEqual(expected.methods);
    expect(endpoint.sends).toBe(expected.sends);
    // A {d} in the path if and only if there is a method list.
    expect(endpoint.path.includes('{d}')).toBe(expected.methods !== undefined);
  });

  it('uses the right response schema per kind of answer', () => {
    for (const [name, endpoint] of Object.entries(endpoints)) {
      const expected = name === 'enchantedLink.verify' || name === 'session.logout'
        ? emptyResponse
        : name.endsWith('.verify') || name === 'session.refresh' || name === 'enchantedLink.pendingSession'
          ? jwtResponse
          : name === 'session.tryRefresh'
            ? tryRefreshResponse
            : name === 'session.me'
              ? userSchema
              : name.startsWith('enchantedLink.')
                ? enchantedLinkResponse
                : maskedResponse;
      expect(endpoint.response, name).toBe(expected);
    }
  });

  it('exports the delivery-method lists of the contract', () => {
    expect([...OTP_METHODS]).toEqual(ALL);
    expect([...OTP_PHONE_METHODS]).toEqual(PHONE);
    expect([...MAGIC_LINK_METHODS]).toEqual(LINK);
    expect([...MAGIC_LINK_PHONE_METHODS]).toEqual(LINK_PHONE);
    expect(MAGIC_LINK_METHODS).not.toContain('voice');
  });

  it('describes try-refresh (Descope\'s SDKs call it on load): P or P:R, an empty body, every answer field optional', () => {
    expect(endpoints['session.tryRefresh']).toMatchObject({ method: 'POST', path: '/v1/auth/try-refresh', auth: 'optionalRefresh', sends: false });
    expect(endpoints['session.tryRefresh'].request).toBe(emptyRequest);
    expect(endpoints['session.tryRefresh'].response).toBe(tryRefreshResponse);
    // The client calls it now: nothing is left outside `endpoints`.
    expect(Object.keys(extraEndpoints)).toEqual([]);
  });

    it('describes the public keys endpoint without authorisation', () => {
    expect(keysEndpoint).toMatchObject({ method: 'GET', path: '/v2/keys/{projectId}', auth: 'none', sends: false });
    expect(keysEndpoint.response).toBe(keysResponse);
  });
});

describe('response schemas tolerate unknown fields (passthrough)', () => {
  const user = { userId: 'U1', loginIds: ['ada@example.com'] };
  const samples = [
    ['maskedResponse', maskedResponse, { maskedEmail: 'a***@example.com' }],
    ['maskedResponse (phone, verificationAttempts)', maskedResponse, { maskedPhone: '+***23', verificationAttempts: 3 }],
    ['jwtResponse', jwtResponse, { sessionJwt: 'a.b.c', sessionExpiration: 1_900_000_000 }],
    ['userSchema', userSchema, user],
    ['emptyResponse', emptyResponse, {}],
    ['tryRefreshResponse (no session)', tryRefreshResponse, {}],
    ['tryRefreshResponse (cookie mode)', tryRefreshResponse, { sessionJwt: '', refreshJwt: '', sessionExpiration: 1_900_000_000, claims: { drn: 'DS' } }],
    ['errorBody', errorBody, { errorCode: 'E011003' }],
    ['keysResponse', keysResponse, { keys: [{ kid: 'k1', kty: 'RSA' }] }],
    ['enchantedLinkResponse', enchantedLinkResponse, { linkId: '42', pendingRef: 'ref', maskedEmail: 'a***@example.com' }],
  ] as const;

  it.each(samples)('%s keeps an unknown top-level field', (_name, schema, sample) => {
    const input = { ...sample, brandNewField: { deep: [1, 2] } };
    const result = z.safeParse(schema, input);
    expect(result.success).toBe(true);
    expect(result.data).toStrictEqual(input);
  });

  it('keeps unknown fields of the user nested in a JWT response', () => {
    const input = { sessionJwt: '', sessionExpiration: 1, user: { ...user, futureField: 'x', email: null } };
    expect(z.safeParse(jwtResponse, input).data).toStrictEqual(input);
  });

  it('rejects an enchanted-link answer without the number to show or the reference to poll', () => {
    expect(z.safeParse(enchantedLinkResponse, { pendingRef: 'ref', maskedEmail: 'a***@example.com' }).success).toBe(false);
    expect(z.safeParse(enchantedLinkResponse, { linkId: '42', maskedEmail: 'a***@example.com' }).success).toBe(false);
    // go-sdk marks every field omitempty: an answer without maskedEmail still works.
    expect(z.safeParse(enchantedLinkResponse, { linkId: '42', pendingRef: 'ref' }).success).toBe(true);
  });

  it('answers a pending enchanted link with 401 E062503 (go-sdk TestGetEnchantedLinkSessionStillPending)', () => {
    expect(errorSituations.linkPending).toBe('E062503');
    expect(errorCodes.E062503).toMatchObject({ status: 401, origin: 'descope' });
  });

  it('rejects a JWT response without sessionExpiration, and a user without userId', () => {
    expect(z.safeParse(jwtResponse, { sessionJwt: 'a.b.c' }).success).toBe(false);
    expect(z.safeParse(userSchema, { loginIds: [] }).success).toBe(false);
    expect(z.safeParse(errorBody, { errorDescription: 'no code' }).success).toBe(false);
  });
});

describe('request schemas use the wire names', () => {
  it('magic-link sends carry URI; OTP sends strip it', () => {
    expect(z.safeParse(magicLinkSendRequest, { loginId: 'a', URI: 'https://x.example', redirectUrl: 'nope' }).data).toStrictEqual({
      loginId: 'a',
      URI: 'https://x.example',
    });
    expect(z.safeParse(otpSendRequest, { loginId: 'a', URI: 'https://x.example' }).data).toStrictEqual({ loginId: 'a' });
  });

  it('update bodies take addToLoginIDs at the top level', () => {
    expect(
      z.safeParse(updateEmailRequest, { loginId: 'a', email: 'a@b.co', addToLoginIDs: true, addToLoginIds: true, options: { x: 1 } }).data,
    ).toStrictEqual({ loginId: 'a', email: 'a@b.co', addToLoginIDs: true });
    expect(z.safeParse(updatePhoneRequest, { loginId: 'a', phone: '+14155550123', onMergeUseExisting: true }).data).toStrictEqual({
      loginId: 'a',
      phone: '+14155550123',
      onMergeUseExisting: true,
    });
  });

  it('E164_PATTERN and EMAIL_PATTERN match the official SDK checks', () => {
    expect(['+1234', '+14155550123', '+123456789012345'].every((p) => E164_PATTERN.test(p))).toBe(true);
    expect(['1234', '+0123', '+123', '+1234567890123456', '+1 4155550123'].some((p) => E164_PATTERN.test(p))).toBe(false);
    expect(['a@b.co', 'first.last+tag@mail.example.org', 'admin@localhost'].every((e) => EMAIL_PATTERN.test(e))).toBe(true);
    expect(['a b@c.de', '@b.co', 'a@', 'plain', 'a@b..co', 'a@b_c.de', 'a@@b.co'].some((e) => EMAIL_PATTERN.test(e))).toBe(false);
  });
});

describe('error codes', () => {
  it('maps every situation to a code of the table', () => {
    const codes = Object.keys(errorCodes);
    for (const [situation, code] of Object.entries(errorSituations)) {
      expect(codes, situation).toContain(code);
    }
  });

  it('gives every code of the table a situation (no orphan codes)', () => {
    expect(new Set(Object.values(errorSituations))).toEqual(new Set(Object.keys(errorCodes)));
  });

  it('lists the documented codes of the contract as documented, with their meaning', () => {
    const documented = {
      E011001: 'bad request',
      E011002: 'missing arguments',
      E011003: 'validation failure',
      E011004: 'invalid arguments',
      E061102: 'wrong OTP code',
      E061103: 'too many OTP attempts',
      E062107: 'user already exists (sign-up)',
      E064001: 'token expired by logout',
      E130429: 'rate limited',
    };
    const listed = Object.entries(errorCodes)
      .filter(([, entry]) => entry.documented)
      .map(([code, entry]) => [code, entry.meaning]);
    expect(Object.fromEntries(listed)).toEqual(documented);
  });

  it('answers rate limiting with 429 and refused input with 400', () => {
    expect(errorCodes.E130429.status).toBe(429);
    expect(errorCodes[errorSituations.rateLimited].status).toBe(429);
    expect(errorCodes[errorSituations.validation].status).toBe(400);
  });

  it('picks a code for each situation the contract leaves undocumented', () => {
    for (const situation of ['userNotFound', 'tokenExpired', 'tokenUsed', 'refreshInvalid'] as const) {
      expect(errorCodes[errorSituations[situation]].documented, situation).toBe(false);
    }
  });

  it('records where every code comes from: a Descope repository, or why the emulator chose it', () => {
    for (const [code, entry] of Object.entries(errorCodes)) {
      if (entry.origin === 'descope') expect(entry.evidence, code).toMatch(/descope\/(go-sdk|node-sdk|python-sdk|swift-sdk|descope-js) \S+\.(go|ts|py|swift) /);
      else expect(entry.evidence, code).toMatch(/^emulator-specific: /);
    }
  });

  it('never answers E061301 or E061302 (Descope\'s OAuth code-exchange range)', () => {
    expect(Object.keys(errorCodes)).not.toContain('E061301');
    expect(Object.keys(errorCodes)).not.toContain('E061302');
    expect(Object.values(errorSituations)).not.toContain('E061301');
    expect(Object.values(errorSituations)).not.toContain('E061302');
  });
});
