import { http, HttpResponse, type HttpHandler } from 'msw';
import { createEmulator, type Emulator, type EmulatorOptions } from './emulator';
import type { OutboxFilter, OutboxMessage } from './outbox';

export { createEmulator } from './emulator';
export type { Emulator, EmulatorOptions, Fault, SeedUser } from './emulator';
export type { OutboxFilter, OutboxMessage, Channel, MessagePurpose, EnchantedLinkChoice } from './outbox';

/** Options of {@link createEmulatorHandlers}. */
export interface EmulatorHandlersOptions extends EmulatorOptions {
  /**
   * The API origin to intercept, e.g. `https://api.descope.com`. Default: `'*'`, any origin, so
   * the handlers answer whatever base URL the client derives from the project id.
   */
  baseUrl?: string;
  /** Serve this emulator instead of creating one from the options. Default: a new one. */
  emulator?: Emulator;
}

/** MSW request handlers backed by one emulator, which stays reachable as `.emulator`. */
export type EmulatorHandlers = HttpHandler[] & { readonly emulator: Emulator };

/**
 * MSW handlers that answer the passwordless API (and the `/emulator/*` routes) from an
 * in-memory emulator: use them with `setupServer` in tests or `msw-storybook-addon` in
 * Storybook.
 *
 * ```ts
 * const handlers = createEmulatorHandlers({ users: [{ loginId: 'ada@example.com', email: 'ada@example.com' }] });
 * const server = setupServer(...handlers);
 * // … after the UI sends a link:
 * const message = await waitForMessage(handlers, { to: 'ada@example.com' });
 * ```
 */
export function createEmulatorHandlers(options: EmulatorHandlersOptions = {}): EmulatorHandlers {
  const emulator = options.emulator ?? createEmulator(options);
  const base = (options.baseUrl ?? '*').replace(/\/+$/, '');
  const resolver = async ({ request }: { request: Request }) => {
    const answer = await emulator.handle({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text(),
      client: 'msw',
    });
    const headers = new Headers(answer.headers);
    for (const cookie of answer.cookies) headers.append('Set-Cookie', cookie);
    return new HttpResponse(answer.body || null, { status: answer.status, headers });
  };
  const handlers = [
    http.all(`${base}/v1/auth/*`, resolver),
    http.get(`${base}/v2/keys/*`, resolver),
    http.all(`${base}/emulator`, resolver),
    http.all(`${base}/emulator/*`, resolver),
  ];
  return Object.assign(handlers, { emulator });
}

const outboxOf = (source: Emulator | EmulatorHandlers) => ('outbox' in source ? source : source.emulator).outbox;

/** Every outbox message that matches `filter` (all of them by default), oldest first. */
export const readOutbox = (source: Emulator | EmulatorHandlers, filter: OutboxFilter = {}): OutboxMessage[] =>
  outboxOf(source).list(filter);

/**
 * Resolves with the newest message matching `filter` already in the outbox, or else the next one
 * to arrive; rejects after `timeoutMs` (default 5000).
 */
export const waitForMessage = (
  source: Emulator | EmulatorHandlers,
  filter: OutboxFilter = {},
  timeoutMs = 5000,
): Promise<OutboxMessage> => {
  const outbox = outboxOf(source);
  return Promise.resolve(outbox.latest(filter) ?? outbox.waitFor(filter, timeoutMs));
};
