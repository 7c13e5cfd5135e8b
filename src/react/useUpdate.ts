import { useMutation, type QueryClient } from '@tanstack/react-query';
import type { MaskedResponse, Operation, UpdateOptions } from '../client';
import { NotSignedInError } from '../session';
import { usePasslinkContext } from './context';
import { cooldownCallbacks, withDestination, type SendResult } from './useSend';

/** Options an update may add to the new address. */
export interface UpdateVariables {
  /** Also make the new address a login id. Default: false. */
  addToLoginIds?: boolean;
  /** With `addToLoginIds`: merge into the user who already has it. Default: false. */
  onMergeUseExisting?: boolean;
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
  extra: Record<string, string | undefined>,
  queryClient?: QueryClient,
) {
  const context = usePasslinkContext(hook);
  const { onSent, onFailed } = cooldownCallbacks(context);
  return useMutation<SendResult, Error, TVariables>(
    {
      mutationFn: async (variables) => {
        const refreshJwt = context.store.getRefreshJwt();
        const loginId = context.store.getSnapshot().user?.loginIds[0];
        if (refreshJwt === undefined || !loginId) throw new NotSignedInError();
        const defined = Object.fromEntries(Object.entries(extra).filter(([, value]) => value !== undefined));
        const response = await operation(context.transport, { ...defined, ...variables, loginId, refreshJwt });
        return withDestination(response, loginId);
      },
      onSuccess: (_data, variables) => onSent(address(variables)),
      onError: (error, variables) => onFailed(address(variables), error),
    },
    queryClient ?? context.queryClient,
  );
}
