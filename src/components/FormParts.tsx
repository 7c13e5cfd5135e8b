import type { ComponentPropsWithRef } from 'react';
import { Controller, useFormState, type UseFormReturn } from 'react-hook-form';
import type { DeliveryMethod } from '../client';
import { emailProblem, phoneProblem } from '../contract';
import type { MessageId } from '../i18n';
import { EmailField, type EmailFieldProps } from './EmailField';
import { PhoneField, type PhoneFieldProps } from './PhoneField';
import { loadPhoneLib } from './phone-lib';
import { explain, useMessages } from './i18n';

/*
 * What the login form and the contact-update flows share: the address they ask for (an email
 * or a phone number), how it is checked before any request, and how a failed request explains
 * itself.
 */

/** Email or phone, from the delivery method. */
export const kindOf = (method: DeliveryMethod) => (method === 'email' ? 'email' : 'phone');

/**
 * Checks a login id before any request, with the client's own checks (one place for forms and
 * client: `emailProblem`, `phoneProblem`); answers the message id that says what is wrong, or true.
 */
export const validateLoginId = (kind: 'email' | 'phone') => (value: string): true | MessageId => {
  const problem = (kind === 'email' ? emailProblem : phoneProblem)(value ?? '');
  // The phone field has a country picker: a number it could not turn into +… is not valid for
  // that country, rather than missing its country code.
  return problem === 'input.phone.countryCode' ? 'input.phone.invalid' : (problem ?? true);
};

/**
 * The same check, for a form: a phone number typed before libphonenumber-js arrived is reported
 * as bare digits and re-reported as E.164 once it has; so a refused phone value is checked again,
 * as the field holds it then, after the library has loaded.
 */
export const validateLoginIdOf =
  (kind: 'email' | 'phone', current: () => string) =>
  async (value: string): Promise<true | MessageId> => {
    const result = validateLoginId(kind)(value);
    if (result === true || kind === 'email' || !value.trim()) return result;
    try {
      await loadPhoneLib();
    } catch {
      // The library could not load: judge the value as typed (E.164 still passes).
      return result;
    }
    // The field re-reports after React has rendered it with the library: give it up to ~0.5 s.
    for (let wait = 0; wait < 20 && validateLoginId(kind)(current()) !== true; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return validateLoginId(kind)(current());
  };

/** The form values of a form that asks for one address. */
export interface AddressValues {
  address: string;
}

/** Props of {@link AddressField}: the email or phone field's props. */
export type AddressFieldProps = Omit<EmailFieldProps & PhoneFieldProps, 'value' | 'defaultValue' | 'onChange' | 'onValueChange' | 'error' | 'form'>;

/**
 * The address of a react-hook-form form: an {@link EmailField} (registered, uncontrolled) or a
 * {@link PhoneField} (through a Controller). A bad value is refused before any request, with the
 * error announced and tied to the field. Re-renders alone while typing.
 */
export function AddressField({ form, kind, ...props }: AddressFieldProps & { form: UseFormReturn<AddressValues>; kind: 'email' | 'phone' }) {
  const { t } = useMessages();
  const { errors } = useFormState({ control: form.control, name: 'address' });
  const errorId = errors.address?.message as MessageId | undefined;
  const error = errorId ? t(errorId) : undefined;
  const validate = validateLoginIdOf(kind, () => form.getValues('address'));
  if (kind === 'email') {
    const { defaultCountry: _country, countries: _countries, ...emailProps } = props;
    return <EmailField required {...emailProps} {...form.register('address', { validate })} error={error} />;
  }
  return (
    <Controller
      control={form.control}
      name="address"
      rules={{ validate }}
      render={({ field }) => (
        <PhoneField
          required
          {...props}
          ref={field.ref}
          name={field.name}
          value={field.value}
          onValueChange={field.onChange}
          onBlur={field.onBlur}
          error={error}
        />
      )}
    />
  );
}

/** Props of {@link ErrorText}: every `<p>` prop, the error to explain, and codes this form words its own way. */
export type ErrorTextProps = ComponentPropsWithRef<'p'> & { error: unknown; codes?: Record<string, MessageId> };

/**
 * Where a failed request explains itself, in the catalog's words (every API code and client
 * error has a message); announced as it appears (`role="alert"`), and present while empty so
 * that it is.
 */
export function ErrorText({ error, codes: own, ...p }: ErrorTextProps) {
  const messages = useMessages();
  return (
    <p role="alert" data-passlink-form-error="" {...p}>
      {error ? explain(messages, error, own) : null}
    </p>
  );
}
