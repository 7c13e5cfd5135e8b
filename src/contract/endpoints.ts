import type * as z from 'zod/mini';
import {
  emptyRequest,
  emptyResponse,
  enchantedLinkResponse,
  enchantedLinkSendRequest,
  enchantedLinkVerifyRequest,
  jwtResponse,
  keysResponse,
  magicLinkSendRequest,
  magicLinkVerifyRequest,
  maskedResponse,
  otpSendRequest,
  tryRefreshResponse,
  otpVerifyRequest,
  pendingSessionRequest,
  updateEmailRequest,
  updatePhoneRequest,
  userSchema,
} from './schemas';

/** Delivery methods of the OTP sign-up / sign-in / sign-up-or-in / verify family. */
export const OTP_METHODS = ['email', 'sms', 'voice', 'whatsapp'] as const;
/** Delivery methods of OTP update phone. */
export const OTP_PHONE_METHODS = ['sms', 'voice', 'whatsapp'] as const;
/** Delivery methods of the magic-link send family (a link cannot be spoken: no voice). */
export const MAGIC_LINK_METHODS = ['email', 'sms', 'whatsapp'] as const;
/** Delivery methods of magic-link update phone. */
export const MAGIC_LINK_PHONE_METHODS = ['sms', 'whatsapp'] as const;

export type OtpMethod = (typeof OTP_METHODS)[number];
export type OtpPhoneMethod = (typeof OTP_PHONE_METHODS)[number];
export type MagicLinkMethod = (typeof MAGIC_LINK_METHODS)[number];
export type MagicLinkPhoneMethod = (typeof MAGIC_LINK_PHONE_METHODS)[number];
/** Every delivery method the API knows. */
export type DeliveryMethod = OtpMethod;

/**
 * How a call is authorised:
 * - `project`: `Bearer <ProjectId>`;
 * - `refresh`: `Bearer <ProjectId>:<RefreshJwt>`, always;
 * - `stepup`: `Bearer <ProjectId>`, or `Bearer <ProjectId>:<RefreshJwt>` (required) when
 *   `loginOptions.stepup` or `loginOptions.mfa` is set;
 * - `optionalRefresh`: `Bearer <ProjectId>:<RefreshJwt>` when the client holds the refresh JWT,
 *   `Bearer <ProjectId>` when it does not (the refresh JWT is then an HttpOnly cookie, or there is
 *   none): try-refresh (descope/descope-js packages/sdks/core-js-sdk/src/httpClient/index.ts
 *   createAuthorizationHeader appends `:token` only when there is one);
 * - `none`: no Authorization header (public keys).
 */
export type AuthKind = 'project' | 'refresh' | 'stepup' | 'optionalRefresh' | 'none';

/** One endpoint of the wire contract, as data. */
export interface Endpoint<TRequest extends z.ZodMiniType = z.ZodMiniType, TResponse extends z.ZodMiniType = z.ZodMiniType> {
  readonly method: 'GET' | 'POST';
  /**
   * Path template; `{d}` is the delivery method, `{projectId}` the project id (in the keys
   * endpoint only, which the emulator serves and the client never calls).
   */
  readonly path: string;
  /** Allowed values of `{d}`, when the path has one. */
  readonly methods?: readonly DeliveryMethod[] | undefined;
  readonly auth: AuthKind;
  /** True when the call makes the server send a message (an email, SMS, call or WhatsApp). */
  readonly sends: boolean;
  readonly request: TRequest;
  readonly response: TResponse;
}

const post = <TReq extends z.ZodMiniType, TRes extends z.ZodMiniType>(
  path: string,
  auth: AuthKind,
  request: TReq,
  response: TRes,
  methods?: readonly DeliveryMethod[],
): Endpoint<TReq, TRes> => ({
  method: 'POST',
  path,
  auth,
  request,
  response,
  sends: response === (maskedResponse as z.ZodMiniType),
  methods,
});

/** An endpoint that sends a message but answers something else than the masked response. */
const sending = <TReq extends z.ZodMiniType, TRes extends z.ZodMiniType>(endpoint: Endpoint<TReq, TRes>): Endpoint<TReq, TRes> => ({
  ...endpoint,
  sends: true,
});

const get = <TRes extends z.ZodMiniType>(path: string, auth: AuthKind, response: TRes): Endpoint<typeof emptyRequest, TRes> => ({
  method: 'GET',
  path,
  auth,
  request: emptyRequest,
  response,
  sends: false,
});

// One export per endpoint, annotated pure, so a bundle keeps only the endpoints it calls. Paths are
// plain literals: a bundler cannot drop a call whose template-literal argument might have effects.
export const otpSignUp = /* @__PURE__ */ post('/v1/auth/otp/signup/{d}', 'project', otpSendRequest, maskedResponse, OTP_METHODS);
export const otpSignIn = /* @__PURE__ */ post('/v1/auth/otp/signin/{d}', 'stepup', otpSendRequest, maskedResponse, OTP_METHODS);
export const otpSignUpOrIn = /* @__PURE__ */ post('/v1/auth/otp/signup-in/{d}', 'project', otpSendRequest, maskedResponse, OTP_METHODS);
export const otpVerify = /* @__PURE__ */ post('/v1/auth/otp/verify/{d}', 'project', otpVerifyRequest, jwtResponse, OTP_METHODS);
export const otpUpdateEmail = /* @__PURE__ */ post('/v1/auth/otp/update/email', 'refresh', updateEmailRequest, maskedResponse);
export const otpUpdatePhone = /* @__PURE__ */ post('/v1/auth/otp/update/phone/{d}', 'refresh', updatePhoneRequest, maskedResponse, OTP_PHONE_METHODS);
export const magicLinkSignUp = /* @__PURE__ */ post('/v1/auth/magiclink/signup/{d}', 'project', magicLinkSendRequest, maskedResponse, MAGIC_LINK_METHODS);
export const magicLinkSignIn = /* @__PURE__ */ post('/v1/auth/magiclink/signin/{d}', 'stepup', magicLinkSendRequest, maskedResponse, MAGIC_LINK_METHODS);
export const magicLinkSignUpOrIn = /* @__PURE__ */ post('/v1/auth/magiclink/signup-in/{d}', 'project', magicLinkSendRequest, maskedResponse, MAGIC_LINK_METHODS);
export const magicLinkVerify = /* @__PURE__ */ post('/v1/auth/magiclink/verify', 'project', magicLinkVerifyRequest, jwtResponse);
export const magicLinkUpdateEmail = /* @__PURE__ */ post('/v1/auth/magiclink/update/email', 'refresh', updateEmailRequest, maskedResponse);
export const magicLinkUpdatePhone = /* @__PURE__ */ post('/v1/auth/magiclink/update/phone/{d}', 'refresh', updatePhoneRequest, maskedResponse, MAGIC_LINK_PHONE_METHODS);
/*
 * Enchanted links: Descope's any-device email link (descope/descope-js
 * packages/sdks/core-js-sdk/src/constants/apiPaths.ts `enchantedLink`, src/sdk/enchantedLink/index.ts;
 * descope/go-sdk descope/internal/auth/enchantedlink.go). A send answers `{ linkId, pendingRef,
 * maskedEmail }`; the email holds links that each show a number, and the one showing `linkId` is
 * the right one. Opening it anywhere calls verify (`{ token }`, answered `{}`: core-js types it
 * `SdkResponse<never>`, go-sdk ignores the body); meanwhile the waiting screen polls
 * pending-session with `pendingRef`, which answers HTTP 401 `E062503` while the link is not
 * verified (go-sdk descope/errors.go ErrEnchantedLinkUnauthorized, enchantedlink_test.go
 * TestGetEnchantedLinkSessionStillPending) and the JWT response once it is. Email only: the
 * delivery method is part of the path (core-js `pathJoin(apiPaths.enchantedLink.signIn,
 * DeliveryMethods.email)`), never a `{d}`. Sign-in takes step-up as the other sign-ins do (go-sdk
 * `SignIn` sends the refresh JWT when `loginOptions.IsJWTRequired()`).
 */
export const enchantedLinkSignUp = /* @__PURE__ */ sending(/* @__PURE__ */ post('/v1/auth/enchantedlink/signup/email', 'project', enchantedLinkSendRequest, enchantedLinkResponse));
export const enchantedLinkSignIn = /* @__PURE__ */ sending(/* @__PURE__ */ post('/v1/auth/enchantedlink/signin/email', 'stepup', enchantedLinkSendRequest, enchantedLinkResponse));
export const enchantedLinkSignUpOrIn = /* @__PURE__ */ sending(/* @__PURE__ */ post('/v1/auth/enchantedlink/signup-in/email', 'project', enchantedLinkSendRequest, enchantedLinkResponse));
export const enchantedLinkVerify = /* @__PURE__ */ post('/v1/auth/enchantedlink/verify', 'project', enchantedLinkVerifyRequest, emptyResponse);
export const enchantedLinkPendingSession = /* @__PURE__ */ post('/v1/auth/enchantedlink/pending-session', 'project', pendingSessionRequest, jwtResponse);
/**
 * Update email by enchanted link (core-js `enchantedLink.update.email`: `{ loginId, email, URI,
 * ...updateOptions }` with the refresh JWT; go-sdk `UpdateUserEmail`): answered as a send, the
 * session of the updated user comes from pending-session once the link is verified.
 */
export const enchantedLinkUpdateEmail = /* @__PURE__ */ sending(/* @__PURE__ */ post('/v1/auth/enchantedlink/update/email', 'refresh', updateEmailRequest, enchantedLinkResponse));
export const sessionRefresh = /* @__PURE__ */ post('/v1/auth/refresh', 'refresh', emptyRequest, jwtResponse);
/**
 * Try-refresh: a refresh that never fails for want of a session. A valid refresh JWT (header or
 * cookie) answers the JWT response, rotated as refresh does; a missing, invalid, expired or
 * logged-out one answers 200 `{}`. Descope's web SDK calls it on every page load
 * (descope/descope-js packages/sdks/core-js-sdk/src/constants/apiPaths.ts `tryRefresh`, and the
 * JSDoc of `refresh(…, tryRefresh)` in core-js-sdk/src/sdk/index.ts: "will not fail if token is
 * missing, invalid or expired"; docs.descope.com/api/session/try-refresh-session).
 */
export const sessionTryRefresh = /* @__PURE__ */ post('/v1/auth/try-refresh', 'optionalRefresh', emptyRequest, tryRefreshResponse);

export const sessionLogout = /* @__PURE__ */ post('/v1/auth/logout', 'refresh', emptyRequest, emptyResponse);
export const sessionMe = /* @__PURE__ */ get('/v1/auth/me', 'refresh', userSchema);

/**
 * Every endpoint of ../shared/api-contract.md, plus try-refresh (which Descope's SDKs call on
 * every page load) and the enchanted-link family (evidenced above from Descope's SDKs), keyed by
 * `<family>.<operation>`.
 */
export const endpoints = {
  'otp.signUp': otpSignUp,
  'otp.signIn': otpSignIn,
  'otp.signUpOrIn': otpSignUpOrIn,
  'otp.verify': otpVerify,
  'otp.updateEmail': otpUpdateEmail,
  'otp.updatePhone': otpUpdatePhone,
  'magicLink.signUp': magicLinkSignUp,
  'magicLink.signIn': magicLinkSignIn,
  'magicLink.signUpOrIn': magicLinkSignUpOrIn,
  'magicLink.verify': magicLinkVerify,
  'magicLink.updateEmail': magicLinkUpdateEmail,
  'magicLink.updatePhone': magicLinkUpdatePhone,
  'enchantedLink.signUp': enchantedLinkSignUp,
  'enchantedLink.signIn': enchantedLinkSignIn,
  'enchantedLink.signUpOrIn': enchantedLinkSignUpOrIn,
  'enchantedLink.verify': enchantedLinkVerify,
  'enchantedLink.pendingSession': enchantedLinkPendingSession,
  'enchantedLink.updateEmail': enchantedLinkUpdateEmail,
  'session.refresh': sessionRefresh,
  'session.tryRefresh': sessionTryRefresh,
  'session.logout': sessionLogout,
  'session.me': sessionMe,
} as const satisfies Record<string, Endpoint>;

/** `GET /v2/keys/<projectId>`: the public keys that verify session JWTs (served by the emulator). */
export const keysEndpoint = /* @__PURE__ */ get('/v2/keys/{projectId}', 'none', keysResponse);

/**
 * Endpoints the emulator answers besides {@link endpoints}, keyed as they would be there: none
 * since try-refresh moved into `endpoints` (passlink's client and session store call it).
 */
export const extraEndpoints = {} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof endpoints;

/** The request body type of an endpoint, as sent on the wire. */
export type RequestOf<TName extends EndpointName> = z.infer<(typeof endpoints)[TName]['request']>;
/** The parsed success body of an endpoint. */
export type ResponseOf<TName extends EndpointName> = z.infer<(typeof endpoints)[TName]['response']>;
