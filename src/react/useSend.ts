import { useMutation, type QueryClient, type UseMutationResult } from '@tanstack/react-query';
import { ApiError, type LoginOptions, type MaskedResponse, type Operation, type PasslinkError, type SendArgs, type SignUpUser } from '../client';
import { usePasslinkContext, type PasslinkContextValue } from './context';

/** What a send or update hook resolves with. */
export interface SendResult extends MaskedResponse {
  /** The masked phone or email the message went to, as the server wrote it. */
  maskedDestination: string;
  /** The login id it was sent for; for an update, the signed-in user's (what verifying the code needs). */
  loginId: string;
}

/** The variables of a send hook's `mutate`. */
export interface SendVariables {
  /** The user's login id: an email address or an E.164 phone number. */
  loginId: string;
  /** The new user's details (sign-up). Default: none. */
  user?: SignUpUser;
  /** Login options; with `stepup` or `mfa` the signed-in user's refresh JWT is sent. Default: the hook's. */
  loginOptions?: LoginOptions;
}

/** Options every send hook takes. */
export interface SendHookOptions<TMethod extends string> {
  /** The delivery method. */
  method: TMethod;
  /** Login options for every send. Default: none. */
  loginOptions?: LoginOptions;
  /** The message provider id. Default: the project's. */
  providerId?: string;
}

/** The result of a send hook: a react-query mutation. */
export type SendMutation = UseMutationResult<SendResult, PasslinkError, SendVariables>;

/**
 * After a send to `key` settles: starts its resend cooldown when it went out, or waits the
 * server's `Retry-After` after a 429 (nothing went out then).
 */
export const settleCooldown = ({ cooldowns }: PasslinkContextValue, key: string, error: unknown) => {
  if (!error) cooldowns.start(key);
  // No Retry-After: the provider's resend wait.
  else if (error instanceof ApiError && error.status == 429) cooldowns.start(key, error.retryAfterSeconds, false);
};

export const withDestination = <TResponse extends MaskedResponse>(response: TResponse, loginId: string): SendResult & TResponse => ({
  ...response,
  maskedDestination: response.maskedPhone ?? response.maskedEmail ?? '',
  loginId,
});

/**
 * The one implementation behind every sign-up / sign-in / sign-up-or-in hook. `TResponse` is the
 * operation's answer (an enchanted link's carries `linkId` and `pendingRef` too): the result keeps it.
 */
export function useSend<TArgs extends SendArgs<string>, TResponse extends MaskedResponse = MaskedResponse>(
  hook: string,
  operation: Operation<TArgs, TResponse>,
  options: SendHookOptions<TArgs['method']> & { redirectUrl?: string | undefined },
  queryClient?: QueryClient,
): UseMutationResult<SendResult & TResponse, PasslinkError, SendVariables> {
  const context = usePasslinkContext(hook);
  return useMutation(
    {
      mutationFn: async ({ loginId, user, loginOptions = options.loginOptions }: SendVariables) => {
        const stepup = !!(loginOptions?.stepup || loginOptions?.mfa);
        const refreshJwt = stepup ? context.store.getRefreshJwt() : undefined;
        // Undefined fields are dropped on the wire.
        const response = await operation(context.transport, { ...options, loginId, user, loginOptions, refreshJwt } as TArgs);
        return withDestination(response, loginId);
      },
      onSettled: (_data, error, { loginId }) => settleCooldown(context, loginId, error),
    },
    queryClient ?? context.queryClient,
  );
}
