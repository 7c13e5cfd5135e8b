/**
 * `passlink/server`: who is signed in, on the server. No React, nothing of the browser: runs in
 * Node ≥ 20.19, a Next.js proxy or route handler, and any runtime with `fetch` and WebCrypto.
 */
export { validateSession, getSession, sessionJwtOf } from './session';
export type { Session, SessionClaims, SessionTenant, ValidateSessionOptions, GetSessionOptions, RequestLike } from './session';
export { SessionError } from './errors';
export type { SessionErrorCode } from './errors';
