import { createContext, useContext } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { Transport } from '../client';
import type { SessionStore } from '../session';
import type { Cooldowns } from './cooldowns';

/** What `<PasslinkProvider>` gives its hooks. */
export interface PasslinkContextValue {
  transport: Transport;
  store: SessionStore;
  queryClient: QueryClient;
  /** When each destination may be sent to again (a resend waits the provider's `resendCooldownSeconds`). */
  cooldowns: Cooldowns;
  /** Reads magic-link tokens from the address bar and removes them. */
  urlTokens: UrlTokens;
}

/**
 * Takes tokens from the address bar. It remembers the last token read for each parameter, so a
 * component that remounts (or StrictMode's second effect) after the token was removed from the
 * URL still gets it, and so still shares the one verification.
 */
export interface UrlTokens {
  /**
   * The token in `param`: null when there is none ('' when empty), false when the address carries more than one
   * (in the query, the fragment, or both). A second token can only be an attacker's, planted in
   * a redirect URL to sign the victim in to the attacker's account: such a link is refused whole.
   */
  read(param: string): string | null | false;
  /** Removes `param` from the query and the fragment (`history.replaceState`). */
  strip(param: string): void;
  /** Marks the current history entry as a completed verification, so Back or reload can say so. */
  markVerified(): void;
  /** Whether the current history entry completed a verification. */
  verified(): boolean;
}

const MARK = 'passlinkVerified';

/**
 * The address bar: its URL, the fragment up to its query (`#/verify?` of a hash route, else ''),
 * and the fragment's parameters (`#t=…`, or a hash route's query, `#/verify?t=…`).
 */
const address = () => {
  const url = new URL(location.href);
  const hash = url.hash.slice(1);
  const at = hash.indexOf('?') + 1;
  return [url, hash.slice(0, at), new URLSearchParams(hash.slice(at))] as const;
};

export const createUrlTokens = (): UrlTokens => {
  const seen = new Map<string, string | false>();
  let stripped = '';
  return {
    read: (param) => {
      const [url, , fragment] = address();
      const found = [...url.searchParams.getAll(param), ...fragment.getAll(param)];
      if (found.length > 1) seen.set(param, false);
      else if (found[0]) seen.set(param, found[0]);
      // An empty `t=` is an incomplete link: '' (missing), unless a token was read before.
      return seen.get(param) ?? found[0] ?? null;
    },
    strip: (param) => {
      const [url, prefix, fragment] = address();
      url.searchParams.delete(param);
      if (fragment.has(param)) {
        fragment.delete(param);
        url.hash = prefix + fragment.toString();
      }
      history.replaceState(history.state, '', url);
      stripped = location.href;
    },
    markVerified: () => {
      const state: unknown = history.state;
      // Only on the entry the token was taken from (the app may have navigated meanwhile), and
      // only where the app's own history state is an object (or null) this can extend without harm.
      if (location.href == stripped && typeof state == 'object') history.replaceState({ ...state, [MARK]: true }, '');
    },
    verified: () => !!(history.state as Record<string, unknown> | null)?.[MARK],
  };
};

export const PasslinkContext = /* @__PURE__ */ createContext<PasslinkContextValue | null>(null);

/** The provider's value; a hook used outside `<PasslinkProvider>` throws an error naming it. */
export function usePasslinkContext(hook: string): PasslinkContextValue {
  const value = useContext(PasslinkContext);
  if (!value) throw new Error(`${hook} needs a <PasslinkProvider> above it.`);
  return value;
}
