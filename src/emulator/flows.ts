import { E164_PATTERN, EMAIL_PATTERN, type ErrorSituation, type JwtResponse } from '../contract';
import { Failure, json } from './answers';
import { CLIENT_CLAIMS, customClaimsProblem } from './claims';
import type { Clock } from './clock';
import { clearCookie, setCookie, type CookieSettings } from './cookies';
import { maskEmail, maskPhone } from './mask';
import type { Channel, MessagePurpose, Outbox } from './outbox';
import type { RateLimiter } from './rate-limit';
import { chooseRedirect, linkWithToken } from './redirect';
import { loginKey, pruneOldest, publicUser, type EmulatorState, type Pending, type UserRecord } from './state';
import { randomDigits, randomId, type TokenIssuer } from './tokens';
import type { EmulatorResponse } from './types';

/*
 * The passwordless flows: send a link (magic or enchanted) or a code, verify it, and what a verify completes (sign up,
 * sign in, update a contact), plus sessions (issue, authenticate, refresh, logout).
 */

/** The options of `createEmulator` with their defaults applied. */
export interface Settings {
  projectId: string;
  approvedDomains: string[];
  defaultRedirectUrl: string;
  magicLinkTtl: number;
  otpTtl: number;
  otpLength: number;
  maxOtpAttempts: number;
  sessionTtl: number;
  refreshTtl: number;
  rotate: boolean;
  /** Where each token travels, and the cookies' names and attributes. */
  cookies: CookieSettings;
}

/** What the flows work with. */
export interface FlowContext {
  settings: Settings;
  state: EmulatorState;
  outbox: Outbox;
  limiter: RateLimiter;
  issuer: TokenIssuer;
  clock: Clock;
}

/** A request body as the routes hand it over, already checked against the contract's schema. */
export type Body = Record<string, unknown> & {
  loginId?: string;
  /** The redirect of a magic link, as core-js, go and python send it (python may send null). */
  URI?: string | null;
  /** The redirect of a magic link, as the API reference and the Swift SDK name it. */
  redirectUrl?: string | null;
  user?: Pending['user'];
  loginOptions?: { stepup?: boolean; mfa?: boolean; revokeOtherSessions?: boolean; customClaims?: Record<string, unknown> };
  email?: string;
  phone?: string;
  addToLoginIDs?: boolean;
  onMergeUseExisting?: boolean;
  failOnConflict?: boolean;
  code?: string;
  token?: string;
  pendingRef?: string;
};

const PHONE_CHANNELS: readonly Channel[] = ['sms', 'voice', 'whatsapp'];
const isPhoneChannel = (channel: Channel) => PHONE_CHANNELS.includes(channel);

/**
 * The `amr` factor a verified link or code proves, in Descope's names (go-sdk descope/types.go
 * `AuthFactor`: `email`, `sms` …; the docs add `whatsapp`). A voice call proves the phone as an
 * SMS does: Descope names no voice factor.
 */
const FACTORS: Record<Channel, string> = { email: 'email', sms: 'sms', voice: 'sms', whatsapp: 'whatsapp' };

/** The factors of `prior` plus `factor`, and `mfa` once two distinct factors are proved. */
export const amrWith = (prior: readonly string[] | undefined, factor: string): string[] => {
  const factors = [...new Set([...(prior ?? []).filter((item) => item !== 'mfa'), factor])];
  return factors.length >= 2 ? [...factors, 'mfa'] : factors;
};

/** What a new session carries over: the client's custom claims and the proved factors. */
interface SessionGrant {
  amr: string[];
  customClaims?: Record<string, unknown> | undefined;
}

/** The sentence a voice call reads: the code digit by digit, twice. */
export const spokenCode = (code: string): string => {
  const digits = code.split('').join(', ');
  return `Your verification code is: ${digits}. Again, your code is: ${digits}.`;
};

/** A link-sending family: a magic link, or an enchanted link (by email only). */
type LinkKind = 'magicLink' | 'enchantedLink';
/** Every family that sends something. */
type SendKind = LinkKind | 'otp';

/** How many links an enchanted-link email holds (docs.descope.com/api/enchantedlink: "3 different links"). */
export const ENCHANTED_LINK_COUNT = 3;

/**
 * `count` distinct two-digit numbers (10 to 99), as strings, uniformly random: Descope's
 * enchanted link shows "the 2-digit number displayed" (docs.descope.com/api/enchantedlink).
 */
export const twoDigitNumbers = (count: number): string[] => {
  const numbers = new Set<string>();
  while (numbers.size < count) {
    const candidate = randomDigits(2);
    if (candidate[0] !== '0') numbers.add(candidate);
  }
  return [...numbers];
};

/** The flows over one emulator's state. */
export function createFlows({ settings, state, outbox, limiter, issuer, clock }: FlowContext) {
  const now = () => clock.now();

  /**
   * Signs a session for `user` and answers Descope's JWT response (descope/descope-js
   * packages/sdks/core-js-sdk/src/sdk/types.ts `JWTResponse`; docs.descope.com/api/session):
   * - `sessionExpiration` and `cookieExpiration` are the session and the refresh JWT's `exp`;
   * - `claims` is the session JWT's payload, sent in every delivery mode (with the session in a
   *   cookie there is no JWT to decode; web-js-sdk feeds it to `onClaimsChange`);
   * - `cookieName` names the refresh cookie: web-js-sdk stores it (DSRCN) and sends it back as
   *   `x-descope-refresh-cookie-name`;
   * - a token delivered as a cookie is `""` in the body (Descope's zero value) and goes out as an
   *   HttpOnly `Set-Cookie`;
   * - `user` and `firstSeen` on verify and refresh, not on try-refresh (its documented answer has
   *   neither).
   * A client's custom claims go under `nsec` in both JWTs: Descope keeps them in the refresh JWT,
   * so a refreshed session still has them.
   */
  const issueSession = async (user: UserRecord, firstSeen: boolean, grant: SessionGrant, withUser = true) => {
    const { sessionTtl, refreshTtl, cookies } = settings;
    const { amr, customClaims } = grant;
    const extra = customClaims && Object.keys(customClaims).length ? { [CLIENT_CLAIMS]: customClaims } : {};
    const session = await issuer.sign('DS', user.userId, sessionTtl, amr, extra);
    const refresh = await issuer.sign('DSR', user.userId, refreshTtl, amr, extra);
    state.addRefresh(
      refresh.jti,
      { userId: user.userId, state: 'active', expiresAt: refresh.exp * 1000, amr, ...(customClaims ? { customClaims } : {}) },
      now(),
    );
    const sessionInCookie = cookies.session === 'cookie';
    const refreshInCookie = cookies.refresh === 'cookie';
    const body: JwtResponse = {
      sessionJwt: sessionInCookie ? '' : session.jwt,
      refreshJwt: refreshInCookie ? '' : refresh.jwt,
      sessionExpiration: session.exp,
      claims: session.payload,
      cookieDomain: cookies.domain ?? '',
      cookiePath: cookies.path,
      cookieMaxAge: refreshTtl,
      cookieExpiration: refresh.exp,
      cookieName: cookies.refreshName,
      ...(sessionInCookie ? { sessionCookieName: cookies.sessionName, sessionCookieDomain: cookies.domain ?? '' } : {}),
      ...(withUser ? { user: publicUser(user), firstSeen } : {}),
    };
    const response = json(200, body);
    if (sessionInCookie) response.cookies.push(setCookie(cookies.sessionName, session.jwt, cookies, refreshTtl, refresh.exp));
    if (refreshInCookie) response.cookies.push(setCookie(cookies.refreshName, refresh.jwt, cookies, refreshTtl, refresh.exp));
    return { response, body };
  };

  /** The signed-in user behind the refresh JWT (`Bearer P:R`, or the refresh cookie). */
  const authenticate = async (refreshJwt: string | undefined) => {
    if (!refreshJwt) throw new Failure('refreshMissing', "This call needs the refresh JWT: Authorization: Bearer <ProjectId>:<RefreshJwt>, or the refresh cookie");
    const claims = await issuer.verify(refreshJwt, 'DSR');
    const record = claims && state.refreshTokens.get(claims.jti);
    // A rotated refresh JWT's record is gone: it answers like any JWT the emulator does not know.
    if (!claims || !record) throw new Failure('refreshInvalid', 'The refresh JWT is invalid, expired or already rotated');
    if (record.state === 'loggedOut') throw new Failure('loggedOut', 'The refresh JWT was revoked by logout');
    const user = state.user(record.userId);
    if (!user) throw new Failure('refreshInvalid', 'The user of this refresh JWT no longer exists');
    return { user, jti: claims.jti, record };
  };

  const limitRecipient = (recipient: string) => {
    const wait = limiter.message(loginKey(recipient));
    if (wait) throw new Failure('rateLimited', 'Too many messages to this recipient', wait);
  };

  /** Forgets links and codes that can no longer answer anything but "unknown". */
  const prune = () => {
    const at = now();
    // A spent or expired link is kept one more lifetime, so that it answers "already used" or
    // "expired" (not "unknown") to someone who opens it late.
    const linkGrace = settings.magicLinkTtl * 1000;
    pruneOldest(state.links, (link) => link.expiresAt + linkGrace <= at);
    // An expired code and a missing one answer the same.
    pruneOldest(state.codes, (code) => code.expiresAt <= at);
    // Enchanted-link attempts and their links: kept one more lifetime, as magic links are.
    pruneOldest(state.attempts, (attempt) => attempt.expiresAt + linkGrace <= at);
    pruneOldest(state.enchantedTokens, (link) => link.expiresAt + linkGrace <= at);
  };

  /** Sends the link or code of `pending`, answering the masked destination. */
  const deliver = (kind: SendKind, pending: Pending, redirect?: string) => {
    limitRecipient(pending.destination);
    prune();
    const { channel, destination, loginId, purpose } = pending;
    const base = { channel, to: destination, loginId, purpose, kind };
    const verb = purpose === 'signUp' ? 'sign up' : purpose.startsWith('update') ? 'confirm' : 'sign in';
    if (kind === 'enchantedLink') {
      // Three links, each showing a number; the first number drawn is the right one, and the
      // email lists them by number, so the right one's place is random and the email does not
      // tell it apart. Opening any link ends the attempt: see verifyEnchanted.
      const pendingRef = randomId(32);
      const expiresAt = now() + settings.magicLinkTtl * 1000;
      const numbers = twoDigitNumbers(ENCHANTED_LINK_COUNT);
      const linkId = numbers[0] ?? '';
      const links = numbers.sort().map((number) => {
        const token = randomId(32);
        state.enchantedTokens.set(token, { pendingRef, right: number === linkId, expiresAt });
        return { number, url: linkWithToken(redirect ?? settings.defaultRedirectUrl, token), token };
      });
      state.attempts.set(pendingRef, { status: 'pending', pending: { ...pending, expiresAt }, expiresAt });
      const choices = links.map((link) => `${link.number}: ${link.url}`).join('\n');
      outbox.push({ ...base, links, text: `To ${verb}, open the link showing the number on your screen:\n${choices}` }, now());
      return json(200, { linkId, pendingRef, maskedEmail: maskEmail(destination) });
    }
    if (kind === 'magicLink') {
      const token = randomId(32);
      const link = linkWithToken(redirect ?? settings.defaultRedirectUrl, token);
      state.links.set(token, { ...pending, used: false, expiresAt: now() + settings.magicLinkTtl * 1000 });
      outbox.push({ ...base, link, token, text: `Click to ${verb}: ${link}` }, now());
    } else {
      const code = randomDigits(settings.otpLength);
      const key = loginKey(loginId);
      // Delete first, so the map stays in expiry order (a set on an existing key keeps its place).
      state.codes.delete(key);
      state.codes.set(key, { ...pending, code, method: channel, attempts: 0, expiresAt: now() + settings.otpTtl * 1000 });
      const text = channel === 'voice' ? spokenCode(code) : `Your verification code is ${code}`;
      outbox.push({ ...base, code, text }, now());
    }
    return json(200, isPhoneChannel(channel) ? { maskedPhone: maskPhone(destination) } : { maskedEmail: maskEmail(destination) });
  };

  /** Sign-up, sign-in or sign-up-or-in: sends a link or a code. */
  const send = async (kind: SendKind, mode: 'signUp' | 'signIn' | 'signUpOrIn', channel: Channel, body: Body, refreshJwt?: string) => {
    const loginId = String(body.loginId);
    // Checked first: a refused claim spends nothing (no message, no link, no count).
    const customClaims = body.loginOptions?.customClaims;
    const claimsProblem = customClaims && customClaimsProblem(customClaims);
    if (claimsProblem) throw new Failure('validation', claimsProblem);
    let user = state.findUser(loginId);
    let priorAmr: string[] | undefined;
    if (body.loginOptions?.stepup || body.loginOptions?.mfa) {
      const session = await authenticate(refreshJwt);
      if (!state.hasLoginId(session.user, loginId)) throw new Failure('invalidArguments', 'Step-up must be for the signed-in user');
      user = session.user;
      priorAmr = session.record.amr;
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
    const redirect = kind !== 'otp' ? chooseRedirect(body, settings.defaultRedirectUrl, settings.approvedDomains) : undefined;
    return deliver(kind, {
      purpose,
      loginId,
      channel,
      destination,
      expiresAt: 0,
      ...(body.user ? { user: body.user } : {}),
      ...(customClaims ? { customClaims } : {}),
      ...(body.loginOptions?.revokeOtherSessions ? { revokeOtherSessions: true } : {}),
      ...(priorAmr ? { priorAmr } : {}),
    }, redirect);
  };

  /** The user other than `user` whose login id `value` is, if any. */
  const otherOwner = (user: UserRecord, value: string) => {
    const owner = state.findUser(value);
    return owner && owner !== user ? owner : undefined;
  };

  const refuseConflict = () => {
    throw new Failure('loginIdTaken', 'Another user already has this login id (failOnConflict)');
  };

  /** Update email or phone: sends a link or a code to the new address. */
  const update = async (kind: SendKind, field: 'email' | 'phone', channel: Channel, body: Body, refreshJwt?: string) => {
    const { user, record } = await authenticate(refreshJwt);
    const loginId = String(body.loginId);
    if (!state.hasLoginId(user, loginId)) throw new Failure('invalidArguments', 'loginId is not a login id of the signed-in user');
    const destination = String(body[field]);
    // Refused before anything is sent; checked again on verify (another user may take it meanwhile).
    if (body.failOnConflict && otherOwner(user, destination)) refuseConflict();
    const redirect = kind !== 'otp' ? chooseRedirect(body, settings.defaultRedirectUrl, settings.approvedDomains) : undefined;
    return deliver(kind, {
      purpose: field === 'email' ? 'updateEmail' : 'updatePhone',
      loginId,
      channel,
      destination,
      expiresAt: 0,
      userId: user.userId,
      addToLoginIds: !!body.addToLoginIDs,
      onMergeUseExisting: !!body.onMergeUseExisting,
      failOnConflict: !!body.failOnConflict,
      priorAmr: record.amr,
    }, redirect);
  };

  /**
   * Completes a verified update, as Descope documents `UpdateOptions` (descope-swift
   * src/types/Others.swift, the Flutter SDK's `UpdateOptions`):
   * - the new address becomes the user's email or phone; with `addToLoginIDs` it is also added
   *   to the login ids (the old ones stay);
   * - when another user has that address as a login id, the two are merged: by default the
   *   updated user is kept (same userId, the other user's login ids added, the other user
   *   deleted); with `onMergeUseExisting` the updated user is merged into the other one instead,
   *   its refresh JWT stops working and the session answered is the other user's;
   * - `failOnConflict` (update email; Descope's newest API reference, and its management API
   *   "fail the update if the new email is also the login ID of another user") refuses instead,
   *   changing nothing.
   */
  const completeUpdate = async (pending: Pending) => {
    let user = pending.userId ? state.user(pending.userId) : undefined;
    if (!user) throw new Failure('refreshInvalid', 'The user of this update no longer exists');
    const value = pending.destination;
    const owner = otherOwner(user, value);
    if (owner && pending.failOnConflict) refuseConflict();
    if (pending.addToLoginIds) {
      if (owner && pending.onMergeUseExisting) {
        state.merge(user, owner);
        user = owner;
      } else if (owner) {
        state.merge(owner, user);
      }
      state.addLoginId(user, value);
    }
    if (isPhoneChannel(pending.channel)) Object.assign(user, { phone: value, verifiedPhone: true });
    else Object.assign(user, { email: value, verifiedEmail: true });
    // Confirming a new address proves that address, not who signs in: the session keeps the
    // factors of the session that asked for the update (an emulator choice; Descope does not say).
    return (await issueSession(user, false, { amr: pending.priorAmr ?? [] })).response;
  };

  /** Completes a verified link or code: creates, signs in or updates the user, issues a session. */
  const complete = async (pending: Pending) => {
    if (pending.purpose === 'updateEmail' || pending.purpose === 'updatePhone') return completeUpdate(pending);
    const phone = isPhoneChannel(pending.channel);
    let user = state.findUser(pending.loginId);
    const firstSeen = !user;
    if (!user) {
      const details = pending.user ?? {};
      user = state.createUser([pending.loginId], {
        verifiedEmail: false,
        verifiedPhone: false,
        ...(details.name ? { name: details.name } : {}),
        ...(details.givenName ? { givenName: details.givenName } : {}),
        ...(details.middleName ? { middleName: details.middleName } : {}),
        ...(details.familyName ? { familyName: details.familyName } : {}),
        ...(details.email ? { email: details.email } : {}),
        ...(details.phone ? { phone: details.phone } : {}),
      });
    }
    if (phone) Object.assign(user, { phone: pending.destination, verifiedPhone: true });
    else Object.assign(user, { email: pending.destination, verifiedEmail: true });
    if (pending.revokeOtherSessions) state.revokeSessions(user.userId);
    const grant = { amr: amrWith(pending.priorAmr, FACTORS[pending.channel]), customClaims: pending.customClaims };
    return (await issueSession(user, firstSeen, grant)).response;
  };

  const verifyLink = async (body: Body) => {
    const token = String(body.token);
    const link = state.links.get(token);
    if (!link) throw new Failure('tokenUnknown', 'Unknown magic link token');
    if (link.used) throw new Failure('tokenUsed', 'This magic link was already used');
    if (link.expiresAt <= now()) throw new Failure('tokenExpired', 'This magic link expired');
    // Spent before anything is awaited, so that of many concurrent verifies exactly one wins;
    // only a tombstone stays (same key, so the map keeps its expiry order).
    state.links.set(token, { used: true, expiresAt: link.expiresAt });
    return complete(link);
  };

  /**
   * Opens a link of an enchanted-link email (`/v1/auth/enchantedlink/verify`). Any link ends the
   * attempt: the right one (showing `linkId`) completes it, answering `{}` here ("a 200 status
   * with an empty body", docs.descope.com/api/enchantedlink; core-js parses every answer as JSON)
   * and the session to pending-session; a wrong one answers `linkWrong`, and pending-session too.
   * The session is issued here and kept for the poll, with the cookies of the project's delivery
   * settings: they go to the waiting screen's browser, not to the one that opened the link.
   */
  const verifyEnchanted = async (body: Body) => {
    const token = String(body.token);
    const link = state.enchantedTokens.get(token);
    const attempt = link && state.attempts.get(link.pendingRef);
    if (!link || !attempt) throw new Failure('tokenUnknown', 'Unknown enchanted link token');
    if (attempt.status !== 'pending') throw new Failure('tokenUsed', 'This enchanted link attempt already ended');
    if (attempt.expiresAt <= now()) throw new Failure('tokenExpired', 'This enchanted link expired');
    const { expiresAt } = attempt;
    const fail = (situation: ErrorSituation) => state.attempts.set(link.pendingRef, { status: 'failed', situation, expiresAt });
    if (!link.right) {
      fail('linkWrong');
      throw new Failure('linkWrong', 'This is not the link showing the number of the sign-in screen: the attempt ended');
    }
    // Ended before anything is awaited, so that of concurrent verifies exactly one completes.
    state.attempts.set(link.pendingRef, { status: 'verifying', expiresAt });
    try {
      const session = await complete(attempt.pending);
      state.attempts.set(link.pendingRef, { status: 'verified', session, expiresAt });
    } catch (error) {
      // What refused the completion (another user took the address …) is what the poll answers.
      fail(error instanceof Failure ? error.situation : 'badRequest');
      throw error;
    }
    return json(200, {});
  };

  /**
   * The waiting screen's poll (`/v1/auth/enchantedlink/pending-session`): HTTP 401 `E062503`
   * while no link was opened (descope/go-sdk descope/errors.go ErrEnchantedLinkUnauthorized), the
   * JWT response once the right one was (once only), and the attempt's end otherwise.
   */
  const pendingSession = (body: Body): EmulatorResponse => {
    const pendingRef = String(body.pendingRef);
    const attempt = state.attempts.get(pendingRef);
    if (!attempt) throw new Failure('pendingUnknown', 'Unknown pendingRef');
    const { status, expiresAt } = attempt;
    if (status === 'collected') throw new Failure('pendingUsed', 'The session of this enchanted link was already answered');
    if (status === 'failed') throw new Failure(attempt.situation, 'This enchanted link attempt failed');
    if (expiresAt <= now()) throw new Failure('pendingExpired', 'This enchanted link attempt expired');
    if (status !== 'verified') throw new Failure('linkPending', 'The enchanted link was not opened yet');
    state.attempts.set(pendingRef, { status: 'collected', expiresAt });
    return attempt.session;
  };

  const verifyCode = async (channel: Channel, body: Body) => {
    const key = loginKey(String(body.loginId));
    const pending = state.codes.get(key);
    if (!pending || pending.method !== channel) throw new Failure('codeExpired', 'No code is pending for this login id and method');
    if (pending.expiresAt <= now()) {
      state.codes.delete(key);
      throw new Failure('codeExpired', 'The code expired');
    }
    if (pending.code !== body.code) {
      pending.attempts += 1;
      if (pending.attempts >= settings.maxOtpAttempts) {
        state.codes.delete(key);
        throw new Failure('tooManyAttempts', 'Too many wrong codes: request a new one');
      }
      throw new Failure('wrongCode', 'Wrong code');
    }
    state.codes.delete(key);
    return complete(pending);
  };

  /** Refresh: a new session for the refresh JWT's user; with rotation, the refresh JWT is spent. */
  const renew = async (refreshJwt: string | undefined, withUser: boolean) => {
    const { user, jti, record } = await authenticate(refreshJwt);
    if (settings.rotate) {
      // Checked again after the signature check's await: of concurrent refreshes with one
      // refresh JWT (two tabs), exactly one rotates it; the others answer "invalid", as a
      // server that rotates atomically does.
      if (!state.refreshTokens.has(jti)) throw new Failure('refreshInvalid', 'The refresh JWT was already rotated');
      state.dropRefresh(jti);
    }
    return (await issueSession(user, false, { amr: record.amr, customClaims: record.customClaims }, withUser)).response;
  };

  const refresh = (refreshJwt: string | undefined) => renew(refreshJwt, true);

  /**
   * Try-refresh: refresh when there is a session to refresh, else 200 `{}` and no cookie
   * ("will not fail if token is missing, invalid or expired": descope/descope-js
   * packages/sdks/core-js-sdk/src/sdk/index.ts `refresh`; docs.descope.com/api/session/try-refresh-session).
   * A rotated or logged-out refresh JWT is a refresh-token problem like any other.
   */
  const tryRefresh = async (refreshJwt: string | undefined): Promise<EmulatorResponse> => {
    try {
      return await renew(refreshJwt, false);
    } catch (error) {
      if (error instanceof Failure && (error.situation === 'refreshMissing' || error.situation === 'refreshInvalid' || error.situation === 'loggedOut')) {
        return json(200, {});
      }
      throw error;
    }
  };

  const me = async (refreshJwt: string | undefined) => json(200, publicUser((await authenticate(refreshJwt)).user));

  /**
   * Logout revokes the refresh JWT and answers a JSON body "with all user tokens and fields
   * empty, so the executing client will remove cookies as well" (docs.descope.com/api/session/sign-out):
   * core-js parses every answer as JSON, so an empty body would make `sdk.logout()` reject. Every
   * token delivered as a cookie is deleted (same Path and Domain as when it was set).
   */
  const logout = async (refreshJwt: string | undefined): Promise<EmulatorResponse> => {
    const { record } = await authenticate(refreshJwt);
    record.state = 'loggedOut';
    const { cookies } = settings;
    const response = json(200, {
      sessionJwt: '',
      refreshJwt: '',
      cookieDomain: cookies.domain ?? '',
      cookiePath: cookies.path,
      cookieMaxAge: 0,
      cookieExpiration: 0,
      sessionExpiration: 0,
      claims: {},
      firstSeen: false,
    });
    if (cookies.session === 'cookie') response.cookies.push(clearCookie(cookies.sessionName, cookies));
    if (cookies.refresh === 'cookie') response.cookies.push(clearCookie(cookies.refreshName, cookies));
    return response;
  };

  return { send, update, verifyLink, verifyEnchanted, pendingSession, verifyCode, refresh, tryRefresh, me, logout, issueSession };
}

/** The flows of one emulator. */
export type Flows = ReturnType<typeof createFlows>;
