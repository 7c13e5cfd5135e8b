import { useMutation, type QueryClient, type UseMutationResult } from '@tanstack/react-query';
import { sessionLogout, type PasslinkError } from '../client';
import { usePasslinkContext } from './context';
import { passlinkKeys } from './keys';

/**
 * Signs out: `mutate()` revokes the refresh JWT on the server, and forgets the session here and
 * in every tab sharing its storage, even when the server could not be reached (the error is
 * still reported).
 *
 * @param queryClient Default: the provider's.
 */
export function useLogout(queryClient?: QueryClient): UseMutationResult<void, PasslinkError, void> {
  const context = usePasslinkContext('useLogout');
  return useMutation(
    {
      mutationFn: async () => {
        const refreshJwt = context.store.getRefreshJwt();
        try {
          if (refreshJwt !== undefined) await sessionLogout(context.transport, { refreshJwt });
        } finally {
          context.store.clear();
          // The user's data goes; verifications stay, so a mounted verify page never re-sends a
          // spent token.
          (queryClient ?? context.queryClient).removeQueries({ queryKey: passlinkKeys.user() });
        }
      },
    },
    queryClient ?? context.queryClient,
  );
}
