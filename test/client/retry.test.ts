import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError, ResponseFormatError, TimeoutError, type Client } from '../../src/client';
import { apiError, fakeFetch, hang, json, JWT_RESPONSE, makeClient, raw, REFRESH_JWT, rejectionOf, USER } from './helpers';

const masked = json({ maskedEmail: 'a***@example.com' });
const signIn = (client: Client) => client.magicLink.signIn({ method: 'email', loginId: 'ada@example.com', redirectUrl: 'https://app.example.com/v' });
const me = (client: Client) => client.session.me({ refreshJwt: REFRESH_JWT });

describe('retries of gateway failures', () => {
  it('retries a 503 and resolves with the second answer, repeating the identical request', async () => {
    const fake = fakeFetch(raw('Service Unavailable', 503), masked);
    await expect(signIn(makeClient(fake))).resolves.toStrictEqual({ maskedEmail: 'a***@example.com' });

    expect(fake.calls).toHaveLength(2);
    const [first, second] = fake.calls;
    expect(second?.url).toBe(first?.url);
    expect(second?.method).toBe('POST');
    expect(second?.rawBody).toBe(first?.rawBody);
    expect(second?.headers).toStrictEqual(first?.headers);
  });

  it('gives up after 3 retries (4 calls) and rejects with the error of the final answer', async () => {
    const fake = fakeFetch(
      apiError(503, 'E000001', 'first'),
      apiError(503, 'E000002', 'second'),
      apiError(503, 'E000003', 'third'),
      apiError(503, 'E000004', 'fourth'),
      masked, // would be the 5th answer: must never be asked for
    );
    const error = await rejectionOf(signIn(makeClient(fake)));
    expect(fake.calls).toHaveLength(4);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, code: 'E000004', description: 'fourth' });
  });

  it('rejects with a ResponseFormatError 503 when the final 503 has no JSON body', async () => {
    const fake = fakeFetch(raw('', 503));
    const error = await rejectionOf(me(makeClient(fake)));
    expect(fake.calls).toHaveLength(4);
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error).toMatchObject({ status: 503 });
  });

  it.each([503, 521, 522, 530])('retries %i on a POST (the origin was not reached)', async (status) => {
    const fake = fakeFetch(raw('', status), masked);
    await expect(signIn(makeClient(fake))).resolves.toStrictEqual({ maskedEmail: 'a***@example.com' });
    expect(fake.calls).toHaveLength(2);
  });

  it.each([520, 524])('never retries %i on a POST (the origin may have acted), fetch called once', async (status) => {
    const fake = fakeFetch(raw('', status), masked);
    const error = await rejectionOf(signIn(makeClient(fake)));
    expect(fake.calls).toHaveLength(1);
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error).toMatchObject({ status });
  });

  it('never retries a 520 on verify (a single-use token would be spent twice)', async () => {
    const fake = fakeFetch(raw('', 520), json(JWT_RESPONSE));
    await rejectionOf(makeClient(fake).magicLink.verify({ token: 'tok-1' }));
    expect(fake.calls).toHaveLength(1);
  });

  it.each([503, 520, 521, 522, 524, 530])('retries %i on GET me and resolves', async (status) => {
    const fake = fakeFetch(raw('', status), json(USER));
    await expect(me(makeClient(fake))).resolves.toStrictEqual(USER);
    expect(fake.calls).toHaveLength(2);
    expect(fake.calls.map((c) => c.method)).toEqual(['GET', 'GET']);
  });

  it.each([500, 502, 504, 400, 401, 404, 429])('never retries %i, on POST or GET', async (status) => {
    const fake = fakeFetch(apiError(status, 'E011001', 'nope'), masked, json(USER));
    const postError = await rejectionOf(signIn(makeClient(fake)));
    expect(fake.calls).toHaveLength(1);
    expect(postError).toMatchObject({ status, code: 'E011001' });

    const fakeGet = fakeFetch(apiError(status, 'E011001', 'nope'), json(USER));
    const getError = await rejectionOf(me(makeClient(fakeGet)));
    expect(fakeGet.calls).toHaveLength(1);
    expect(getError).toMatchObject({ status, code: 'E011001' });
  });

  it('retries once per retryDelaysMs entry', async () => {
    const fake = fakeFetch(raw('', 503));
    await rejectionOf(signIn(makeClient(fake, { retryDelaysMs: [0] })));
    expect(fake.calls).toHaveLength(2);
  });

  it('does not retry at all with retryDelaysMs: []', async () => {
    const fake = fakeFetch(raw('', 503), masked);
    const error = await rejectionOf(signIn(makeClient(fake, { retryDelaysMs: [] })));
    expect(fake.calls).toHaveLength(1);
    expect(error).toMatchObject({ status: 503 });
  });

  it('does not retry a network failure or a timeout', async () => {
    const down = fakeFetch(() => Promise.reject(new TypeError('fetch failed')), masked);
    expect(await rejectionOf(me(makeClient(down)))).toBeInstanceOf(NetworkError);
    expect(down.calls).toHaveLength(1);

    const slow = fakeFetch(hang, json(USER));
    expect(await rejectionOf(me(makeClient(slow, { timeoutMs: 30 })))).toBeInstanceOf(TimeoutError);
    expect(slow.calls).toHaveLength(1);
  });
});

describe('retry timing', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits 100 ms, 5 s and 5 s by default (the official SDKs\' delays)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fake = fakeFetch(raw('', 503));
    const client = makeClient(fake, { retryDelaysMs: undefined });
    expect(client.transport.retryDelaysMs).toEqual([100, 5000, 5000]);
    const settled = rejectionOf(signIn(client));

    await vi.advanceTimersByTimeAsync(0);
    expect(fake.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(99);
    expect(fake.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(4999);
    expect(fake.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.calls).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(5000);
    expect(fake.calls).toHaveLength(4);

    expect(await settled).toMatchObject({ status: 503 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.calls).toHaveLength(4);
  });
});

describe('cancellation', () => {
  it('rejects with the reason of an already-aborted signal, not a NetworkError', async () => {
    const reason = new Error('user left the page');
    const controller = new AbortController();
    controller.abort(reason);
    const fake = fakeFetch(masked);
    const error = await rejectionOf(
      makeClient(fake).magicLink.signIn({ method: 'email', loginId: 'ada@example.com', signal: controller.signal }),
    );
    expect(error).toBe(reason);
    expect(error).not.toBeInstanceOf(NetworkError);
  });

  it('rejects with the default AbortError of an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    const fake = fakeFetch(json(USER));
    const error = await rejectionOf(makeClient(fake).session.me({ refreshJwt: REFRESH_JWT, signal: controller.signal }));
    expect(error).toBe(controller.signal.reason);
    expect((error as Error).name).toBe('AbortError');
    expect(error).not.toBeInstanceOf(NetworkError);
  });

  it('rejects with the reason when aborted while the request is in flight', async () => {
    const reason = new Error('cancelled');
    const controller = new AbortController();
    const fake = fakeFetch((call) => {
      setTimeout(() => controller.abort(reason), 5);
      return hang(call);
    });
    const error = await rejectionOf(
      makeClient(fake, { timeoutMs: 10_000 }).otp.verify({ method: 'email', loginId: 'ada@example.com', code: '123456', signal: controller.signal }),
    );
    expect(error).toBe(reason);
    expect(fake.calls).toHaveLength(1);
  });

  it('rejects promptly when aborted during a retry delay, without another request', async () => {
    const reason = new Error('cancelled during back-off');
    const controller = new AbortController();
    const fake = fakeFetch((call) => {
      // The 503 arrives, the client starts its 60 s back-off, and the user cancels 10 ms in.
      setTimeout(() => controller.abort(reason), 10);
      return raw('', 503)(call);
    }, json(USER));
    // Promptly: a back-off that went on would outlast the test's time limit by far (60 s).
    const error = await rejectionOf(
      makeClient(fake, { retryDelaysMs: [60_000, 60_000, 60_000] }).session.me({ refreshJwt: REFRESH_JWT, signal: controller.signal }),
    );
    expect(error).toBe(reason);
    expect(fake.calls).toHaveLength(1);
  });
});
