import { errorSituations, type ErrorSituation } from '../contract';
import { Failure, failureAnswer, json } from './answers';
import { Clock } from './clock';
import { Faults } from './faults';
import { createFlows, type Settings } from './flows';
import { Outbox } from './outbox';
import { RateLimiter, defaultRateLimits } from './rate-limit';
import { createRoutes } from './routes';
import { EmulatorState, publicUser } from './state';
import { TokenIssuer } from './tokens';
import type { Emulator, EmulatorOptions, EmulatorRequest, EmulatorResponse } from './types';

/*
 * Where the emulator is put together. A newcomer's map of this folder:
 * - types.ts    the public types (options, requests, answers, the Emulator interface);
 * - state.ts    what it remembers: users, links, codes, refresh JWTs;
 * - flows.ts    the passwordless flows: send, verify, update, sessions;
 * - routes.ts   requests to flows (the API), and the admin routes under /emulator/*;
 * - faults.ts   injected failures (latency, a status, a malformed body);
 * - answers.ts  the API's answers and error bodies;
 * - outbox.ts, rate-limit.ts, tokens.ts, clock.ts, mask.ts, page.ts: one concern each;
 * - node.ts (HTTP server), msw.ts (MSW handlers), cli.ts: the adapters.
 */

export type { Emulator, EmulatorOptions, EmulatorRequest, EmulatorResponse, SeedUser } from './types';
export type { Fault } from './faults';
export { spokenCode } from './flows';

/**
 * Creates an emulator of the Descope passwordless API: users, magic links, one-time codes,
 * updates, signed JWT sessions, rate limits and an outbox, all in memory. It uses no Node-only
 * API, so the same core serves the Node HTTP server and the MSW handlers.
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const settings: Settings = {
    projectId: options.projectId ?? 'PpasslinkEmulator',
    approvedDomains: options.approvedDomains ?? ['localhost', '127.0.0.1'],
    defaultRedirectUrl: options.defaultRedirectUrl ?? 'http://localhost:5173/verify',
    magicLinkTtl: options.magicLinkTtlSeconds ?? 300,
    otpTtl: options.otpTtlSeconds ?? 300,
    otpLength: options.otpLength ?? 6,
    maxOtpAttempts: options.maxOtpAttempts ?? 5,
    sessionTtl: options.sessionTtlSeconds ?? 600,
    refreshTtl: options.refreshTtlSeconds ?? 2_592_000,
    rotate: options.rotateRefreshTokens ?? true,
    cookieMode: options.tokensInCookies ?? false,
  };
  const codeFor = (situation: ErrorSituation) => options.errorCodes?.[situation] ?? errorSituations[situation];

  const clock = new Clock(() => options.now?.() ?? Date.now());
  const now = () => clock.now();
  const outbox = new Outbox();
  const limiter = new RateLimiter({ ...defaultRateLimits, ...options.rateLimits }, now);
  const issuer = new TokenIssuer(settings.projectId, now);
  const state = new EmulatorState(() => clock.nowSeconds());
  const faults = new Faults();
  for (const seed of options.users ?? []) state.seedUser(seed);

  const reset = () => {
    state.clear();
    outbox.clear();
    limiter.reset();
    limiter.limits = { ...defaultRateLimits, ...options.rateLimits };
    faults.clear();
    clock.reset();
  };

  const flows = createFlows({ settings, state, outbox, limiter, issuer, clock });
  const routes = createRoutes({ settings, state, outbox, limiter, issuer, clock, faults, flows, reset });

  const handle = async (request: EmulatorRequest): Promise<EmulatorResponse> => {
    try {
      const path = new URL(request.url, 'http://emulator.invalid').pathname;
      if (path === '/emulator' || path.startsWith('/emulator/')) {
        return (await routes.admin(request, path)) ?? failureAnswer(new Failure('notFound', `No emulator route ${path}`), codeFor);
      }
      const injected = await faults.inject(path);
      if (injected) return injected;
      return (await routes.api(request, path)) ?? failureAnswer(new Failure('notFound', `No endpoint ${path}`), codeFor);
    } catch (error) {
      if (error instanceof Failure) return failureAnswer(error, codeFor);
      // A bug in the emulator must still answer like a server would, never crash the host.
      return json(500, { errorCode: 'E011001', errorDescription: 'internal error', errorMessage: (error as Error)?.name ?? 'Error' });
    }
  };

  return {
    projectId: settings.projectId,
    outbox,
    handle,
    seedUser: (seed) => state.seedUser(seed),
    users: () => [...state.users.values()].map(publicUser),
    createSession: async (loginId) => {
      const user = state.findUser(loginId);
      if (!user) throw new Error(`No user with login id ${loginId}`);
      return (await flows.issueSession(user, false)).body;
    },
    addFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    advanceClock: (seconds) => {
      if (!(seconds >= 0 && seconds <= 315_360_000)) throw new RangeError('advanceClock takes 0 to 315360000 seconds');
      clock.advance(seconds);
    },
    setRateLimits: (limits) => {
      limiter.limits = { ...limiter.limits, ...limits };
    },
    reset,
  };
}
