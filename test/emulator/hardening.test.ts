import { createLocalJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/emulator';
import { randomDigits } from '../../src/emulator/tokens';
import { call, clientOf, codeOf, payloadOf } from './support';

const ADA = { loginId: 'ada@example.com', email: 'ada@example.com' };
const REDIRECT = 'http://localhost:5173/verify';

describe('custom claims, as Descope documents them (issue 11 item 5)', () => {
  const signIn = (emulator: ReturnType<typeof createEmulator>, customClaims: unknown, kind: 'otp' | 'magiclink' = 'otp') =>
    call(emulator, 'POST', `/v1/auth/${kind}/signin/email`, { loginId: ADA.loginId, URI: REDIRECT, loginOptions: { customClaims } });

  it('refuses a 100 KB claim with a typed 400 before anything is spent: no message, no code, no count', async () => {
    const emulator = createEmulator({ users: [ADA], rateLimits: { messagesPerRecipient: 1 } });
    for (const kind of ['otp', 'magiclink'] as const) {
      const refused = await signIn(emulator, { blob: 'x'.repeat(100_000) }, kind);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ errorCode: 'E011003' });
      expect(String(refused.body.errorMessage)).toContain('500 characters');
    }
    expect(emulator.outbox.list()).toEqual([]);
    expect(emulator.stats()).toMatchObject({ codes: 0, links: 0 });
    // The one message this recipient may get was not used up by the refused sends.
    expect((await signIn(emulator, { plan: 'pro' })).status).toBe(200);
  });

  it('refuses a deeply nested claim with a 400, not a 500, and spends nothing', async () => {
    const emulator = createEmulator({ users: [ADA] });
    const depth = 100_000;
    const body = `{"loginId":"${ADA.loginId}","URI":"${REDIRECT}","loginOptions":{"customClaims":{"deep":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}}`;
    const answer = await call(emulator, 'POST', '/v1/auth/magiclink/signin/email', body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ errorCode: 'E011003' });
    expect(emulator.outbox.list()).toEqual([]);
  });

  it('holds Descope\'s limits exactly: 100 claims, 60-character names, 500-character values', async () => {
    const emulator = createEmulator({ users: [ADA], rateLimits: { messagesPerRecipient: 100 } });
    const hundred = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`c${i}`, i]));
    expect((await signIn(emulator, hundred)).status).toBe(200);
    expect((await signIn(emulator, { ...hundred, c100: 100 })).status).toBe(400);
    expect((await signIn(emulator, { ['n'.repeat(60)]: 1 })).status).toBe(200);
    expect((await signIn(emulator, { ['n'.repeat(61)]: 1 })).status).toBe(400);
    expect((await signIn(emulator, { text: 'v'.repeat(500) })).status).toBe(200);
    expect((await signIn(emulator, { text: 'v'.repeat(501) })).status).toBe(400);
    expect((await signIn(emulator, { list: ['v'.repeat(400)], nested: { a: { b: [1, true, null] } } })).status).toBe(200);
    expect((await signIn(emulator, { list: ['v'.repeat(300), 'v'.repeat(300)] })).status).toBe(400);
  });

  it('never lets a claim override a reserved claim: the client\'s claims sit under nsec, in the session and after refresh', async () => {
    const emulator = createEmulator({ users: [ADA] });
    const client = clientOf(emulator);
    const forged = { sub: 'Umallory', iss: 'Pother', aud: 'Pother', exp: 1, iat: 1, jti: 'x', amr: ['sms'], drn: 'DSR', roles: ['admin'], permissions: ['*'], tenants: { T1: { roles: ['admin'] } }, email: 'mallory@example.com', nsec: 'x' };
    await client.otp.signIn({ method: 'email', loginId: ADA.loginId, loginOptions: { customClaims: forged } });
    const session = await client.otp.verify({ method: 'email', loginId: ADA.loginId, code: emulator.outbox.latest()?.code ?? '' });

    const keys = JSON.parse((await emulator.handle({ method: 'GET', url: `/v2/keys/${emulator.projectId}`, headers: {} })).body) as { keys: [] };
    const { payload } = await jwtVerify(session.sessionJwt ?? '', createLocalJWKSet(keys), { issuer: emulator.projectId });
    expect(payload).toMatchObject({ sub: session.user?.userId, iss: emulator.projectId, drn: 'DS', amr: ['email'], nsec: forged });
    expect(payload.exp).toBe(session.sessionExpiration);
    expect(payload.iat).toBeLessThan(payload.exp ?? 0);
    expect(payload).not.toHaveProperty('aud');
    for (const reserved of ['roles', 'permissions', 'tenants', 'email']) expect(payload, reserved).not.toHaveProperty(reserved);

    const refreshed = await client.session.refresh({ refreshJwt: session.refreshJwt ?? '' });
    expect(payloadOf(refreshed.sessionJwt ?? '')).toMatchObject({ sub: session.user?.userId, nsec: forged });
  });
});

describe('redirect URLs and the token parameter (issue 11 item 1)', () => {
  it('refuses a redirect URI that already carries t, in its query or its fragment, and sends nothing', async () => {
    const emulator = createEmulator({ users: [ADA] });
    const refreshJwt = (await emulator.createSession(ADA.loginId)).refreshJwt ?? '';
    for (const URI of [`${REDIRECT}?t=mallory`, `${REDIRECT}?lang=en&t=`, `${REDIRECT}?%74=mallory`, `${REDIRECT}#t=mallory`, `http://localhost:5173/#/verify?t=mallory`]) {
      const send = await call(emulator, 'POST', '/v1/auth/magiclink/signin/email', { loginId: ADA.loginId, URI });
      expect(send.status, URI).toBe(400);
      expect(send.body, URI).toMatchObject({ errorCode: 'E011003' });
      const update = await call(emulator, 'POST', '/v1/auth/magiclink/update/email', { loginId: ADA.loginId, email: 'new@example.com', URI }, refreshJwt);
      expect(update.status, URI).toBe(400);
    }
    expect(emulator.outbox.list()).toEqual([]);
    expect(emulator.stats().links).toBe(0);
  });

  it('puts the token in the query, before a fragment, where the verify page reads it', async () => {
    const emulator = createEmulator({ users: [ADA] });
    const client = clientOf(emulator);
    const cases = [
      ['http://localhost:5173/app#/verify', (t: string) => `http://localhost:5173/app?t=${t}#/verify`],
      ['http://localhost:5173/verify?lang=en#top', (t: string) => `http://localhost:5173/verify?lang=en&t=${t}#top`],
      ['http://localhost:5173/verify?', (t: string) => `http://localhost:5173/verify?t=${t}`],
      [REDIRECT, (t: string) => `${REDIRECT}?t=${t}`],
    ] as const;
    for (const [redirectUrl, expected] of cases) {
      await client.magicLink.signIn({ method: 'email', loginId: ADA.loginId, redirectUrl });
      const message = emulator.outbox.latest();
      expect(message?.link).toBe(expected(message?.token ?? ''));
      expect(new URL(message?.link ?? '').searchParams.getAll('t')).toEqual([message?.token]);
      emulator.setRateLimits({ messagesPerRecipient: 100 });
    }
  });
});

describe('smaller items (issue 11 item 7)', () => {
  it('limits the clock to ten years in all, across calls, and keeps answering', async () => {
    const emulator = createEmulator({ users: [ADA], rateLimits: { messagesPerRecipient: 100 } });
    emulator.advanceClock(315_360_000 - 10);
    expect(() => emulator.advanceClock(11)).toThrow(RangeError);
    emulator.advanceClock(10);
    expect(() => emulator.advanceClock(1)).toThrow(RangeError);
    const jump = await call(emulator, 'POST', '/emulator/clock', { advanceSeconds: 1 });
    expect(jump.status).toBe(400);
    expect(jump.body).toMatchObject({ errorCode: 'E011003' });
    expect((await call(emulator, 'POST', '/v1/auth/otp/signin/email', { loginId: ADA.loginId })).status).toBe(200);

    expect((await call(emulator, 'POST', '/emulator/reset')).status).toBe(200);
    expect((await call(emulator, 'POST', '/emulator/clock', { advanceSeconds: 60 })).status).toBe(200);
  });

  it('draws code digits without modulo bias: bytes 250..255 are drawn again', () => {
    let calls = 0;
    // First only bytes that `% 10` would have turned into 0..5, then 7s.
    const source = (count: number) => (calls++ === 0 ? new Uint8Array(count).map((_, i) => 250 + (i % 6)) : new Uint8Array(count).fill(7));
    expect(randomDigits(6, source)).toBe('777777');
    expect(calls).toBe(2);
    const counts = new Array<number>(10).fill(0);
    for (const digit of randomDigits(10_000)) counts[Number(digit)] = (counts[Number(digit)] ?? 0) + 1;
    expect(counts.every((count) => count > 800)).toBe(true);
  });

  it('refuses an otpLength of 0, 1.5 or 11, and other numeric options that are not positive integers', () => {
    for (const otpLength of [0, 1.5, 3, 11, Number.NaN]) expect(() => createEmulator({ otpLength }), String(otpLength)).toThrow(RangeError);
    expect(() => createEmulator({ otpLength: 4 })).not.toThrow();
    expect(() => createEmulator({ otpLength: 10 })).not.toThrow();
    expect(() => createEmulator({ magicLinkTtlSeconds: 0 })).toThrow(RangeError);
    expect(() => createEmulator({ maxOtpAttempts: 2.5 })).toThrow(RangeError);
  });

  it('refuses a fault status outside 200..599 and a latency above one minute, instead of clamping', async () => {
    const emulator = createEmulator();
    for (const fault of [{ status: 101 }, { status: 199 }, { status: 600 }, { latencyMs: 60_001 }, { latencyMs: 1e12 }]) {
      const answer = await call(emulator, 'POST', '/emulator/faults', fault);
      expect(answer.status, JSON.stringify(fault)).toBe(400);
      expect(() => emulator.addFault(fault), JSON.stringify(fault)).toThrow(RangeError);
    }
    expect((await call(emulator, 'GET', '/emulator/faults')).body).toEqual({ faults: [] });
    expect((await call(emulator, 'POST', '/emulator/faults', [{ status: 200, body: '{' }, { latencyMs: 60_000, path: '/never' }])).status).toBe(200);
  });
});

describe('what held, kept (issue 11)', () => {
  it('lets exactly one of 20 concurrent verifies of one link, and of one code, succeed', async () => {
    const emulator = createEmulator({ users: [ADA] });
    const client = clientOf(emulator);
    await client.magicLink.signIn({ method: 'email', loginId: ADA.loginId, redirectUrl: REDIRECT });
    const token = emulator.outbox.latest()?.token ?? '';
    const links = await Promise.allSettled(Array.from({ length: 20 }, () => client.magicLink.verify({ token })));
    expect(links.filter((result) => result.status === 'fulfilled')).toHaveLength(1);

    await client.otp.signIn({ method: 'email', loginId: ADA.loginId });
    const code = emulator.outbox.latest()?.code ?? '';
    const codes = await Promise.allSettled(Array.from({ length: 20 }, () => client.otp.verify({ method: 'email', loginId: ADA.loginId, code })));
    expect(codes.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  });

  it('rotates a refresh JWT once: of concurrent refreshes with it, exactly one succeeds', async () => {
    const emulator = createEmulator({ users: [ADA] });
    const client = clientOf(emulator);
    const refreshJwt = (await emulator.createSession(ADA.loginId)).refreshJwt ?? '';
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => client.session.refresh({ refreshJwt })));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const codes = await Promise.all(results.filter((result) => result.status === 'rejected').map((result) => codeOf(Promise.reject(result.reason))));
    expect(new Set(codes)).toEqual(new Set(['E061005']));
  });

  it('expires links and codes at exactly 300 s', async () => {
    let now = Date.UTC(2030, 0, 1);
    const emulator = createEmulator({ users: [ADA], now: () => now, rateLimits: { messagesPerRecipient: 100 } });
    const client = clientOf(emulator);
    const linkAt = async () => {
      await client.magicLink.signIn({ method: 'email', loginId: ADA.loginId, redirectUrl: REDIRECT });
      return emulator.outbox.latest()?.token ?? '';
    };
    const early = await linkAt();
    const late = await linkAt();
    now += 299_999;
    await expect(client.magicLink.verify({ token: early })).resolves.toHaveProperty('sessionJwt');
    now += 1;
    expect(await codeOf(client.magicLink.verify({ token: late }))).toBe('E061201');

    await client.otp.signIn({ method: 'email', loginId: ADA.loginId });
    now += 300_000;
    expect(await codeOf(client.otp.verify({ method: 'email', loginId: ADA.loginId, code: emulator.outbox.latest()?.code ?? '' }))).toBe('E061104');
    await client.otp.signIn({ method: 'email', loginId: ADA.loginId });
    now += 299_999;
    await expect(client.otp.verify({ method: 'email', loginId: ADA.loginId, code: emulator.outbox.latest()?.code ?? '' })).resolves.toHaveProperty('sessionJwt');
  });

  it('lets no request body pollute prototypes', async () => {
    const emulator = createEmulator({ users: [ADA] });
    const poison = '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}';
    const bodies: [string, string][] = [
      ['/v1/auth/otp/signin/email', `{"loginId":"${ADA.loginId}","__proto__":{"polluted":true},"loginOptions":{"customClaims":${poison}}}`],
      ['/emulator/users', `[{"loginId":"p@example.com","__proto__":{"polluted":true}}]`],
      ['/emulator/faults', poison],
      ['/emulator/rate-limits', poison],
      ['/emulator/sessions', `{"loginId":"${ADA.loginId}","__proto__":{"polluted":true}}`],
    ];
    for (const [url, body] of bodies) await call(emulator, 'POST', url, body);
    await clientOf(emulator).otp.verify({ method: 'email', loginId: ADA.loginId, code: emulator.outbox.latest()?.code ?? '' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(emulator.users().every((user) => !('polluted' in user))).toBe(true);
  });
});
