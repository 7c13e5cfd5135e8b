import { useEffect, useRef, useState, type ComponentPropsWithRef, type Ref } from 'react';
import { useField, type FieldFrameProps } from './Field';
import { useMessages } from './i18n';
import { useLatest } from './hooks';

/** Props of {@link OtpField}. */
export interface OtpFieldProps
  extends FieldFrameProps,
    Omit<ComponentPropsWithRef<'input'>, 'value' | 'defaultValue' | 'onChange' | 'id' | 'type' | 'maxLength'> {
  /** Digits in the code. Default: 6. */
  length?: number;
  /** The code (controlled). Default: uncontrolled. */
  value?: string;
  /** The starting code (uncontrolled). Default: `''`. */
  defaultValue?: string;
  /** Called with the digits on every change. */
  onValueChange?: (code: string) => void;
  /** Called once each time the code becomes complete (typed, pasted, or filled by WebOTP). */
  onComplete?: (code: string) => void;
  /**
   * Let the browser fill the code from the SMS (WebOTP, `navigator.credentials.get({ otp })`)
   * where it offers it. The SMS must end with `@your.domain #code`. Default: false.
   */
  webOtp?: boolean;
  ref?: Ref<HTMLInputElement>;
}

const digitsOf = (text: string, length: number) => text.replace(/\D/g, '').slice(0, length);

/**
 * A one-time-code field: ONE real `<input autocomplete="one-time-code" inputmode="numeric">`
 * (so autofill, paste, screen readers and password managers just work), drawn as slots. Paste
 * "123 456" or "123-456" and it keeps the digits. Re-renders only itself while typing.
 */
export function OtpField({
  length = 6,
  value,
  defaultValue = '',
  onValueChange,
  onComplete,
  webOtp = false,
  label,
  description,
  error,
  id,
  ref,
  ...input
}: OtpFieldProps) {
  const { t } = useMessages();
  const [own, setOwn] = useState(() => digitsOf(defaultValue, length));
  const code = value === undefined ? own : digitsOf(value, length);
  const completed = useRef('');
  const latest = useLatest({ onValueChange, onComplete });

  const change = (next: string) => {
    const digits = digitsOf(next, length);
    setOwn(digits);
    latest.current.onValueChange?.(digits);
    if (digits.length === length && completed.current !== digits) {
      completed.current = digits;
      latest.current.onComplete?.(digits);
    } else if (digits.length < length) {
      completed.current = '';
    }
  };

  useEffect(() => {
    if (!webOtp || typeof window === 'undefined' || !('OTPCredential' in window)) return;
    const controller = new AbortController();
    navigator.credentials
      .get({ otp: { transport: ['sms'] }, signal: controller.signal } as CredentialRequestOptions)
      .then((credential) => {
        const received = (credential as { code?: string } | null)?.code;
        if (received) change(received);
      })
      .catch(() => undefined);
    return () => controller.abort();
    // `change` only reads refs and the length: re-run only when the opt-in or the length changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [webOtp, length]);

  const { controlProps, frame } = useField(
    { label, error, description: description ?? t('field.code.hint', { length }), id },
    t('field.code.label'),
  );
  return frame(
    <div data-passlink-otp="" data-complete={code.length === length ? '' : undefined}>
      <input
        ref={ref}
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern={`\\d{${length}}`}
        spellCheck={false}
        data-passlink-input=""
        {...controlProps}
        {...input}
        value={code}
        onChange={(event) => change(event.target.value)}
      />
      <div data-passlink-otp-slots="" aria-hidden="true">
        {Array.from({ length }, (_, index) => (
          <span key={index} data-passlink-otp-slot="" data-filled={code[index] ? '' : undefined} data-active={index === code.length ? '' : undefined}>
            {code[index] ?? ''}
          </span>
        ))}
      </div>
    </div>,
  );
}
