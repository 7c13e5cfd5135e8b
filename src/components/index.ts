export { PasslinkMessages, useMessages } from './i18n';
export type { PasslinkMessagesProps } from './i18n';
export { EmailField } from './EmailField';
export type { EmailFieldProps } from './EmailField';
export { PhoneField } from './PhoneField';
export { loadPhoneLib } from './phone-lib';
export type { PhoneFieldProps } from './PhoneField';
export { OtpField } from './OtpField';
export type { OtpFieldProps } from './OtpField';
export type { FieldFrameProps } from './Field';
export {
  LoginForm,
  LoginFormRoot,
  LoginFormLoginIdField,
  LoginFormSubmit,
  LoginFormError,
} from './LoginForm';
export type {
  LoginFormRootProps,
  LoginFormLoginIdFieldProps,
  LoginFormSubmitProps,
  LoginFormErrorProps,
  LoginMode,
  Via,
  SendOperations,
} from './LoginForm';
export {
  MessageSent,
  MessageSentRoot,
  MessageSentDescription,
  MessageSentCode,
  MessageSentResend,
  MessageSentChangeDestination,
} from './MessageSent';
export type {
  MessageSentRootProps,
  MessageSentDescriptionProps,
  MessageSentCodeProps,
  MessageSentResendProps,
  MessageSentChangeDestinationProps,
} from './MessageSent';
export { MessageSentEnchantedLink, enchantedLinkMethod } from './EnchantedLink';
export type { MessageSentEnchantedLinkProps } from './EnchantedLink';
export { VerifyMagicLink } from './VerifyMagicLink';
export type { VerifyMagicLinkProps, VerifyPageState } from './VerifyMagicLink';
export { PasswordlessLogin, defaultLoginMethods } from './PasswordlessLogin';
export type { PasswordlessLoginProps, LoginMethod, EnchantedLoginMethod } from './PasswordlessLogin';
export { UpdateEmail, UpdatePhone, ContactUpdate } from './ContactUpdate';
export type { UpdateEmailProps, UpdatePhoneProps, ContactUpdateProps } from './ContactUpdate';
