import { useRef, useState, type ComponentPropsWithRef, type ReactNode } from 'react';
import { ApiError, type DeliveryMethod, type OtpMethod } from '../client';
import { errorSituations } from '../contract';
import type { MessageId } from '../i18n';
import { useResendCooldown } from '../react/useResendCooldown';
import { useVerifyOtp, type VerifiedSession } from '../react/useVerifyOtp';
import { createPartContext } from './context';
import { explain, useMessages } from './i18n';
import { useAnnouncer } from './hooks';
import { OtpField, type OtpFieldProps } from './OtpField';
import type { Via } from './LoginForm';

interface MessageSentContextValue {
  via: Via;
  method: DeliveryMethod;
  maskedDestination: string;
  cooldownKey: string;
  verifyLoginId: string;
  resend: () => Promise<unknown>;
  onChangeDestination: (() => void) | undefined;
  onVerified: ((session: VerifiedSession) => void) | undefined;
  onRestart: ((message: string) => void) | undefined;
  announce: (message: string) => void;
  errorCodes: Record<string, MessageId> | undefined;
}

export const MessageSentContext = /* @__PURE__ */ createPartContext<MessageSentContextValue>('MessageSent.Root');

/** Props of {@link MessageSentRoot}. */
export interface MessageSentRootProps extends ComponentPropsWithRef<'div'> {
  /** A link, a code or an enchanted link went out (required). */
  via: Via;
  /** How it went out (required). */
  method: DeliveryMethod;
  /** The masked phone or email from the server's answer (required). */
  maskedDestination: string;
  /** The destination's key for the resend countdown: the login id, or the new address of an update (required). */
  cooldownKey: string;
  /** The login id a code is verified for (for an update: the signed-in user's). Default: `cooldownKey`. */
  verifyLoginId?: string;
  /** Sends the message again (required); its promise rejects with the typed error. */
  resend: () => Promise<unknown>;
  /** Goes back to the form, keeping what was typed. Default: no "use a different…" button. */
  onChangeDestination?: () => void;
  /** Called after a code was verified, or an enchanted link opened (`MessageSentEnchantedLink`). */
  onVerified?: (session: VerifiedSession) => void;
  /** Called when the attempt is over (too many wrong codes), with the message to show at the start. */
  onRestart?: (message: string) => void;
  /** Where status changes are announced; the flows pass their live region. Default: a polite live region inside the root. */
  announce?: (message: string) => void;
  /**
   * API error codes mapped to the message that explains them in this step (e.g. an update's
   * "belongs to another account"), before the `PasslinkMessages` ones. Default: none.
   */
  errorCodes?: Record<string, MessageId>;
}

/**
 * The "check your email / messages / phone" state after a send: a `div[data-passlink-sent]`
 * with `data-via` and `data-method`.
 */
export function MessageSentRoot({
  via,
  method,
  maskedDestination,
  cooldownKey,
  verifyLoginId = cooldownKey,
  resend,
  onChangeDestination,
  onVerified,
  onRestart,
  announce,
  errorCodes,
  children,
  ...div
}: MessageSentRootProps) {
  const [own, setOwn] = useAnnouncer();
  return (
    <MessageSentContext.Provider
      value={{
        via,
        method,
        maskedDestination,
        cooldownKey,
        verifyLoginId,
        resend,
        onChangeDestination,
        onVerified,
        onRestart,
        announce: announce ?? setOwn,
        errorCodes,
      }}
    >
      <div data-passlink-sent="" data-via={via} data-method={method} {...div}>
        {children}
        {announce ? null : (
          <p role="status" data-passlink-live="">
            {own}
          </p>
        )}
      </div>
    </MessageSentContext.Provider>
  );
}

/** Props of {@link MessageSentDescription}: every `<p>` prop. */
export type MessageSentDescriptionProps = ComponentPropsWithRef<'p'>;

/**
 * What went where: "We sent a code to +1 ••• ••• 0123." For an enchanted link it ends by pointing
 * to the number (`MessageSentEnchantedLink`) that follows.
 */
export function MessageSentDescription({ children, ...p }: MessageSentDescriptionProps) {
  const { via, method, maskedDestination } = MessageSentContext.use('MessageSent.Description');
  const { t } = useMessages();
  const id = via === 'magicLink' ? 'sent.link' : via === 'enchantedLink' ? 'sent.enchantedLink' : method === 'voice' ? 'sent.call' : 'sent.code';
  return (
    <p data-passlink-description="" {...p}>
      {children ?? t(id, { destination: maskedDestination })}
    </p>
  );
}

/** Props of {@link MessageSentResend}: every `<button>` prop. */
export type MessageSentResendProps = ComponentPropsWithRef<'button'>;

/**
 * "Send again": unavailable during the cooldown (30 s after a send, or the server's wait after a
 * 429), with a visible countdown; it stays focusable (`aria-disabled`), so focus is not lost.
 */
export function MessageSentResend({ children, ...button }: MessageSentResendProps) {
  const { cooldownKey, resend, announce, errorCodes } = MessageSentContext.use('MessageSent.Resend');
  const messages = useMessages();
  const { t } = messages;
  const { secondsLeft } = useResendCooldown(cooldownKey);
  const [pending, setPending] = useState(false);
  const waiting = secondsLeft > 0 || pending;
  return (
    <button
      type="button"
      data-passlink-resend=""
      data-cooldown={secondsLeft > 0 ? '' : undefined}
      aria-disabled={waiting || undefined}
      {...button}
      onClick={() => {
        if (waiting) return;
        setPending(true);
        resend().then(
          () => announce(t('sent.resent')),
          (error: unknown) => announce(explain(messages, error, errorCodes)),
        ).finally(() => setPending(false));
      }}
    >
      {children ?? t(secondsLeft > 0 ? 'sent.resendIn' : 'sent.resend', { seconds: secondsLeft })}
    </button>
  );
}

/** Props of {@link MessageSentChangeDestination}: every `<button>` prop. */
export type MessageSentChangeDestinationProps = ComponentPropsWithRef<'button'>;

/**
 * "Use a different email address / phone number" (for an enchanted link, "Cancel": it also stops
 * the wait): back to the form with the value kept.
 */
export function MessageSentChangeDestination({ children, ...button }: MessageSentChangeDestinationProps) {
  const { via, method, onChangeDestination } = MessageSentContext.use('MessageSent.ChangeDestination');
  const { t } = useMessages();
  if (!onChangeDestination) return null;
  return (
    <button type="button" data-passlink-change="" {...button} onClick={onChangeDestination}>
      {children ?? t(via === 'enchantedLink' ? 'sent.cancel' : method === 'email' ? 'sent.change.email' : 'sent.change.phone')}
    </button>
  );
}

/** Props of {@link MessageSentCode}. */
export interface MessageSentCodeProps extends Omit<ComponentPropsWithRef<'form'>, 'children' | 'onSubmit'> {
  /** Digits in the code. Default: 6. */
  length?: number;
  /** Let the browser fill the code from the SMS (WebOTP). Default: false. */
  webOtp?: boolean;
  /** Props for the code field. Default: none. */
  fieldProps?: Omit<OtpFieldProps, 'length' | 'onComplete' | 'onValueChange' | 'webOtp'>;
  /** The verify button's text. Default: the catalog's. */
  submitLabel?: ReactNode;
}

/**
 * The code step (for `via: 'otp'`): a `<form>` with the {@link OtpField} and a verify button. It
 * verifies when the code is complete or on submit. A wrong code clears the field, focuses it and
 * says so; too many wrong codes end the attempt (`onRestart`). Typing re-renders only the field.
 */
export function MessageSentCode({ length = 6, webOtp = false, fieldProps, submitLabel, ...form }: MessageSentCodeProps) {
  const { method, maskedDestination, verifyLoginId, onVerified, onRestart, announce, errorCodes } = MessageSentContext.use('MessageSent.Code');
  const messages = useMessages();
  const { t } = messages;
  // Says where the code went ("… we sent to +1 ••• ••• 0101"), when the server told us.
  const hint = t(maskedDestination ? 'code.hintTo' : 'field.code.hint', { length, destination: maskedDestination });
  const verify = useVerifyOtp({ method: method as OtpMethod, loginId: verifyLoginId });
  const code = useRef('');
  const [attempt, setAttempt] = useState(0);
  const [error, setError] = useState<string>();
  const [verified, setVerified] = useState(false);

  // Set synchronously: autofill then an auto-submit arrive in one task, before isPending renders.
  const busy = useRef(false);
  const submit = (value: string) => {
    // Once verified the code is spent: another press must not send it again.
    if (busy.current || verified) return;
    if (value.length < length) {
      setError(t('code.incomplete', { length }));
      return;
    }
    // mutateAsync, not mutate's callbacks: storing the session may unmount this step (the app
    // shows its signed-in view), and react-query drops an unmounted component's callbacks.
    busy.current = true;
    verify.mutateAsync(value).then(
      (session) => {
        setError(undefined);
        setVerified(true);
        announce(t('code.verified'));
        onVerified?.(session);
      },
      (failure: unknown) => {
        busy.current = false;
        const message = explain(messages, failure, errorCodes);
        if (failure instanceof ApiError && (failure.code === errorSituations.tooManyAttempts || failure.code === errorSituations.codeExpired) && onRestart) {
          onRestart(message);
          return;
        }
        code.current = '';
        setError(message);
        // A new key remounts the field: empty, focused.
        setAttempt((n) => n + 1);
      },
    );
  };

  return (
    <form
      noValidate
      data-passlink-code=""
      data-state={verified ? 'verified' : verify.isPending ? 'pending' : error ? 'error' : 'idle'}
      {...form}
      onSubmit={(event) => {
        event.preventDefault();
        submit(code.current);
      }}
    >
      <OtpField
        key={attempt}
        autoFocus={attempt > 0 || fieldProps?.autoFocus}
        description={hint}
        {...fieldProps}
        length={length}
        webOtp={webOtp}
        error={error}
        onValueChange={(value) => {
          code.current = value;
        }}
        onComplete={submit}
      />
      <button
        type="submit"
        data-passlink-submit=""
        data-pending={verify.isPending ? '' : undefined}
        aria-disabled={verify.isPending || verified || undefined}
      >
        {submitLabel ?? t(verify.isPending ? 'code.pending' : 'code.submit')}
      </button>
    </form>
  );
}

/** The "message sent" parts: `MessageSent.Root`, `.Description`, `.Code`, `.Resend`, `.ChangeDestination`. */
export const MessageSent = {
  Root: MessageSentRoot,
  Description: MessageSentDescription,
  Code: MessageSentCode,
  Resend: MessageSentResend,
  ChangeDestination: MessageSentChangeDestination,
};
