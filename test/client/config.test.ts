import { describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  baseUrlFor,
  createClient,
  createTransport,
  InputError,
  magicLinkSignIn,
  magicLinkVerify,
  otpUpdatePhone,
  otpVerify,
  sessionLogout,
  sessionMe,
} from '../../src/client';
import { apiError, fakeFetch, json, JWT_RESPONSE, PROJECT_ID, REFRESH_JWT, rejectionOf, USER, type RecordedCall } from './helpers';

const REGIONAL_ID = 'Puse1' + 'abcdefghijklmnopqrstuvwxy01'; // 32 characters
const masked = json({ maskedEmail: 'a***@example.com' });

/** The URL one magic-link sign-in goes to with these options. */
async function urlFor(options: { projectId: string; baseUrl?: string }): Promise<string> {
  const fake = fakeFetch(masked);
  await createClient({ ...options, fetch: fake.fetch }).magicLink.signIn({ method: 'email', loginId: 'ada@example.com' });
  const [call] = fake.calls;
  return call?.url ?? '';
}

describe('base URL', () => {
  it('uses https://api.descope.com for a project id under 32 characters', async () => {
    expect(PROJECT_ID.length).toBeLessThan(32);
    expect(await urlFor({ projectId: PROJECT_ID })).toBe('https://api.descope.com/v1/auth/magiclink/signin/email');
  });

  it('uses the region of a 32-character id: Puse1… → https://api.use1.descope.com', async () => {
    expect(REGIONAL_ID).toHaveLength(32);
    expect(await urlFor({ projectId: REGIONAL_ID })).toBe('https://api.use1.descope.com/v1/auth/magiclink/signin/email');
  });

  it('takes characters 1..4 as the region for longer ids too, and not for a 31-character id', async () => {
    expect(await urlFor({ projectId: 'Peuw2' + 'x'.repeat(35) })).toBe('https://api.euw2.descope.com/v1/auth/magiclink/signin/email');
    expect(await urlFor({ projectId: REGIONAL_ID.slice(0, 31) })).toBe('https://api.descope.com/v1/auth/magiclink/signin/email');
  });

  it('exposes the same rule as baseUrlFor', () => {
    expect(baseUrlFor('P2short')).toBe('https://api.descope.com');
    expect(baseUrlFor(REGIONAL_ID)).toBe('https://api.use1.descope.com');
  });

  it('lets an explicit baseUrl win, even over a regional id', async () => {
    expect(await urlFor({ projectId: REGIONAL_ID, baseUrl: 'https://auth.example.com' })).toBe(
      'https://auth.example.com/v1/auth/magiclink/signin/email',
    );
  });

  it('trims trailing slashes from baseUrl and keeps a path prefix', async () => {
    expect(await urlFor({ projectId: PROJECT_ID, baseUrl: 'http://localhost:4010/' })).toBe('http://localhost:4010/v1/auth/magiclink/signin/email');
    expect(await urlFor({ projectId: PROJECT_ID, baseUrl: 'https://example.com/descope//' })).toBe(
      'https://example.com/descope/v1/auth/magiclink/signin/email',
    );
    expect(createTransport({ projectId: PROJECT_ID, baseUrl: 'http://localhost:4010/' }).baseUrl).toBe('http://localhost:4010');
  });
});

describe('project id', () => {
  it('createClient and createTransport throw on an empty project id', () => {
    expect(() => createClient({ projectId: '' })).toThrow(/projectId/);
    expect(() => createTransport({ projectId: '' })).toThrow(/projectId/);
  });
});

describe('headers, credentials and defaults', () => {
  it('sends custom headers with every call, next to Authorization and Content-Type', async () => {
    const fake = fakeFetch(masked, json(USER));
    const client = createClient({ projectId: PROJECT_ID, fetch: fake.fetch, headers: { 'X-App-Version': '1.2.3', 'x-tenant': 'acme' } });
    await client.otp.signIn({ method: 'email', loginId: 'ada@example.com' });
    await client.session.me({ refreshJwt: REFRESH_JWT });
    for (const call of fake.calls) {
      expect(call.headers['x-app-version']).toBe('1.2.3');
      expect(call.headers['x-tenant']).toBe('acme');
    }
    expect(fake.calls[0]?.headers).toStrictEqual({
      authorization: `Bearer ${PROJECT_ID}`,
      'content-type': 'application/json',
      'x-app-version': '1.2.3',
      'x-tenant': 'acme',
    });
  });

  it('does not let a custom Authorization or Content-Type header replace its own', async () => {
    const fake = fakeFetch(masked);
    const client = createClient({
      projectId: PROJECT_ID,
      fetch: fake.fetch,
      headers: { Authorization: 'Basic c2VjcmV0', 'Content-Type': 'text/plain' },
    });
    await client.otp.signIn({ method: 'email', loginId: 'ada@example.com' });
    expect(fake.calls[0]?.headers.authorization).toBe(`Bearer ${PROJECT_ID}`);
    expect(fake.calls[0]?.headers['content-type']).toBe('application/json');
  });

  it('does not merge a lower-case custom authorization / content-type header into its own', async () => {
    // Header names are case-insensitive: fetch joins `authorization` and `Authorization` into
    // one value, "Basic …, Bearer …", which no server accepts.
    const fake = fakeFetch(masked);
    const client = createClient({
      projectId: PROJECT_ID,
      fetch: fake.fetch,
      headers: { authorization: 'Basic c2VjcmV0', 'content-type': 'text/plain' },
    });
    await client.otp.signIn({ method: 'email', loginId: 'ada@example.com' });
    expect(fake.calls[0]?.headers.authorization).toBe(`Bearer ${PROJECT_ID}`);
    expect(fake.calls[0]?.headers['content-type']).toBe('application/json');
  });

  it("sends credentials: 'include' by default and honours another mode", async () => {
    const fake = fakeFetch(masked);
    await createClient({ projectId: PROJECT_ID, fetch: fake.fetch }).otp.signIn({ method: 'email', loginId: 'ada@example.com' });
    await createClient({ projectId: PROJECT_ID, fetch: fake.fetch, credentials: 'omit' }).otp.signIn({ method: 'email', loginId: 'ada@example.com' });
    expect(fake.calls.map((c) => c.credentials)).toEqual(['include', 'omit']);
  });

  it('resolves the documented defaults', () => {
    const transport = createTransport({ projectId: PROJECT_ID });
    expect(transport).toMatchObject({
      projectId: PROJECT_ID,
      baseUrl: 'https://api.descope.com',
      fetch: undefined,
      timeoutMs: 30_000,
      headers: {},
      credentials: 'include',
      retryDelaysMs: [100, 5000, 5000],
    });
  });

  it('looks the global fetch up at call time when none is given', async () => {
    const client = createClient({ projectId: PROJECT_ID, baseUrl: 'http://emulator.test' });
    const fake = fakeFetch(json(USER));
    vi.stubGlobal('fetch', fake.fetch);
    await expect(client.session.me({ refreshJwt: REFRESH_JWT })).resolves.toStrictEqual(USER);
    expect(fake.calls.map((c) => c.url)).toEqual(['http://emulator.test/v1/auth/me']);
  });
});

describe('tree-shakable operation functions behave like the client methods', () => {
  const options = { projectId: PROJECT_ID, baseUrl: 'http://emulator.test/', retryDelaysMs: [0] };
  /** A recorded call without its (per-call) signal, for comparison. */
  const wire = ({ signal: _signal, ...rest }: RecordedCall) => rest;

  it('magicLinkSignIn(transport, args) sends the same request and resolves the same answer', async () => {
    const args = { method: 'sms', loginId: '+14155550123', redirectUrl: 'https://app.example.com/v', loginOptions: { templateId: 't' } } as const;
    const viaFunction = fakeFetch(json({ maskedPhone: '+*******0123', extra: 1 }));
    const viaClient = fakeFetch(json({ maskedPhone: '+*******0123', extra: 1 }));

    const a = await magicLinkSignIn(createTransport({ ...options, fetch: viaFunction.fetch }), args);
    const b = await createClient({ ...options, fetch: viaClient.fetch }).magicLink.signIn(args);

    expect(a).toStrictEqual({ maskedPhone: '+*******0123', extra: 1 });
    expect(b).toStrictEqual(a);
    expect(viaFunction.calls.map(wire)).toStrictEqual(viaClient.calls.map(wire));
    expect(viaFunction.calls[0]?.url).toBe('http://emulator.test/v1/auth/magiclink/signin/sms');
    expect(viaFunction.calls[0]?.body).toStrictEqual({ loginId: '+14155550123', URI: 'https://app.example.com/v', loginOptions: { templateId: 't' } });
  });

  it('otpVerify and magicLinkVerify return the JWT response', async () => {
    const fake = fakeFetch(json(JWT_RESPONSE));
    const transport = createTransport({ ...options, fetch: fake.fetch });
    await expect(otpVerify(transport, { method: 'voice', loginId: '+14155550123', code: '987654' })).resolves.toStrictEqual(JWT_RESPONSE);
    await expect(magicLinkVerify(transport, { token: 'tok' })).resolves.toStrictEqual(JWT_RESPONSE);
    expect(fake.calls.map((c) => [c.url, c.headers.authorization])).toEqual([
      ['http://emulator.test/v1/auth/otp/verify/voice', `Bearer ${PROJECT_ID}`],
      ['http://emulator.test/v1/auth/magiclink/verify', `Bearer ${PROJECT_ID}`],
    ]);
  });

  it('sessionMe and sessionLogout authorise with the refresh JWT', async () => {
    const fake = fakeFetch(json(USER), json({}));
    const transport = createTransport({ ...options, fetch: fake.fetch });
    await expect(sessionMe(transport, { refreshJwt: REFRESH_JWT })).resolves.toStrictEqual(USER);
    await expect(sessionLogout(transport, { refreshJwt: REFRESH_JWT })).resolves.toStrictEqual({});
    expect(fake.calls.map((c) => [c.method, c.url, c.headers.authorization, c.rawBody])).toEqual([
      ['GET', 'http://emulator.test/v1/auth/me', `Bearer ${PROJECT_ID}:${REFRESH_JWT}`, undefined],
      ['POST', 'http://emulator.test/v1/auth/logout', `Bearer ${PROJECT_ID}:${REFRESH_JWT}`, '{}'],
    ]);
  });

  it('refuse bad input without a request, and type API errors the same way', async () => {
    const fake = fakeFetch(apiError(400, 'E011003', 'validation'));
    const transport = createTransport({ ...options, fetch: fake.fetch });
    const input = await rejectionOf(
      otpUpdatePhone(transport, { method: 'sms', loginId: 'ada@example.com', phone: '+555', refreshJwt: REFRESH_JWT }),
    );
    expect(input).toBeInstanceOf(InputError);
    expect(input).toMatchObject({ field: 'phone', messageId: 'input.phone.invalid' });
    expect(fake.calls).toHaveLength(0);

    const api = await rejectionOf(otpUpdatePhone(transport, { method: 'sms', loginId: 'ada@example.com', phone: '+14155550123', refreshJwt: REFRESH_JWT }));
    expect(api).toBeInstanceOf(ApiError);
    expect(api).toMatchObject({ status: 400, code: 'E011003' });
    expect(fake.calls).toHaveLength(1);
  });
});
