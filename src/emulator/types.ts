import type { ErrorSituation, JwtResponse, User } from '../contract';
import type { Fault } from './faults';
import type { Outbox } from './outbox';
import type { RateLimits } from './rate-limit';

/** Options of {@link createEmulator}. Every one has a default, so `createEmulator()` works. */
export interface EmulatorOptions {
  /** The project id the emulator answers for. Default: `'PpasslinkEmulator'`. */
  projectId?: string;
  /**
   * Hosts a magic link's `URI` may point to (a host, or any subdomain of it).
   * Default: `['localhost', '127.0.0.1']`.
   */
  approvedDomains?: string[];
  /** The redirect used when a magic-link call omits `URI`. Default: `'http://localhost:5173/verify'`. */
  defaultRedirectUrl?: string;
  /** Seconds a magic link stays valid. Default: 300 (5 minutes). */
  magicLinkTtlSeconds?: number;
  /** Seconds a one-time code stays valid. Default: 300. */
  otpTtlSeconds?: number;
  /** Digits in a one-time code (undocumented by the API: a setting). Default: 6. */
  otpLength?: number;
  /** Wrong codes allowed before the attempt ends with `E061103`. Default: 5. */
  maxOtpAttempts?: number;
  /** Session JWT lifetime, seconds. Default: 600. */
  sessionTtlSeconds?: number;
  /** Refresh JWT lifetime, seconds. Default: 2592000 (30 days). */
  refreshTtlSeconds?: number;
  /**
   * When true, `refresh` revokes the refresh JWT it was called with (rotation): a second use of
   * the old one fails with the refresh-invalid code. Default: true.
   */
  rotateRefreshTokens?: boolean;
  /**
   * Cookie mode: tokens go out as HttpOnly `DS` / `DSR` cookies and the body's `sessionJwt` is
   * empty with no `refreshJwt`; a `DSR` cookie authorises calls that need the refresh JWT.
   * Default: false.
   */
  tokensInCookies?: boolean;
  /** Rate limits; each field defaults as in {@link RateLimits}. */
  rateLimits?: Partial<RateLimits>;
  /** Override the code answered for a situation (see the contract's `errorSituations`). Default: none. */
  errorCodes?: Partial<Record<ErrorSituation, string>>;
  /** Users that exist from the start. Default: none. */
  users?: SeedUser[];
  /** The clock, milliseconds since the epoch. Default: `Date.now`. */
  now?: () => number;
}

/** A user to create directly (`POST /emulator/users`, or `options.users`). */
export interface SeedUser {
  /** One login id; or give `loginIds`. */
  loginId?: string;
  loginIds?: string[];
  email?: string;
  phone?: string;
  name?: string;
  givenName?: string;
  familyName?: string;
  /** Default: true when `email` is given. */
  verifiedEmail?: boolean;
  /** Default: true when `phone` is given. */
  verifiedPhone?: boolean;
}

/** A request as the adapters hand it to the core. */
export interface EmulatorRequest {
  method: string;
  /** Path and query, or a full URL. */
  url: string;
  /** Request headers; names in any case. */
  headers: Record<string, string | undefined>;
  body?: string;
  /** Who is calling, for the per-client rate limit (an IP address). Default: `'local'`. */
  client?: string;
}

/** The core's answer, for an adapter to send. */
export interface EmulatorResponse {
  status: number;
  headers: Record<string, string>;
  /** `Set-Cookie` values (cookie mode). */
  cookies: string[];
  body: string;
}

/** The emulator: an in-memory implementation of the passwordless API. */
export interface Emulator {
  readonly projectId: string;
  readonly outbox: Outbox;
  /** Answers one request. Never throws: every failure is an HTTP error answer. */
  handle(request: EmulatorRequest): Promise<EmulatorResponse>;
  /** Creates a user directly. */
  seedUser(user: SeedUser): User;
  /** Every user. */
  users(): User[];
  /** Signs a user in without a message (for tests of signed-in screens). */
  createSession(loginId: string): Promise<JwtResponse>;
  /** Adds a fault to inject. */
  addFault(fault: Fault): void;
  /** Removes every fault. */
  clearFaults(): void;
  /** Moves the emulator's clock forward (expiry tests). */
  advanceClock(seconds: number): void;
  /** Changes rate limits while running. */
  setRateLimits(limits: Partial<RateLimits>): void;
  /** Back to the start: forgets users, links, codes, sessions, the outbox, faults, counters and the clock, and restores the configured rate limits. */
  reset(): void;
}
