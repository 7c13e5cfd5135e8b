import type { QueryClient, UseMutationResult } from '@tanstack/react-query';
import { magicLinkUpdatePhone, otpUpdatePhone, type MagicLinkPhoneMethod, type MaskedResponse, type Operation, type OtpPhoneMethod, type UpdateOptions } from '../client';
import { useUpdate, type UpdateLoginIdOptions, type UpdateVariables } from './useUpdate';
import type { SendResult } from './useSend';

/** Options of {@link useUpdatePhone}: a link goes by SMS or WhatsApp; a code also by voice. */
export type UseUpdatePhoneOptions = UpdateLoginIdOptions &
  (
  | {
      /** Verify the new number by a magic link. */
      via: 'magicLink';
      /** `'sms'` or `'whatsapp'` (required). */
      method: MagicLinkPhoneMethod;
      /** Where the link leads. Default: the project's redirect URL. */
      redirectUrl?: string | undefined;
    }
  | {
      /** Verify the new number by a one-time code. */
      via: 'otp';
      /** `'sms'`, `'voice'` or `'whatsapp'` (required). */
      method: OtpPhoneMethod;
    }
  );

/** The variables of `useUpdatePhone().mutate`. */
export interface UpdatePhoneVariables extends UpdateVariables {
  /** The new phone number, E.164 (`+14155550123`). */
  phone: string;
}

/**
 * Sends a link or code to a signed-in user's new phone number: `mutate({ phone })`. The change
 * takes effect when verified. Signed out, it fails with `NotSignedInError` and sends nothing.
 *
 * The verified number also becomes a login id (`addToLoginIds`, default true), so the user can
 * sign in with it later and reach this same account.
 *
 * @param options `via` and `method` (required), `redirectUrl` for links (the project's),
 *   `addToLoginIds` (true), `failOnConflict` (true),
 *   `onMergeUseExisting` (false).
 * @param queryClient Default: the provider's.
 */
export function useUpdatePhone(
  options: UseUpdatePhoneOptions,
  queryClient?: QueryClient,
): UseMutationResult<SendResult, Error, UpdatePhoneVariables> {
  return useUpdate<UpdatePhoneVariables>(
    'useUpdatePhone',
    // `method` comes from the options below, so the operation gets every argument it needs.
    (options.via === 'otp' ? otpUpdatePhone : magicLinkUpdatePhone) as Operation<UpdateOptions & UpdatePhoneVariables, MaskedResponse>,
    (variables) => variables.phone,
    {
      method: options.method,
      redirectUrl: options.via === 'magicLink' ? options.redirectUrl : undefined,
      addToLoginIds: options.addToLoginIds,
      onMergeUseExisting: options.onMergeUseExisting,
      failOnConflict: options.failOnConflict,
    },
    queryClient,
  );
}
