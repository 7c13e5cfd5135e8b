import * as z from 'zod/mini';
import {
  E164_PATTERN,
  EMAIL_PATTERN,
  endpoints,
  errorCodes,
  errorSituations,
  keysEndpoint,
  type Endpoint,
  type EndpointName,
  type ErrorSituation,
  type JwtResponse,
  type User,
} from '../contract';
import { Outbox, type Channel, type MessagePurpose } from './outbox';
import { maskEmail, maskPhone } from './mask';
import { RateLimiter, defaultRateLimits, type RateLimits } from './rate-limit';
import { TokenIssuer, randomId } from './tokens';
import { outboxPage } from './page';

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

/** A failure to inject (`POST /emulator/faults`, or `emulator.addFault`). */
export interface Fault {
  /** Only requests whose path contains this. Default: every API request. */
  path?: string;
  /** Delay before answering, milliseconds. Default: 0. */
  latencyMs?: number;
  /** Answer with this status instead of handling the request. Default: handle normally. */
  status?: number;
  /** The body for `status` (a malformed body, an HTML page …). Default: empty. */
  body?: string;
  /** Content type for `body`. Default: `text/html` when the body starts with `<`, else `application/json`. */
  contentType?: string;
  /** How many matching requests it applies to; 0 = until cleared. Default: 1. */
  times?: number;
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

interface UserRecord {
  userId: string;
  loginIds: string[];
  email?: string;
  phone?: string;
  name?: string;
  givenName?: string;
  familyName?: string;
  verifiedEmail: boolean;
  verifiedPhone: boolean;
  createdTime: number;
}

/** What a link or a code completes once verified. */
interface Pending {
  purpose: MessagePurpose;
  loginId: string;
  channel: Channel;
  /** The address it went to: becomes the user's email or phone. */
  destination: string;
  expiresAt: number;
  /** Sign-up details. */
  user?: { name?: string; givenName?: string; familyName?: string; email?: string; phone?: string };
  /** The signed-in user an update belongs to. */
  userId?: string;
  addToLoginIds?: boolean;
  onMergeUseExisting?: boolean;
  customClaims?: Record<string, unknown>;
  /** `loginOptions.revokeOtherSessions`: verify revokes the user's other refresh JWTs. */
  revokeOtherSessions?: boolean;
}

interface PendingLink extends Pending {
  used: boolean;
}

interface PendingCode extends Pending {
  code: string;
  method: Channel;
  attempts: number;
}

interface RefreshRecord {
  userId: string;
  state: 'active' | 'rotated' | 'loggedOut';
}

class Failure {
  constructor(
    readonly situation: ErrorSituation,
    readonly description: string,
    readonly retryAfter?: number,
  ) {}
}

const PHONE_CHANNELS: readonly Channel[] = ['sms', 'voice', 'whatsapp'];
const isPhoneChannel = (channel: Channel) => PHONE_CHANNELS.includes(channel);

const json = (status: number, body: unknown, headers: Record<string, string> = {}): EmulatorResponse => ({
  status,
  headers: { 'Content-Type': 'application/json', ...headers },
  cookies: [],
  body: JSON.stringify(body),
});

const seedUserSchema = z.object({
  loginId: z.optional(z.string().check(z.minLength(1))),
  loginIds: z.optional(z.array(z.string().check(z.minLength(1)))),
  email: z.optional(z.string().check(z.regex(EMAIL_PATTERN))),
  phone: z.optional(z.string().check(z.regex(E164_PATTERN))),
  name: z.optional(z.string()),
  givenName: z.optional(z.string()),
  familyName: z.optional(z.string()),
  verifiedEmail: z.optional(z.boolean()),
  verifiedPhone: z.optional(z.boolean()),
});

const faultSchema = z.object({
  path: z.optional(z.string()),
  latencyMs: z.optional(z.number().check(z.nonnegative())),
  status: z.optional(z.number().check(z.int(), z.gte(100), z.lte(599))),
  body: z.optional(z.string()),
  contentType: z.optional(z.string()),
  times: z.optional(z.number().check(z.int(), z.nonnegative())),
});

const rateLimitsSchema = z.partial(
  z.object({
    messagesPerRecipient: z.number().check(z.int(), z.positive()),
    recipientWindowSeconds: z.number().check(z.positive()),
    requestsPerClient: z.number().check(z.int(), z.positive()),
    clientWindowSeconds: z.number().check(z.positive()),
    clientBackoffSeconds: z.number().check(z.positive()),
  }),
);

/** Routes of the contract, compiled: `{d}` becomes a captured delivery method. */
const routes = [...(Object.entries(endpoints) as [EndpointName | 'keys', Endpoint][]), ['keys', keysEndpoint as Endpoint] as const].map(
  ([name, endpoint]) => ({
    name,
    endpoint,
    pattern: new RegExp(`^${endpoint.path.replace('{d}', '([a-z]+)').replace('{projectId}', '([^/]+)')}$`),
  }),
);

const headerOf = (headers: EmulatorRequest['headers'], name: string) => {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
};

const cookieOf = (headers: EmulatorRequest['headers'], name: string) =>
  headerOf(headers, 'cookie')
    ?.split(';')
    .map((part) => part.trim().split('='))
    .find(([key]) => key === name)?.[1];

/** The sentence a voice call reads: the code digit by digit, twice. */
export const spokenCode = (code: string): string => {
  const digits = code.split('').join(', ');
  return `Your verification code is: ${digits}. Again, your code is: ${digits}.`;
};

/**
 * Creates an emulator of the Descope passwordless API: users, magic links, one-time codes,
 * updates, signed JWT sessions, rate limits and an outbox, all in memory. It uses no Node-only
 * API, so the same core serves the Node HTTP server and the MSW handlers.
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const projectId = options.projectId ?? 'PpasslinkEmulator';
  const approvedDomains = options.approvedDomains ?? ['localhost', '127.0.0.1'];
  const defaultRedirectUrl = options.defaultRedirectUrl ?? 'http://localhost:5173/verify';
  const magicLinkTtl = options.magicLinkTtlSeconds ?? 300;
  const otpTtl = options.otpTtlSeconds ?? 300;
  const otpLength = options.otpLength ?? 6;
  const maxOtpAttempts = options.maxOtpAttempts ?? 5;
  const sessionTtl = options.sessionTtlSeconds ?? 600;
  const refreshTtl = options.refreshTtlSeconds ?? 2_592_000;
  const rotate = options.rotateRefreshTokens ?? true;
  const cookieMode = options.tokensInCookies ?? false;
  const codeFor = (situation: ErrorSituation) => options.errorCodes?.[situation] ?? errorSituations[situation];

  let clockOffsetMs = 0;
  const now = () => (options.now?.() ?? Date.now()) + clockOffsetMs;
  const nowSeconds = () => Math.floor(now() / 1000);

  const outbox = new Outbox();
  const limiter = new RateLimiter({ ...defaultRateLimits, ...options.rateLimits }, now);
  const issuer = new TokenIssuer(projectId, now);
  const users = new Map<string, UserRecord>();
  const links = new Map<string, PendingLink>();
  const codes = new Map<string, PendingCode>();
  const refreshTokens = new Map<string, RefreshRecord>();
  let faults: (Fault & { times: number })[] = [];

  const publicUser = (user: UserRecord): User => ({
    userId: user.userId,
    loginIds: [...user.loginIds],
    email: user.email ?? '',
    phone: user.phone ?? '',
    name: user.name ?? '',
    givenName: user.givenName ?? '',
    familyName: user.familyName ?? '',
    verifiedEmail: user.verifiedEmail,
    verifiedPhone: user.verifiedPhone,
    createdTime: user.createdTime,
    status: 'enabled',
    test: false,
    roleNames: [],
    userTenants: [],
    customAttributes: {},
    picture: '',
    // Fields the official SDK's user type declares; passwordless users have none of these.
    TOTP: false,
    SAML: false,
    SCIM: false,
    password: false,
  });

  const findUser = (loginId: string) => {
    for (const user of users.values()) if (user.loginIds.includes(loginId)) return user;
    return undefined;
  };

  const seedUser = (seed: SeedUser): User => {
    const parsed = z.safeParse(seedUserSchema, seed);
    if (!parsed.success) throw new Error(`Invalid seed user: ${z.prettifyError(parsed.error)}`);
    const loginIds = [...(seed.loginIds ?? []), ...(seed.loginId ? [seed.loginId] : [])];
    if (!loginIds.length) throw new Error('Invalid seed user: give `loginId` or `loginIds`.');
    for (const id of loginIds) if (findUser(id)) throw new Error(`Invalid seed user: login id ${id} exists.`);
    const user: UserRecord = {
      userId: `U${randomId(14)}`,
      loginIds,
      verifiedEmail: seed.verifiedEmail ?? !!seed.email,
      verifiedPhone: seed.verifiedPhone ?? !!seed.phone,
      createdTime: nowSeconds(),
      ...(seed.email ? { email: seed.email } : {}),
      ...(seed.phone ? { phone: seed.phone } : {}),
      ...(seed.name ? { name: seed.name } : {}),
      ...(seed.givenName ? { givenName: seed.givenName } : {}),
      ...(seed.familyName ? { familyName: seed.familyName } : {}),
    };
    users.set(user.userId, user);
    return publicUser(user);
  };
  for (const seed of options.users ?? []) seedUser(seed);

  const issueSession = async (user: UserRecord, firstSeen: boolean, extra: Record<string, unknown> = {}) => {
    const session = await issuer.sign('DS', user.userId, sessionTtl, extra);
    const refresh = await issuer.sign('DSR', user.userId, refreshTtl);
    refreshTokens.set(refresh.jti, { userId: user.userId, state: 'active' });
    const body: JwtResponse = {
      sessionJwt: cookieMode ? '' : session.jwt,
      ...(cookieMode ? {} : { refreshJwt: refresh.jwt }),
      sessionExpiration: session.exp,
      cookieExpiration: refresh.exp,
      cookieMaxAge: refreshTtl,
      cookiePath: '/',
      cookieName: 'DS',
      user: publicUser(user),
      firstSeen,
    };
    const response = json(200, body);
    if (cookieMode) {
      response.cookies.push(
        `DS=${session.jwt}; Path=/; Max-Age=${sessionTtl}; HttpOnly; SameSite=Lax`,
        `DSR=${refresh.jwt}; Path=/; Max-Age=${refreshTtl}; HttpOnly; SameSite=Lax`,
      );
    }
    return { response, body };
  };

  /** The signed-in user behind `Bearer P:R` (or the `DSR` cookie in cookie mode). */
  const authenticate = async (refreshJwt: string | undefined) => {
    if (!refreshJwt) throw new Failure('refreshMissing', 'This call needs Authorization: Bearer <ProjectId>:<RefreshJwt>');
    const claims = await issuer.verify(refreshJwt, 'DSR');
    const record = claims && refreshTokens.get(claims.jti);
    if (!claims || !record) throw new Failure('refreshInvalid', 'The refresh JWT is invalid or expired');
    if (record.state === 'loggedOut') throw new Failure('loggedOut', 'The refresh JWT was revoked by logout');
    if (record.state === 'rotated') throw new Failure('refreshInvalid', 'The refresh JWT was already rotated');
    const user = users.get(record.userId);
    if (!user) throw new Failure('refreshInvalid', 'The user of this refresh JWT no longer exists');
    return { user, jti: claims.jti };
  };

  const checkRedirect = (uri: string | undefined) => {
    const target = uri ?? defaultRedirectUrl;
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new Failure('validation', 'URI is not a valid absolute URL');
    }
    // A link is opened by a person: only web links (never javascript:, data:, file: …).
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Failure('validation', 'URI must be an http or https URL');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!approvedDomains.some((domain) => host === domain || host.endsWith(`.${domain}`))) {
      throw new Failure('validation', `URI host ${host} is not one of the project's approved domains`);
    }
    return target;
  };

  const limitRecipient = (recipient: string) => {
    const wait = limiter.message(recipient);
    if (wait) throw new Failure('rateLimited', 'Too many messages to this recipient', wait);
  };

  const newCode = () =>
    Array.from(crypto.getRandomValues(new Uint8Array(otpLength)), (b) => String(b % 10)).join('');

  /** Sends the link or code of `pending`, answering the masked destination. */
  const deliver = (kind: 'magicLink' | 'otp', pending: Pending, redirect?: string) => {
    limitRecipient(pending.destination);
    const { channel, destination, loginId, purpose } = pending;
    const base = { channel, to: destination, loginId, purpose, kind };
    if (kind === 'magicLink') {
      const token = randomId(32);
      const link = `${redirect}${redirect?.includes('?') ? '&' : '?'}t=${token}`;
      links.set(token, { ...pending, used: false, expiresAt: now() + magicLinkTtl * 1000 });
      outbox.push({ ...base, link, token, text: `Click to ${purpose === 'signUp' ? 'sign up' : purpose.startsWith('update') ? 'confirm' : 'sign in'}: ${link}` }, now());
    } else {
      const code = newCode();
      codes.set(loginId, { ...pending, code, method: channel, attempts: 0, expiresAt: now() + otpTtl * 1000 });
      const text = channel === 'voice' ? spokenCode(code) : `Your verification code is ${code}`;
      outbox.push({ ...base, code, text }, now());
    }
    return json(200, isPhoneChannel(channel) ? { maskedPhone: maskPhone(destination) } : { maskedEmail: maskEmail(destination) });
  };

  type Body = Record<string, unknown> & {
    loginId?: string;
    URI?: string;
    user?: Pending['user'];
    loginOptions?: { stepup?: boolean; mfa?: boolean; revokeOtherSessions?: boolean; customClaims?: Record<string, unknown> };
    email?: string;
    phone?: string;
    addToLoginIDs?: boolean;
    onMergeUseExisting?: boolean;
    code?: string;
    token?: string;
  };

  const send = async (kind: 'magicLink' | 'otp', mode: 'signUp' | 'signIn' | 'signUpOrIn', channel: Channel, body: Body, refreshJwt?: string) => {
    const loginId = String(body.loginId);
    let user = findUser(loginId);
    if (body.loginOptions?.stepup || body.loginOptions?.mfa) {
      const session = await authenticate(refreshJwt);
      if (!session.user.loginIds.includes(loginId)) throw new Failure('invalidArguments', 'Step-up must be for the signed-in user');
      user = session.user;
    }
    if (mode === 'signUp' && user) throw new Failure('userExists', 'A user with this login id already exists');
    if (mode === 'signIn' && !user) throw new Failure('userNotFound', 'No user with this login id');
    const purpose: MessagePurpose = user ? 'signIn' : 'signUp';
    const wantsPhone = isPhoneChannel(channel);
    const destination = user
      ? wantsPhone ? user.phone : user.email
      : wantsPhone ? (body.user?.phone ?? loginId) : (body.user?.email ?? loginId);
    if (!destination) throw new Failure('validation', `The user has no ${wantsPhone ? 'phone number' : 'email address'}`);
    if (wantsPhone ? !E164_PATTERN.test(destination) : !EMAIL_PATTERN.test(destination)) {
      throw new Failure('validation', `The login id is not ${wantsPhone ? 'an E.164 phone number' : 'an email address'}`);
    }
    const redirect = kind === 'magicLink' ? checkRedirect(body.URI) : undefined;
    return deliver(kind, {
      purpose,
      loginId,
      channel,
      destination,
      expiresAt: 0,
      ...(body.user ? { user: body.user } : {}),
      ...(body.loginOptions?.customClaims ? { customClaims: body.loginOptions.customClaims } : {}),
      ...(body.loginOptions?.revokeOtherSessions ? { revokeOtherSessions: true } : {}),
    }, redirect);
  };

  const update = async (kind: 'magicLink' | 'otp', field: 'email' | 'phone', channel: Channel, body: Body, refreshJwt?: string) => {
    const { user } = await authenticate(refreshJwt);
    const loginId = String(body.loginId);
    if (!user.loginIds.includes(loginId)) throw new Failure('invalidArguments', 'loginId is not a login id of the signed-in user');
    const redirect = kind === 'magicLink' ? checkRedirect(body.URI) : undefined;
    return deliver(kind, {
      purpose: field === 'email' ? 'updateEmail' : 'updatePhone',
      loginId,
      channel,
      destination: String(body[field]),
      expiresAt: 0,
      userId: user.userId,
      addToLoginIds: !!body.addToLoginIDs,
      onMergeUseExisting: !!body.onMergeUseExisting,
    }, redirect);
  };

  /** Completes a verified link or code: creates, signs in or updates the user, issues a session. */
  const complete = async (pending: Pending) => {
    const phone = isPhoneChannel(pending.channel);
    if (pending.purpose === 'updateEmail' || pending.purpose === 'updatePhone') {
      let user = pending.userId ? users.get(pending.userId) : undefined;
      if (!user) throw new Failure('refreshInvalid', 'The user of this update no longer exists');
      const value = pending.destination;
      if (pending.addToLoginIds && !user.loginIds.includes(value)) {
        const owner = findUser(value);
        if (owner && owner !== user) {
          if (!pending.onMergeUseExisting) throw new Failure('userExists', 'Another user already has this login id');
          // Merge into the existing user: it keeps its id and gains the signed-in user's login ids.
          owner.loginIds = [...new Set([...owner.loginIds, ...user.loginIds])];
          users.delete(user.userId);
          for (const record of refreshTokens.values()) if (record.userId === user.userId) record.state = 'loggedOut';
          user = owner;
        } else {
          user.loginIds.push(value);
        }
      }
      if (phone) Object.assign(user, { phone: value, verifiedPhone: true });
      else Object.assign(user, { email: value, verifiedEmail: true });
      return (await issueSession(user, false)).response;
    }
    let user = findUser(pending.loginId);
    const firstSeen = !user;
    if (!user) {
      user = {
        userId: `U${randomId(14)}`,
        loginIds: [pending.loginId],
        verifiedEmail: false,
        verifiedPhone: false,
        createdTime: nowSeconds(),
      };
      const details = pending.user ?? {};
      for (const key of ['name', 'givenName', 'familyName', 'email', 'phone'] as const) {
        if (details[key]) user[key] = details[key];
      }
      users.set(user.userId, user);
    }
    if (phone) Object.assign(user, { phone: pending.destination, verifiedPhone: true });
    else Object.assign(user, { email: pending.destination, verifiedEmail: true });
    if (pending.revokeOtherSessions) {
      for (const record of refreshTokens.values()) if (record.userId === user.userId) record.state = 'loggedOut';
    }
    return (await issueSession(user, firstSeen, pending.customClaims ?? {})).response;
  };

  const verifyLink = async (body: Body) => {
    const pending = links.get(String(body.token));
    if (!pending) throw new Failure('tokenUnknown', 'Unknown magic link token');
    if (pending.used) throw new Failure('tokenUsed', 'This magic link was already used');
    if (pending.expiresAt <= now()) throw new Failure('tokenExpired', 'This magic link expired');
    pending.used = true;
    return complete(pending);
  };

  const verifyCode = async (channel: Channel, body: Body) => {
    const loginId = String(body.loginId);
    const pending = codes.get(loginId);
    if (!pending || pending.method !== channel) throw new Failure('codeExpired', 'No code is pending for this login id and method');
    if (pending.expiresAt <= now()) {
      codes.delete(loginId);
      throw new Failure('codeExpired', 'The code expired');
    }
    if (pending.code !== body.code) {
      pending.attempts += 1;
      if (pending.attempts >= maxOtpAttempts) {
        codes.delete(loginId);
        throw new Failure('tooManyAttempts', 'Too many wrong codes: request a new one');
      }
      throw new Failure('wrongCode', 'Wrong code');
    }
    codes.delete(loginId);
    return complete(pending);
  };

  const api = async (name: EndpointName | 'keys', method: Channel | undefined, body: Body, refreshJwt?: string, pathProject?: string) => {
    const [family, operation] = name.split('.') as ['otp' | 'magicLink' | 'session', string];
    switch (operation) {
      case 'signUp':
      case 'signIn':
      case 'signUpOrIn':
        return send(family as 'otp' | 'magicLink', operation, method as Channel, body, refreshJwt);
      case 'updateEmail':
        return update(family as 'otp' | 'magicLink', 'email', 'email', body, refreshJwt);
      case 'updatePhone':
        return update(family as 'otp' | 'magicLink', 'phone', method as Channel, body, refreshJwt);
      case 'verify':
        return family === 'magicLink' ? verifyLink(body) : verifyCode(method as Channel, body);
      case 'refresh': {
        const { user, jti } = await authenticate(refreshJwt);
        const record = refreshTokens.get(jti);
        if (rotate && record) record.state = 'rotated';
        return (await issueSession(user, false)).response;
      }
      case 'me':
        return json(200, publicUser((await authenticate(refreshJwt)).user));
      case 'logout': {
        const { jti } = await authenticate(refreshJwt);
        const record = refreshTokens.get(jti);
        if (record) record.state = 'loggedOut';
        const response = json(200, {});
        if (cookieMode) response.cookies.push('DS=; Path=/; Max-Age=0; HttpOnly', 'DSR=; Path=/; Max-Age=0; HttpOnly');
        return response;
      }
      default:
        if (pathProject !== projectId) throw new Failure('notFound', 'Unknown project');
        return json(200, await issuer.jwks());
    }
  };

  const failure = (error: Failure): EmulatorResponse => {
    const errorCode = codeFor(error.situation);
    const known = errorCodes[errorCode as keyof typeof errorCodes] ?? errorCodes[errorSituations[error.situation]];
    return json(
      known.status,
      { errorCode, errorDescription: known.meaning, errorMessage: error.description },
      error.retryAfter === undefined ? {} : { 'Retry-After': String(error.retryAfter) },
    );
  };

  const parseBody = <T>(text: string | undefined, schema: z.ZodMiniType<T>): T => {
    let value: unknown = {};
    if (text?.trim()) {
      try {
        value = JSON.parse(text);
      } catch {
        throw new Failure('badRequest', 'The body is not valid JSON');
      }
    }
    const result = z.safeParse(schema, value);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new Failure('validation', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
    }
    return result.data;
  };

  const handleApi = async (request: EmulatorRequest, path: string): Promise<EmulatorResponse | undefined> => {
    const route = routes.find((candidate) => candidate.pattern.test(path));
    if (!route) return undefined;
    const { endpoint, name } = route;
    if (request.method.toUpperCase() !== endpoint.method) throw new Failure('notFound', `Use ${endpoint.method} for ${path}`);
    const wait = limiter.request(request.client ?? 'local');
    if (wait) throw new Failure('rateLimited', 'Too many requests from this client', wait);
    const captured = route.pattern.exec(path)?.[1];
    const method = endpoint.methods ? (captured as Channel) : undefined;
    if (endpoint.methods && !endpoint.methods.includes(method as Channel)) {
      throw new Failure('invalidArguments', `Delivery method ${captured} is not available here`);
    }
    let refreshJwt: string | undefined;
    if (endpoint.auth !== 'none') {
      const header = headerOf(request.headers, 'authorization') ?? '';
      const match = /^Bearer ([^:\s]+)(?::(\S+))?$/.exec(header.trim());
      if (!match) throw new Failure('badRequest', 'Authorization: Bearer <ProjectId> is required');
      if (match[1] !== projectId) throw new Failure('invalidArguments', 'Unknown project id');
      refreshJwt = match[2] ?? (cookieMode ? cookieOf(request.headers, 'DSR') : undefined);
    }
    const body = endpoint.method === 'POST' ? parseBody(request.body, endpoint.request) : {};
    return api(name, method, body as Body, refreshJwt, captured);
  };

  const handleEmulatorRoute = async (request: EmulatorRequest, path: string): Promise<EmulatorResponse | undefined> => {
    const method = request.method.toUpperCase();
    const route = `${method} ${path.replace(/\/+$/, '')}`;
    switch (route) {
      case 'GET /emulator':
        return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, cookies: [], body: outboxPage(projectId) };
      case 'GET /emulator/outbox':
        return json(200, { messages: outbox.list() });
      case 'DELETE /emulator/outbox':
        outbox.clear();
        return json(200, {});
      case 'GET /emulator/users':
        return json(200, { users: [...users.values()].map(publicUser) });
      case 'POST /emulator/users': {
        const seeds = parseBody(request.body, z.union([seedUserSchema, z.array(seedUserSchema)]));
        try {
          return json(200, { users: (Array.isArray(seeds) ? seeds : [seeds]).map((seed) => seedUser(seed)) });
        } catch (error) {
          throw new Failure('validation', (error as Error).message);
        }
      }
      case 'POST /emulator/sessions': {
        const { loginId } = parseBody(request.body, z.object({ loginId: z.string() }));
        const user = findUser(loginId);
        if (!user) throw new Failure('userNotFound', 'No user with this login id');
        return (await issueSession(user, false)).response;
      }
      case 'GET /emulator/faults':
        return json(200, { faults });
      case 'POST /emulator/faults': {
        const added = parseBody(request.body, z.union([faultSchema, z.array(faultSchema)]));
        for (const fault of Array.isArray(added) ? added : [added]) addFault(fault);
        return json(200, { faults });
      }
      case 'DELETE /emulator/faults':
        faults = [];
        return json(200, { faults });
      case 'POST /emulator/clock': {
        // At most ten years: an absurd jump would put the clock past what a Date can hold.
        const { advanceSeconds } = parseBody(request.body, z.object({ advanceSeconds: z.number().check(z.nonnegative(), z.lte(315_360_000)) }));
        clockOffsetMs += advanceSeconds * 1000;
        return json(200, { now: new Date(now()).toISOString() });
      }
      case 'POST /emulator/rate-limits':
        limiter.limits = { ...limiter.limits, ...parseBody(request.body, rateLimitsSchema) };
        return json(200, { rateLimits: limiter.limits });
      case 'POST /emulator/reset':
        reset();
        return json(200, {});
      default:
        return undefined;
    }
  };

  const addFault = (fault: Fault) => {
    faults.push({ ...fault, times: fault.times ?? 1 });
  };

  const takeFault = (path: string) => {
    const index = faults.findIndex((fault) => !fault.path || path.includes(fault.path));
    const fault = faults[index];
    if (!fault) return undefined;
    if (fault.times === 1) faults.splice(index, 1);
    else if (fault.times > 1) fault.times -= 1;
    return fault;
  };

  const reset = () => {
    users.clear();
    links.clear();
    codes.clear();
    refreshTokens.clear();
    outbox.clear();
    limiter.reset();
    limiter.limits = { ...defaultRateLimits, ...options.rateLimits };
    faults = [];
    clockOffsetMs = 0;
  };

  const handle = async (request: EmulatorRequest): Promise<EmulatorResponse> => {
    try {
      const path = new URL(request.url, 'http://emulator.invalid').pathname;
      if (path === '/emulator' || path.startsWith('/emulator/')) {
        return (await handleEmulatorRoute(request, path)) ?? failure(new Failure('notFound', `No emulator route ${path}`));
      }
      const fault = takeFault(path);
      if (fault?.latencyMs) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
      if (fault?.status !== undefined) {
        const body = fault.body ?? '';
        const contentType = fault.contentType ?? (body.trimStart().startsWith('<') ? 'text/html' : 'application/json');
        return { status: fault.status, headers: body ? { 'Content-Type': contentType } : {}, cookies: [], body };
      }
      return (await handleApi(request, path)) ?? failure(new Failure('notFound', `No endpoint ${path}`));
    } catch (error) {
      if (error instanceof Failure) return failure(error);
      // A bug in the emulator must still answer like a server would, never crash the host.
      return json(500, { errorCode: 'E011001', errorDescription: 'internal error', errorMessage: (error as Error)?.name ?? 'Error' });
    }
  };

  return {
    projectId,
    outbox,
    handle,
    seedUser,
    users: () => [...users.values()].map(publicUser),
    createSession: async (loginId) => {
      const user = findUser(loginId);
      if (!user) throw new Error(`No user with login id ${loginId}`);
      return (await issueSession(user, false)).body;
    },
    addFault,
    clearFaults: () => {
      faults = [];
    },
    advanceClock: (seconds) => {
      if (!(seconds >= 0 && seconds <= 315_360_000)) throw new RangeError('advanceClock takes 0 to 315360000 seconds');
      clockOffsetMs += seconds * 1000;
    },
    setRateLimits: (limits) => {
      limiter.limits = { ...limiter.limits, ...limits };
    },
    reset,
  };
}
