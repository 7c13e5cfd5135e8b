/**
 * Why {@link SessionError} refused a token:
 * - `'malformed'`: not a JWT (three base64url parts of JSON), or it lacks what every Descope
 *   session JWT has (`kid` in its header; `sub`, `exp`, `iss` and `drn` claims), or a claim fails
 *   validation (`nbf` in the future).
 * - `'bad-signature'`: none of the project's public keys verifies it: tampered with, signed by a
 *   key the project does not publish (an unknown `kid`), or with an algorithm its key is not for.
 * - `'expired'`: its `exp` has passed (beyond the clock skew allowed).
 * - `'other-project'`: its issuer is another project (checked before any key is fetched).
 * - `'not-session-token'`: a valid JWT of the project, but not a session token: its `drn` claim is
 *   not `'DS'` (a refresh JWT carries `'DSR'`).
 * - `'keys-unavailable'`: the project's public keys could not be fetched (network error, timeout,
 *   an answer other than 200, or not a key set). Says nothing about the token: try again later.
 */
export type SessionErrorCode = 'malformed' | 'bad-signature' | 'expired' | 'other-project' | 'not-session-token' | 'keys-unavailable';

const MESSAGES: Record<SessionErrorCode, string> = {
  malformed: 'the session token is not a Descope session JWT',
  'bad-signature': "the session token's signature is not from the project's keys",
  expired: 'the session token has expired',
  'other-project': 'the session token was issued for another project',
  'not-session-token': 'the token is not a session token (a refresh token?)',
  'keys-unavailable': "the project's public keys could not be fetched",
};

/**
 * Thrown by `validateSession` when a token is not a valid session of the project. Check
 * {@link SessionError.code}. The message is fixed text per code: it never contains the token or
 * any of its claims, so logging the error logs no secret. Only `'keys-unavailable'` carries a
 * `cause` (the fetch or key-set error, which holds the keys URL, never the token).
 */
export class SessionError extends Error {
  override name = 'SessionError';
  /** Why the token was refused. */
  readonly code: SessionErrorCode;
  constructor(code: SessionErrorCode, options?: { cause?: unknown }) {
    super(`passlink: ${MESSAGES[code]} (${code})`, options);
    this.code = code;
  }
}
