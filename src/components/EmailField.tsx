import type { ComponentPropsWithRef } from 'react';
import { useField, type FieldFrameProps } from './Field';
import { useMessages } from './i18n';

/** Props of {@link EmailField}: the frame's, and every `<input>` prop (spread on the input; `ref` reaches it). */
export type EmailFieldProps = FieldFrameProps & Omit<ComponentPropsWithRef<'input'>, 'type' | 'id'>;

/**
 * An email address field: label, `<input type="email" autocomplete="email">`, hint and error,
 * wired for assistive technology. Works controlled or not, like an `<input>`.
 */
export function EmailField({ label, description, error, id, ...input }: EmailFieldProps) {
  const { t } = useMessages();
  const { controlProps, frame } = useField({ label, description, error, id }, t('field.email.label'));
  return frame(
    <input
      type="email"
      autoComplete="email"
      inputMode="email"
      autoCapitalize="none"
      spellCheck={false}
      data-passlink-input=""
      {...controlProps}
      {...input}
    />,
  );
}
