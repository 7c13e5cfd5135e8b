import { useEffect } from 'react';
import { useQuery, type QueryClient, type UseQueryResult } from '@tanstack/react-query';
import { ApiError, sessionMe, type PasslinkError, type User } from '../client';
import { usePasslinkContext } from './context';
import { passlinkKeys } from './keys';
import { useSession } from './useSession';

/**
 * The signed-in user, fresh from the API (`GET /v1/auth/me`): a react-query query, idle while
 * signed out. It refetches after a verification (an email or phone update shows at once).
 * Network failures are retried twice; API errors are not. Every verify and refresh answer carries
 * the user as it is now (an updated email or phone included, and from another tab): while a
 * `useUser` is mounted, each one is written into this query at once, with no extra request (an app
 * without `useUser` pays nothing for it).
 *
 * @param queryClient Default: the provider's.
 */
export function useUser(queryClient?: QueryClient): UseQueryResult<User, PasslinkError> {
  const context = usePasslinkContext('useUser');
  const { isAuthenticated, user } = useSession();
  const client = queryClient ?? context.queryClient;
  const { store } = context;
  useEffect(
    () =>
      store.subscribe(() => {
        const { user } = store.getSnapshot();
        if (user) client.setQueriesData({ queryKey: passlinkKeys.user(user.userId) }, user);
      }),
    [store, client],
  );
  return useQuery(
    {
      queryKey: passlinkKeys.user(user?.userId),
      queryFn: ({ signal }) => sessionMe(context.transport, { refreshJwt: context.store.getRefreshJwt() ?? '', signal }),
      enabled: isAuthenticated,
      retry: (failures, error) => !(error instanceof ApiError) && failures < 2,
    },
    client,
  );
}
