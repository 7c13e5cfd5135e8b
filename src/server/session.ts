import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { SessionError } from './errors';
import { defaultBaseUrl, keysFor, keysUrl } from './keys';

/** Options of {@link validateSession} and {@link getSession}. */
export interface ValidateSessionOptions {
  /** The Descope project id the session must belong to. Required. */
  projectId: string;
  /**
   * The API base URL the public keys are fetched from (`{baseUrl}/v2/keys/{projectId}`): a custom
   * domain, or the local emulator's URL. Default: derived from `projectId`, as the client does
   * (`https://api.descope.com`, or the project's region).
   */
  baseUrl?: string | undefined;
  /**
   * Seconds a token may be past its `exp` and still count, for clocks a little apart. Default: 5
   * (Descope's node-sdk `clockTolerance`).
   */
  clockToleranceSeconds?: number | undefined;
  /** The fetch the keys are fetched with. Default: the global `fetch`. */
  fetch?: ((url: string, init: RequestInit) => Promise<Response>) | undefined;
}

/** A tenant's part of the session: the user's roles and permissions in that tenant. */
export interface SessionTenant {
  roles: string[];
  permissions: string[];
}

/** The claims of a Descope session JWT (all of them are in {@link Session.claims}). */
export interface SessionClaims extends JWTPayload {
  sub: string;
  iss: string;
  exp: number;
  /** `'DS'`: a session token (`'DSR'` is a refresh token, which {@link validateSession} refuses). */
  drn: 'DS';
}

/** A valid session, as {@link validateSession} and {@link getSession} answer it. */
export interface Session {
  /**
   * The user's id: the `dsub` claim when the token has one (a session acting for another
   * subject, as descope/go-sdk descope/types.go `NewToken` reads it), else `sub`.
   */
  userId: string;
  /** The project the session belongs to (the `projectId` option). */
  projectId: string;
  /** When the session JWT expires: Unix seconds, its `exp` (like the client's `sessionExpiration`). */
  expiresAt: number;
  /** The user's project-level roles (the `roles` claim); `[]` when none. */
  roles: string[];
  /** The user's project-level permissions (the `permissions` claim); `[]` when none. */
  permissions: string[];
  /** The user's tenants by id, each with its roles and permissions (the `tenants` claim); `{}` when none. */
  tenants: Record<string, SessionTenant>;
  /** Every claim of the verified token, custom ones included (a client's are under `nsec`). */
  claims: SessionClaims;
  /**
   * The session JWT itself, to forward to another service. Not enumerable: `console.log(session)`,
   * `JSON.stringify(session)` and a Server Component passing the session to a Client Component
   * leave it out.
   */
  readonly jwt: string;
}

/**
 * Whether `iss` names the project, as Descope's node-sdk accepts it (lib/helpers.ts
 * `issuerMatchesProject`): the project id itself (what the emulator and older projects issue), or
 * a URL or slash-separated path whose last or second-to-last segment is the id
 * (`https://api.descope.com/P2abc…`; go-sdk descope/types.go `NewToken` takes the last segment).
 */
const issuerIsProject = (iss: unknown, projectId: string): boolean => {
  if (typeof iss !== 'string' || !iss) return false;
  if (iss === projectId) return true;
  let path = iss;
  try {
    path = new URL(iss).pathname;
  } catch {
    // Not a URL: a slash-separated issuer.
  }
  const segments = path.split('/').filter(Boolean);
  return segments.at(-1) === projectId || segments.at(-2) === projectId;
};

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

const tenantsOf = (value: unknown): Record<string, SessionTenant> => {
  const tenants: Record<string, SessionTenant> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return tenants;
  for (const [id, tenant] of Object.entries(value as Record<string, unknown>)) {
    const { roles, permissions } = (tenant && typeof tenant === 'object' ? tenant : {}) as Record<string, unknown>;
    tenants[id] = { roles: strings(roles), permissions: strings(permissions) };
  }
  return tenants;
};

/** The {@link SessionError} code for an error of jose's `jwtVerify`. */
const codeOf = (error: unknown): SessionError => {
  if (error instanceof SessionError) return error;
  if (error instanceof errors.JWTExpired) return new SessionError('expired');
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys ||
    error instanceof errors.JOSEAlgNotAllowed ||
    error instanceof errors.JOSENotSupported
  ) {
    return new SessionError('bad-signature');
  }
  // JWSInvalid, JWTInvalid, JWTClaimValidationFailed (nbf) and anything else.
  return new SessionError('malformed');
};

/**
 * Checks a session JWT the way Descope's server SDKs do, and answers who is signed in.
 *
 * In order: it must be a JWT naming its key (`kid`) and carrying `sub`, `exp`, `iss` and `drn`
 * (else `'malformed'`); its issuer must be the project (else `'other-project'`, before any key is
 * fetched); its signature must verify with one of the project's public keys at
 * `{baseUrl}/v2/keys/{projectId}` (else `'bad-signature'`; `'keys-unavailable'` when they cannot be
 * fetched); it must not have expired, allowing `clockToleranceSeconds` (else `'expired'`); and it
 * must be a session token, `drn: 'DS'` (else `'not-session-token'`: a refresh JWT is refused).
 *
 * The keys are fetched with jose's remote key set (never hand-written crypto), kept for the
 * process for 10 minutes, and fetched again when a token names a `kid` they lack (a rotated key),
 * at most once per 30 seconds. Nothing is logged; errors never contain the token.
 *
 * @throws {SessionError} with a `code` saying why the token is not a valid session.
 * @throws TypeError when `projectId` is empty (a programming error).
 */
export async function validateSession(sessionJwt: string, options: ValidateSessionOptions): Promise<Session> {
  const { projectId } = options;
  if (!projectId) throw new TypeError('passlink: validateSession needs a `projectId`.');
  if (typeof sessionJwt !== 'string' || !sessionJwt) throw new SessionError('malformed');

  // Read, unverified, only to refuse early: a token of another project never costs a key fetch.
  let unverified: JWTPayload;
  try {
    if (!decodeProtectedHeader(sessionJwt).kid) throw new SessionError('malformed');
    unverified = decodeJwt(sessionJwt);
  } catch {
    throw new SessionError('malformed');
  }
  if (typeof unverified.iss !== 'string' || typeof unverified.sub !== 'string' || typeof unverified.exp !== 'number') {
    throw new SessionError('malformed');
  }
  if (!issuerIsProject(unverified.iss, projectId)) throw new SessionError('other-project');

  const url = keysUrl(options.baseUrl ?? defaultBaseUrl(projectId), projectId);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(sessionJwt, keysFor(url, options.fetch), {
      clockTolerance: options.clockToleranceSeconds ?? 5,
      requiredClaims: ['sub', 'exp', 'iss'],
    }));
  } catch (error) {
    throw codeOf(error);
  }
  if (typeof payload.drn !== 'string') throw new SessionError('malformed');
  if (payload.drn !== 'DS') throw new SessionError('not-session-token');

  const claims = payload as SessionClaims;
  const session: Omit<Session, 'jwt'> = {
    userId: typeof claims.dsub === 'string' && claims.dsub ? claims.dsub : claims.sub,
    projectId,
    expiresAt: claims.exp,
    roles: strings(claims.roles),
    permissions: strings(claims.permissions),
    tenants: tenantsOf(claims.tenants),
    claims,
  };
  return Object.defineProperty(session, 'jwt', { value: sessionJwt, enumerable: false }) as Session;
}

/** Options of {@link getSession}: {@link ValidateSessionOptions}, and the cookie's name. */
export interface GetSessionOptions extends ValidateSessionOptions {
  /** The cookie holding the session JWT. Default: `'DS'` (Descope's session cookie). */
  cookieName?: string | undefined;
}

/** What {@link getSession} reads of a request: a web-standard `Request`, a `NextRequest`, or `{ headers: await headers() }` in a Server Component. */
export interface RequestLike {
  readonly headers: { get(name: string): string | null };
}

/** The value of cookie `name` in a `Cookie` header (the first, as browsers send the most specific first), or undefined. */
const cookieValue = (header: string | null, name: string): string | undefined => {
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) {
      const value = pair.slice(at + 1).trim();
      return value.startsWith('"') && value.endsWith('"') && value.length > 1 ? value.slice(1, -1) : value;
    }
  }
  return undefined;
};

/**
 * The session JWT a request carries: `Authorization: Bearer <jwt>` when present (an API call),
 * else the session cookie (a page load: the `DS` cookie the browser's session store writes), else
 * undefined.
 */
export const sessionJwtOf = (request: RequestLike, cookieName = 'DS'): string | undefined => {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  return bearer || cookieValue(request.headers.get('cookie'), cookieName) || undefined;
};

/**
 * The session of a request, or `null` when it carries none or an invalid one (expired,
 * tampered with, another project's, a refresh token…): never throws for a bad token, so a
 * middleware or route handler can treat `null` as signed out.
 *
 * Reads `Authorization: Bearer <jwt>` first, else the `DS` cookie, and checks the token with
 * {@link validateSession}.
 *
 * @throws {SessionError} `'keys-unavailable'` when the project's public keys cannot be fetched:
 *   that says nothing about the visitor, and answering `null` would sign everyone out (and send
 *   them round the login page) while Descope or the network is down. Catch it to choose
 *   otherwise (e.g. answer 503).
 * @throws TypeError when `projectId` is empty.
 */
export async function getSession(request: RequestLike, options: GetSessionOptions): Promise<Session | null> {
  if (!options.projectId) throw new TypeError('passlink: getSession needs a `projectId`.');
  const jwt = sessionJwtOf(request, options.cookieName ?? 'DS');
  if (!jwt) return null;
  try {
    return await validateSession(jwt, options);
  } catch (error) {
    if (error instanceof SessionError && error.code === 'keys-unavailable') throw error;
    return null;
  }
}
