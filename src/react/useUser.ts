import { useQuery, type QueryClient, type UseQueryResult } from '@tanstack/react-query';
import { ApiError, sessionMe, type PasslinkError, type User } from '../client';
import { usePasslinkContext } from './context';
import { passlinkKeys } from './keys';
import { useSession } from './useSession';

/**
 * The signed-in user, fresh from the API (`GET /v1/auth/me`): a react-query query, idle while
 * signed out. It refetches after a verification (an email or phone update shows at once).
 * Network failures are retried twice; API errors are not.
 *
 * @param queryClient Default: the provider's.
 */
export function useUser(queryClient?: QueryClient): UseQueryResult<User, PasslinkError> {
  const context = usePasslinkContext('useUser');
  const { isAuthenticated, user } = useSession();
  return useQuery(
    {
      queryKey: passlinkKeys.user(user?.userId),
      queryFn: ({ signal }) => sessionMe(context.transport, { refreshJwt: context.store.getRefreshJwt() ?? '', signal }),
      enabled: isAuthenticated,
      retry: (failures, error) => !(error instanceof ApiError) && failures < 2,
    },
    queryClient ?? context.queryClient,
  );
}
