import { createRemoteJWKSet, customFetch, errors, type JWTVerifyGetKey } from 'jose';
import { SessionError } from './errors';

/**
 * The API base URL of a project, as the client derives it (`baseUrlFor` in src/client/client.ts,
 * which follows Descope's SDKs: a project id of 32 characters or more names its region in
 * characters 1–4, e.g. `https://api.use1.descope.com`). Written again here so that
 * `passlink/server` loads nothing of the client (test/server/validate.test.ts checks both agree).
 */
export const defaultBaseUrl = (projectId: string): string =>
  `https://api.${projectId.length >= 32 ? `${projectId.slice(1, 5)}.` : ''}descope.com`;

/** The URL of a project's public keys: `GET {baseUrl}/v2/keys/{projectId}`, as Descope's SDKs fetch them (descope/node-sdk lib/index.ts `fetchKeys`). */
export const keysUrl = (baseUrl: string, projectId: string): string =>
  `${baseUrl.replace(/\/+$/, '')}/v2/keys/${encodeURIComponent(projectId)}`;

/**
 * How long a key set is used before it is fetched again, milliseconds. Descope's node-sdk keeps
 * keys for the life of the process; ten minutes (jose's default) also drops a revoked key.
 */
export const KEYS_MAX_AGE_MS = 10 * 60_000;

/**
 * The shortest time between two fetches of a key set, milliseconds: a token naming a `kid` the
 * cached set lacks makes it fetch the set again (a rotated key), but at most once per this
 * interval, so a flood of tokens with made-up `kid`s costs the key server one request per 30 s.
 * (node-sdk fetches again on every unknown `kid`.)
 */
export const KEYS_COOLDOWN_MS = 30_000;

/** How long a key set fetch may take before it counts as unavailable, milliseconds. */
export const KEYS_TIMEOUT_MS = 5_000;

/** How many key sets (one per project and base URL) stay cached: a server checks one or a few projects. */
const MAX_KEY_SETS = 32;

type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Whether the key lookup failed for want of the key set (so nothing can be said of the token):
 * the fetch's own errors (network, abort), jose's timeout, an answer that is not 200 or not JSON
 * (jose throws a plain JOSEError for both), or not a key set. Every other error is about the token:
 * no key with its `kid` (JWKSNoMatchingKey), an algorithm the set cannot verify (`none`, `HS256`:
 * JOSENotSupported).
 */
const fetchFailed = (error: unknown): boolean =>
  !(error instanceof errors.JOSEError) ||
  error instanceof errors.JWKSTimeout ||
  error instanceof errors.JWKSInvalid ||
  error.constructor === errors.JOSEError;

const keySets = new Map<string, { fetch: FetchLike | undefined; getKey: JWTVerifyGetKey }>();

/**
 * The key lookup `jwtVerify` uses for a project: its key set at {@link keysUrl}, fetched when
 * first needed, cached for {@link KEYS_MAX_AGE_MS} and fetched again on an unknown `kid` (at most
 * once per {@link KEYS_COOLDOWN_MS}). jose's remote key set does the caching; this keeps one per
 * URL for the process and turns a failed fetch into `SessionError('keys-unavailable')`.
 */
export const keysFor = (url: string, fetchImpl?: FetchLike): JWTVerifyGetKey => {
  const cached = keySets.get(url);
  if (cached && cached.fetch === fetchImpl) return cached.getKey;
  const remote = createRemoteJWKSet(new URL(url), {
    cacheMaxAge: KEYS_MAX_AGE_MS,
    cooldownDuration: KEYS_COOLDOWN_MS,
    timeoutDuration: KEYS_TIMEOUT_MS,
    ...(fetchImpl ? { [customFetch]: fetchImpl } : {}),
  });
  const getKey: JWTVerifyGetKey = async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      throw fetchFailed(error) ? new SessionError('keys-unavailable', { cause: error }) : error;
    }
  };
  keySets.delete(url);
  if (keySets.size >= MAX_KEY_SETS) keySets.delete(keySets.keys().next().value as string);
  keySets.set(url, { fetch: fetchImpl, getKey });
  return getKey;
};
