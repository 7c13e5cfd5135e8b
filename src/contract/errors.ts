/**
 * Every error code the API (and so the emulator) answers with, in one place.
 *
 * `documented: false` marks codes the public reference leaves undocumented: passlink chose
 * them, the emulator answers them, and the UI maps any code it does not know to a generic
 * message by HTTP status. A real project may answer other codes for the same situations; the
 * emulator lets tests override each choice (`createEmulator({ errorCodes })`). The HTTP statuses
 * are the emulator's too: 400 for refused input, 401 for a bad credential, 429 for limits.
 *
 * `evidence` says where a code (or the emulator's use of it) comes from, when that is more than
 * the shared contract's table.
 */
export const errorCodes = {
  E011001: { status: 400, meaning: 'bad request', documented: true },
  E011002: { status: 400, meaning: 'missing arguments', documented: true },
  E011003: { status: 400, meaning: 'validation failure', documented: true },
  E011004: { status: 400, meaning: 'invalid arguments', documented: true },
  E061102: { status: 401, meaning: 'wrong OTP code', documented: true },
  E061103: { status: 400, meaning: 'too many OTP attempts', documented: true },
  E062107: {
    status: 400,
    meaning: 'user already exists (sign-up)',
    documented: true,
    evidence:
      'descope/go-sdk descope/errors.go ErrUserAlreadyExists. The emulator also answers it to an update with ' +
      '`failOnConflict` whose new address is another user\'s login id (situation loginIdTaken): Descope documents ' +
      'the flag (API reference of /v1/auth/otp/update/email; go-sdk descope/sdk/mgmt.go UpdateEmail: "fail the update ' +
      'if the new email is also the login ID of another user") but not its code. Without the flag Descope merges the ' +
      'two users (descope-swift src/types/Others.swift UpdateOptions.onMergeUseExisting), so there is no error.',
  },
  E064001: {
    status: 401,
    meaning: 'token expired by logout',
    documented: true,
    evidence: 'descope/go-sdk descope/errors.go ErrTokenExpiredByLoggedOut',
  },
  E130429: { status: 429, meaning: 'rate limited', documented: true },
  E062108: {
    status: 400,
    meaning: 'user not found (sign-in of an unknown user)',
    documented: false,
    evidence: 'descope/node-sdk lib/errors.ts userNotFound (not in the API reference; the status is the emulator\'s)',
  },
  // E061104, E0612xx, E061301/2 and E011404 appear in none of Descope's SDKs (go-sdk, node-sdk,
  // descope-js, descope-swift error tables): they are passlink's choices.
  E061104: { status: 401, meaning: 'no pending code, or the code expired', documented: false },
  E061201: { status: 401, meaning: 'magic link token expired', documented: false },
  E061202: { status: 401, meaning: 'magic link token already used', documented: false },
  E061203: { status: 401, meaning: 'magic link token unknown', documented: false },
  E061301: { status: 401, meaning: 'refresh JWT missing', documented: false },
  E061302: { status: 401, meaning: 'refresh JWT invalid or expired', documented: false },
  E011404: { status: 404, meaning: 'no such endpoint', documented: false },
} as const satisfies Record<string, { status: number; meaning: string; documented: boolean; evidence?: string }>;

/**
 * The shape of an API error code: a letter and six digits (`E061102`; the SDKs' own are `G…`:
 * descope/go-sdk, descope/errors.go). The client keeps an answer's `errorCode` only when it has
 * this shape, so an error's `code` can never carry anything else a server or proxy put there.
 */
export const ERROR_CODE_PATTERN = /^[A-Z]\d{6}$/;

/** An error code of the table. */
export type ErrorCode = keyof typeof errorCodes;

/** The situation names the emulator answers with, mapped to their default code. */
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
  rateLimited: 'E130429',
  userNotFound: 'E062108',
  codeExpired: 'E061104',
  tokenExpired: 'E061201',
  tokenUsed: 'E061202',
  tokenUnknown: 'E061203',
  refreshMissing: 'E061301',
  refreshInvalid: 'E061302',
  notFound: 'E011404',
} as const satisfies Record<string, ErrorCode>;

export type ErrorSituation = keyof typeof errorSituations;
