import { createElement, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { QueryClient, QueryClientContext } from '@tanstack/react-query';
import { createTransport, type Client } from '../client';
import { createSessionStore, type SessionStore, type SessionStoreOptions } from '../session';
import { PasslinkContext, createUrlTokens, type PasslinkContextValue } from './context';
import { createCooldowns } from './cooldowns';

/** The props of {@link PasslinkProvider} that do not depend on how the client is given. */
export interface PasslinkProviderOptions {
  /** The API base URL: a custom domain or the local emulator. Ignored with `client` (it has its own). Default: derived from `projectId`. */
  baseUrl?: string | undefined;
  /**
   * The session store, or options for the one the provider creates (`persistence`,
   * `refreshLeewaySeconds` …). Default: a store in memory. For a first-party session cookie the
   * app's server can read (Descope's `sessionTokenViaCookie`), wrap the persistence in
   * `withSessionCookie`.
   */
  session?: SessionStore | Omit<SessionStoreOptions, 'transport'> | undefined;
  /** The QueryClient to use. Default: the app's (from a `QueryClientProvider` above), else one of passlink's own. */
  queryClient?: QueryClient | undefined;
  /** Seconds before a code or link can be sent again to the same destination. Default: 30. */
  resendCooldownSeconds?: number | undefined;
  children?: ReactNode;
}

/**
 * Props of {@link PasslinkProvider}: a `projectId` (the provider makes the client), or a `client`
 * made with `createClient` (then `projectId` is not needed). Every optional prop also takes
 * `undefined`, so an app can pass its optional settings through under `exactOptionalPropertyTypes`.
 */
export type PasslinkProviderProps = PasslinkProviderOptions &
  (
    | {
        /** The Descope project id (required unless `client` is given). */
        projectId: string;
        /** A client made with `createClient`, to share its options (timeouts, headers, fetch). Default: one made from `projectId` and `baseUrl`. */
        client?: Client | undefined;
      }
    | {
        /** The Descope project id: not needed with `client` (the client's is used). */
        projectId?: string | undefined;
        /** A client made with `createClient`, to share its options (timeouts, headers, fetch). */
        client: Client;
      }
  );

/**
 * Gives passlink's hooks and components their client, session store and QueryClient. Put it
 * once near the root. The client, session and cooldown options are read when it mounts.
 */
export function PasslinkProvider({
  projectId,
  baseUrl,
  client,
  session,
  queryClient,
  resendCooldownSeconds = 30,
  children,
}: PasslinkProviderProps) {
  const appQueryClient = useContext(QueryClientContext);
  const [base] = useState(() => {
    // Cookie persistence needs a transport that lets the refresh cookie stand in for the JWT.
    const sessionCookies = (session as SessionStoreOptions | undefined)?.persistence?.mode == 'cookies';
    // Without a client the props' type requires a projectId; a JavaScript caller that gave
    // neither gets createTransport's own error about the missing project id.
    const transport = client ? client.transport : createTransport({ projectId: projectId as string, baseUrl, sessionCookies });
    return {
      transport,
      // A store has methods; options are plain data and functions (persistence, now).
      store: session && 'getSnapshot' in session ? session : createSessionStore({ transport, ...session }),
      cooldowns: createCooldowns(resendCooldownSeconds),
      urlTokens: createUrlTokens(),
    };
  });
  const [ownQueryClient] = useState(() => (queryClient || appQueryClient ? undefined : new QueryClient()));
  const active = queryClient ?? appQueryClient ?? ownQueryClient;

  useEffect(() => base.store.start(), [base.store]);

  useEffect(() => {
    if (!ownQueryClient) return;
    ownQueryClient.mount();
    return () => ownQueryClient.unmount();
  }, [ownQueryClient]);

  // Always a client: the app's, the prop's, or (when there was neither at mount) passlink's own.
  const value = useMemo<PasslinkContextValue>(() => ({ ...base, queryClient: active as QueryClient }), [base, active]);
  // createElement rather than JSX: the entry then needs no react/jsx-runtime import at all. A
  // context is its own provider in React 19.
  return createElement(PasslinkContext, { value }, children);
}
