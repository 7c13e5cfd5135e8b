import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError, PasslinkError, ResponseFormatError, TimeoutError } from '../../src/client';
import {
  apiError,
  fakeFetch,
  hang,
  json,
  JWT_RESPONSE,
  makeClient,
  networkDown,
  raw,
  REFRESH_JWT,
  rejectionOf,
  SESSION_JWT,
  USER,
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

  it('turns a 502 HTML page into a ResponseFormatError with the status and a 160-character excerpt', async () => {
    const fake = fakeFetch(raw(html, 502, { 'Content-Type': 'text/html' }));
    const error = await rejectionOf(makeClient(fake).otp.signUpOrIn(signIn));

    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error).toBeInstanceOf(PasslinkError);
    const e = error as ResponseFormatError;
    expect(e.name).toBe('ResponseFormatError');
    expect(e.status).toBe(502);
    expect(html.length).toBeGreaterThan(160);
    expect(e.excerpt).toBe(html.slice(0, 160));
    expect(e.message).toContain('502');
    expect(fake.calls).toHaveLength(1);
  });

  it('turns an empty 504 into a ResponseFormatError with status 504 and an empty excerpt', async () => {
    const fake = fakeFetch(raw(null, 504));
    const error = await rejectionOf(makeClient(fake).session.refresh({ refreshJwt: REFRESH_JWT }));
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error).toMatchObject({ name: 'ResponseFormatError', status: 504, excerpt: '' });
    expect(fake.calls).toHaveLength(1);
  });

  it('turns JSON of the wrong shape on an error status into a ResponseFormatError, not an ApiError', async () => {
    const fake = fakeFetch(json({ error: 'upstream said no', code: 17 }, 400));
    const error = await rejectionOf(makeClient(fake).otp.signUp(signIn));
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error).not.toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400 });
    expect((error as ResponseFormatError).excerpt).toContain('upstream said no');
  });

  it('turns a 200 HTML page (a captive portal, a misrouted proxy) into a ResponseFormatError 200', async () => {
    const fake = fakeFetch(raw('<html>Sign in to the hotel Wi-Fi</html>', 200, { 'Content-Type': 'text/html' }));
    const error = await rejectionOf(makeClient(fake).magicLink.signIn(signIn));
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error).toMatchObject({ status: 200, excerpt: '<html>Sign in to the hotel Wi-Fi</html>' });
  });

  it('refuses a 200 JWT response missing sessionExpiration, without leaking the JWTs', async () => {
    const { sessionExpiration: _dropped, ...body } = JWT_RESPONSE;
    const fake = fakeFetch(json(body));
    const error = await rejectionOf(makeClient(fake).magicLink.verify({ token: 'tok-1' }));

    expect(error).toBeInstanceOf(ResponseFormatError);
    const e = error as ResponseFormatError;
    expect(e.status).toBe(200);
    expect(e.excerpt.length).toBeGreaterThan(0);
    expect(e.excerpt.length).toBeLessThanOrEqual(160);
    for (const secret of [SESSION_JWT, REFRESH_JWT]) {
      // Neither the whole token nor any of its three segments.
      for (const part of [secret, ...secret.split('.')]) {
        expect(e.excerpt).not.toContain(part);
        expect(e.message).not.toContain(part);
        expect(String(e.stack)).not.toContain(part);
      }
    }
    expect(e.excerpt).toContain('[redacted]');
  });

  it('redacts a JWT under a key that does not look token-like', async () => {
    const fake = fakeFetch(json({ data: SESSION_JWT, sessionExpiration: 1 }));
    const error = await rejectionOf(makeClient(fake).session.refresh({ refreshJwt: REFRESH_JWT }));
    expect(error).toBeInstanceOf(ResponseFormatError);
    const { excerpt } = error as ResponseFormatError;
    for (const part of SESSION_JWT.split('.')) expect(excerpt).not.toContain(part);
    expect(excerpt).toContain('"data"');
    expect(excerpt).toContain('sessionExpiration');
  });

  it('redacts opaque (non-JWT-shaped) token values under token-like keys', async () => {
    const body = {
      sessionJwt: 'opaque-session-secret-1',
      refreshJwt: 'opaque-refresh-secret-2',
      trustedDeviceJwt: 'opaque-device-secret-3',
      sessionExpiration: 'not a number',
    };
    const fake = fakeFetch(json(body));
    const error = await rejectionOf(makeClient(fake).session.refresh({ refreshJwt: REFRESH_JWT }));
    expect(error).toBeInstanceOf(ResponseFormatError);
    const { excerpt } = error as ResponseFormatError;
    for (const secret of ['opaque-session-secret-1', 'opaque-refresh-secret-2', 'opaque-device-secret-3']) {
      expect(excerpt).not.toContain(secret);
    }
    expect(excerpt).toContain('"sessionJwt"');
  });

  it('redacts tokens in a wrong-shape body on an error status too', async () => {
    const fake = fakeFetch(json({ message: 'bad', refreshJwt: REFRESH_JWT }, 401));
    const error = await rejectionOf(makeClient(fake).session.logout({ refreshJwt: REFRESH_JWT }));
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error).toMatchObject({ status: 401 });
    expect((error as ResponseFormatError).excerpt).not.toContain(REFRESH_JWT);
    expect((error as ResponseFormatError).excerpt).toContain('bad');
  });

  it('refuses a me answer without userId', async () => {
    const { userId: _dropped, ...user } = USER;
    const fake = fakeFetch(json(user));
    const error = await rejectionOf(makeClient(fake).session.me({ refreshJwt: REFRESH_JWT }));
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error).toMatchObject({ status: 200 });
  });

  it('refuses an empty 200 where a JWT response is due', async () => {
    const fake = fakeFetch(raw('', 200));
    const error = await rejectionOf(makeClient(fake).otp.verify({ method: 'email', loginId: 'ada@example.com', code: '123456' }));
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error).toMatchObject({ status: 200, excerpt: '' });
  });
});
