import type { QueryClient } from '@tanstack/react-query';
import { useEnchantedLinkSend, type EnchantedLinkSendMutation, type UseEnchantedLinkSendOptions } from './enchantedLinkSend';

/**
 * Sends an enchanted link to a new user (`POST /v1/auth/enchantedlink/signup/email`); an existing user is an `ApiError`. `mutate({ loginId, user })`: the email goes to `user.email`, else to the login id.
 *
 * An enchanted link is Descope's cross-device email sign-in: the email holds three links, each
 * showing a number, and only the one showing `linkId` signs in. `mutate({ loginId })` resolves
 * with `linkId` (show it), `pendingRef` (give it to `useEnchantedLinkSession`, which signs
 * this tab in once the right link is opened on any device) and the masked email. A send starts
 * the address's resend cooldown (`useResendCooldown(loginId)`), and a 429 extends it.
 *
 * @param options `redirectUrl` (default: the project's; marked `passlink=enchanted`), `loginOptions` (none), `providerId` (the project's).
 * @param queryClient Default: the provider's.
 */
export function useEnchantedLinkSignUp(options: UseEnchantedLinkSendOptions = {}, queryClient?: QueryClient): EnchantedLinkSendMutation {
  return useEnchantedLinkSend('useEnchantedLinkSignUp', 'signUp', options, queryClient);
}
