import { Failure } from './answers';

/*
 * The redirect URL of a magic link and where its token goes. The verify page reads the token
 * from the `t` query parameter; a URL that already carries a `t` (in its query, or in its
 * fragment where a hash-routed page would read it) is refused: otherwise a link for Ada could
 * carry Mallory's token first, and open as Mallory's session (login CSRF, issue 11).
 */

/** The token parameter of a magic link (Descope's: `<URI>?t=<token>`). */
export const TOKEN_PARAM = 't';

const hasTokenParam = (params: string) => new URLSearchParams(params).has(TOKEN_PARAM);

/**
 * Checks a magic link's redirect URL: an absolute http(s) URL on an approved domain, without a
 * token parameter of its own. Answers the URL as given. `field` names it in the refusal.
 */
export const checkRedirect = (target: string, approvedDomains: readonly string[], field = 'URI'): string => {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new Failure('validation', `${field} is not a valid absolute URL`);
  }
  // A link is opened by a person: only web links (never javascript:, data:, file: …).
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Failure('validation', `${field} must be an http or https URL`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!approvedDomains.some((domain) => host === domain || host.endsWith(`.${domain}`))) {
    throw new Failure('validation', `${field} host ${host} is not one of the project's approved domains`);
  }
  const fragment = url.hash.slice(1);
  const fragmentQuery = fragment.includes('?') ? fragment.slice(fragment.indexOf('?') + 1) : fragment;
  if (url.searchParams.has(TOKEN_PARAM) || hasTokenParam(fragmentQuery)) {
    throw new Failure('validation', `${field} must not carry a "${TOKEN_PARAM}" parameter: the emulator adds the link's own`);
  }
  return target;
};

/**
 * The redirect of a magic link, from the two names clients give it:
 * - `URI`: what core-js (so web-js, react and node), go and python send (descope/descope-js
 *   packages/sdks/core-js-sdk/src/sdk/magicLink/index.ts; descope/go-sdk
 *   descope/internal/auth/utils.go; descope/python-sdk descope/authmethod/_magiclink_base.py,
 *   which may send `null`);
 * - `redirectUrl`: what the API reference (shared/seeds 001, 002) and the Swift SDK send
 *   (descope/swift-sdk src/internal/http/DescopeClient.swift).
 * Every non-empty one is checked (neither may carry an unapproved host or a token parameter);
 * `URI` wins when both are given, because every server-side SDK sends it; `""` and `null` count as
 * absent; with neither, the project's default redirect applies.
 */
export const chooseRedirect = (
  body: { URI?: string | null | undefined; redirectUrl?: string | null | undefined },
  defaultRedirect: string,
  approvedDomains: readonly string[],
): string => {
  const uri = body.URI ? checkRedirect(body.URI, approvedDomains, 'URI') : undefined;
  const redirectUrl = body.redirectUrl ? checkRedirect(body.redirectUrl, approvedDomains, 'redirectUrl') : undefined;
  return uri ?? redirectUrl ?? checkRedirect(defaultRedirect, approvedDomains);
};

/**
 * The clickable link: the redirect URL with `t=<token>` added to its query, before any fragment
 * (a token inside the fragment would never reach a page that reads the query).
 */
export const linkWithToken = (redirect: string, token: string): string => {
  const hash = redirect.indexOf('#');
  const base = hash === -1 ? redirect : redirect.slice(0, hash);
  const fragment = hash === -1 ? '' : redirect.slice(hash);
  const separator = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return `${base}${separator}${TOKEN_PARAM}=${token}${fragment}`;
};
