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
  cooldowns: Cooldowns;
  /** Seconds a resend waits after a send. */
  resendCooldownSeconds: number;
  /** Reads magic-link tokens from the address bar and removes them. */
  urlTokens: UrlTokens;
}

/**
 * Takes tokens from the address bar. It remembers the last token read for each parameter, so a
 * component that remounts (or StrictMode's second effect) after the token was removed from the
 * URL still gets it, and so still shares the one verification.
 */
export interface UrlTokens {
  read(param: string): string | null;
  strip(param: string): void;
}

export const createUrlTokens = (): UrlTokens => {
  const seen = new Map<string, string>();
  return {
    read: (param) => {
      const found = new URLSearchParams(location.search).get(param);
      if (found) seen.set(param, found);
      return found ?? seen.get(param) ?? null;
    },
    strip: (param) => {
      const url = new URL(location.href);
      url.searchParams.delete(param);
      history.replaceState(history.state, '', url);
    },
  };
};

export const PasslinkContext = /* @__PURE__ */ createContext<PasslinkContextValue | null>(null);

/** The provider's value; a hook used outside `<PasslinkProvider>` throws an error naming it. */
export function usePasslinkContext(hook: string): PasslinkContextValue {
  const value = useContext(PasslinkContext);
  if (!value) throw new Error(`${hook} needs a <PasslinkProvider> above it.`);
  return value;
}
