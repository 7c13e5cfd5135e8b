import type { QueryClient } from '@tanstack/react-query';
import { otpSignUpOrIn, type OtpMethod } from '../client';
import { useSend, type SendHookOptions, type SendMutation } from './useSend';

/**
 * Sends a one-time code, signing the user up when new. `POST /v1/auth/otp/signup-in/{method}`.
 *
 * `mutate({ loginId })` resolves with the masked destination (`maskedDestination`); errors are
 * the client's typed errors. A send starts the destination's resend cooldown
 * (`useResendCooldown(loginId)`), and a 429 extends it to the server's `Retry-After`.
 *
 * @param options `method` (`'email' | 'sms' | 'voice' | 'whatsapp'`, required), `loginOptions`, `providerId`.
 * @param queryClient Default: the provider's.
 */
export function useOtpSignUpOrIn(options: SendHookOptions<OtpMethod>, queryClient?: QueryClient): SendMutation {
  return useSend('useOtpSignUpOrIn', otpSignUpOrIn, options, queryClient);
}
