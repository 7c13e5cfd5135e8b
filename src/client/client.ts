import type * as z from 'zod/mini';
import {
  enchantedLinkPendingSession as enchantedLinkPendingSessionEndpoint,
  enchantedLinkSignIn as enchantedLinkSignInEndpoint,
  enchantedLinkSignUp as enchantedLinkSignUpEndpoint,
  enchantedLinkSignUpOrIn as enchantedLinkSignUpOrInEndpoint,
  enchantedLinkUpdateEmail as enchantedLinkUpdateEmailEndpoint,
  enchantedLinkVerify as enchantedLinkVerifyEndpoint,
  magicLinkSignIn as magicLinkSignInEndpoint,
  magicLinkSignUp as magicLinkSignUpEndpoint,
  magicLinkSignUpOrIn as magicLinkSignUpOrInEndpoint,
  magicLinkUpdateEmail as magicLinkUpdateEmailEndpoint,
  magicLinkUpdatePhone as magicLinkUpdatePhoneEndpoint,
  magicLinkVerify as magicLinkVerifyEndpoint,
  otpSignIn as otpSignInEndpoint,
  otpSignUp as otpSignUpEndpoint,
  otpSignUpOrIn as otpSignUpOrInEndpoint,
  otpUpdateEmail as otpUpdateEmailEndpoint,
  otpUpdatePhone as otpUpdatePhoneEndpoint,
  otpVerify as otpVerifyEndpoint,
  sessionLogout as sessionLogoutEndpoint,
  sessionMe as sessionMeEndpoint,
  sessionRefresh as sessionRefreshEndpoint,
  sessionTryRefresh as sessionTryRefreshEndpoint,
  type EnchantedLinkResponse,
  type Endpoint,
  type JwtResponse,
  type LoginOptions,
  type MagicLinkMethod,
  type MagicLinkPhoneMethod,
  type MaskedResponse,
  type OtpMethod,
  type OtpPhoneMethod,
  type SignUpUser,
  type TryRefreshResponse,
  type User,
} from '../contract';
import { ApiError } from './errors';
import { call, checkDestination, checkEmail, checkLoginId, checkPhone, checkRedirect, checkUser, type Check, type Transport } from './request';

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** The Descope project id (required). */
  projectId: string;
  /**
   * The API's base URL: a custom domain, or the local emulator. Default: derived from the
   * project id (`Puse1…` of 32+ characters → `https://api.use1.descope.com`), else
   * `https://api.descope.com`.
   */
  baseUrl?: string | undefined;
  /** The fetch implementation. Default: the global `fetch`, looked up at call time. */
  fetch?: typeof fetch;
  /**
   * Milliseconds one call may take, retries and their waits included, before a `TimeoutError`.
   * Default: 30000.
   */
  timeoutMs?: number;
  /** Extra headers sent with every call (Authorization and Content-Type are set by passlink). Default: none. */
  headers?: Record<string, string>;
  /**
   * Fetch `credentials` mode. Default: `'include'`, as the official JS SDK sends, so a project
   * that returns tokens as cookies works.
   */
  credentials?: RequestCredentials;
  /**
   * Delays before each retry of a gateway failure (503, 521, 522, 530; and 520, 524 for GET only):
   * one retry per entry. A `Retry-After` on the answer replaces the entry's delay, and a retry
   * whose wait would outlast `timeoutMs` is not made (the call fails with the answer's error).
   * Default: `[100, 5000, 5000]` (the official SDKs'). `[]` turns retries off.
   */
  retryDelaysMs?: readonly number[];
  /**
   * The project returns tokens as HttpOnly cookies (Descope's cookie token response): calls that
   * need the refresh JWT may leave it out, and the browser sends the refresh cookie instead
   * (with `credentials: 'include'`). Default: false.
   */
  sessionCookies?: boolean;
}

/** Options every call takes. */
export interface CallOptions {
  /** Cancels the call; the promise then rejects with the signal's reason. Default: none. */
  signal?: AbortSignal;
}

/** Arguments shared by sign-up, sign-in and sign-up-or-in. */
export interface SendArgs<TMethod extends string> extends CallOptions {
  /** The delivery method. */
  method: TMethod;
  /**
   * The user's login id: an email address (sent trimmed and lower-cased; it must be a good one),
   * a phone number starting with `+` (sent without spaces, dashes, dots or parentheses; it must
   * be E.164), or a username (sent trimmed). A sign-up with no address in `user` for the channel
   * sends to the login id, which must then be an address for that channel; a sign-in or
   * sign-up-or-in may reach an existing user, whose address the server looks up.
   */
  loginId: string;
  /** Login options (step-up, MFA, custom claims, template …). Default: none. */
  loginOptions?: LoginOptions;
  /**
   * The user's details on sign-up. `email` and `phone`, when given, must be good and are sent
   * normalised; a new user's message goes to the one of the channel. Default: none.
   */
  user?: SignUpUser;
  /** The message provider id. Default: the project's. */
  providerId?: string;
  /** SSO application id (sign-in only). Default: none. */
  ssoAppId?: string;
  /** Required with `loginOptions.stepup` or `loginOptions.mfa`; otherwise ignored. Default: none. */
  refreshJwt?: string;
}

/** Arguments of a magic-link send: {@link SendArgs} plus the redirect. */
export interface MagicLinkSendArgs extends SendArgs<MagicLinkMethod> {
  /**
   * Where the link leads; the token is appended as `t`. Its host must be one of the project's
   * Approved Domains. It must not carry a `t` parameter itself (query or fragment): a second
   * token is how a link signs its recipient in to someone else's account (an `InputError`).
   * Sent as `URI`. Default: the project's configured redirect URL.
   */
  redirectUrl?: string | undefined;
}

/**
 * Arguments of an enchanted-link send: those of a magic-link send, without `method` (an enchanted
 * link goes by email only). A sign-up with no `user.email` sends to the login id, which must then
 * be a good email address; `redirectUrl` is where the links lead (the page that verifies the
 * token), with the same rules as a magic link's.
 */
export type EnchantedLinkSendArgs = Omit<MagicLinkSendArgs, 'method'>;

/** Arguments of enchanted-link verify. */
export interface EnchantedLinkVerifyArgs extends CallOptions {
  /** The token from the opened link's `t` parameter. */
  token: string;
}

/** Arguments of the enchanted-link session poll. */
export interface PendingSessionArgs extends CallOptions {
  /** The `pendingRef` of the send's answer. */
  pendingRef: string;
}

/** Options of the update calls; sent at the top level of the body. */
export interface UpdateOptions extends CallOptions {
  /** The signed-in user's login id. */
  loginId: string;
  /** The signed-in user's refresh JWT (required). */
  refreshJwt: string;
  /** Add the new address as another login id. Sent as `addToLoginIDs`. Default: false. */
  addToLoginIds?: boolean;
  /**
   * With `addToLoginIds`, when another user already has the address as a login id, Descope
   * merges the two users: it keeps this one (false) or keeps the other one (true). Default: false.
   */
  onMergeUseExisting?: boolean;
  /**
   * With `addToLoginIds`: refuse (an `ApiError`, code `E062107`) and change nothing when another
   * user already has the address as a login id, instead of merging. Default: false (the API's).
   */
  failOnConflict?: boolean;
  /** Message template id. Default: the project's. */
  templateId?: string;
  /** Values for the message template. Default: none. */
  templateOptions?: Record<string, string>;
  /** The message provider id. Default: the project's. */
  providerId?: string;
  /** Message locale. Default: the project's. */
  locale?: string;
  /** Mark the update as a multi-factor step. Default: false. */
  mfa?: boolean;
}

/** Arguments of a magic-link update: {@link UpdateOptions} plus the redirect. */
export interface MagicLinkUpdateOptions extends UpdateOptions {
  /**
   * Where the link leads; it must not carry a `t` parameter (see `MagicLinkSendArgs.redirectUrl`).
   * Sent as `URI`. Default: the project's configured redirect URL.
   */
  redirectUrl?: string | undefined;
}

/** Arguments of the session calls. */
export interface RefreshArgs extends CallOptions {
  /**
   * The refresh JWT (required): `''` with a client created with `sessionCookies`, whose browser
   * sends the refresh cookie instead.
   */
  refreshJwt: string;
}

/** Arguments of try-refresh. */
export interface TryRefreshArgs extends CallOptions {
  /**
   * The refresh JWT, when the app holds it. Default: none: only `Bearer <ProjectId>` is sent,
   * and the browser sends the refresh cookie, if there is one.
   */
  refreshJwt?: string | undefined;
}

/** Arguments of magic-link verify. */
export interface MagicLinkVerifyArgs extends CallOptions {
  /** The token from the link's `t` parameter. */
  token: string;
}

/** Arguments of OTP verify. */
export interface OtpVerifyArgs extends CallOptions {
  /** The delivery method the code was sent by. */
  method: OtpMethod;
  /** The login id the code was sent for. */
  loginId: string;
  /** The code the user typed. */
  code: string;
}

/** Arguments of update email. */
export type UpdateEmailArgs<TOptions extends UpdateOptions = UpdateOptions> = TOptions & {
  /** The new email address: it must be a good one (see `emailProblem`); sent trimmed and lower-cased. */
  email: string;
};

/** Arguments of update phone. */
export type UpdatePhoneArgs<TMethod extends string, TOptions extends UpdateOptions = UpdateOptions> = TOptions & {
  /** The delivery method for the new number. */
  method: TMethod;
  /** The new phone number, E.164 once spaces, dashes, dots and parentheses are removed (`+1 415 555 0123`). */
  phone: string;
};

/** One API operation as a tree-shakable function: `magicLinkSignIn(transport, args)`. */
export type Operation<TArgs, TResult> = (transport: Transport, args: TArgs) => Promise<TResult>;

/** The default API host for a project id: regional ids (32+ characters) carry their region. */
export const baseUrlFor = (projectId: string): string =>
  `https://api.${projectId.length >= 32 ? `${projectId.slice(1, 5)}.` : ''}descope.com`;

/**
 * Resolves {@link ClientOptions} into the transport that every operation function takes. Use it
 * with the operation functions (`magicLinkSignIn(transport, …)`) to ship only the calls an app
 * makes; {@link createClient} wraps all of them.
 *
 * @throws Error when `projectId` is empty (a programming error, not a user error).
 */
export function createTransport({
  projectId,
  baseUrl,
  fetch,
  timeoutMs = 30_000,
  headers = {},
  credentials = 'include',
  retryDelaysMs = [100, 5000, 5000],
  sessionCookies,
}: ClientOptions): Transport {
  if (!projectId) throw new Error('passlink: `projectId` is required.');
  return {
    projectId,
    baseUrl: (baseUrl ?? baseUrlFor(projectId)).replace(/\/+$/, ''),
    fetch,
    timeoutMs,
    headers,
    credentials,
    retryDelaysMs,
    sessionCookies: !!sessionCookies,
  };
}

// Each operation names the input checks it needs (see ./request): the rules are written once, and a
// bundle carries only the checks of the operations it calls.
const op =
  <TArgs, TResponse extends z.ZodMiniType>(
    endpoint: Endpoint<z.ZodMiniType, TResponse>,
    ...checks: Check[]
  ): Operation<TArgs, z.infer<TResponse>> =>
  (transport, args) =>
    call(transport, endpoint, args as object, checks);

/** Sends a magic link to an existing user (`POST /v1/auth/magiclink/signin/{method}`). */
export const magicLinkSignIn: Operation<MagicLinkSendArgs, MaskedResponse> = /* @__PURE__ */ op(magicLinkSignInEndpoint, checkLoginId, checkRedirect);
/** Sends a magic link to a new user; fails if the user exists (`/v1/auth/magiclink/signup/{method}`). */
export const magicLinkSignUp: Operation<MagicLinkSendArgs, MaskedResponse> = /* @__PURE__ */ op(magicLinkSignUpEndpoint, checkLoginId, checkUser, checkDestination, checkRedirect);
/** Sends a magic link, signing the user up when new (`/v1/auth/magiclink/signup-in/{method}`). */
export const magicLinkSignUpOrIn: Operation<MagicLinkSendArgs, MaskedResponse> = /* @__PURE__ */ op(magicLinkSignUpOrInEndpoint, checkLoginId, checkUser, checkRedirect);
/** Spends a magic-link token and returns the session (`/v1/auth/magiclink/verify`). */
export const magicLinkVerify: Operation<MagicLinkVerifyArgs, JwtResponse> = /* @__PURE__ */ op(magicLinkVerifyEndpoint);
/** Sends a magic link to a signed-in user's new email (`/v1/auth/magiclink/update/email`). */
export const magicLinkUpdateEmail: Operation<UpdateEmailArgs<MagicLinkUpdateOptions>, MaskedResponse> = /* @__PURE__ */ op(magicLinkUpdateEmailEndpoint, checkLoginId, checkEmail, checkRedirect);
/** Sends a magic link to a signed-in user's new phone (`/v1/auth/magiclink/update/phone/{method}`). */
export const magicLinkUpdatePhone: Operation<UpdatePhoneArgs<MagicLinkPhoneMethod, MagicLinkUpdateOptions>, MaskedResponse> = /* @__PURE__ */ op(magicLinkUpdatePhoneEndpoint, checkLoginId, checkPhone, checkRedirect);
/**
 * Sends an enchanted link to an existing user by email (`POST /v1/auth/enchantedlink/signin/email`).
 * Answers `linkId` (the number to show: the user taps the link showing it in the email),
 * `pendingRef` (for {@link enchantedLinkPendingSession}) and `maskedEmail`.
 */
export const enchantedLinkSignIn: Operation<EnchantedLinkSendArgs, EnchantedLinkResponse> = /* @__PURE__ */ op(enchantedLinkSignInEndpoint, checkLoginId, checkRedirect);
/** Sends an enchanted link to a new user; fails if the user exists (`/v1/auth/enchantedlink/signup/email`). */
export const enchantedLinkSignUp: Operation<EnchantedLinkSendArgs, EnchantedLinkResponse> = /* @__PURE__ */ op(enchantedLinkSignUpEndpoint, checkLoginId, checkUser, checkDestination, checkRedirect);
/** Sends an enchanted link, signing the user up when new (`/v1/auth/enchantedlink/signup-in/email`). */
export const enchantedLinkSignUpOrIn: Operation<EnchantedLinkSendArgs, EnchantedLinkResponse> = /* @__PURE__ */ op(enchantedLinkSignUpOrInEndpoint, checkLoginId, checkUser, checkRedirect);
/**
 * Spends the token of an opened enchanted link (`/v1/auth/enchantedlink/verify`); resolves `{}`.
 * The session goes to the screen that polls {@link enchantedLinkPendingSession}, not to this call.
 */
export const enchantedLinkVerify: Operation<EnchantedLinkVerifyArgs, Record<string, unknown>> = /* @__PURE__ */ op(enchantedLinkVerifyEndpoint);
/**
 * Asks once for the session of an enchanted link (`/v1/auth/enchantedlink/pending-session`):
 * resolves with the JWT response once the right link was verified; rejects with an `ApiError`
 * of status 401 and code `E062503` while it is not yet (see {@link isPendingSession}). Poll it.
 */
export const enchantedLinkPendingSession: Operation<PendingSessionArgs, JwtResponse> = /* @__PURE__ */ op(enchantedLinkPendingSessionEndpoint);
/**
 * Sends an enchanted link to a signed-in user's new email (`/v1/auth/enchantedlink/update/email`);
 * the updated session comes from {@link enchantedLinkPendingSession}.
 */
export const enchantedLinkUpdateEmail: Operation<UpdateEmailArgs<MagicLinkUpdateOptions>, EnchantedLinkResponse> = /* @__PURE__ */ op(enchantedLinkUpdateEmailEndpoint, checkLoginId, checkEmail, checkRedirect);

/**
 * The error code of a pending-session poll whose link is not verified yet (HTTP 401;
 * descope/go-sdk descope/errors.go `ErrEnchantedLinkUnauthorized`).
 */
export const ENCHANTED_LINK_PENDING = 'E062503';

/** True when `error` is the "not verified yet" answer of {@link enchantedLinkPendingSession}: keep polling. */
export const isPendingSession = (error: unknown): boolean => error instanceof ApiError && error.code === ENCHANTED_LINK_PENDING;

/** Sends a one-time code to an existing user (`/v1/auth/otp/signin/{method}`). */
export const otpSignIn: Operation<SendArgs<OtpMethod>, MaskedResponse> = /* @__PURE__ */ op(otpSignInEndpoint, checkLoginId);
/** Sends a one-time code to a new user; fails if the user exists (`/v1/auth/otp/signup/{method}`). */
export const otpSignUp: Operation<SendArgs<OtpMethod>, MaskedResponse> = /* @__PURE__ */ op(otpSignUpEndpoint, checkLoginId, checkUser, checkDestination);
/** Sends a one-time code, signing the user up when new (`/v1/auth/otp/signup-in/{method}`). */
export const otpSignUpOrIn: Operation<SendArgs<OtpMethod>, MaskedResponse> = /* @__PURE__ */ op(otpSignUpOrInEndpoint, checkLoginId, checkUser);
/** Checks a one-time code and returns the session (`/v1/auth/otp/verify/{method}`). */
export const otpVerify: Operation<OtpVerifyArgs, JwtResponse> = /* @__PURE__ */ op(otpVerifyEndpoint, checkLoginId);
/** Sends a code to a signed-in user's new email (`/v1/auth/otp/update/email`). */
export const otpUpdateEmail: Operation<UpdateEmailArgs, MaskedResponse> = /* @__PURE__ */ op(otpUpdateEmailEndpoint, checkLoginId, checkEmail);
/** Sends a code to a signed-in user's new phone (`/v1/auth/otp/update/phone/{method}`). */
export const otpUpdatePhone: Operation<UpdatePhoneArgs<OtpPhoneMethod>, MaskedResponse> = /* @__PURE__ */ op(otpUpdatePhoneEndpoint, checkLoginId, checkPhone);
/** Rotates the refresh JWT and returns a new session (`/v1/auth/refresh`). */
export const sessionRefresh: Operation<RefreshArgs, JwtResponse> = /* @__PURE__ */ op(sessionRefreshEndpoint);
/**
 * Refreshes the session if there is one (`/v1/auth/try-refresh`): the refresh JWT given, else the
 * refresh cookie the browser sends. Answers the rotated session as `sessionRefresh` does (without
 * `user`), or `{}` when there is no session to refresh (missing, invalid, expired or logged out),
 * never an error for that: what Descope's web SDK calls on every page load.
 */
export const sessionTryRefresh: Operation<TryRefreshArgs, TryRefreshResponse> = /* @__PURE__ */ op(sessionTryRefreshEndpoint);
/** The signed-in user (`GET /v1/auth/me`). */
export const sessionMe: Operation<RefreshArgs, User> = /* @__PURE__ */ op(sessionMeEndpoint);
/** Revokes the refresh JWT (`/v1/auth/logout`). */
export const sessionLogout: Operation<RefreshArgs, Record<string, unknown>> = /* @__PURE__ */ op(sessionLogoutEndpoint);

type Bound<T> = T extends Operation<infer TArgs, infer TResult> ? (args: TArgs) => Promise<TResult> : never;

/** The passlink API client: one method per endpoint of the contract. */
export interface Client {
  readonly transport: Transport;
  readonly magicLink: {
    signIn: Bound<typeof magicLinkSignIn>;
    signUp: Bound<typeof magicLinkSignUp>;
    signUpOrIn: Bound<typeof magicLinkSignUpOrIn>;
    verify: Bound<typeof magicLinkVerify>;
    updateEmail: Bound<typeof magicLinkUpdateEmail>;
    updatePhone: Bound<typeof magicLinkUpdatePhone>;
  };
  readonly enchantedLink: {
    signIn: Bound<typeof enchantedLinkSignIn>;
    signUp: Bound<typeof enchantedLinkSignUp>;
    signUpOrIn: Bound<typeof enchantedLinkSignUpOrIn>;
    verify: Bound<typeof enchantedLinkVerify>;
    pendingSession: Bound<typeof enchantedLinkPendingSession>;
    updateEmail: Bound<typeof enchantedLinkUpdateEmail>;
  };
  readonly otp: {
    signIn: Bound<typeof otpSignIn>;
    signUp: Bound<typeof otpSignUp>;
    signUpOrIn: Bound<typeof otpSignUpOrIn>;
    verify: Bound<typeof otpVerify>;
    updateEmail: Bound<typeof otpUpdateEmail>;
    updatePhone: Bound<typeof otpUpdatePhone>;
  };
  readonly session: {
    refresh: Bound<typeof sessionRefresh>;
    tryRefresh: Bound<typeof sessionTryRefresh>;
    me: Bound<typeof sessionMe>;
    logout: Bound<typeof sessionLogout>;
  };
}

/**
 * Creates a framework-free client for the Descope passwordless API.
 *
 * Every method validates its input (an `InputError`, and no request), sends one call and resolves
 * with the parsed answer, or rejects with `ApiError`, `NetworkError`, `TimeoutError` or
 * `ResponseFormatError`. For the smallest bundle, use {@link createTransport} with the operation
 * functions instead.
 *
 * @throws Error when `projectId` is empty (a programming error, not a user error).
 */
export function createClient(options: ClientOptions): Client {
  const transport = createTransport(options);
  const bind =
    <TArgs, TResult>(operation: Operation<TArgs, TResult>) =>
    (args: TArgs) =>
      operation(transport, args);
  return {
    transport,
    magicLink: {
      signIn: bind(magicLinkSignIn),
      signUp: bind(magicLinkSignUp),
      signUpOrIn: bind(magicLinkSignUpOrIn),
      verify: bind(magicLinkVerify),
      updateEmail: bind(magicLinkUpdateEmail),
      updatePhone: bind(magicLinkUpdatePhone),
    },
    enchantedLink: {
      signIn: bind(enchantedLinkSignIn),
      signUp: bind(enchantedLinkSignUp),
      signUpOrIn: bind(enchantedLinkSignUpOrIn),
      verify: bind(enchantedLinkVerify),
      pendingSession: bind(enchantedLinkPendingSession),
      updateEmail: bind(enchantedLinkUpdateEmail),
    },
    otp: {
      signIn: bind(otpSignIn),
      signUp: bind(otpSignUp),
      signUpOrIn: bind(otpSignUpOrIn),
      verify: bind(otpVerify),
      updateEmail: bind(otpUpdateEmail),
      updatePhone: bind(otpUpdatePhone),
    },
    session: {
      refresh: bind(sessionRefresh),
      tryRefresh: bind(sessionTryRefresh),
      me: bind(sessionMe),
      logout: bind(sessionLogout),
    },
  };
}
