import { E164_PATTERN, EMAIL_PATTERN, type JwtResponse } from '../contract';
import { Failure, json } from './answers';
import type { Clock } from './clock';
import { maskEmail, maskPhone } from './mask';
import type { Channel, MessagePurpose, Outbox } from './outbox';
import type { RateLimiter } from './rate-limit';
import { publicUser, type EmulatorState, type Pending, type UserRecord } from './state';
import { randomId, type TokenIssuer } from './tokens';
import type { EmulatorResponse } from './types';

/*
 * The passwordless flows: send a link or a code, verify it, and what a verify completes (sign up,
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
  cookieMode: boolean;
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

const PHONE_CHANNELS: readonly Channel[] = ['sms', 'voice', 'whatsapp'];
const isPhoneChannel = (channel: Channel) => PHONE_CHANNELS.includes(channel);

/** The sentence a voice call reads: the code digit by digit, twice. */
export const spokenCode = (code: string): string => {
  const digits = code.split('').join(', ');
  return `Your verification code is: ${digits}. Again, your code is: ${digits}.`;
};

/** The flows over one emulator's state. */
export function createFlows({ settings, state, outbox, limiter, issuer, clock }: FlowContext) {
  const now = () => clock.now();

  const issueSession = async (user: UserRecord, firstSeen: boolean, extra: Record<string, unknown> = {}) => {
    const { sessionTtl, refreshTtl, cookieMode } = settings;
    const session = await issuer.sign('DS', user.userId, sessionTtl, extra);
    const refresh = await issuer.sign('DSR', user.userId, refreshTtl);
    state.refreshTokens.set(refresh.jti, { userId: user.userId, state: 'active' });
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
    const record = claims && state.refreshTokens.get(claims.jti);
    if (!claims || !record) throw new Failure('refreshInvalid', 'The refresh JWT is invalid or expired');
    if (record.state === 'loggedOut') throw new Failure('loggedOut', 'The refresh JWT was revoked by logout');
    if (record.state === 'rotated') throw new Failure('refreshInvalid', 'The refresh JWT was already rotated');
    const user = state.users.get(record.userId);
    if (!user) throw new Failure('refreshInvalid', 'The user of this refresh JWT no longer exists');
    return { user, jti: claims.jti };
  };

  const checkRedirect = (uri: string | undefined) => {
    const target = uri ?? settings.defaultRedirectUrl;
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new Failure('validation', 'URI is not a valid absolute URL');
    }
    // A link is opened by a person: only web links (never javascript:, data:, file: …).
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Failure('validation', 'URI must be an http or https URL');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!settings.approvedDomains.some((domain) => host === domain || host.endsWith(`.${domain}`))) {
      throw new Failure('validation', `URI host ${host} is not one of the project's approved domains`);
    }
    return target;
  };

  const limitRecipient = (recipient: string) => {
    const wait = limiter.message(recipient);
    if (wait) throw new Failure('rateLimited', 'Too many messages to this recipient', wait);
  };

  const newCode = () =>
    Array.from(crypto.getRandomValues(new Uint8Array(settings.otpLength)), (b) => String(b % 10)).join('');

  /** Sends the link or code of `pending`, answering the masked destination. */
  const deliver = (kind: 'magicLink' | 'otp', pending: Pending, redirect?: string) => {
    limitRecipient(pending.destination);
    const { channel, destination, loginId, purpose } = pending;
    const base = { channel, to: destination, loginId, purpose, kind };
    if (kind === 'magicLink') {
      const token = randomId(32);
      const link = `${redirect}${redirect?.includes('?') ? '&' : '?'}t=${token}`;
      state.links.set(token, { ...pending, used: false, expiresAt: now() + settings.magicLinkTtl * 1000 });
      outbox.push({ ...base, link, token, text: `Click to ${purpose === 'signUp' ? 'sign up' : purpose.startsWith('update') ? 'confirm' : 'sign in'}: ${link}` }, now());
    } else {
      const code = newCode();
      state.codes.set(loginId, { ...pending, code, method: channel, attempts: 0, expiresAt: now() + settings.otpTtl * 1000 });
      const text = channel === 'voice' ? spokenCode(code) : `Your verification code is ${code}`;
      outbox.push({ ...base, code, text }, now());
    }
    return json(200, isPhoneChannel(channel) ? { maskedPhone: maskPhone(destination) } : { maskedEmail: maskEmail(destination) });
  };

  /** Sign-up, sign-in or sign-up-or-in: sends a link or a code. */
  const send = async (kind: 'magicLink' | 'otp', mode: 'signUp' | 'signIn' | 'signUpOrIn', channel: Channel, body: Body, refreshJwt?: string) => {
    const loginId = String(body.loginId);
    let user = state.findUser(loginId);
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

  /** Update email or phone: sends a link or a code to the new address. */
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
      let user = pending.userId ? state.users.get(pending.userId) : undefined;
      if (!user) throw new Failure('refreshInvalid', 'The user of this update no longer exists');
      const value = pending.destination;
      if (pending.addToLoginIds && !user.loginIds.includes(value)) {
        const owner = state.findUser(value);
        if (owner && owner !== user) {
          if (!pending.onMergeUseExisting) throw new Failure('userExists', 'Another user already has this login id');
          // Merge into the existing user: it keeps its id and gains the signed-in user's login ids.
          state.merge(user, owner);
          user = owner;
        } else {
          user.loginIds.push(value);
        }
      }
      if (phone) Object.assign(user, { phone: value, verifiedPhone: true });
      else Object.assign(user, { email: value, verifiedEmail: true });
      return (await issueSession(user, false)).response;
    }
    let user = state.findUser(pending.loginId);
    const firstSeen = !user;
    if (!user) {
      user = {
        userId: `U${randomId(14)}`,
        loginIds: [pending.loginId],
        verifiedEmail: false,
        verifiedPhone: false,
        createdTime: clock.nowSeconds(),
      };
      const details = pending.user ?? {};
      for (const key of ['name', 'givenName', 'familyName', 'email', 'phone'] as const) {
        if (details[key]) user[key] = details[key];
      }
      state.addUser(user);
    }
    if (phone) Object.assign(user, { phone: pending.destination, verifiedPhone: true });
    else Object.assign(user, { email: pending.destination, verifiedEmail: true });
    if (pending.revokeOtherSessions) state.revokeSessions(user.userId);
    return (await issueSession(user, firstSeen, pending.customClaims ?? {})).response;
  };

  const verifyLink = async (body: Body) => {
    const pending = state.links.get(String(body.token));
    if (!pending) throw new Failure('tokenUnknown', 'Unknown magic link token');
    if (pending.used) throw new Failure('tokenUsed', 'This magic link was already used');
    if (pending.expiresAt <= now()) throw new Failure('tokenExpired', 'This magic link expired');
    pending.used = true;
    return complete(pending);
  };

  const verifyCode = async (channel: Channel, body: Body) => {
    const loginId = String(body.loginId);
    const pending = state.codes.get(loginId);
    if (!pending || pending.method !== channel) throw new Failure('codeExpired', 'No code is pending for this login id and method');
    if (pending.expiresAt <= now()) {
      state.codes.delete(loginId);
      throw new Failure('codeExpired', 'The code expired');
    }
    if (pending.code !== body.code) {
      pending.attempts += 1;
      if (pending.attempts >= settings.maxOtpAttempts) {
        state.codes.delete(loginId);
        throw new Failure('tooManyAttempts', 'Too many wrong codes: request a new one');
      }
      throw new Failure('wrongCode', 'Wrong code');
    }
    state.codes.delete(loginId);
    return complete(pending);
  };

  const refresh = async (refreshJwt: string | undefined) => {
    const { user, jti } = await authenticate(refreshJwt);
    const record = state.refreshTokens.get(jti);
    if (settings.rotate && record) record.state = 'rotated';
    return (await issueSession(user, false)).response;
  };

  const me = async (refreshJwt: string | undefined) => json(200, publicUser((await authenticate(refreshJwt)).user));

  const logout = async (refreshJwt: string | undefined): Promise<EmulatorResponse> => {
    const { jti } = await authenticate(refreshJwt);
    const record = state.refreshTokens.get(jti);
    if (record) record.state = 'loggedOut';
    const response = json(200, {});
    if (settings.cookieMode) response.cookies.push('DS=; Path=/; Max-Age=0; HttpOnly', 'DSR=; Path=/; Max-Age=0; HttpOnly');
    return response;
  };

  return { send, update, verifyLink, verifyCode, refresh, me, logout, issueSession };
}

/** The flows of one emulator. */
export type Flows = ReturnType<typeof createFlows>;
