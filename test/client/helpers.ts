import { createClient, type Client, type ClientOptions } from '../../src/client';

/** One request the fake fetch received, as the server would see it. */
export interface RecordedCall {
  url: string;
  method: string | undefined;
  /** Headers as fetch would send them: names lower-cased, duplicates merged by `Headers`. */
  headers: Record<string, string>;
  /** True when the init carried a `body` key at all. */
  hasBody: boolean;
  /** The raw body string, if any. */
  rawBody: string | undefined;
  /** The body parsed as JSON (undefined when there is none). */
  body: unknown;
  credentials: RequestCredentials | undefined;
  signal: AbortSignal | undefined;
}

/** Produces the answer to one call. A fresh `Response` each time: a body can be read only once. */
export type Reply = (call: RecordedCall) => Response | Promise<Response>;

export interface FakeFetch {
  fetch: typeof fetch;
  calls: RecordedCall[];
}

const urlOf = (input: RequestInfo | URL): string =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;

/**
 * A fetch that records every call and answers with the given replies in order; the last reply
 * answers every further call. Like the real fetch, it rejects at once with the signal's reason
 * when the signal is already aborted (the call is still recorded).
 */
export function fakeFetch(...replies: Reply[]): FakeFetch {
  if (replies.length === 0) throw new Error('fakeFetch needs at least one reply');
  const calls: RecordedCall[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const rawBody = typeof init?.body === 'string' ? init.body : undefined;
    const call: RecordedCall = {
      url: urlOf(input),
      method: init?.method,
      headers: Object.fromEntries(new Headers(init?.headers)),
      hasBody: init !== undefined && 'body' in init,
      rawBody,
      body: rawBody === undefined ? undefined : (JSON.parse(rawBody) as unknown),
      credentials: init?.credentials,
      signal: init?.signal ?? undefined,
    };
    const reply = replies[Math.min(calls.length, replies.length - 1)];
    calls.push(call);
    if (call.signal?.aborted) throw call.signal.reason;
    if (!reply) throw new Error('no reply');
    return reply(call);
  };
  return { fetch: fetchImpl, calls };
}

/** A JSON answer. */
export const json =
  (body: unknown, status = 200, headers: Record<string, string> = {}): Reply =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

/** A raw text answer (HTML, empty, anything). `null` makes an empty body. */
export const raw =
  (body: string | null, status: number, headers: Record<string, string> = {}): Reply =>
  () =>
    new Response(body, { status, headers });

/** An error body as the API sends it. */
export const apiError = (status: number, errorCode: string, errorDescription: string, errorMessage?: string): Reply =>
  json({ errorCode, errorDescription, ...(errorMessage === undefined ? {} : { errorMessage }) }, status);

/** The network is down: fetch rejects with a TypeError, as browsers and undici do. */
export const networkDown =
  (error: Error = new TypeError('fetch failed')): Reply =>
  () =>
    Promise.reject(error);

/** Never answers, but rejects with the signal's reason when the signal aborts (as the real fetch does). */
export const hang: Reply = (call) =>
  new Promise<Response>((_, reject) => {
    const { signal } = call;
    if (!signal) return;
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });

export const PROJECT_ID = 'P2test0project0id';
export const BASE_URL = 'http://emulator.test:4010';
/** JWT-shaped strings, so a leak of either is easy to spot. */
export const SESSION_JWT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6InNlc3Npb24ifQ.eyJzdWIiOiJVMSJ9.c2Vzc2lvbi1zaWduYXR1cmU';
export const REFRESH_JWT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6InJlZnJlc2gifQ.eyJzdWIiOiJVMSIsInIiOjF9.cmVmcmVzaC1zaWduYXR1cmU';

export const USER = {
  userId: 'U2abc',
  loginIds: ['ada@example.com'],
  email: 'ada@example.com',
  verifiedEmail: true,
  name: 'Ada Lovelace',
  phone: null,
  createdTime: 1_700_000_000,
  status: 'enabled',
};

export const JWT_RESPONSE = {
  sessionJwt: SESSION_JWT,
  refreshJwt: REFRESH_JWT,
  sessionExpiration: 1_900_000_000,
  firstSeen: false,
  nextRefreshSeconds: 540,
  user: USER,
};

/** A client against the fake fetch, with instant retries. */
export const makeClient = (fake: FakeFetch, options: Partial<ClientOptions> = {}): Client =>
  createClient({ projectId: PROJECT_ID, baseUrl: BASE_URL, fetch: fake.fetch, retryDelaysMs: [0, 0, 0], ...options });

/** The single call a test expects; fails when there were none or several. */
export const onlyCall = (fake: FakeFetch): RecordedCall => {
  if (fake.calls.length !== 1) throw new Error(`expected exactly 1 fetch call, got ${fake.calls.length}`);
  const [call] = fake.calls;
  if (!call) throw new Error('unreachable');
  return call;
};

/** The rejection of a promise that must reject (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}
