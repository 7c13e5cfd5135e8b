export {
  createClient,
  createTransport,
  baseUrlFor,
  magicLinkSignIn,
  magicLinkSignUp,
  magicLinkSignUpOrIn,
  magicLinkVerify,
  magicLinkUpdateEmail,
  magicLinkUpdatePhone,
  otpSignIn,
  otpSignUp,
  otpSignUpOrIn,
  otpVerify,
  otpUpdateEmail,
  otpUpdatePhone,
  sessionRefresh,
  sessionTryRefresh,
  sessionMe,
  sessionLogout,
} from './client';
export type {
  Client,
  ClientOptions,
  CallOptions,
  Operation,
  SendArgs,
  MagicLinkSendArgs,
  MagicLinkVerifyArgs,
  OtpVerifyArgs,
  UpdateOptions,
  MagicLinkUpdateOptions,
  UpdateEmailArgs,
  UpdatePhoneArgs,
  RefreshArgs,
  TryRefreshArgs,
} from './client';
export type { Transport } from './request';
export { PasslinkError, ApiError, NetworkError, TimeoutError, ResponseFormatError, InputError } from './errors';
export type { ResponseBodyKind } from './errors';
// The identifier rules the client applies, for forms and apps to use the same ones.
export { normalizeEmail, normalizePhone, normalizeLoginId, emailProblem, phoneProblem } from '../contract';
export type {
  JwtResponse,
  TryRefreshResponse,
  MaskedResponse,
  User,
  LoginOptions,
  SignUpUser,
  OtpMethod,
  OtpPhoneMethod,
  MagicLinkMethod,
  MagicLinkPhoneMethod,
  DeliveryMethod,
  InputMessageId,
} from '../contract';
