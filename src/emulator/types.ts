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
  /**
   * Seconds a magic link stays valid, a positive integer; enchanted links and their pending-session
   * expire alike. Default: 300 (5 minutes).
   */
  magicLinkTtlSeconds?: number;
  /** Seconds a one-time code stays valid, a positive integer. Default: 300. */
  otpTtlSeconds?: number;
  /** Digits in a one-time code, an integer from 4 to 10 (undocumented by the API: a setting). Default: 6. */
  otpLength?: number;
  /** Wrong codes allowed before the attempt ends with `E061103`, a positive integer. Default: 5. */
  maxOtpAttempts?: number;
  /** Session JWT lifetime, seconds, a positive integer. Default: 600. */
  sessionTtlSeconds?: number;
  /** Refresh JWT lifetime, seconds, a positive integer. Default: 2592000 (30 days). */
  refreshTtlSeconds?: number;
  /**
   * When true, `refresh` revokes the refresh JWT it was called with (rotation): a second use of
   * the old one fails with the refresh-invalid code. Default: true.
   */
  rotateRefreshTokens?: boolean;
  /**
   * Where each token travels, as a Descope project's Session Management settings choose: in the
   * response body, or in an HttpOnly cookie (then its body field is `""`). Each defaults to
   * `'body'`, or to `'cookie'` when `tokensInCookies` is true. Whatever the setting, a refresh
   * cookie in a request authorises calls that need the refresh JWT.
   */
  delivery?: { session?: TokenTransport; refresh?: TokenTransport };
  /** The cookies' names and attributes; each field has its default in {@link CookieOptions}. */
  cookies?: CookieOptions;
  /**
   * Shorthand for `delivery: { session: 'cookie', refresh: 'cookie' }` (a field of `delivery`
   * wins over it). Default: false.
   */
  tokensInCookies?: boolean;

  /** Rate limits; each field defaults as in {@link RateLimits}. */
  rateLimits?: Partial<RateLimits>;
  /** Override the code answered for a situation (see the contract's `errorSituations`). Default: none. */
  errorCodes?: Partial<Record<ErrorSituation, string>>;
  /** How many outbox messages to keep; older ones are dropped. Default: 1000. */
  outboxSize?: number;
  /** Users that exist from the start. Default: none. */
  users?: SeedUser[];
  /** The clock, milliseconds since the epoch. Default: `Date.now`. */
  now?: () => number;
}

/** Where a token travels: in the response body, or in an HttpOnly cookie. */
export type TokenTransport = 'body' | 'cookie';

/** Cookie names and attributes (docs.descope.com/security-best-practices/session-token-storage). */
export interface CookieOptions {
  /** The session token's cookie. Default: `'DS'` (Descope's). */
  sessionName?: string;
  /** The refresh token's cookie, answered as the body's `cookieName`. Default: `'DSR'` (Descope's). */
  refreshName?: string;
  /** Default: `'Strict'` (Descope's default). `'None'` makes the cookies `Secure`. */
  sameSite?: 'Strict' | 'Lax' | 'None';
  /** Default: true (Descope's default; browsers accept Secure cookies from http://localhost). */
  secure?: boolean;
  /** The `Domain` attribute (the project's cookie domain), answered as `cookieDomain`. Default: none, a host-only cookie. */
  domain?: string;
  /** The `Path` attribute, answered as `cookiePath`. Default: `'/'`. */
  path?: string;
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
  middleName?: string;
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
  /** `Set-Cookie` values (tokens delivered as cookies, and their deletion on logout). */
  cookies: string[];
  body: string;
}

/**
 * How many records the emulator holds (`emulator.stats()`, `GET /emulator/stats`): to watch that
 * memory follows what is live (pending links and codes, valid sessions), not what happened.
 */
export interface EmulatorStats {
  users: number;
  /** Magic links pending, and spent or expired ones kept one more lifetime to answer "used"/"expired". */
  links: number;
  /**
   * Enchanted-link attempts pending, and ended or expired ones kept one more lifetime (each has
   * three links).
   */
  enchantedLinks: number;
  /** Codes pending. */
  codes: number;
  /** Refresh JWTs issued and not expired (rotated ones are forgotten at once). */
  refreshTokens: number;
  /** Rate-limit counters of recipients and clients still inside their window. */
  rateCounters: number;
  /** Messages in the outbox (at most `outboxSize`). */
  outbox: number;
}

/** The emulator: an in-memory implementation of the passwordless API. */
export interface Emulator {
  readonly projectId: string;
  readonly outbox: Outbox;
  /** Answers one request. Never throws: every failure is an HTTP error answer. */
  handle(request: EmulatorRequest): Promise<EmulatorResponse>;
  /** Creates a user directly; throws an Error that says what is wrong with the seed. */
  seedUser(user: SeedUser): User;
  /** Every user, in creation order. */
  users(): User[];
  /** Signs a user in without a message (for tests of signed-in screens). */
  createSession(loginId: string): Promise<JwtResponse>;
  /** Adds a fault to inject; throws a RangeError for a status outside 200..599 or a latency above one minute. */
  addFault(fault: Fault): void;
  /** Removes every fault. */
  clearFaults(): void;
  /**
   * Starts signing with a new key (a new `kid`); the old key stays in `GET /v2/keys/<projectId>`
   * and keeps verifying its tokens until they have all expired (the refresh TTL). Answers the new kid.
   */
  rotateKeys(): Promise<string>;
  /** Moves the emulator's clock forward (expiry tests); ten years in all until a reset, else a RangeError. */
  advanceClock(seconds: number): void;
  /** Changes rate limits while running. */
  setRateLimits(limits: Partial<RateLimits>): void;
  /** How many records it holds now. */
  stats(): EmulatorStats;
  /** Back to the start: forgets users, links, codes, sessions, the outbox, faults, counters and the clock, and restores the configured rate limits (the signing keys stay). */
  reset(): void;
}
