import type { QueryClient, UseMutationResult } from '@tanstack/react-query';
import {
  enchantedLinkSignIn,
  enchantedLinkSignUp,
  enchantedLinkSignUpOrIn,
  type EnchantedLinkResponse,
  type LoginOptions,
  type Operation,
  type PasslinkError,
  type SendArgs,
} from '../client';
import { useSend, type SendResult, type SendVariables } from './useSend';

/**
 * The query parameter (`passlink=enchanted`) the enchanted-link hooks add to `redirectUrl`, so
 * that the page the link opens (`<VerifyMagicLink>`) knows to confirm the sign-in for the other
 * device instead of signing in itself. It is not a secret and stays in the address.
 */
export const ENCHANTED_LINK_MARKER = 'passlink';
/** The marker's value. */
export const ENCHANTED_LINK_MARKER_VALUE = 'enchanted';

/**
 * `redirectUrl` with the enchanted-link marker in its query (before any fragment). Unchanged
 * when absent (the project's redirect URL then applies: its page must be told, see
 * `VerifyMagicLink`'s `kind`) or not an absolute URL (the server refuses it with its own error).
 */
export const markEnchanted = (redirectUrl: string | undefined): string | undefined => {
  try {
    const url = new URL(redirectUrl ?? '');
    url.searchParams.set(ENCHANTED_LINK_MARKER, ENCHANTED_LINK_MARKER_VALUE);
    return url.href;
  } catch {
    return redirectUrl;
  }
};

/** The arguments of an enchanted-link send, as the send hooks and `LoginForm` give them. */
type EnchantedSendArgs = SendArgs<string> & { redirectUrl?: string };

/** An enchanted-link operation that marks the redirect and always goes by email. */
const marked =
  (operation: Operation<never, EnchantedLinkResponse>): Operation<EnchantedSendArgs, EnchantedLinkResponse> =>
  (transport, args) =>
    (operation as Operation<EnchantedSendArgs, EnchantedLinkResponse>)(transport, {
      ...args,
      method: 'email',
      redirectUrl: markEnchanted(args.redirectUrl),
    });

/** The enchanted-link send operations by mode, with the redirect marked (`LoginForm` uses them too). */
export const enchantedSendOperations = {
  signIn: /* @__PURE__ */ marked(enchantedLinkSignIn),
  signUp: /* @__PURE__ */ marked(enchantedLinkSignUp),
  signUpOrIn: /* @__PURE__ */ marked(enchantedLinkSignUpOrIn),
};

/** Options of the enchanted-link send hooks. */
export interface UseEnchantedLinkSendOptions {
  /**
   * The page the link opens (with `<VerifyMagicLink>`); its host must be an Approved Domain of the
   * project. The hooks add `passlink=enchanted` to it (see {@link ENCHANTED_LINK_MARKER}).
   * Default: the project's configured redirect URL (unmarked).
   */
  redirectUrl?: string;
  /** Login options for every send. Default: none. */
  loginOptions?: LoginOptions;
  /** The message provider id. Default: the project's. */
  providerId?: string;
}

/**
 * What an enchanted-link send resolves with: the number the user taps in the email (`linkId`,
 * show it while waiting), the reference to wait on (`pendingRef`, for
 * `useEnchantedLinkSession`), the masked email (`maskedEmail`, also as `maskedDestination`) and
 * the login id.
 */
export type EnchantedLinkSendResult = SendResult & EnchantedLinkResponse;

/** The result of an enchanted-link send hook: a react-query mutation. */
export type EnchantedLinkSendMutation = UseMutationResult<EnchantedLinkSendResult, PasslinkError, SendVariables>;

/** The one implementation behind the three enchanted-link send hooks. */
export const useEnchantedLinkSend = (
  hook: string,
  mode: keyof typeof enchantedSendOperations,
  options: UseEnchantedLinkSendOptions,
  queryClient?: QueryClient,
): EnchantedLinkSendMutation => useSend(hook, enchantedSendOperations[mode], { ...options, method: 'email' }, queryClient);
