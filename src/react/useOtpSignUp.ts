import type { QueryClient } from '@tanstack/react-query';
import { otpSignUp, type OtpMethod } from '../client';
import { useSend, type SendHookOptions, type SendMutation } from './useSend';

/**
 * Sends a one-time code to a new user. `POST /v1/auth/otp/signup/{method}`; an existing user is an `ApiError` (`E062107`).
 *
 * `mutate({ loginId })` resolves with the masked destination (`maskedDestination`); errors are
 * the client's typed errors. A send starts the destination's resend cooldown
 * (`useResendCooldown(loginId)`), and a 429 extends it to the server's `Retry-After`.
 *
 * @param options `method` (`'email' | 'sms' | 'voice' | 'whatsapp'`, required), `loginOptions`, `providerId`.
 * @param queryClient Default: the provider's.
 */
export function useOtpSignUp(options: SendHookOptions<OtpMethod>, queryClient?: QueryClient): SendMutation {
  return useSend('useOtpSignUp', otpSignUp, options, queryClient);
}
