/** Where an error code comes from: Descope's own table, or a choice of passlink's emulator. */
export type ErrorOrigin = 'descope' | 'emulator';

/**
 * Every error code the API (and so the emulator) answers with, in one place.
 *
 * - `documented`: the code is in the table of /work/shared/api-contract.md (Descope's public API
 *   reference). The UI maps any code it does not know to a generic message by HTTP status.
 * - `origin`: `descope` when one of Descope's official SDKs (or its docs) names the code for
 *   this situation; `emulator` when passlink picked it because Descope leaves the situation's code
 *   unpublished. A real project may answer other codes there; tests override each choice with
 *   `createEmulator({ errorCodes })`.
 * - `evidence`: the repository, file and symbol that name the code, or why the emulator chose it.
 *
 * The HTTP statuses are the emulator's unless the evidence gives one: 400 for refused input,
 * 401 for a bad credential, 429 for limits (any 4xx on refresh/try-refresh/me makes
 * @descope/web-js-sdk drop its tokens: descope/descope-js
 * packages/sdks/web-js-sdk/src/enhancers/helpers/index.ts isInvalidSessionResponse).
 *
 * Codes the SDKs make up on the client side (core-js `errorCode: '0'` for a poll timeout,
 * web-js `J161000`…, go-sdk `G0xxxxx`, swift `S0xxxxx`) never come from a server: none is here.
 */
export const errorCodes = {
  E011001: {
    status: 400,
    meaning: 'bad request',
    documented: true,
    origin: 'descope',
    evidence: 'descope/go-sdk descope/errors.go ErrBadRequest; descope/node-sdk lib/errors.ts badRequest',
  },
  E011002: {
    status: 400,
    meaning: 'missing arguments',
    documented: true,
    origin: 'descope',
    evidence:
      'descope/go-sdk descope/errors.go ErrMissingArguments; descope/node-sdk lib/errors.ts missingArguments. The emulator ' +
      'also answers it when a call that needs the refresh JWT has none (no `Bearer P:R`, no refresh cookie: situation ' +
      'refreshMissing), as go-sdk descope/internal/auth/auth.go RefreshSessionWithRequest does ' +
      '(ErrMissingArguments "Request doesn\'t contain refresh token")',
  },
  E011003: {
    status: 400,
    meaning: 'validation failure',
    documented: true,
    origin: 'descope',
    evidence:
      'descope/go-sdk descope/errors.go ErrValidationFailure; descope/node-sdk lib/errors.ts invalidRequest. Emulator ' +
      'choice: it also answers it for a redirect (`URI` or `redirectUrl`) outside the approved domains, whose code ' +
      'Descope does not publish',
  },
  E011004: {
    status: 400,
    meaning: 'invalid arguments',
    documented: true,
    origin: 'descope',
    evidence: 'descope/go-sdk descope/errors.go ErrInvalidArguments; descope/node-sdk lib/errors.ts invalidArguments',
  },
  E061102: {
    status: 401,
    meaning: 'wrong OTP code',
    documented: true,
    origin: 'descope',
    evidence: 'descope/go-sdk descope/errors.go ErrInvalidOneTimeCode; descope/node-sdk lib/errors.ts wrongOTPCode (HTTP status: the emulator\'s)',
  },
  E061103: {
    status: 400,
    meaning: 'too many OTP attempts',
    documented: true,
    origin: 'descope',
    evidence: 'descope/node-sdk lib/errors.ts tooManyOTPAttempts; descope/swift-sdk src/types/Error.swift tooManyOTPAttempts (HTTP status: the emulator\'s)',
  },
  E062107: {
    status: 400,
    meaning: 'user already exists (sign-up)',
    documented: true,
    origin: 'descope',
    evidence:
      'descope/go-sdk descope/errors.go ErrUserAlreadyExists (HTTP status: the emulator\'s). The emulator also answers it ' +
      'to an update with `failOnConflict` whose new address is another user\'s login id (situation loginIdTaken): Descope ' +
      'documents the flag (API reference of /v1/auth/otp/update/email; go-sdk descope/sdk/mgmt.go UpdateEmail: "fail the ' +
      'update if the new email is also the login ID of another user") but not its code. Without the flag Descope merges ' +
      'the two users (descope-swift src/types/Others.swift UpdateOptions.onMergeUseExisting), so there is no error.',
  },
  E062108: {
    status: 400,
    meaning: 'user not found (sign-in of an unknown user)',
    documented: false,
    origin: 'descope',
    evidence:
      'descope/node-sdk lib/errors.ts userNotFound; descope/python-sdk tests/test_auth.py mocks it with HTTP 400 ' +
      '("User not found"). Not in the API reference.',
  },
  E062503: {
    status: 401,
    meaning: 'enchanted link not verified yet (pending-session still pending)',
    documented: false,
    origin: 'descope',
    evidence:
      'descope/go-sdk descope/errors.go ErrEnchantedLinkUnauthorized; descope/internal/auth/enchantedlink_test.go ' +
      'TestGetEnchantedLinkSessionStillPending (HTTP 401, body errorCode E062503). descope/descope-js ' +
      'packages/sdks/core-js-sdk/src/sdk/enchantedLink/index.ts waitForSession keeps polling on any non-ok answer. ' +
      'Not in the API reference.',
  },
  E064001: {
    status: 401,
    meaning: 'token expired by logout',
    documented: true,
    origin: 'descope',
    evidence: 'descope/go-sdk descope/errors.go ErrTokenExpiredByLoggedOut (HTTP status: the emulator\'s)',
  },
  E130429: {
    status: 429,
    meaning: 'rate limited',
    documented: true,
    origin: 'descope',
    evidence:
      'descope/go-sdk descope/errors.go ErrRateLimitExceeded and descope/api/client_test.go (429 with Retry-After); ' +
      'descope/python-sdk tests/test_auth.py (429, Retry-After)',
  },
  E061005: {
    status: 401,
    meaning: 'refresh JWT invalid, expired, unknown or already rotated',
    documented: false,
    origin: 'emulator',
    evidence:
      'emulator-specific: no Descope SDK or doc names the code of a refused refresh JWT. A third-party Next.js sample ' +
      '(exact-string index id 22578427003) records Descope\'s /v1/auth/validate answering E061005 "Invalid token", the ' +
      'nearest published code for a bad JWT. A rotated refresh JWT answers it too (Descope is seen answering E064006 ' +
      '"JWT family ID invalidated" there, index ids 70379659961, 70596077532, but the emulator keeps no record of rotated ' +
      'tokens to tell them apart)',
  },
  E061104: {
    status: 401,
    meaning: 'no pending code, or the code expired',
    documented: false,
    origin: 'emulator',
    evidence: 'emulator-specific: Descope does not publish the code of an expired or missing one-time code',
  },
  E061201: {
    status: 401,
    meaning: 'magic link token expired',
    documented: false,
    origin: 'emulator',
    evidence:
      'emulator-specific: Descope does not publish the code of an expired magic link. The emulator also answers it to ' +
      'an enchanted link opened, or a pending-session polled, after the attempt expired (situation pendingExpired): ' +
      'Descope publishes no code for that either',
  },
  E061202: {
    status: 401,
    meaning: 'magic link token already used',
    documented: false,
    origin: 'emulator',
    evidence:
      'emulator-specific: Descope does not publish the code of a magic link opened twice. The emulator also answers it ' +
      'to a link of an enchanted-link attempt that already ended, and to a pending-session whose session was already ' +
      'collected (situation pendingUsed)',
  },
  E061203: {
    status: 401,
    meaning: 'magic link token unknown',
    documented: false,
    origin: 'emulator',
    evidence:
      'emulator-specific: Descope does not publish the code of an unknown magic link token. The emulator also answers ' +
      'it to a pending-session with a pendingRef it does not know (situation pendingUnknown), and to an enchanted link ' +
      'that is not the one showing the number of the sign-in screen (situation linkWrong): Descope documents that the ' +
      'email holds three links and "the user must click the correct one based on the 2-digit number displayed" ' +
      '(docs.descope.com/api/enchantedlink), not what a wrong one answers. The emulator refuses it and ends the attempt ' +
      '(its other links then answer E061202, pending-session E061203), so that a person who taps links blindly cannot ' +
      'get in by trying all three',
  },
  E011404: {
    status: 404,
    meaning: 'no such endpoint',
    documented: false,
    origin: 'emulator',
    evidence: 'emulator-specific: nothing records what Descope answers for an unknown path',
  },
} as const satisfies Record<string, { status: number; meaning: string; documented: boolean; origin: ErrorOrigin; evidence: string }>;

/**
 * The shape of an API error code: a letter and six digits (`E061102`; the SDKs' own are `G…`:
 * descope/go-sdk, descope/errors.go). The client keeps an answer's `errorCode` only when it has
 * this shape, so an error's `code` can never carry anything else a server or proxy put there.
 */
export const ERROR_CODE_PATTERN = /^[A-Z]\d{6}$/;

/** An error code of the table. */
export type ErrorCode = keyof typeof errorCodes;

/**
 * The situation names the emulator answers with, mapped to their default code. `E061301` and
 * `E061302` are no longer used: `E061301` is Descope's failed OAuth code exchange ("Failed to
 * exchange OAuth code", recorded by third-party projects, index ids 70596077532, 69092389825), and
 * `E061302` sits in the same OAuth range.
 */
export const errorSituations = {
  badRequest: 'E011001',
  missingArguments: 'E011002',
  validation: 'E011003',
  invalidArguments: 'E011004',
  wrongCode: 'E061102',
  tooManyAttempts: 'E061103',
  userExists: 'E062107',
  /** An update with `failOnConflict` whose new address is another user's login id. */
  loginIdTaken: 'E062107',
  loggedOut: 'E064001',
  /** pending-session before the enchanted link's right link is verified. */
  linkPending: 'E062503',
  /** An enchanted link that is not the one showing `linkId`: the attempt ends. */
  linkWrong: 'E061203',
  /** pending-session with a pendingRef the emulator does not know. */
  pendingUnknown: 'E061203',
  /** pending-session (or an enchanted link) after the attempt expired. */
  pendingExpired: 'E061201',
  /** pending-session after its session was collected once. */
  pendingUsed: 'E061202',
  rateLimited: 'E130429',
  userNotFound: 'E062108',
  codeExpired: 'E061104',
  tokenExpired: 'E061201',
  tokenUsed: 'E061202',
  tokenUnknown: 'E061203',
  /** A call that needs the refresh JWT came without one (no `Bearer P:R`, no refresh cookie). */
  refreshMissing: 'E011002',
  refreshInvalid: 'E061005',
  notFound: 'E011404',
} as const satisfies Record<string, ErrorCode>;

export type ErrorSituation = keyof typeof errorSituations;
