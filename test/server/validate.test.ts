/**
 * passlink/server against the emulator's HTTP server on loopback: session JWTs from real sign-in
 * journeys (OTP by email, the code read from the outbox), checked against the keys the emulator
 * publishes at /v2/keys/<projectId>, as a Node server would check them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { inspect } from 'node:util';
import { SignJWT, decodeJwt, decodeProtectedHeader, generateKeyPair } from 'jose';
import { baseUrlFor, createClient } from '../../src/client';
import { startEmulatorServer, type EmulatorServer } from '../../src/emulator/node';
import { SessionError, getSession, validateSession, type SessionErrorCode } from '../../src/server';
import { defaultBaseUrl } from '../../src/server/keys';

const PROJECT = 'PserverProject';
const ADA = { loginId: 'ada@example.com', email: 'ada@example.com', name: 'Ada' };

/** Signs in by email code through the emulator's HTTP API, as a browser would: the verify answer. */
const signIn = async (server: EmulatorServer, user = ADA) => {
  const client = createClient({ projectId: server.emulator.projectId, baseUrl: server.url, retryDelaysMs: [] });
  await client.otp.signIn({ method: 'email', loginId: user.loginId });
  const code = server.emulator.outbox.latest({ to: user.email })?.code ?? '';
  const { sessionJwt, refreshJwt, ...rest } = await client.otp.verify({ method: 'email', loginId: user.loginId, code });
  // The emulator delivers both tokens in the body (its default, a project's default too).
  if (!sessionJwt || !refreshJwt) throw new Error('the verify answer carries no tokens');
  return { ...rest, sessionJwt, refreshJwt };
};

/** A fetch that counts the requests for keys (and otherwise is the global fetch). */
const countingFetch = () => {
  const calls: string[] = [];
  const fetchImpl = (url: string, init: RequestInit) => {
    calls.push(url);
    return fetch(url, init);
  };
  return { calls, fetch: fetchImpl };
};

/** The error a promise rejects with (fails the test when it resolves). */
const rejection = async (promise: Promise<unknown>): Promise<SessionError> => {
  const error = await promise.then(
    () => new Error('resolved'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SessionError);
  return error as SessionError;
};

const codeOf = async (promise: Promise<unknown>): Promise<SessionErrorCode> => (await rejection(promise)).code;

/** The JWT with its payload changed (its signature kept): what a forger would try. */
const withPayload = (jwt: string, change: (payload: Record<string, unknown>) => void) => {
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  change(claims);
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
};

/** The JWT with its header's `kid` replaced (signature kept). */
const withKid = (jwt: string, kid: string) => {
  const [header, ...rest] = jwt.split('.') as [string, string, string];
  const fields = JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, unknown>;
  return [Buffer.from(JSON.stringify({ ...fields, kid })).toString('base64url'), ...rest].join('.');
};

describe('validateSession', () => {
  let server: EmulatorServer;
  let other: EmulatorServer;
  let session: Awaited<ReturnType<typeof signIn>>;
  /** A key that is not the project's. */
  let strangerKey: CryptoKey;
  const options = () => ({ projectId: PROJECT, baseUrl: server.url });

  beforeAll(async () => {
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    server = await startEmulatorServer({ projectId: PROJECT, users: [ADA], port: 0 });
    other = await startEmulatorServer({ projectId: 'PotherProject', users: [ADA], port: 0 });
    session = await signIn(server);
  });
  afterAll(async () => {
    await server?.close();
    await other?.close();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('accepts the session JWT of a real sign-in and says who is signed in', async () => {
    const result = await validateSession(session.sessionJwt, options());
    expect(result).toMatchObject({
      userId: session.user?.userId,
      projectId: PROJECT,
      expiresAt: session.sessionExpiration,
      roles: [],
      permissions: [],
      tenants: {},
    });
    expect(result.claims).toMatchObject({ sub: session.user?.userId, iss: PROJECT, drn: 'DS', amr: ['email'] });
    expect(result.jwt).toBe(session.sessionJwt);
    // The token itself is there to forward, but never printed or serialized with the session.
    expect(JSON.stringify(result)).not.toContain(session.sessionJwt);
    expect(inspect(result, { depth: 5 })).not.toContain(session.sessionJwt);
  });

  it('refuses a tampered token: a changed claim, a changed signature', async () => {
    const forged = withPayload(session.sessionJwt, (claims) => {
      claims.sub = 'Usomeone-else';
    });
    expect(await codeOf(validateSession(forged, options()))).toBe('bad-signature');
    const [head, body, signature] = session.sessionJwt.split('.') as [string, string, string];
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    expect(await codeOf(validateSession([head, body, flipped].join('.'), options()))).toBe('bad-signature');
    // Signed by a key that is not the project's, under a kid the project never published.
    const stranger = await new SignJWT(decodeJwt(session.sessionJwt)).setProtectedHeader({ alg: 'RS256', kid: 'Kstranger' }).sign(strangerKey);
    expect(await codeOf(validateSession(stranger, options()))).toBe('bad-signature');
    // Algorithm confusion: the project's kid, but HMAC with a guessable secret, or no signature at all.
    const { kid } = decodeProtectedHeader(session.sessionJwt);
    const hmac = await new SignJWT(decodeJwt(session.sessionJwt)).setProtectedHeader({ alg: 'HS256', kid: kid ?? '' }).sign(new TextEncoder().encode(PROJECT));
    expect(await codeOf(validateSession(hmac, options()))).toBe('bad-signature');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', kid })).toString('base64url')}.${session.sessionJwt.split('.')[1] ?? ''}.`;
    expect(await codeOf(validateSession(unsigned, options()))).toBe('bad-signature');
  });

  it("refuses another project's token before fetching any key", async () => {
    const foreign = await signIn(other);
    const { calls, fetch } = countingFetch();
    expect(await codeOf(validateSession(foreign.sessionJwt, { ...options(), fetch }))).toBe('other-project');
    // Pointed at the other project's own keys, it still is not this project's session.
    expect(await codeOf(validateSession(foreign.sessionJwt, { projectId: PROJECT, baseUrl: other.url, fetch }))).toBe('other-project');
    expect(calls).toEqual([]);
    await expect(validateSession(foreign.sessionJwt, { projectId: 'PotherProject', baseUrl: other.url })).resolves.toMatchObject({ projectId: 'PotherProject' });
  });

  it('refuses an expired token, allowing 5 seconds of clock skew', async () => {
    const fresh = await signIn(server);
    const { exp } = decodeJwt(fresh.sessionJwt);
    // The server's clock (this process's Date), not the emulator's: the token is real, time passes.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime((exp ?? 0) * 1000 + 4_000);
    await expect(validateSession(fresh.sessionJwt, options())).resolves.toMatchObject({ userId: fresh.user?.userId });
    vi.setSystemTime((exp ?? 0) * 1000 + 6_000);
    expect(await codeOf(validateSession(fresh.sessionJwt, options()))).toBe('expired');
    expect(await codeOf(validateSession(fresh.sessionJwt, { ...options(), clockToleranceSeconds: 0 }))).toBe('expired');
  });

  it('refuses a refresh JWT: valid, signed by the project, but not a session token', async () => {
    expect(decodeJwt(session.refreshJwt).drn).toBe('DSR');
    expect(await codeOf(validateSession(session.refreshJwt, options()))).toBe('not-session-token');
  });

  it('refuses what is not a Descope session JWT as malformed', async () => {
    for (const text of ['', 'not a jwt', 'a.b.c', 'eyJhbGciOiJSUzI1NiJ9.e30.', `${session.sessionJwt}.extra`]) {
      expect(await codeOf(validateSession(text, options())), text).toBe('malformed');
    }
    // No kid in the header: Descope's session JWTs always name their key.
    const noKid = await new SignJWT(decodeJwt(session.sessionJwt)).setProtectedHeader({ alg: 'RS256' }).sign(strangerKey);
    expect(await codeOf(validateSession(noKid, options()))).toBe('malformed');
  });

  it('fetches the keys again for a rotated kid, but at most once per 30 s however many unknown kids come', async () => {
    const { calls, fetch } = countingFetch();
    const before = await signIn(server);
    await validateSession(before.sessionJwt, { ...options(), fetch });
    await validateSession(session.sessionJwt, { ...options(), fetch });
    expect(calls).toEqual([`${server.url}/v2/keys/${PROJECT}`]);

    // A flood of made-up kids right after: all refused, the key server asked nothing more.
    for (let index = 0; index < 20; index++) {
      expect(await codeOf(validateSession(withKid(before.sessionJwt, `Kbogus${index}`), { ...options(), fetch }))).toBe('bad-signature');
    }
    expect(calls).toHaveLength(1);

    const kid = await server.emulator.rotateKeys();
    const after = await signIn(server);
    expect(decodeProtectedHeader(after.sessionJwt).kid).toBe(kid);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 31_000);
    // Past the cooldown, the new kid makes it fetch the key set again, once.
    await expect(validateSession(after.sessionJwt, { ...options(), fetch })).resolves.toMatchObject({ userId: after.user?.userId });
    expect(calls).toHaveLength(2);
    // Tokens of the retired key still verify until they expire (it stays in the set), without a fetch.
    await expect(validateSession(before.sessionJwt, { ...options(), fetch })).resolves.toBeTruthy();
    expect(await codeOf(validateSession(withKid(before.sessionJwt, 'Kbogus-again'), { ...options(), fetch }))).toBe('bad-signature');
    expect(calls).toHaveLength(2);
  });

  it('says keys-unavailable when the keys cannot be fetched: a closed port, an error answer, not a key set', async () => {
    const closed = await startEmulatorServer({ projectId: PROJECT, port: 0 });
    const closedUrl = closed.url;
    await closed.close();
    const down = await rejection(validateSession(session.sessionJwt, { projectId: PROJECT, baseUrl: closedUrl }));
    expect(down.code).toBe('keys-unavailable');
    expect(down.cause).toBeDefined();
    const failing = async () => new Response('{"errorCode":"E000000"}', { status: 503 });
    expect(await codeOf(validateSession(session.sessionJwt, { ...options(), fetch: failing }))).toBe('keys-unavailable');
    const notKeys = async () => new Response('{"keys":"none"}', { status: 200 });
    expect(await codeOf(validateSession(session.sessionJwt, { ...options(), fetch: notKeys }))).toBe('keys-unavailable');
  });

  it('never puts the token or its parts in an error message, its string, or its inspection', async () => {
    const forged = withPayload(session.sessionJwt, (claims) => {
      claims.sub = 'Usomeone-else';
    });
    const cases = [
      validateSession(forged, options()),
      validateSession(session.refreshJwt, options()),
      validateSession(`${session.sessionJwt}x`, options()),
      validateSession(session.sessionJwt, { projectId: 'PsomeoneElse', baseUrl: server.url }),
      validateSession(session.sessionJwt, { ...options(), fetch: async () => new Response('', { status: 500 }) }),
    ];
    const [, payload, signature] = session.sessionJwt.split('.') as [string, string, string];
    const [, refreshPayload] = (session.refreshJwt).split('.') as [string, string];
    for (const error of await Promise.all(cases.map(rejection))) {
      const text = [error.message, String(error), inspect(error, { depth: 10 }), JSON.stringify(error)].join('\n');
      for (const secret of [payload, signature, refreshPayload, forged.split('.')[1] ?? '']) {
        expect(text).not.toContain(secret.slice(0, 24));
      }
      expect(text).not.toContain(session.user?.userId ?? '');
    }
  });

  it('derives the keys URL from the project id as the client derives its base URL', () => {
    for (const projectId of ['P2abc', 'P2use1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'Peuc1' + 'x'.repeat(27)]) {
      expect(defaultBaseUrl(projectId)).toBe(baseUrlFor(projectId));
    }
  });
});

describe('getSession', () => {
  let server: EmulatorServer;
  let session: Awaited<ReturnType<typeof signIn>>;
  const options = () => ({ projectId: PROJECT, baseUrl: server.url });

  beforeAll(async () => {
    server = await startEmulatorServer({ projectId: PROJECT, users: [ADA], port: 0 });
    session = await signIn(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('reads the session from Authorization: Bearer, or from the DS cookie', async () => {
    const bearer = new Request('http://app.test/api/me', { headers: { Authorization: `Bearer ${session.sessionJwt}` } });
    await expect(getSession(bearer, options())).resolves.toMatchObject({ userId: session.user?.userId });
    const cookie = new Request('http://app.test/account', { headers: { Cookie: `theme=dark; DS=${session.sessionJwt}; other=1` } });
    await expect(getSession(cookie, options())).resolves.toMatchObject({ userId: session.user?.userId });
    // A Server Component has no Request, only the headers.
    await expect(getSession({ headers: new Headers({ cookie: `DS=${session.sessionJwt}` }) }, options())).resolves.toMatchObject({
      userId: session.user?.userId,
    });
    const named = new Request('http://app.test/', { headers: { Cookie: `app_session=${session.sessionJwt}` } });
    await expect(getSession(named, { ...options(), cookieName: 'app_session' })).resolves.toMatchObject({ userId: session.user?.userId });
  });

  it('answers null, never throwing, for no token or a bad one', async () => {
    const requests = [
      new Request('http://app.test/'),
      new Request('http://app.test/', { headers: { Cookie: 'DS=' } }),
      new Request('http://app.test/', { headers: { Cookie: 'DSR=' + (session.refreshJwt) } }),
      new Request('http://app.test/', { headers: { Cookie: `DS=${session.refreshJwt}` } }),
      new Request('http://app.test/', { headers: { Authorization: 'Bearer not-a-jwt' } }),
      new Request('http://app.test/', { headers: { Authorization: `Basic ${session.sessionJwt}` } }),
      new Request('http://app.test/', { headers: { Cookie: `DS=${session.sessionJwt}x` } }),
    ];
    for (const request of requests) await expect(getSession(request, options())).resolves.toBeNull();
    await expect(getSession(new Request('http://app.test/', { headers: { Cookie: `DS=${session.sessionJwt}` } }), { projectId: 'Pelse', baseUrl: server.url })).resolves.toBeNull();
  });

  it('throws keys-unavailable rather than signing everyone out when the keys cannot be fetched', async () => {
    const request = new Request('http://app.test/', { headers: { Cookie: `DS=${session.sessionJwt}` } });
    const error = await rejection(getSession(request, { ...options(), fetch: async () => new Response('', { status: 502 }) }));
    expect(error.code).toBe('keys-unavailable');
    // Without a token, nothing is fetched and nothing thrown.
    await expect(getSession(new Request('http://app.test/'), { ...options(), fetch: async () => new Response('', { status: 502 }) })).resolves.toBeNull();
  });
});
