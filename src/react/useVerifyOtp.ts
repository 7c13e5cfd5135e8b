import { useMutation, type QueryClient, type UseMutationResult } from '@tanstack/react-query';
import { otpVerify, type OtpMethod, type PasslinkError, type User } from '../client';
import { usePasslinkContext } from './context';
import { passlinkKeys } from './keys';

/** Options of {@link useVerifyOtp}. */
export interface UseVerifyOtpOptions {
  /** The delivery method the code was sent by (required). */
  method: OtpMethod;
  /** The login id the code was sent for (for an update: the signed-in user's login id) (required). */
  loginId: string;
}

/** What a successful verification resolves with; the tokens go to the session store. */
export interface VerifiedSession {
  user: User | undefined;
  firstSeen: boolean;
}

/**
 * Checks a one-time code: `mutate(code)`. On success the session is stored (a sign-in, or the
 * update of an email or phone takes effect). A wrong code is an `ApiError` with code `E061102`,
 * too many wrong codes `E061103`.
 *
 * @param options `method` and `loginId`, both required.
 * @param queryClient Default: the provider's.
 */
export function useVerifyOtp(
  options: UseVerifyOtpOptions,
  queryClient?: QueryClient,
): UseMutationResult<VerifiedSession, PasslinkError, string> {
  const context = usePasslinkContext('useVerifyOtp');
  return useMutation(
    {
      mutationFn: async (code: string) => {
        const session = await otpVerify(context.transport, { method: options.method, loginId: options.loginId, code });
        context.store.setSession(session);
        return { user: session.user, firstSeen: !!session.firstSeen };
      },
      // Not awaited: the verification is done once the session is stored.
      onSuccess: () => void (queryClient ?? context.queryClient).invalidateQueries({ queryKey: passlinkKeys.user() }),
    },
    queryClient ?? context.queryClient,
  );
}
