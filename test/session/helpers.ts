import { createTransport, type JwtResponse, type Transport, type User } from '../../src/client';
import type { Emulator } from '../../src/emulator';

/** Captured at import, before any test fakes the timers: lets real I/O run while fake time stands still. */
const realSetTimeout = globalThis.setTimeout;

/** Yields to the real event loop `turns` times (fetch bodies, WebCrypto, BroadcastChannel messages). */
export const settle = async (turns = 10): Promise<void> => {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => realSetTimeout(resolve, 0));
};

/**
 * Polls `condition` on real macrotasks (works with fake timers too); fails naming `what`. The
 * attempts are a safety net (10 s and more), not a schedule: a busy machine may need seconds.
 */
export const until = async (condition: () => boolean, what: string, attempts = 2000): Promise<void> => {
  for (let i = 0; i < attempts; i++) {
    if (condition()) return;
    await new Promise<void>((resolve) => realSetTimeout(resolve, 5));
  }
  throw new Error(`Timed out waiting for: ${what}`);
};

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** An unsigned JWT carrying `payload` (the store never reads it: it takes the answer's `claims`). */
export const jwt = (payload: Record<string, unknown>): string => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(payload)}.sig`;

export const PROJECT_ID = 'Ptest0000';
export const USER: User = { userId: 'U1', loginIds: ['ada@example.com'], email: 'ada@example.com' };

/** What the fake server saw of one request. */
export interface SeenCall {
  url: string;
  method: string | undefined;
  authorization: string | undefined;
  credentials: RequestCredentials | undefined;
  /** The answer's status, once it came (emulator links only). */
  status?: number;
}

/** One answer of the fake server: a Response, or a thrown error (a network failure). */
export type Answer = (call: SeenCall) => Response | Promise<Response>;

export const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** A 401 (or other status) error answer in the API's error shape. */
export const apiError =
  (status = 401, errorCode = 'E061302'): Answer =>
  () =>
    jsonResponse(status, { errorCode, errorDescription: 'refresh JWT invalid or expired' });

/** The request never gets an answer (offline): fetch rejects with a TypeError, as browsers do. */
export const offline: Answer = () => {
  throw new TypeError('Failed to fetch');
};

export interface FakeServer {
  transport: Transport;
  calls: SeenCall[];
  /** Answers for the next calls, in order; when empty, a call is answered by {@link FakeServer.rotate}. */
  answers: Answer[];
  /** Every JWT response the server issued (by `session()` or a rotating refresh), in order. */
  issued: JwtResponse[];
  /** A fresh session as a verify would return it; refresh JWT `R<n>`, n counting from 0. */
  session(extra?: { ttlSeconds?: number; nextRefreshSeconds?: number; refreshJwt?: string | undefined }): JwtResponse;
  /** Answers a refresh with a rotated session. */
  rotate: Answer;
  /** An answer held until `release()` is called; then a rotated session. */
  held(): { answer: Answer; release: () => void };
}

/**
 * A hand-written API for precise control: it records every request and answers refreshes with
 * rotated sessions (`R1`, `R2` …) expiring `ttlSeconds` after the (possibly fake) clock.
 */
export function fakeServer(options: { ttlSeconds?: number; sessionCookies?: boolean; nextRefreshSeconds?: number } = {}): FakeServer {
  const ttl = options.ttlSeconds ?? 600;
  let n = 0;
  const server: FakeServer = {
    calls: [],
    answers: [],
    issued: [],
    session: (extra = {}) => {
      const exp = Math.floor(Date.now() / 1000) + (extra.ttlSeconds ?? ttl);
      const count = n++;
      // Descope sends the session JWT's claims with every session (in every delivery mode).
      const claims = { sub: USER.userId, n: count, exp, iss: PROJECT_ID };
      const response: JwtResponse = {
        sessionJwt: options.sessionCookies ? '' : jwt(claims),
        claims,
        ...(options.sessionCookies ? {} : { refreshJwt: 'refreshJwt' in extra ? extra.refreshJwt : `R${count}` }),
        sessionExpiration: exp,
        user: USER,
        ...(extra.nextRefreshSeconds === undefined ? {} : { nextRefreshSeconds: extra.nextRefreshSeconds }),
      };
      server.issued.push(response);
      return response;
    },
    rotate: () => jsonResponse(200, server.session({ nextRefreshSeconds: options.nextRefreshSeconds })),
    held: () => {
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      return { answer: async (call) => (await gate, server.rotate(call)), release };
    },
    transport: createTransport({
      projectId: PROJECT_ID,
      baseUrl: 'https://api.test',
      retryDelaysMs: [],
      sessionCookies: !!options.sessionCookies,
      fetch: async (input, init) => {
        const call: SeenCall = {
          url: String(input),
          method: init?.method,
          authorization: new Headers(init?.headers).get('authorization') ?? undefined,
          credentials: init?.credentials,
        };
        server.calls.push(call);
        const answer = server.answers.shift() ?? server.rotate;
        return answer(call);
      },
    }),
  };
  return server;
}

/** Only the refresh requests among `calls` (the store refreshes through try-refresh). */
export const refreshes = (calls: readonly SeenCall[]) => calls.filter((call) => call.url.endsWith('/v1/auth/try-refresh'));

export interface EmulatorLink {
  transport: Transport;
  calls: SeenCall[];
  /** Sends a request straight to the emulator through the same cookie jar (e.g. `/emulator/sessions`). */
  request(path: string, body: unknown): Promise<Response>;
  /** The cookies the emulator set and the "browser" keeps. */
  jar: Map<string, string>;
  /**
   * Holds the answer of the next request: the emulator handles it at once (a refresh rotates),
   * but the answer reaches the client only on `release()`. `handled` settles once the emulator
   * has answered, so a test can order what the server sees apart from what the clients see.
   */
  hold(): { handled: Promise<void>; release: () => void };
}

/**
 * A transport that reaches an in-memory emulator without HTTP (as test/emulator/core.test.ts
 * does), with a tiny cookie jar so cookie mode works as in a browser with `credentials: 'include'`.
 */
export function emulatorLink(emulator: Emulator, options: { sessionCookies?: boolean } = {}): EmulatorLink {
  const calls: SeenCall[] = [];
  const jar = new Map<string, string>();
  const holds: { handled: () => void; released: Promise<void> }[] = [];
  const send = async (url: string, init: RequestInit | undefined): Promise<Response> => {
    const held = holds.shift();
    const headers: Record<string, string> = Object.fromEntries(new Headers(init?.headers));
    if (jar.size && init?.credentials !== 'omit') headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const answer = await emulator.handle({
      method: init?.method ?? 'GET',
      url,
      headers,
      body: typeof init?.body === 'string' ? init.body : undefined,
    });
    if (held) {
      held.handled();
      await held.released;
    }
    for (const cookie of answer.cookies) {
      const [pair = ''] = cookie.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (!value || /max-age=0\b/i.test(cookie)) jar.delete(name);
      else jar.set(name, value);
    }
    return new Response(answer.body || null, { status: answer.status, headers: answer.headers });
  };
  return {
    calls,
    jar,
    hold: () => {
      let handled = () => {};
      let release = () => {};
      const done = new Promise<void>((resolve) => (handled = resolve));
      holds.push({ handled: () => handled(), released: new Promise<void>((resolve) => (release = resolve)) });
      return { handled: done, release: () => release() };
    },
    request: (path, body) => send(`http://emulator.test${path}`, { method: 'POST', body: JSON.stringify(body), credentials: 'include' }),
    transport: createTransport({
      projectId: emulator.projectId,
      baseUrl: 'http://emulator.test',
      retryDelaysMs: [],
      sessionCookies: !!options.sessionCookies,
      fetch: async (input, init) => {
        const call: SeenCall = {
          url: String(input),
          method: init?.method,
          authorization: new Headers(init?.headers).get('authorization') ?? undefined,
          credentials: init?.credentials,
        };
        calls.push(call);
        const response = await send(String(input), init);
        call.status = response.status;
        return response;
      },
    }),
  };
}

/** Makes `document.visibilityState` settable; `restore()` brings back jsdom's own. */
export function controlVisibility() {
  let state: DocumentVisibilityState = 'visible';
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  return {
    /** Sets the state and, unless told not to, dispatches `visibilitychange` as a browser does. */
    set(next: DocumentVisibilityState, dispatch = true) {
      state = next;
      if (dispatch) document.dispatchEvent(new Event('visibilitychange'));
    },
    restore() {
      Reflect.deleteProperty(document, 'visibilityState');
    },
  };
}
