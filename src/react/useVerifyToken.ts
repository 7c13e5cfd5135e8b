import { useEffect, useSyncExternalStore } from 'react';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { magicLinkVerify, type JwtResponse, type MagicLinkVerifyArgs, type Operation, type PasslinkError, type User } from '../client';
import { usePasslinkContext } from './context';
import { digest, passlinkKeys } from './keys';

/** Options of {@link useVerifyToken}. */
export interface UseVerifyTokenOptions {
  /** The token to verify. Default: read from the address bar (see `fromUrl`). */
  token?: string;
  /** Read the token from the page's URL when `token` is not given. Default: true. */
  fromUrl?: boolean;
  /** The URL parameter holding the token. Default: `'t'` (Descope's links). */
  param?: string;
  /** Remove the token from the address bar (`history.replaceState`) before verifying. Default: true. */
  stripFromUrl?: boolean;
  /**
   * Verify as soon as the token is known. Set false to wait for `verify()` (e.g. a "Continue
   * signing in" button, so that mail scanners opening the link cannot spend it). Default: true.
   */
  enabled?: boolean;
}

/**
 * Where a verification stands:
 * `reading` (the URL has not been read yet), `missing` (no token), `refused` (the address
 * carries more than one token: nothing is sent, see below), `completed` (no token, but this
 * history entry already completed a verification: Back or reload after signing in), `ready`
 * (a token, waiting for `verify()`), `verifying`, `success`, `error`.
 */
export type VerifyTokenStatus = 'reading' | 'missing' | 'refused' | 'completed' | 'ready' | 'verifying' | 'success' | 'error';

/** What {@link useVerifyToken} returns. */
export interface VerifyTokenResult {
  status: VerifyTokenStatus;
  /** The typed error of a failed verification (`ApiError` for expired, used or unknown links). */
  error: PasslinkError | null;
  /** The signed-in user and whether this was their first sign-in, after success. Tokens stay in the session store. */
  data: { user: User | undefined; firstSeen: boolean } | undefined;
  /** Verifies now (with `enabled: false`), or tries again after a network failure. */
  verify(): void;
}

/**
 * Completes a magic link: takes the token (from the address bar by default), removes it from
 * the address bar before the request, verifies it exactly once per token (StrictMode double
 * effects, remounts and several components asking for the same token share one request) and
 * stores the session.
 *
 * @param options `token`, `fromUrl` (true), `param` ('t'), `stripFromUrl` (true), `enabled` (true).
 * @param queryClient Default: the provider's.
 */
export function useVerifyToken(options: UseVerifyTokenOptions = {}, queryClient?: QueryClient): VerifyTokenResult {
  return useTokenVerification(options, queryClient, magicLinkVerify);
}

/**
 * The verification behind `useVerifyToken`, `useVerifyEnchantedLink` and `VerifyMagicLink`:
 * reading, stripping and refusing tokens, one verification per token. `verify` spends the token:
 * `magicLinkVerify`, whose session is stored, or `enchantedLinkVerify`, which signs in the
 * device that waits on the link and stores nothing here.
 */
export function useTokenVerification(
  options: UseVerifyTokenOptions,
  queryClient: QueryClient | undefined,
  verify: Operation<MagicLinkVerifyArgs, JwtResponse | Record<string, unknown>>,
): VerifyTokenResult {
  const { token: given, fromUrl = true, param = 't', stripFromUrl = true, enabled = true } = options;
  const { urlTokens, transport, store, queryClient: own } = usePasslinkContext('useVerifyToken');
  const client = queryClient ?? own;
  const fromAddressBar = given === undefined && fromUrl;
  const strip = fromAddressBar && stripFromUrl;
  // undefined on the server and while hydrating: the URL is read in the browser only.
  // (The address bar has no change event: the store's subscription only re-reads the token it remembers.)
  const urlToken = useSyncExternalStore(store.subscribe, () => (fromAddressBar ? urlTokens.read(param) : null), () => undefined);
  // A link with two tokens is refused whole (only the address bar reads false): the second can
  // only be an attacker's, planted in a redirect URL so that the victim's genuine link signs them
  // in to the attacker's account.
  const refused = urlToken === false;
  const token = given ?? (refused ? '' : urlToken);

  // Declared before the query so that it runs first: the token leaves the address bar (and so
  // history and Referer) before the request, and also when verification waits for a click.
  useEffect(() => {
    // A refused link's tokens leave the address bar too.
    if (strip && (urlToken || refused)) urlTokens.strip(param);
  }, [strip, urlToken, refused, param, urlTokens]);

  const query = useQuery(
    {
      queryKey: passlinkKeys.verify(digest(token ?? '')),
      queryFn: async () => {
        if (strip) urlTokens.strip(param);
        // No abort signal: a verification must finish even if its component unmounts.
        // An enchanted link's answer is `{}`: its session goes to the device that waits on it.
        const session = (await verify(transport, { token: token ?? '' })) as JwtResponse;
        // Only a magic link's answer is a session for this tab.
        if (verify == magicLinkVerify) store.setSession(session);
        if (fromAddressBar) urlTokens.markVerified();
        void client.invalidateQueries({ queryKey: passlinkKeys.user() });
        return { user: session.user, firstSeen: !!session.firstSeen };
      },
      // (A refused link reads as no token.)
      enabled: enabled && !!token,
      // Never stale, never collected, never refetched ('static' also resists an app's global
      // invalidateQueries / refetchQueries): nothing verifies a token twice.
      staleTime: 'static',
      gcTime: Infinity,
      retry: false,
      retryOnMount: false,
    },
    client,
  );

  const status: VerifyTokenStatus =
    token === undefined
      ? 'reading'
      : refused
        ? 'refused'
        : !token
          ? fromAddressBar && urlTokens.verified()
            ? 'completed'
            : 'missing'
          : query.isFetching
            ? 'verifying'
            : query.status == 'pending'
              ? 'ready'
              : query.status;
  return {
    status,
    error: query.error,
    data: query.data,
    verify: () => {
      if (status == 'ready' || status == 'error') void query.refetch();
    },
  };
}
