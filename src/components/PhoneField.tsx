import { useEffect, useMemo, useState, useSyncExternalStore, type ComponentPropsWithRef, type Ref } from 'react';
import type * as PhoneLibModule from 'libphonenumber-js/min';
import { loadPhoneLib } from './phone-lib';
import { useField, type FieldFrameProps } from './Field';
import { useMessages } from './i18n';
import { useLatest } from './hooks';

type PhoneLib = typeof PhoneLibModule;

/** Props of {@link PhoneField}. */
export interface PhoneFieldProps
  extends FieldFrameProps,
    Omit<ComponentPropsWithRef<'input'>, 'value' | 'defaultValue' | 'onChange' | 'id' | 'type'> {
  /** The number, E.164 (controlled). Default: uncontrolled. */
  value?: string;
  /** The starting number, E.164. Default: `''`. */
  defaultValue?: string;
  /**
   * Called on every change with the number in E.164 (`+14155550123`) when it can be one, else
   * with what was typed (digits and `+` only), so validation can refuse it.
   */
  onValueChange?: (value: string) => void;
  /**
   * The country selected at first (ISO 3166-1 alpha-2, e.g. `'GB'`). Default: the region of the
   * browser's language (`en-GB` → GB), else `'US'`.
   */
  defaultCountry?: string;
  /** The countries offered (ISO codes). Default: every country libphonenumber-js knows. */
  countries?: string[];
  ref?: Ref<HTMLInputElement>;
}

const noSubscription = () => () => {};
const browserRegion = () => {
  try {
    return new Intl.Locale(navigator.language).maximize().region;
  } catch {
    return undefined;
  }
};

const digitsAndPlus = (text: string) => text.replace(/[^\d+]/g, '');

const formatIncoming = (lib: PhoneLib, e164: string, country: string) => {
  try {
    const number = lib.parsePhoneNumber(e164);
    return number.country === country ? number.formatNational() : number.formatInternational();
  } catch {
    return e164;
  }
};

/** The E.164 form of `text` when it is a possible number, else its digits (and `+`). */
const toValue = (lib: PhoneLib | undefined, text: string, country: string) => {
  if (lib) {
    try {
      const number = lib.parsePhoneNumber(text, text.trim().startsWith('+') ? undefined : (country as never));
      if (number.isPossible()) return number.number;
    } catch {
      // Not a number yet: fall through to the typed digits.
    }
  }
  return digitsAndPlus(text);
};

/**
 * A phone number field: a country selector (names from `Intl.DisplayNames` in the active
 * locale), formatting as you type and E.164 out. Re-renders only itself while typing.
 */
export function PhoneField({
  value,
  defaultValue = '',
  onValueChange,
  defaultCountry,
  countries,
  label,
  description,
  error,
  id,
  ref,
  ...input
}: PhoneFieldProps) {
  const { t, locale } = useMessages();
  const [lib, setLib] = useState<PhoneLib>();
  // The browser's region is known only in the browser (undefined on the server: no mismatch).
  const region = useSyncExternalStore(noSubscription, browserRegion, () => undefined);
  const [chosen, setCountry] = useState<string>();
  const country = chosen ?? defaultCountry ?? region ?? 'US';
  // What is shown, and the value this field last reported: a `value` prop that differs from it
  // came from outside (a reset), anything else is this field's own echo.
  const [typed, setTyped] = useState({ text: value ?? defaultValue, emitted: value ?? defaultValue });
  const { text } = typed;

  useEffect(() => {
    let live = true;
    // Without the library the field still takes an E.164 number as typed.
    loadPhoneLib().then((loaded) => live && setLib(loaded), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  // What the text means once the metadata is here. Typed (or autofilled) before it arrived, the
  // field reported bare digits: report the E.164 form once, from this render's own state.
  const synced = lib ? toValue(lib, text, country) : undefined;
  const report = useLatest(onValueChange);
  useEffect(() => {
    if (synced !== undefined && synced !== typed.emitted && text) report.current?.(synced);
  }, [synced, typed.emitted, text, report]);

  const names = useMemo(() => {
    try {
      return new Intl.DisplayNames([locale], { type: 'region' });
    } catch {
      return undefined;
    }
  }, [locale]);
  const options = useMemo(() => {
    const codes = countries ?? lib?.getCountries() ?? [country];
    return codes
      .map((code) => {
        let calling = '';
        try {
          if (lib) calling = ` +${lib.getCountryCallingCode(code as never)}`;
        } catch {
          // A code the metadata does not know: show the name alone.
        }
        return { code, label: `${names?.of(code) ?? code}${calling}` };
      })
      .sort((a, b) => a.label.localeCompare(b.label, locale));
  }, [countries, lib, country, names, locale]);

  // A `value` that is neither this field's own report nor what its text means came from outside
  // (a reset): show it.
  const raw = value !== undefined && value !== typed.emitted && value !== synced ? value : text;
  // A number that arrives in E.164 (a default, or coming back to the form) is shown formatted:
  // nationally when it belongs to the selected country, else internationally.
  const shown = lib && /^\+\d+$/.test(raw) ? formatIncoming(lib, raw, country) : raw;

  const update = (raw: string, nextCountry = country, deleting = false) => {
    let display = raw;
    if (lib && !deleting) {
      const formatter = new lib.AsYouType(raw.trim().startsWith('+') ? undefined : (nextCountry as never));
      display = formatter.input(raw);
      const detected = formatter.getCountry();
      if (detected && detected !== nextCountry) setCountry(detected);
    }
    const next = toValue(lib, raw, nextCountry);
    setTyped({ text: display, emitted: next });
    onValueChange?.(next);
  };

  const { controlProps, frame } = useField({ label, description, error, id }, t('field.phone.label'));
  return frame(
    <div data-passlink-phone="" data-ready={lib ? '' : undefined}>
      <select
        aria-label={t('field.phone.country')}
        data-passlink-country=""
        value={country}
        disabled={input.disabled}
        onChange={(event) => {
          setCountry(event.target.value);
          if (shown) update(shown, event.target.value);
        }}
      >
        {options.map((option) => (
          <option key={option.code} value={option.code}>
            {option.label}
          </option>
        ))}
      </select>
      <input
        ref={ref}
        type="tel"
        autoComplete="tel"
        inputMode="tel"
        data-passlink-input=""
        {...controlProps}
        {...input}
        value={shown}
        onChange={(event) => update(event.target.value, country, event.target.value.length < shown.length)}
      />
    </div>,
  );
}
