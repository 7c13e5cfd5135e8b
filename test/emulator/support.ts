import { ApiError, createClient } from '../../src/client';
import type { Emulator } from '../../src/emulator';

/** A client whose fetch calls the emulator core directly, as the adapters do. */
export const clientOf = (emulator: Emulator) =>
  createClient({
    projectId: emulator.projectId,
    baseUrl: 'http://emulator.test',
    retryDelaysMs: [],
    fetch: async (input, init) => {
      const answer = await emulator.handle({
        method: init?.method ?? 'GET',
        url: String(input),
        headers: Object.fromEntries(new Headers(init?.headers)),
        body: typeof init?.body === 'string' ? init.body : undefined,
      });
      return new Response(answer.body || null, { status: answer.status, headers: answer.headers });
    },
  });

/** The API error code a call fails with (or a text saying it did not fail with one). */
export const codeOf = async (promise: Promise<unknown>): Promise<string> => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  return error instanceof ApiError ? error.code : `no ApiError: ${String(error)}`;
};

/** One raw request to the core, as an adapter would hand it over; the body is sent as JSON. */
export const call = async (emulator: Emulator, method: string, url: string, body?: unknown, refreshJwt?: string) => {
  const answer = await emulator.handle({
    method,
    url,
    headers: { Authorization: `Bearer ${emulator.projectId}${refreshJwt ? `:${refreshJwt}` : ''}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: answer.status, body: answer.body ? (JSON.parse(answer.body) as Record<string, unknown>) : {} };
};

/** The payload of a JWT, decoded for reading only (the emulator's own tests; never a check). */
export const payloadOf = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
