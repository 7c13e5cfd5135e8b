import { headerOf } from './answers';
import type { CookieOptions, EmulatorRequest, TokenTransport } from './types';

/*
 * How tokens travel, as a Descope project's Session Management settings choose, one setting per
 * token: the session token and the refresh token each go in the response body or in an HttpOnly
 * cookie, `SameSite=Strict` and `Secure` by default, on the project's cookie domain
 * (docs.descope.com/security-best-practices/session-token-storage and
 * /project-settings/refresh-token-storage). The cookie names are Descope's `DS` and `DSR`
 * (descope/go-sdk descope/types.go SessionCookieName, RefreshCookieName; descope/node-sdk
 * lib/constants.ts).
 */

/** Cookie and delivery settings with their defaults applied. */
export interface CookieSettings {
  session: TokenTransport;
  refresh: TokenTransport;
  sessionName: string;
  refreshName: string;
  sameSite: 'Strict' | 'Lax' | 'None';
  secure: boolean;
  /** Undefined: a host-only cookie (no `Domain` attribute). */
  domain: string | undefined;
  path: string;
}

/** A cookie name: an RFC 6265 token. */
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** A cookie domain or path: printable, without `;` (which would start another attribute). */
const ATTRIBUTE_VALUE = /^[\x21-\x3a\x3c-\x7e]+$/;

/**
 * The cookie settings of `options`, defaults applied.
 * @throws RangeError for a setting that would make a broken `Set-Cookie` header.
 */
export const cookieSettings = (options: { tokensInCookies?: boolean; delivery?: { session?: TokenTransport; refresh?: TokenTransport }; cookies?: CookieOptions }): CookieSettings => {
  const shorthand: TokenTransport = options.tokensInCookies ? 'cookie' : 'body';
  const cookies = options.cookies ?? {};
  const settings: CookieSettings = {
    session: options.delivery?.session ?? shorthand,
    refresh: options.delivery?.refresh ?? shorthand,
    sessionName: cookies.sessionName ?? 'DS',
    refreshName: cookies.refreshName ?? 'DSR',
    sameSite: cookies.sameSite ?? 'Strict',
    // A browser drops a SameSite=None cookie that is not Secure.
    secure: cookies.sameSite === 'None' || (cookies.secure ?? true),
    domain: cookies.domain || undefined,
    path: cookies.path ?? '/',
  };
  for (const which of ['session', 'refresh'] as const) {
    if (settings[which] !== 'body' && settings[which] !== 'cookie') throw new RangeError(`delivery.${which} is 'body' or 'cookie'`);
  }
  for (const name of ['sessionName', 'refreshName'] as const) {
    if (!COOKIE_NAME.test(settings[name])) throw new RangeError(`cookies.${name} is a cookie name (letters, digits, and !#$%&'*+-.^_\`|~)`);
  }
  if (settings.sessionName === settings.refreshName) throw new RangeError('cookies.sessionName and cookies.refreshName differ');
  if (!['Strict', 'Lax', 'None'].includes(settings.sameSite)) throw new RangeError("cookies.sameSite is 'Strict', 'Lax' or 'None'");
  if (settings.domain !== undefined && !ATTRIBUTE_VALUE.test(settings.domain)) throw new RangeError('cookies.domain is a domain name');
  if (!settings.path.startsWith('/') || !ATTRIBUTE_VALUE.test(settings.path)) throw new RangeError("cookies.path starts with '/' and has no ';' or spaces");
  return settings;
};

const attributes = (settings: CookieSettings) =>
  `Path=${settings.path}${settings.domain ? `; Domain=${settings.domain}` : ''}`;

const flags = (settings: CookieSettings) => `HttpOnly${settings.secure ? '; Secure' : ''}; SameSite=${settings.sameSite}`;

/**
 * A `Set-Cookie` value for a token. Both cookies live as long as the refresh JWT, as the SDKs
 * that set them again do (go-sdk descope/internal/auth/auth.go createCookie, node-sdk
 * lib/helpers.ts: `Max-Age=<cookieMaxAge>` for either token).
 */
export const setCookie = (name: string, value: string, settings: CookieSettings, maxAgeSeconds: number, expiresAt: number): string =>
  `${name}=${value}; ${attributes(settings)}; Max-Age=${maxAgeSeconds}; Expires=${new Date(expiresAt * 1000).toUTCString()}; ${flags(settings)}`;

/** A `Set-Cookie` value that deletes the cookie `name` (same Path and Domain, or the browser keeps it). */
export const clearCookie = (name: string, settings: CookieSettings): string =>
  `${name}=; ${attributes(settings)}; Max-Age=0; Expires=${new Date(0).toUTCString()}; ${flags(settings)}`;

/**
 * The value of the first cookie `name` in the request's `Cookie` header. Tolerant of what real
 * clients send: duplicates, and attributes replayed as if they were cookies (MSW's cookie store
 * sends `DSR=…; Path=/; HttpOnly; SameSite=Strict; DSR=…`).
 */
export const cookieOf = (headers: EmulatorRequest['headers'], name: string): string | undefined => {
  for (const part of (headerOf(headers, 'cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at !== -1 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim() || undefined;
  }
  return undefined;
};

/**
 * The refresh JWT of a request, as Descope reads it: from `Authorization: Bearer <P>:<R>`; else
 * from the cookie the client names in `x-descope-refresh-cookie-name` (web-js-sdk sends back the
 * `cookieName` of the last answer: descope/descope-js
 * packages/sdks/web-js-sdk/src/enhancers/withPersistTokens/helpers.ts); else from the project's
 * refresh cookie. Cookies are read whatever the delivery setting.
 */
export const refreshJwtOf = (headers: EmulatorRequest['headers'], fromBearer: string | undefined, settings: CookieSettings): string | undefined => {
  if (fromBearer) return fromBearer;
  const named = headerOf(headers, 'x-descope-refresh-cookie-name')?.trim();
  return (named ? cookieOf(headers, named) : undefined) ?? cookieOf(headers, settings.refreshName);
};
