import type { QueryClient } from '@tanstack/react-query';
import { enchantedLinkVerify } from '../client';
import { ENCHANTED_LINK_MARKER, ENCHANTED_LINK_MARKER_VALUE } from './enchantedLinkSend';
import { useTokenVerification, type UseVerifyTokenOptions, type VerifyTokenResult } from './useVerifyToken';

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

/** What {@link useVerifyEnchantedLink} returns: {@link VerifyTokenResult} without a session (`data` stays undefined). */
export type VerifyEnchantedLinkResult = Omit<VerifyTokenResult, 'data'>;

/**
 * Completes an enchanted link on the device where it was opened: the page the link leads to.
 * It confirms the sign-in for the device that waits on it (`useEnchantedLinkSession` there
 * signs in by itself) and never signs this tab in: nothing is stored, and status `success`
 * means the other device is signed in. Everything else is {@link useVerifyToken}'s: the token
 * leaves the address bar before the request, one verification per token, and an address
 * carrying two tokens is refused whole. `POST /v1/auth/enchantedlink/verify`.
 *
 * @param options `token`, `fromUrl` (true), `param` ('t'), `stripFromUrl` (true), `enabled` (true).
 * @param queryClient Default: the provider's.
 */
export function useVerifyEnchantedLink(options: UseVerifyTokenOptions = {}, queryClient?: QueryClient): VerifyEnchantedLinkResult {
  const { data: _none, ...result } = useTokenVerification(options, queryClient, enchantedLinkVerify);
  return result;
}
