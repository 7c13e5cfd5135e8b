import type { QueryClient } from '@tanstack/react-query';
import { magicLinkSignIn, type MagicLinkMethod } from '../client';
import { useSend, type SendHookOptions, type SendMutation } from './useSend';

/** Options of {@link useMagicLinkSignIn}. */
export interface UseMagicLinkSignInOptions extends SendHookOptions<MagicLinkMethod> {
  /**
   * Where the link leads (the page that calls `useVerifyToken`); its host must be an Approved
   * Domain of the project. Default: the project's configured redirect URL.
   */
  redirectUrl?: string | undefined;
}
/**
 * Sends a magic link to an existing user. `POST /v1/auth/magiclink/signin/{method}`; an unknown user is an `ApiError`.
 *
 * `mutate({ loginId })` resolves with the masked destination (`maskedDestination`); errors are
 * the client's typed errors. A send starts the destination's resend cooldown
 * (`useResendCooldown(loginId)`), and a 429 extends it to the server's `Retry-After`.
 *
 * @param options `method` (`'email' | 'sms' | 'whatsapp'`, required), `redirectUrl`, `loginOptions`, `providerId`.
 * @param queryClient Default: the provider's.
 */
export function useMagicLinkSignIn(options: UseMagicLinkSignInOptions, queryClient?: QueryClient): SendMutation {
  return useSend('useMagicLinkSignIn', magicLinkSignIn, options, queryClient);
}
