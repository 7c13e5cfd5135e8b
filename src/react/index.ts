/**
 * The React layer: the provider and the hooks, on top of the client and the session store. It
 * imports nothing from the components (they build on it); src/index.ts puts the layers together.
 */
export { PasslinkProvider } from './PasslinkProvider';
export type { PasslinkProviderOptions, PasslinkProviderProps } from './PasslinkProvider';
export { passlinkKeys } from './keys';
export { useMagicLinkSignIn } from './useMagicLinkSignIn';
export type { UseMagicLinkSignInOptions } from './useMagicLinkSignIn';
export { useMagicLinkSignUp } from './useMagicLinkSignUp';
export type { UseMagicLinkSignUpOptions } from './useMagicLinkSignUp';
export { useMagicLinkSignUpOrIn } from './useMagicLinkSignUpOrIn';
export type { UseMagicLinkSignUpOrInOptions } from './useMagicLinkSignUpOrIn';
export { useOtpSignIn } from './useOtpSignIn';
export { useOtpSignUp } from './useOtpSignUp';
export { useOtpSignUpOrIn } from './useOtpSignUpOrIn';
export type { SendHookOptions, SendMutation, SendResult, SendVariables } from './useSend';
export { useVerifyToken } from './useVerifyToken';
export type { UseVerifyTokenOptions, VerifyTokenResult, VerifyTokenStatus } from './useVerifyToken';
export { useEnchantedLinkSignIn } from './useEnchantedLinkSignIn';
export { useEnchantedLinkSignUp } from './useEnchantedLinkSignUp';
export { useEnchantedLinkSignUpOrIn } from './useEnchantedLinkSignUpOrIn';
export { ENCHANTED_LINK_MARKER, ENCHANTED_LINK_MARKER_VALUE } from './enchantedLinkSend';
export type { UseEnchantedLinkSendOptions, EnchantedLinkSendResult, EnchantedLinkSendMutation } from './enchantedLinkSend';
export { useEnchantedLinkSession } from './useEnchantedLinkSession';
export type { UseEnchantedLinkSessionOptions, EnchantedLinkSession, EnchantedLinkSessionStatus } from './useEnchantedLinkSession';
export { useVerifyEnchantedLink } from './useVerifyEnchantedLink';
export type { VerifyEnchantedLinkResult } from './useVerifyEnchantedLink';
export { useVerifyOtp } from './useVerifyOtp';
export type { UseVerifyOtpOptions, VerifiedSession } from './useVerifyOtp';
export { useUpdateEmail } from './useUpdateEmail';
export type { UseUpdateEmailOptions, UpdateEmailVariables } from './useUpdateEmail';
export { useUpdatePhone } from './useUpdatePhone';
export type { UseUpdatePhoneOptions, UpdatePhoneVariables } from './useUpdatePhone';
export type { UpdateVariables, UpdateLoginIdOptions } from './useUpdate';
export { useSession } from './useSession';
export { useUser } from './useUser';
export { useLogout } from './useLogout';
export { useResendCooldown } from './useResendCooldown';
export type { ResendCooldown } from './useResendCooldown';
