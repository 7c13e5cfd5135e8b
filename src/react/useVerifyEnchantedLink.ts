import type { QueryClient } from '@tanstack/react-query';
import { enchantedLinkVerify } from '../client';
import { ENCHANTED_LINK_MARKER, ENCHANTED_LINK_MARKER_VALUE } from './enchantedLinkSend';
import { useTokenVerification, type CompleteToken, type UseVerifyTokenOptions, type VerifyTokenResult } from './useVerifyToken';

/**
 * An enchanted link: confirm the sign-in for the device that waits on it. The answer carries no
 * session, and nothing is stored: this tab is not signed in.
 */
export const completeEnchantedLink: CompleteToken<true> = async (token, { transport }) => {
  await enchantedLinkVerify(transport, { token });
  return true;
};

/**
 * Whether the page's address carries the enchanted-link marker (`passlink=enchanted`, in the
 * query or in a hash route's query), which the enchanted-link send hooks add to `redirectUrl`.
 * False outside a browser.
 */
export const hasEnchantedLinkMarker = (): boolean => {
  if (typeof location == 'undefined') return false;
  const url = new URL(location.href);
  const hash = url.hash.slice(1);
  const fragment = new URLSearchParams(hash.slice(hash.indexOf('?') + 1));
  return [url.searchParams, fragment].some((params) => params.getAll(ENCHANTED_LINK_MARKER).includes(ENCHANTED_LINK_MARKER_VALUE));
};

/**
 * Completes an enchanted link on the device where it was opened: the page the link leads to.
 * It confirms the sign-in for the device that waits on it (`useEnchantedLinkSession` there
 * signs in by itself) and never signs this tab in (`data` is `true` on success). Everything
 * else is {@link useVerifyToken}'s: the token leaves the address bar before the request, one
 * verification per token, and an address carrying two tokens is refused whole.
 * `POST /v1/auth/enchantedlink/verify`.
 *
 * @param options `token`, `fromUrl` (true), `param` ('t'), `stripFromUrl` (true), `enabled` (true).
 * @param queryClient Default: the provider's.
 */
export function useVerifyEnchantedLink(options: UseVerifyTokenOptions = {}, queryClient?: QueryClient): VerifyTokenResult<true> {
  return useTokenVerification('useVerifyEnchantedLink', options, queryClient, completeEnchantedLink);
}
