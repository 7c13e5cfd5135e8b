import type { ComponentPropsWithRef, ReactNode } from 'react';
import { useForm, useWatch, type UseFormReturn } from 'react-hook-form';
import {
  magicLinkSignIn,
  magicLinkSignUp,
  magicLinkSignUpOrIn,
  otpSignIn,
  otpSignUp,
  otpSignUpOrIn,
  type DeliveryMethod,
  type MaskedResponse,
  type Operation,
  type SendArgs,
  type SignUpUser,
} from '../client';
import { normalizeLoginId } from '../contract';
import { usePasslinkContext } from '../react/context';
import type { Cooldowns } from '../react/cooldowns';
import { useResendCooldown } from '../react/useResendCooldown';
import { useSend, type SendMutation, type SendResult } from '../react/useSend';
import { createPartContext } from './context';
import { AddressField, ErrorText, kindOf, type AddressFieldProps, type AddressValues } from './FormParts';
import { useSubmitGuard } from './hooks';
import { useMessages } from './i18n';

/**
 * How the user proves they own the address: a magic link (opened on this device), a one-time
 * code, or an enchanted link (by email only: opened on any device, it signs this one in).
 */
export type Via = 'magicLink' | 'otp' | 'enchantedLink';
/** Which kind of account call a form makes. */
export type LoginMode = 'signIn' | 'signUp' | 'signUpOrIn';

/** A send operation for each mode (sign in, sign up, either). */
export type SendOperations = Record<LoginMode, Operation<never, MaskedResponse>>;

/**
 * The send operation for each way and mode. Enchanted links' come with `enchantedLinkMethod`
 * (`.operations`), so that an app that does not offer them does not ship them.
 */
export const sendOperations: Record<Exclude<Via, 'enchantedLink'>, SendOperations> = {
  magicLink: { signIn: magicLinkSignIn, signUp: magicLinkSignUp, signUpOrIn: magicLinkSignUpOrIn },
  otp: { signIn: otpSignIn, signUp: otpSignUp, signUpOrIn: otpSignUpOrIn },
};

/** The operations of `via` (an enchanted link's must be given: `enchantedLinkMethod.operations`). */
export const operationsFor = (via: Via, operations: SendOperations | undefined, part: string): SendOperations => {
  const found = operations ?? (via === 'enchantedLink' ? undefined : sendOperations[via]);
  if (!found) throw new Error(`<${part}> with via="enchantedLink" needs operations={enchantedLinkMethod.operations}.`);
  return found;
};

/** Whether `key` was sent to too recently to send again (read when submitting, never in render). */
const coolingDown = (cooldowns: Cooldowns, key: string) => cooldowns.until(key) > Date.now();

interface LoginFormContextValue {
  form: UseFormReturn<AddressValues>;
  send: SendMutation;
  via: Via;
  method: DeliveryMethod;
}

const LoginFormContext = /* @__PURE__ */ createPartContext<LoginFormContextValue>('LoginForm.Root');

/** Props of {@link LoginFormRoot}. */
export interface LoginFormRootProps extends Omit<ComponentPropsWithRef<'form'>, 'onSubmit' | 'children'> {
  /** Sign in by a magic link, a one-time code or an enchanted link (required). */
  via: Via;
  /**
   * The delivery method (required): `email`, `sms` or `whatsapp` for magic links, also `voice` for
   * codes; enchanted links always go by `email`.
   */
  method: DeliveryMethod;
  /** Sign in, sign up, or either. Default: `'signUpOrIn'`. */
  mode?: LoginMode;
  /**
   * For links: the page that completes them (its host an Approved Domain); an enchanted link's is
   * marked `passlink=enchanted`. Default: the project's.
   */
  redirectUrl?: string | undefined;
  /** The login id the field starts with (e.g. when coming back to the form). Default: `''`. */
  defaultLoginId?: string;
  /** The new user's details, sent on sign-up. Default: none. */
  user?: SignUpUser;
  /**
   * The send operations by mode. Required for `via: 'enchantedLink'`: `enchantedLinkMethod.operations`
   * (they mark the redirect `passlink=enchanted` and go by email). Default: passlink's for `via`.
   */
  operations?: SendOperations | undefined;
  /**
   * Called after the message went out, with the masked destination and the login id (and, for an
   * enchanted link, `linkId` and `pendingRef`: see `EnchantedLinkSendResult`).
   */
  onSent?: (result: SendResult) => void;
  children: ReactNode;
}

/**
 * The root of a login form: a `<form>` that checks the login id, sends the link or code, and
 * keeps what was typed through a failed request. State shows as `data-state`
 * (`idle` | `pending` | `error` | `sent`).
 */
export function LoginFormRoot({ via, method, mode = 'signUpOrIn', redirectUrl, defaultLoginId = '', user, operations, onSent, children, ...form }: LoginFormRootProps) {
  // Each operation refuses a method it does not allow (an InputError), so the union is safe here.
  const operation = operationsFor(via, operations, 'LoginForm.Root')[mode] as Operation<SendArgs<DeliveryMethod>, MaskedResponse>;
  const send = useSend('LoginForm.Root', operation, { method, ...(redirectUrl ? { redirectUrl } : {}) });
  const methods = useForm<AddressValues>({ defaultValues: { address: defaultLoginId } });
  const { cooldowns } = usePasslinkContext('LoginForm.Root');
  const onSubmit = useSubmitGuard(
    methods.handleSubmit(async () => {
      // The value as the field holds it now (a phone field may have re-reported it during validation).
      // Normalised as the client sends it: "Ada@Example.COM " and "ada@example.com" are one destination.
      const loginId = normalizeLoginId(methods.getValues('address'));
      // Sent to this destination a moment ago: wait out its cooldown (the submit button counts it).
      if (coolingDown(cooldowns, loginId)) return;
      try {
        // Sent first, then told: `onSent?.(await …)` would skip the send when there is no onSent.
        const result = await send.mutateAsync({ loginId, ...(user ? { user } : {}) });
        onSent?.(result);
      } catch {
        // The error is on the mutation: LoginForm.Error shows it; the typed value stays.
      }
    }),
  );
  return (
    <LoginFormContext.Provider value={{ form: methods, send, via, method }}>
      <form
        noValidate
        data-passlink-login-form=""
        data-state={send.isPending ? 'pending' : send.isError ? 'error' : send.isSuccess ? 'sent' : 'idle'}
        {...form}
        onSubmit={onSubmit}
      >
        {children}
      </form>
    </LoginFormContext.Provider>
  );
}

/** Props of {@link LoginFormLoginIdField}: the email or phone field's props. */
export type LoginFormLoginIdFieldProps = AddressFieldProps;

/**
 * The login id: an {@link EmailField} for email, a {@link PhoneField} for SMS, voice and
 * WhatsApp. A bad value is refused before any request, with the error announced and tied to
 * the field. Re-renders alone while typing.
 */
export function LoginFormLoginIdField(props: LoginFormLoginIdFieldProps) {
  const { form, method } = LoginFormContext.use('LoginForm.LoginIdField');
  return <AddressField {...props} form={form} kind={kindOf(method)} />;
}

/** Props of {@link LoginFormSubmit}: every `<button>` prop. */
export type LoginFormSubmitProps = ComponentPropsWithRef<'button'>;

/**
 * The submit button. While sending it says so, shows `data-pending` and `aria-disabled` (it stays
 * focusable, so focus is not lost), and ignores further presses.
 */
export function LoginFormSubmit({ children, ...button }: LoginFormSubmitProps) {
  const { form, send, via, method } = LoginFormContext.use('LoginForm.Submit');
  const { t } = useMessages();
  // Only this button follows the typed value (the root does not re-render while typing).
  const loginId = useWatch({ control: form.control, name: 'address' }) ?? '';
  const { secondsLeft, sent } = useResendCooldown(normalizeLoginId(loginId));
  const pending = send.isPending;
  // After a 429 nothing went out: "Try again in …", never "Send again", which would say something had.
  const label = t(
    pending
      ? 'login.submit.pending'
      : secondsLeft > 0
        ? sent
          ? 'sent.resendIn'
          : 'login.submit.retryIn'
        : via !== 'otp'
          ? 'login.submit.link'
          : method === 'voice'
            ? 'login.submit.call'
            : 'login.submit.code',
    { seconds: secondsLeft },
  );
  return (
    <button
      type="submit"
      data-passlink-submit=""
      data-pending={pending ? '' : undefined}
      data-cooldown={secondsLeft > 0 ? '' : undefined}
      aria-disabled={pending || secondsLeft > 0 || undefined}
      {...button}
    >
      {children ?? label}
    </button>
  );
}

/** Props of {@link LoginFormError}: every `<p>` prop. */
export type LoginFormErrorProps = ComponentPropsWithRef<'p'>;

/**
 * Where a failed send explains itself, in the catalog's words (every API code and client error
 * has a message); announced as it appears (`role="alert"`).
 */
export function LoginFormError(props: LoginFormErrorProps) {
  const { send } = LoginFormContext.use('LoginForm.Error');
  return <ErrorText {...props} error={send.error} />;
}

/** The login form's parts: `LoginForm.Root`, `.LoginIdField`, `.Submit`, `.Error`. */
export const LoginForm = {
  Root: LoginFormRoot,
  LoginIdField: LoginFormLoginIdField,
  Submit: LoginFormSubmit,
  Error: LoginFormError,
};
