import { errorSituations, type ErrorSituation } from '../contract';
import { Failure, failureAnswer, json } from './answers';
import { Clock } from './clock';
import { cookieSettings } from './cookies';
import { Faults } from './faults';
import { createFlows, type Settings } from './flows';
import { DEFAULT_OUTBOX_SIZE, Outbox } from './outbox';
import { RateLimiter, defaultRateLimits } from './rate-limit';
import { createRoutes } from './routes';
import { EmulatorState, publicUser } from './state';
import { TokenIssuer } from './tokens';
import type { Emulator, EmulatorOptions, EmulatorRequest, EmulatorResponse, EmulatorStats } from './types';

/*
 * Where the emulator is put together. A newcomer's map of this folder:
 * - types.ts    the public types (options, requests, answers, the Emulator interface);
 * - state.ts    what it remembers: users (indexed by login id), links, codes, refresh JWTs;
 * - flows.ts    the passwordless flows: send, verify, update, sessions;
 * - routes.ts   requests to flows (the API), and the admin routes under /emulator/*;
 * - faults.ts   injected failures (latency, a status, a malformed body);
 * - claims.ts   custom claims: Descope's limits, nested under `nsec`;
 * - redirect.ts a magic link's redirect URL (`URI` or `redirectUrl`) and where its token goes;
 * - cookies.ts  where each token travels (body or cookie), Set-Cookie, reading the refresh JWT;
 * - answers.ts  the API's answers and error bodies;
 * - outbox.ts, rate-limit.ts, tokens.ts, clock.ts, mask.ts, page.ts: one concern each;
 * - node.ts (HTTP server), msw.ts (MSW handlers), cli.ts: the adapters.
 */

export type { CookieOptions, Emulator, EmulatorOptions, EmulatorRequest, EmulatorResponse, EmulatorStats, SeedUser, TokenTransport } from './types';
export type { Fault } from './faults';
export { spokenCode } from './flows';

/** The digits a one-time code may have: Descope's codes are 6; the emulator allows 4 to 10. */
export const OTP_LENGTH_RANGE = { min: 4, max: 10 } as const;

const positiveInteger = (value: number | undefined, name: string, min = 1, max = Number.MAX_SAFE_INTEGER) => {
  if (value !== undefined && !(Number.isInteger(value) && value >= min && value <= max)) {
    throw new RangeError(`${name} is an integer from ${min} to ${max}, not ${String(value)}`);
  }
};

/** Refuses options that would make a broken emulator (a code of 1.5 digits, a zero lifetime …). */
const checkOptions = (options: EmulatorOptions) => {
  positiveInteger(options.otpLength, 'otpLength', OTP_LENGTH_RANGE.min, OTP_LENGTH_RANGE.max);
  positiveInteger(options.maxOtpAttempts, 'maxOtpAttempts');
  positiveInteger(options.magicLinkTtlSeconds, 'magicLinkTtlSeconds');
  positiveInteger(options.otpTtlSeconds, 'otpTtlSeconds');
  positiveInteger(options.sessionTtlSeconds, 'sessionTtlSeconds');
  positiveInteger(options.refreshTtlSeconds, 'refreshTtlSeconds');
  positiveInteger(options.outboxSize, 'outboxSize');
};

/**
 * Creates an emulator of the Descope passwordless API: users, magic links, one-time codes,
 * updates, signed JWT sessions, rate limits and an outbox, all in memory. It uses no Node-only
 * API, so the same core serves the Node HTTP server and the MSW handlers.
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  checkOptions(options);
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
    cookies: cookieSettings(options),
  };
  const codeFor = (situation: ErrorSituation) => options.errorCodes?.[situation] ?? errorSituations[situation];

  const clock = new Clock(() => options.now?.() ?? Date.now());
  const now = () => clock.now();
  const outbox = new Outbox(options.outboxSize ?? DEFAULT_OUTBOX_SIZE);
  const limiter = new RateLimiter({ ...defaultRateLimits, ...options.rateLimits }, now);
  const issuer = new TokenIssuer(settings.projectId, now, () => Math.max(settings.sessionTtl, settings.refreshTtl));
  const state = new EmulatorState(() => clock.nowSeconds());
  const faults = new Faults();
  state.seedUsers(options.users ?? []);

  const reset = () => {
    state.clear();
    outbox.clear();
    limiter.reset();
    limiter.limits = { ...defaultRateLimits, ...options.rateLimits };
    faults.clear();
    clock.reset();
  };

  const stats = (): EmulatorStats => ({
    users: state.userCount,
    links: state.links.size,
    enchantedLinks: state.attempts.size,
    codes: state.codes.size,
    refreshTokens: state.refreshTokens.size,
    rateCounters: limiter.size,
    outbox: outbox.size,
  });

  const flows = createFlows({ settings, state, outbox, limiter, issuer, clock });
  const routes = createRoutes({ settings, state, outbox, limiter, issuer, clock, faults, flows, reset, stats });

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
    users: () => Array.from(state.allUsers(), publicUser),
    createSession: async (loginId) => {
      const user = state.findUser(loginId);
      if (!user) throw new Error(`No user with login id ${loginId}`);
      return (await flows.issueSession(user, false, { amr: [] })).body;
    },
    addFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    rotateKeys: () => issuer.rotate(),
    advanceClock: (seconds) => clock.advance(seconds),
    setRateLimits: (limits) => {
      limiter.limits = { ...limiter.limits, ...limits };
    },
    stats,
    reset,
  };
}
