import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTransport, type JwtResponse } from '../../src/client';
import { cookiePersistence, createSessionStore } from '../../src/session';

const user = { userId: 'U1', loginIds: ['ada@example.com'], email: 'ada@example.com' };
const jwt = (exp: number) => `eyJhbGciOiJub25lIn0.${btoa(JSON.stringify({ sub: 'U1', exp })).replace(/=+$/, '')}.sig`;
const answer = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

afterEach(() => {
  vi.useRealTimers();
});

describe('session store: fixes from the review', () => {
  it('keeps the user when a refresh answer carries none', async () => {
    const fetch = vi.fn(async () => answer({ sessionJwt: jwt(2e9), refreshJwt: 'R2', sessionExpiration: 2e9 }));
    const store = createSessionStore({ transport: createTransport({ projectId: 'P', baseUrl: 'http://api.test', fetch, retryDelaysMs: [] }) });
    store.setSession({ sessionJwt: jwt(2e9), refreshJwt: 'R1', sessionExpiration: 2e9, user } as JwtResponse);
    await store.refresh();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(store.getRefreshJwt()).toBe('R2');
    expect(store.getSnapshot().user).toMatchObject({ email: 'ada@example.com' });
  });

  it('cookie mode: a sign-out during the start-up refresh is not undone by its answer', async () => {
    let release: (response: Response) => void = () => undefined;
    const fetch = vi.fn(() => new Promise<Response>((resolve) => (release = resolve)));
    const transport = createTransport({ projectId: 'P', baseUrl: 'http://api.test', fetch, retryDelaysMs: [], sessionCookies: true });
    const store = createSessionStore({ transport, persistence: cookiePersistence() });
    const stop = store.start();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    store.clear();
    release(answer({ sessionJwt: '', sessionExpiration: 2e9, user }));
    await store.refresh();
    expect(store.getSnapshot().status).toBe('unauthenticated');
    stop();
  });

  it('never refreshes in a loop when the session is shorter than the leeway (or the clock runs ahead)', async () => {
    vi.useFakeTimers();
    const fetch = vi.fn(async () => {
      const exp = Math.floor(Date.now() / 1000) + 20;
      return answer({ sessionJwt: jwt(exp), refreshJwt: 'R', sessionExpiration: exp });
    });
    const store = createSessionStore({
      transport: createTransport({ projectId: 'P', baseUrl: 'http://api.test', fetch, retryDelaysMs: [] }),
      now: () => Date.now(),
    });
    const stop = store.start();
    const exp = Math.floor(Date.now() / 1000) + 20;
    store.setSession({ sessionJwt: jwt(exp), refreshJwt: 'R0', sessionExpiration: exp } as JwtResponse);
    await vi.advanceTimersByTimeAsync(9_000);
    // A 20 s session with a 30 s leeway is due at once; the floor waits 10 s after issue.
    expect(fetch).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(30_000);
    // One refresh per 10 s at most, not one per tick.
    expect(fetch.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(fetch.mock.calls.length).toBeLessThanOrEqual(4);
    stop();
  });
});
