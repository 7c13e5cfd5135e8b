import { useMutation, type QueryClient } from '@tanstack/react-query';
import type { MaskedResponse, Operation, UpdateOptions } from '../client';
import { NotSignedInError } from '../session';
import { usePasslinkContext } from './context';
import { settleCooldown, withDestination, type SendResult } from './useSend';

/**
 * What becomes of the verified address, for the hooks' options and each `mutate` call (a call's
 * value wins over the hook's).
 */
export interface UpdateLoginIdOptions {
  /**
   * Also make the new address a login id, so that signing in with it later reaches this same
   * account (without it, a sign-in with the new phone or email would create a new, empty user).
   * Sent as `addToLoginIDs`. Default: true.
   */
  addToLoginIds?: boolean;
  /**
   * With `addToLoginIds`, when the address is already another user's login id: refuse, with
   * an `ApiError` (`E062107`) that the components explain as "belongs to another account", and
   * change nothing. Set false to let Descope merge the two users instead (keeping this one, or
   * the other one with `onMergeUseExisting`): only for an app designed for merges.
   * Default: true, unless `onMergeUseExisting` is true.
   */
  failOnConflict?: boolean;
  /**
   * With `addToLoginIds` and `failOnConflict: false`, when the address is already another
   * user's login id: merge this user into that one (true) rather than that one into this one
   * (false). Default: false.
   */
  onMergeUseExisting?: boolean;
}

/** Options an update may add to the new address. */
export interface UpdateVariables extends UpdateLoginIdOptions {
  /** Message template values. Default: none. */
  templateOptions?: Record<string, string>;
}

/**
 * The one implementation behind `useUpdateEmail` and `useUpdatePhone`: the signed-in user's
 * login id and refresh JWT come from the session; signed out, the mutation fails with
 * `NotSignedInError` and sends nothing.
 */
export function useUpdate<TVariables extends UpdateVariables>(
  hook: string,
  operation: Operation<UpdateOptions & TVariables, MaskedResponse>,
  address: (variables: TVariables) => string,
  extra: Record<string, string | boolean | undefined>,
  queryClient?: QueryClient,
) {
  const context = usePasslinkContext(hook);
  return useMutation<SendResult, Error, TVariables>(
    {
      mutationFn: async (variables) => {
        const refreshJwt = context.store.getRefreshJwt();
        const loginId = context.store.getSnapshot().user?.loginIds[0];
        if (refreshJwt === undefined || !loginId) throw new NotSignedInError();
        const defined = Object.fromEntries(Object.entries(extra).filter(([, value]) => value !== undefined));
        const merged = { ...defined, ...variables };
        // One account per person: the verified address becomes a login id, and an address that
        // is another user's is refused rather than merged, unless told otherwise.
        const response = await operation(context.transport, {
          addToLoginIds: true,
          failOnConflict: !merged.onMergeUseExisting,
          ...merged,
          loginId,
          refreshJwt,
        });
        return withDestination(response, loginId);
      },
      onSettled: (_data, error, variables) => settleCooldown(context, address(variables), error),
    },
    queryClient ?? context.queryClient,
  );
}
