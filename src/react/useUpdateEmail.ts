import type { QueryClient, UseMutationResult } from '@tanstack/react-query';
import { magicLinkUpdateEmail, otpUpdateEmail } from '../client';
import { useUpdate, type UpdateLoginIdOptions, type UpdateVariables } from './useUpdate';
import type { SendResult } from './useSend';

/** Options of {@link useUpdateEmail}. */
export interface UseUpdateEmailOptions extends UpdateLoginIdOptions {
  /** Verify the new address by a magic link or a one-time code (required). */
  via: 'magicLink' | 'otp';
  /** With `via: 'magicLink'`: where the link leads. Default: the project's redirect URL. */
  redirectUrl?: string | undefined;
}

/** The variables of `useUpdateEmail().mutate`. */
export interface UpdateEmailVariables extends UpdateVariables {
  /** The new email address. */
  email: string;
}

/**
 * Sends a link or code to a signed-in user's new email: `mutate({ email })`. The change takes
 * effect when it is verified (`useVerifyToken` for a link; `useVerifyOtp({ method: 'email',
 * loginId })` with the `loginId` the mutation resolves with, for a code). Signed out, it fails
 * with `NotSignedInError` and sends nothing.
 *
 * The verified address also becomes a login id (`addToLoginIds`, default true), so the user
 * can sign in with it later and reach this same account.
 *
 * @param options `via` (required), `redirectUrl` (the project's), `addToLoginIds` (true), `failOnConflict` (true),
 *   `onMergeUseExisting` (false).
 * @param queryClient Default: the provider's.
 */
export function useUpdateEmail(
  options: UseUpdateEmailOptions,
  queryClient?: QueryClient,
): UseMutationResult<SendResult, Error, UpdateEmailVariables> {
  return useUpdate<UpdateEmailVariables>(
    'useUpdateEmail',
    options.via === 'otp' ? otpUpdateEmail : magicLinkUpdateEmail,
    (variables) => variables.email,
    {
      redirectUrl: options.via === 'otp' ? undefined : options.redirectUrl,
      addToLoginIds: options.addToLoginIds,
      onMergeUseExisting: options.onMergeUseExisting,
      failOnConflict: options.failOnConflict,
    },
    queryClient,
  );
}
