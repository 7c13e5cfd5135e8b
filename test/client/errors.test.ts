import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError, PasslinkError, ResponseFormatError, TimeoutError, type Client } from '../../src/client';
import {
  apiError,
  fakeFetch,
  hang,
  json,
  makeClient,
  networkDown,
  raw,
  REFRESH_JWT,
  rejectionOf,
  SESSION_JWT,
  USER,
  type Reply,
} from './helpers';

const signIn = { method: 'email', loginId: 'ada@example.com' } as const;

describe('network failure', () => {
  it('turns a rejected fetch (TypeError) into a NetworkError carrying the cause, and does not retry it', async () => {
    const cause = new TypeError('fetch failed');
    const fake = fakeFetch(networkDown(cause));
    const error = await rejectionOf(makeClient(fake).magicLink.signIn(signIn));

    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toBeInstanceOf(PasslinkError);
    expect(error).toBeInstanceOf(Error);
    const e = error as NetworkError;
    expect(e.name).toBe('NetworkError');
    expect(e.cause).toBe(cause);
    expect(fake.calls).toHaveLength(1);
  });

  it('is a NetworkError on GET me too (a failure before any answer)', async () => {
    const fake = fakeFetch(networkDown());
    const error = await rejectionOf(makeClient(fake).session.me({ refreshJwt: REFRESH_JWT }));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).cause).toBeInstanceOf(TypeError);
  });
});

describe('timeout', () => {
  it('gives a TimeoutError with timeoutMs when no answer arrives in time, and calls fetch once', async () => {
    // The fetch never answers: only the 30 ms timeout can end this (else the test runs out of time).
    const fake = fakeFetch(hang);
    const error = await rejectionOf(makeClient(fake, { timeoutMs: 30 }).otp.verify({ method: 'sms', loginId: '+14155550123', code: '123456' }));

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(PasslinkError);
    expect(error).not.toBeInstanceOf(NetworkError);
    const e = error as TimeoutError;
    expect(e.name).toBe('TimeoutError');
    expect(e.timeoutMs).toBe(30);
    expect(e.message).toContain('30');
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.signal).toBeInstanceOf(AbortSignal);
  });

  it('is a TimeoutError (not the caller signal reason) when the caller passed a signal that did not abort', async () => {
    const fake = fakeFetch(hang);
    const controller = new AbortController();
    const error = await rejectionOf(makeClient(fake, { timeoutMs: 30 }).session.me({ refreshJwt: REFRESH_JWT, signal: controller.signal }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(30);
    // GET me is retryable on gateway statuses, but a timeout is never retried.
    expect(fake.calls).toHaveLength(1);
  });
});

describe('API errors', () => {
  it('turns a 400 error body into an ApiError with status, code, description and serverMessage', async () => {
    const fake = fakeFetch(apiError(400, 'E011003', 'Request is invalid', 'The login id is malformed'));
    const error = await rejectionOf(makeClient(fake).otp.signUp(signIn));

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(PasslinkError);
    const e = error as ApiError;
    expect(e.name).toBe('ApiError');
    expect(e.status).toBe(400);
    expect(e.code).toBe('E011003');
    expect(e.description).toBe('Request is invalid');
    expect(e.serverMessage).toBe('The login id is malformed');
    expect(e.retryAfterSeconds).toBeUndefined();
    expect(e.message).toContain('E011003');
    expect(fake.calls).toHaveLength(1);
  });

  it('defaults serverMessage to an empty string when the body has no errorMessage', async () => {
    const fake = fakeFetch(apiError(401, 'E061102', 'Wrong code'));
    const error = await rejectionOf(makeClient(fake).otp.verify({ method: 'email', loginId: 'ada@example.com', code: '000000' }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'E061102', description: 'Wrong code', serverMessage: '' });
  });

  it('keeps an error body that carries extra fields (passthrough) as an ApiError', async () => {
    const fake = fakeFetch(json({ errorCode: 'E062107', errorDescription: 'User already exists', traceId: 'abc' }, 400));
    const error = await rejectionOf(makeClient(fake).magicLink.signUp(signIn));
    expect(error).toMatchObject({ name: 'ApiError', status: 400, code: 'E062107', description: 'User already exists' });
  });

  describe('429', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('reads Retry-After seconds into retryAfterSeconds and does not retry', async () => {
      const fake = fakeFetch(json({ errorCode: 'E130429', errorDescription: 'Too many requests' }, 429, { 'Retry-After': '17' }));
      const error = await rejectionOf(makeClient(fake).otp.signIn(signIn));

      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 429, code: 'E130429', description: 'Too many requests', retryAfterSeconds: 17 });
      expect(fake.calls).toHaveLength(1);
    });

    it('reads an HTTP-date Retry-After as seconds from now', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2030-01-01T00:00:00.000Z'));
      const fake = fakeFetch(
        json({ errorCode: 'E130429', errorDescription: 'Too many requests' }, 429, { 'Retry-After': 'Tue, 01 Jan 2030 00:01:30 GMT' }),
      );
      const error = await rejectionOf(makeClient(fake).otp.signIn(signIn));
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).retryAfterSeconds).toBe(90);
      expect(fake.calls).toHaveLength(1);
    });

    it('reads an HTTP-date in the past as 0 seconds, never negative', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2030-01-01T00:00:00.000Z'));
      const fake = fakeFetch(json({ errorCode: 'E130429' }, 429, { 'Retry-After': 'Mon, 31 Dec 2029 23:59:00 GMT' }));
      const error = await rejectionOf(makeClient(fake).otp.signIn(signIn));
      expect((error as ApiError).retryAfterSeconds).toBe(0);
    });

    it('leaves retryAfterSeconds undefined without a Retry-After header or with an unreadable one', async () => {
      const fake = fakeFetch(
        json({ errorCode: 'E130429' }, 429),
        json({ errorCode: 'E130429' }, 429, { 'Retry-After': 'soon-ish' }),
      );
      const client = makeClient(fake);
      expect(await rejectionOf(client.otp.signIn(signIn))).toMatchObject({ code: 'E130429', retryAfterSeconds: undefined });
      expect(await rejectionOf(client.otp.signIn(signIn))).toMatchObject({ code: 'E130429', retryAfterSeconds: undefined });
    });

    it('leaves retryAfterSeconds undefined for an empty Retry-After header (not "retry now")', async () => {
      const fake = fakeFetch(json({ errorCode: 'E130429' }, 429, { 'Retry-After': '' }));
      const error = await rejectionOf(makeClient(fake).otp.signIn(signIn));
      expect((error as ApiError).retryAfterSeconds).toBeUndefined();
    });

    it('is still an ApiError E130429 with the wait when a proxy answers 429 with a non-JSON body', async () => {
      const fake = fakeFetch(raw('<html><body>Slow down</body></html>', 429, { 'Content-Type': 'text/html', 'Retry-After': '60' }));
      const error = await rejectionOf(makeClient(fake).magicLink.signIn(signIn));
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 429, code: 'E130429', retryAfterSeconds: 60 });
      expect(fake.calls).toHaveLength(1);
    });

    it('ignores Retry-After on statuses other than 429', async () => {
      const fake = fakeFetch(json({ errorCode: 'E011001', errorDescription: 'Bad request' }, 400, { 'Retry-After': '17' }));
      const error = await rejectionOf(makeClient(fake).otp.signIn(signIn));
      expect(error).toMatchObject({ status: 400, code: 'E011001', retryAfterSeconds: undefined });
    });
  });
});

describe('answers that cannot be understood', () => {
  const html = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center>${'<!-- padding -->'.repeat(20)}</body></html>`;

  it('turns a 502 HTML page into a ResponseFormatError with the status and the kind of body, not the body', async () => {
    const fake = fakeFetch(raw(html, 502, { 'Content-Type': 'text/html' }));
    const error = await rejectionOf(makeClient(fake).otp.signUpOrIn(signIn));

    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error).toBeInstanceOf(PasslinkError);
    const e = error as ResponseFormatError;
    expect(e.name).toBe('ResponseFormatError');
    expect(e.status).toBe(502);
    expect(e.bodyKind).toBe('html');
    expect(e.message).toBe('Unexpected answer (HTTP 502, html body)');
    expect(JSON.stringify(e)).not.toContain('nginx');
    expect(fake.calls).toHaveLength(1);
  });

  it('turns an empty 504 into a ResponseFormatError with status 504 and an empty body', async () => {
    const fake = fakeFetch(raw(null, 504));
    const error = await rejectionOf(makeClient(fake).session.refresh({ refreshJwt: REFRESH_JWT }));
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error).toMatchObject({ name: 'ResponseFormatError', status: 504, bodyKind: 'empty' });
    expect(fake.calls).toHaveLength(1);
  });

  it('turns JSON of the wrong shape on an error status into a ResponseFormatError, not an ApiError', async () => {
    const fake = fakeFetch(json({ error: 'upstream said no', code: 17 }, 400));
    const error = await rejectionOf(makeClient(fake).otp.signUp(signIn));
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error).not.toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, bodyKind: 'json' });
  });

  it('turns a 200 HTML page (a captive portal, a misrouted proxy) into a ResponseFormatError 200', async () => {
    const fake = fakeFetch(raw('<html>Sign in to the hotel Wi-Fi</html>', 200, { 'Content-Type': 'text/html' }));
    const error = await rejectionOf(makeClient(fake).magicLink.signIn(signIn));
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error).toMatchObject({ status: 200, bodyKind: 'html' });
  });

  it('classifies a plain-text body as text', async () => {
    const fake = fakeFetch(raw('upstream connect error or disconnect/reset before headers', 503));
    const error = await rejectionOf(makeClient(fake, { retryDelaysMs: [] }).session.me({ refreshJwt: REFRESH_JWT }));
    expect(error).toMatchObject({ name: 'ResponseFormatError', status: 503, bodyKind: 'text' });
  });

  it('refuses a me answer without userId', async () => {
    const { userId: _dropped, ...user } = USER;
    const fake = fakeFetch(json(user));
    const error = await rejectionOf(makeClient(fake).session.me({ refreshJwt: REFRESH_JWT }));
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error).toMatchObject({ status: 200, bodyKind: 'json' });
  });

  it('refuses an empty 200 where a JWT response is due', async () => {
    const fake = fakeFetch(raw('', 200));
    const error = await rejectionOf(makeClient(fake).otp.verify({ method: 'email', loginId: 'ada@example.com', code: '123456' }));
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error).toMatchObject({ status: 200, bodyKind: 'empty' });
  });

  it('turns an error body whose errorCode is not an API code (a letter and six digits) into a ResponseFormatError', async () => {
    const fake = fakeFetch(json({ errorCode: 'upstream-failure', errorDescription: 'nope' }, 400));
    const error = await rejectionOf(makeClient(fake).otp.signUp(signIn));
    expect(error).toMatchObject({ name: 'ResponseFormatError', status: 400, bodyKind: 'json' });
  });
});

describe('no secret in any error text (the message is built from an allow-list)', () => {
  const TOKEN = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
  const B64_TOKEN = 'q8Zk+Yf2/3hP9wL0x7Vb1nQrT5s=';
  const OPAQUE = 'opaque-session-secret-value-1';
  const SHORT_JWT = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.';
  const jwtParts = (jwt: string) => [jwt, ...jwt.split('.').filter((part) => part.length > 0)];
  const JWTS = [...jwtParts(SESSION_JWT), ...jwtParts(REFRESH_JWT)];
  const verify = (c: Client) => c.magicLink.verify({ token: 'tok-1' });
  const refresh = (c: Client) => c.session.refresh({ refreshJwt: REFRESH_JWT });
  const send = (c: Client) => c.magicLink.signIn({ method: 'email', loginId: 'ada@example.com' });
  const long = (tail: string) => `${'The request was refused because '.repeat(7)}${tail}`;
  const apiBody = (errorDescription: string, errorMessage?: string, errorCode = 'E011003') => ({
    errorCode,
    errorDescription,
    ...(errorMessage === undefined ? {} : { errorMessage }),
  });

  /** [name, the answer, the call, the secrets that must not appear, the error it must be]. */
  const faults: [string, Reply, (c: Client) => Promise<unknown>, string[], string][] = [
    ['200 {"refresh": <jwt>}', json({ refresh: REFRESH_JWT }), refresh, JWTS, 'ResponseFormatError'],
    ['401 {"refresh": <jwt>}', json({ refresh: REFRESH_JWT }, 401), refresh, JWTS, 'ResponseFormatError'],
    ['400 {"code": 123456} (a number)', json({ code: 123_456 }, 400), send, ['123456'], 'ResponseFormatError'],
    ['400 {"t": <token>}', json({ t: TOKEN }, 400), send, [TOKEN], 'ResponseFormatError'],
    ['502 HTML page with ?t=<token>', raw(`<html><a href="https://app.example.com/verify?t=${TOKEN}">continue</a></html>`, 502), send, [TOKEN], 'ResponseFormatError'],
    ['401 errorDescription echoing a JWT', json(apiBody(`Refresh token ${REFRESH_JWT} is invalid`, undefined, 'E061302'), 401), refresh, JWTS, 'ApiError'],
    ['401 errorMessage with the code', json(apiBody('Wrong code', 'Code 480213 does not match', 'E061102'), 401), send, ['480213'], 'ApiError'],
    ['401 errorDescription with the code', json(apiBody('Wrong code 480213', undefined, 'E061102'), 401), send, ['480213'], 'ApiError'],
    ['400 errorCode that is a JWT', json({ errorCode: SESSION_JWT, errorDescription: 'x' }, 400), send, JWTS, 'ResponseFormatError'],
    ['400 errorCode that is a code', json({ errorCode: '123456' }, 400), send, ['123456'], 'ResponseFormatError'],
    ['400 errorDescription with a phone number', json(apiBody('loginId +14155550123 is invalid'), 400), send, ['4155550123', '14155550123'], 'ApiError'],
    ['400 errorDescription with a hex token', json(apiBody(`token ${TOKEN} unknown`), 400), send, [TOKEN], 'ApiError'],
    ['400 errorDescription with a base64 token', json(apiBody(`token ${B64_TOKEN} unknown`), 400), send, [B64_TOKEN, 'q8Zk+Yf2/3hP9wL0x7Vb1nQrT5s'], 'ApiError'],
    ['400 errorDescription with a link carrying #t=', json(apiBody(`link https://app.example.com/verify#t=${TOKEN} expired`), 400), send, [TOKEN], 'ApiError'],
    ['400 errorDescription with an escaped t=', raw(`{"errorCode":"E011003","errorDescription":"\\u0074=${TOKEN}"}`, 400), send, [TOKEN], 'ApiError'],
    ['400 errorDescription with a short unsigned JWT', json(apiBody(`saw ${SHORT_JWT}`), 400), send, [SHORT_JWT, 'eyJzdWIiOiIxIn0'], 'ApiError'],
    ['400 errorDescription with a 4-digit code', json(apiBody('code: 0042 rejected'), 400), send, ['0042'], 'ApiError'],
    ['400 a JWT past the first 200 characters of the description', json(apiBody(long(SESSION_JWT)), 400), send, JWTS, 'ApiError'],
    ['401 errorDescription with the Authorization header', json(apiBody(`Bearer P2test0project0id:${REFRESH_JWT}`, undefined, 'E061301'), 401), refresh, JWTS, 'ApiError'],
    ['400 an error body with extra secret fields', json({ ...apiBody('Bad request'), refreshJwt: REFRESH_JWT, code: '480213' }, 400), send, [...JWTS, '480213'], 'ApiError'],
    ['429 JSON with the code in the description', json(apiBody('slow down, 480213', undefined, 'E130429'), 429, { 'Retry-After': '30' }), send, ['480213'], 'ApiError'],
    ['429 HTML page with a token', raw(`<html>blocked ${TOKEN}</html>`, 429, { 'Retry-After': '30' }), send, [TOKEN], 'ApiError'],
    ['200 verify answer without sessionExpiration', json({ sessionJwt: SESSION_JWT, refreshJwt: REFRESH_JWT }), verify, JWTS, 'ResponseFormatError'],
    ['200 opaque tokens under token-like keys', json({ sessionJwt: OPAQUE, sessionExpiration: 'soon' }), verify, [OPAQUE], 'ResponseFormatError'],
    ['200 a JWT under a key that does not look token-like', json({ data: SESSION_JWT, sessionJwt: 1 }), refresh, JWTS, 'ResponseFormatError'],
    ['200 HTML portal showing a code', raw('<html>Your code is 480213</html>', 200), send, ['480213'], 'ResponseFormatError'],
    ['500 text/plain token=', raw(`token=${TOKEN}`, 500, { 'Content-Type': 'text/plain' }), send, [TOKEN], 'ResponseFormatError'],
    ['400 a JSON array of tokens', json([SESSION_JWT, TOKEN], 400), send, [...JWTS, TOKEN], 'ResponseFormatError'],
    ['404 a JSON string that is a JWT', json(REFRESH_JWT, 404), refresh, JWTS, 'ResponseFormatError'],
    ['503 JSON echoing t= (retries off)', json(apiBody(`upstream said t=${TOKEN}`), 503), send, [TOKEN], 'ApiError'],
    ['400 errorMessage with an email and a code', json(apiBody('Bad request', 'ada@example.com code=480213'), 400), send, ['480213'], 'ApiError'],
  ];

  it('has about thirty fault cases', () => {
    expect(faults.length).toBeGreaterThanOrEqual(30);
  });

  /** Every text an error exposes: message, String(), JSON and each own property (stack included). */
  const texts = (error: Error): string[] => [
    error.message,
    String(error),
    JSON.stringify(error),
    ...Object.getOwnPropertyNames(error).map((key) => {
      const value: unknown = (error as unknown as Record<string, unknown>)[key];
      return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
    }),
  ];

  it.each(faults)('%s', async (_name, reply, invoke, secrets, kind) => {
    const fake = fakeFetch(reply);
    const error = await rejectionOf(invoke(makeClient(fake, { retryDelaysMs: [] })));
    expect(error).toBeInstanceOf(PasslinkError);
    expect((error as Error).name).toBe(kind);
    for (const text of texts(error as Error)) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });

  it('keeps the code, the status and the harmless words of the description in the message', async () => {
    const fake = fakeFetch(json(apiBody(`Wrong code 480213 for token ${TOKEN}`, 'Try 123456 again', 'E061102'), 401));
    const error = (await rejectionOf(makeClient(fake).otp.verify({ method: 'email', loginId: 'ada@example.com', code: '480213' }))) as ApiError;
    expect(error.message).toBe('E061102 (HTTP 401): Wrong code [redacted] for token [redacted]');
    expect(error.description).toBe('Wrong code [redacted] for token [redacted]');
    expect(error.serverMessage).toBe('Try [redacted] again');
  });

  it('redacts what is constructed directly too, and bounds the description', () => {
    const error = new ApiError(400, 'E011003', long(`t=${TOKEN}`), `refresh ${REFRESH_JWT}`);
    for (const text of texts(error)) {
      expect(text).not.toContain(TOKEN);
      for (const part of JWTS) expect(text).not.toContain(part);
    }
    expect(error.description.length).toBeLessThanOrEqual(200);
  });
});
