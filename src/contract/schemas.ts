import type * as z from 'zod/mini';
// Named imports, never `import * as z` for values: a bundler that loads zod as an external
// CommonJS module (esbuild's iife or cjs output) wraps a namespace import in an interop helper
// (about 230 B gzip). The same holds for every module of the client.
import {
  array,
  boolean as zBoolean,
  extend,
  looseObject,
  nullish,
  number as zNumber,
  object,
  optional,
  record,
  regex,
  string as zString,
  unknown as zUnknown,
} from 'zod/mini';

/*
 * Wire schemas shared by the client (to refuse bad input before sending and to parse answers)
 * and the emulator (to validate requests). Validation messages are message ids, never English:
 * the i18n catalog turns them into words.
 *
 * Every schema is one `/* @__PURE__ *\/` call whose arguments are identifiers or literals, so a
 * bundler drops the schemas of endpoints an app never calls (a spread or a nested call in the
 * arguments would keep them alive).
 */

const LOGIN_ID_REQUIRED = 'input.loginId.required';
const EMAIL_INVALID = 'input.email.invalid';
const PHONE_INVALID = 'input.phone.invalid';
const CODE_REQUIRED = 'input.code.required';
const TOKEN_REQUIRED = 'input.token.required';

/**
 * Message ids carried by input validation failures (`InputError.messageId`, and what
 * `emailProblem` / `phoneProblem` return). Each says what is wrong, so a form can show it as is.
 */
export const inputMessages = {
  loginIdRequired: LOGIN_ID_REQUIRED,
  emailRequired: 'input.email.required',
  /** A malformed address, when no more specific id below applies. */
  emailInvalid: EMAIL_INVALID,
  /** A space inside the address. */
  emailSpaces: 'input.email.spaces',
  /** No @, or more than one. */
  emailAt: 'input.email.at',
  /** Nothing after the @, or a domain without a dot and a top-level domain (`ada@example`). */
  emailDomain: 'input.email.domain',
  phoneRequired: 'input.phone.required',
  /** A number that does not start with + and a country code. */
  phoneCountryCode: 'input.phone.countryCode',
  /** Not a possible E.164 number (+, then 4 to 15 digits, the first not 0). */
  phoneInvalid: PHONE_INVALID,
  codeRequired: CODE_REQUIRED,
  tokenRequired: TOKEN_REQUIRED,
  methodUnsupported: 'input.method.unsupported',
  refreshJwtRequired: 'input.refreshJwt.required',
  /** A magic link's redirect URL that already carries a `t` parameter (see `MagicLinkSendArgs.redirectUrl`). */
  redirectUrlToken: 'input.redirectUrl.token',
  invalid: 'input.invalid',
} as const;

/** A message id from {@link inputMessages}. */
export type InputMessageId = (typeof inputMessages)[keyof typeof inputMessages];

/**
 * The address pattern the official JS SDK checks before sending (descope/descope-js,
 * packages/sdks/core-js-sdk/src/sdk/validations/validators.ts), written with `\w` and `\d`,
 * which match exactly its `a-zA-Z0-9_` and `0-9`. It accepts a domain without a dot
 * (`admin@localhost`); the emulator and the wire schemas keep it, so they answer as the API does.
 * The client refuses more before sending: see `emailProblem` in `./identifiers`.
 */
export const EMAIL_PATTERN = /^[\w.!#$%&'*+/=?^`{|}~-]+@[a-zA-Z\d-]+(?:\.[a-zA-Z\d-]+)*$/;
/** E.164 as the official SDKs check it: a plus, a non-zero digit, 3 to 14 more digits. */
export const E164_PATTERN = /^\+[1-9]\d{3,14}$/;
const NOT_BLANK = /\S/;

const matching = (pattern: RegExp, error: InputMessageId) => zString().check(regex(pattern, { error }));

const string = /* @__PURE__ */ zString();
const number = /* @__PURE__ */ zNumber();
const boolean = /* @__PURE__ */ zBoolean();
const unknown = /* @__PURE__ */ zUnknown();
const optionalString = /* @__PURE__ */ optional(string);
const optionalNumber = /* @__PURE__ */ optional(number);
const optionalBool = /* @__PURE__ */ optional(boolean);
const nullableString = /* @__PURE__ */ nullish(string);
const nullableBool = /* @__PURE__ */ nullish(boolean);
const stringList = /* @__PURE__ */ array(string);
const stringMap = /* @__PURE__ */ record(string, string);
const optionalStringMap = /* @__PURE__ */ optional(stringMap);
const unknownMap = /* @__PURE__ */ record(string, unknown);
const optionalUnknownMap = /* @__PURE__ */ optional(unknownMap);

/** A non-blank login id. */
export const loginIdSchema = /* @__PURE__ */ matching(NOT_BLANK, LOGIN_ID_REQUIRED);
/** An email address, checked as the official JS SDK does. */
export const emailSchema = /* @__PURE__ */ matching(EMAIL_PATTERN, EMAIL_INVALID);
/** An E.164 phone number. */
export const phoneSchema = /* @__PURE__ */ matching(E164_PATTERN, PHONE_INVALID);
const codeSchema = /* @__PURE__ */ matching(NOT_BLANK, CODE_REQUIRED);
const tokenSchema = /* @__PURE__ */ matching(NOT_BLANK, TOKEN_REQUIRED);

/** `loginOptions` of the sign-in family. */
export const loginOptionsSchema = /* @__PURE__ */ object({
  stepup: optionalBool,
  mfa: optionalBool,
  revokeOtherSessions: optionalBool,
  customClaims: optionalUnknownMap,
  templateId: optionalString,
  templateOptions: optionalStringMap,
  tenantId: optionalString,
  locale: optionalString,
  pkceChallenge: optionalString,
  ssoAppId: optionalString,
});

/** The `user` object of a sign-up. */
export const signUpUserSchema = /* @__PURE__ */ object({
  email: optionalString,
  name: optionalString,
  givenName: optionalString,
  middleName: optionalString,
  familyName: optionalString,
  phone: optionalString,
});

const optionalLoginOptions = /* @__PURE__ */ optional(loginOptionsSchema);
const optionalUser = /* @__PURE__ */ optional(signUpUserSchema);

/** Body of OTP sign-up / sign-in / sign-up-or-in (`user` on sign-up, `ssoAppId` on sign-in). */
export const otpSendRequest = /* @__PURE__ */ object({
  loginId: loginIdSchema,
  loginOptions: optionalLoginOptions,
  providerId: optionalString,
  user: optionalUser,
  ssoAppId: optionalString,
});

/** Body of magic-link sign-up / sign-in / sign-up-or-in: the OTP body plus the redirect `URI`. */
export const magicLinkSendRequest = /* @__PURE__ */ extend(otpSendRequest, { URI: optionalString });

/**
 * Update options: they sit at the top level of an update body, never nested. `failOnConflict`
 * is documented by Descope for update email only (API reference, update email); passlink sends
 * it for update phone too, and the emulator honours it there, so that a conflict is refused
 * rather than merged on both. A project that ignores it on phone merges (Descope's default).
 */
const updateRequest = /* @__PURE__ */ object({
  loginId: loginIdSchema,
  addToLoginIDs: optionalBool,
  onMergeUseExisting: optionalBool,
  failOnConflict: optionalBool,
  templateId: optionalString,
  templateOptions: optionalStringMap,
  providerId: optionalString,
  mfa: optionalBool,
  locale: optionalString,
  URI: optionalString,
});

/** Body of update email (OTP or magic link; `URI` for the link). */
export const updateEmailRequest = /* @__PURE__ */ extend(updateRequest, { email: emailSchema });
/** Body of update phone (OTP or magic link; `URI` for the link). */
export const updatePhoneRequest = /* @__PURE__ */ extend(updateRequest, { phone: phoneSchema });
/** Body of OTP verify. */
export const otpVerifyRequest = /* @__PURE__ */ object({ loginId: loginIdSchema, code: codeSchema });
/** Body of magic-link verify. */
export const magicLinkVerifyRequest = /* @__PURE__ */ object({ token: tokenSchema });
/**
 * Body of enchanted-link sign-up / sign-in / sign-up-or-in (`POST /v1/auth/enchantedlink/{signup,
 * signin,signup-in}/email`): the magic-link body, by email only. descope/descope-js
 * packages/sdks/core-js-sdk/src/sdk/enchantedLink/index.ts sends `{ loginId, URI, loginOptions,
 * providerId }` on sign-in and sign-up-or-in, plus `user` on sign-up (the sign-up options ride in
 * `loginOptions`); descope/go-sdk descope/internal/auth/utils.go `magicLinkAuthenticationRequestBody`
 * adds `crossDevice: true`, a field of the older cross-device magic link that the enchanted
 * endpoints do not need (passlink does not send it; the emulator ignores it).
 */
export const enchantedLinkSendRequest = magicLinkSendRequest;
/**
 * Body of enchanted-link verify (`POST /v1/auth/enchantedlink/verify`): the token of the link the
 * user opened (core-js `enchantedLink.verify(token)` sends `{ token }`; go-sdk
 * `magicLinkAuthenticationVerifyRequestBody`).
 */
export const enchantedLinkVerifyRequest = magicLinkVerifyRequest;
/**
 * Body of the enchanted-link session poll (`POST /v1/auth/enchantedlink/pending-session`):
 * the `pendingRef` of the send's answer (core-js `waitForSession` posts `{ pendingRef }`; go-sdk
 * descope/internal/auth/utils.go `authenticationGetSessionBody`). A blank one is a programming
 * error, not something a user typed: `input.invalid`.
 */
const pendingRefSchema = /* @__PURE__ */ matching(NOT_BLANK, 'input.invalid');
export const pendingSessionRequest = /* @__PURE__ */ object({ pendingRef: pendingRefSchema });
/** Body of refresh and logout; `me` has none. */
export const emptyRequest = /* @__PURE__ */ object({});

/** Answer to every send and update call. */
export const maskedResponse = /* @__PURE__ */ looseObject({
  maskedEmail: optionalString,
  maskedPhone: optionalString,
  verificationAttempts: optionalNumber,
});

/**
 * Answer to an enchanted-link send (sign-up, sign-in, sign-up-or-in, update email): descope/descope-js
 * packages/sdks/core-js-sdk/src/sdk/types.ts `EnchantedLinkResponse` `{ pendingRef, linkId,
 * maskedEmail }`; descope/go-sdk descope/types.go `EnchantedLinkResponse` (same JSON names) and
 * descope/internal/auth/enchantedlink_test.go TestSignInEnchantedLink.
 * - `linkId`: the number the waiting screen shows; the email holds several links, each showing a
 *   number, and the user taps the one with this number;
 * - `pendingRef`: what the waiting screen polls `pending-session` with;
 * - `maskedEmail`: where the email went (optional here: go-sdk marks every field `omitempty`).
 */
export const enchantedLinkResponse = /* @__PURE__ */ looseObject({
  linkId: string,
  pendingRef: string,
  maskedEmail: optionalString,
});

/**
 * The user object (`me`, and `user` inside a JWT response). The schema checks the fields
 * passlink's UI reads; the other documented fields (see {@link User}) and any unknown ones pass
 * through untouched.
 */
export const userSchema = /* @__PURE__ */ looseObject({
  userId: string,
  loginIds: stringList,
  email: nullableString,
  phone: nullableString,
  name: nullableString,
  givenName: nullableString,
  familyName: nullableString,
  verifiedEmail: nullableBool,
  verifiedPhone: nullableBool,
  picture: nullableString,
});

/**
 * Answer to verify and refresh. A token the project delivers as a cookie is empty (`""`, the
 * emulator's and Descope's zero value) or absent from the body: go-sdk marks it
 * `json:"sessionJwt,omitempty"` (descope/go-sdk descope/types.go `JWTResponse`), and web-js-sdk
 * reads only `sessionExpiration` then ("sessionExpiration is always in the response body",
 * descope/descope-js packages/sdks/web-js-sdk/src/enhancers/withLoggedInIndicator/index.ts). So both
 * `sessionJwt` and `refreshJwt` are optional; `sessionExpiration` is required.
 *
 * The schema checks the fields passlink reads; the rest of the documented fields (see
 * {@link JwtResponse}) and any unknown ones pass through untouched.
 */
export const jwtResponse = /* @__PURE__ */ looseObject({
  sessionJwt: optionalString,
  refreshJwt: optionalString,
  sessionExpiration: number,
  claims: optionalUnknownMap,
  user: /* @__PURE__ */ optional(userSchema),
  firstSeen: optionalBool,
  nextRefreshSeconds: optionalNumber,
});

/**
 * Answer to try-refresh: the JWT response with every field optional, `{}` when there was no
 * session to refresh (docs.descope.com/api/session/try-refresh-session: "copy of JWTResponse with
 * all fields optional"; it carries no `user` or `firstSeen`). Every field of {@link jwtResponse}
 * is optional but `sessionExpiration`, so the schema extends it with that one made optional
 * (smaller in a bundle than zod's `partial`, which no other schema uses).
 */
export const tryRefreshResponse = /* @__PURE__ */ extend(jwtResponse, { sessionExpiration: optionalNumber });

/**
 * Answer to logout: Descope answers a JWT response with every token and field empty
 * (docs.descope.com/api/session/sign-out); nothing of it is read.
 */
export const emptyResponse = /* @__PURE__ */ looseObject({});

/** One public JSON Web Key. */
export const jwkSchema = /* @__PURE__ */ looseObject({ kid: string, kty: string, alg: optionalString, use: optionalString });

/** Answer to `GET /v2/keys/<projectId>`: the public JWKs that sign session tokens. */
export const keysResponse = /* @__PURE__ */ looseObject({ keys: /* @__PURE__ */ array(jwkSchema) });

/** Body of every error answer. */
export const errorBody = /* @__PURE__ */ looseObject({
  errorCode: string,
  errorDescription: optionalString,
  errorMessage: optionalString,
});

export type LoginOptions = z.infer<typeof loginOptionsSchema>;
export type SignUpUser = z.infer<typeof signUpUserSchema>;
export type MaskedResponse = z.infer<typeof maskedResponse>;
export type EnchantedLinkResponse = z.infer<typeof enchantedLinkResponse>;
/** The user object, with the documented fields passlink passes through. */
export type User = z.infer<typeof userSchema> & {
  middleName?: string | null;
  roleNames?: string[] | null;
  userTenants?: unknown[] | null;
  customAttributes?: Record<string, unknown> | null;
  /** Unix seconds. */
  createdTime?: number | null;
  status?: string | null;
  test?: boolean | null;
};
/** The JWT response of verify and refresh, with the documented fields passlink passes through. */
export type JwtResponse = z.infer<typeof jwtResponse> & {
  cookieDomain?: string;
  cookiePath?: string;
  /** Seconds. */
  cookieMaxAge?: number;
  /** Unix seconds. */
  cookieExpiration?: number;
  cookieName?: string;
  trustedDeviceJwt?: string;
  externalToken?: string;
  idpResponse?: unknown;
  tenantSSOID?: string;
};
/** The answer of try-refresh: a {@link JwtResponse} with every field optional, `{}` when there was no session. */
export type TryRefreshResponse = Partial<JwtResponse>;
export type KeysResponse = z.infer<typeof keysResponse>;
export type ErrorBody = z.infer<typeof errorBody>;
