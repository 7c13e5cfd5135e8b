import { createContext, createElement, useContext, useMemo, type ReactNode } from 'react';
import type { Catalog, MessageId, Translate } from '../i18n';
import { componentTranslator, describeError } from '../i18n/messages';

interface MessagesValue {
  t: Translate;
  locale: string;
  /** Extra code → message id pairs for `describeError`. */
  codes?: Record<string, MessageId>;
}

const english: MessagesValue = { t: /* @__PURE__ */ componentTranslator('en'), locale: 'en' };
// Messages have a real default (English), unlike the parts' contexts: no provider is no mistake.
const MessagesContext = /* @__PURE__ */ createContext<MessagesValue>(english);

/** Props of {@link PasslinkMessages}. */
export interface PasslinkMessagesProps {
  /** BCP 47 locale for the catalog's numbers and durations. Default: `'en'`. */
  locale?: string;
  /** The catalog for `locale` (`es`, `fr`, `de` from `passlink`, or your own). Default: English. */
  catalog?: Partial<Catalog>;
  /** Messages that replace the catalog's, by id. Default: none. */
  messages?: Partial<Catalog>;
  /** API error codes your project answers that passlink does not know, mapped to message ids. Default: none. */
  errorCodes?: Record<string, MessageId>;
  children?: ReactNode;
}

/**
 * Sets the language of every passlink component below it. Without it, components speak
 * English.
 */
export function PasslinkMessages({ locale = 'en', catalog, messages, errorCodes, children }: PasslinkMessagesProps) {
  const value = useMemo(
    () => ({ t: componentTranslator(locale, catalog, messages), locale, ...(errorCodes ? { codes: errorCodes } : {}) }),
    [locale, catalog, messages, errorCodes],
  );
  return createElement(MessagesContext.Provider, { value }, children);
}

/** The translator of the nearest {@link PasslinkMessages} (English without one). */
export const useMessages = (): MessagesValue => useContext(MessagesContext);

/**
 * What `error` means, in the words of `messages` (a `useMessages()` value): its error codes
 * first, then `own` (a part's or a step's).
 */
export const explain = ({ t, codes }: Omit<MessagesValue, 'locale'>, error: unknown, own?: Record<string, MessageId>): string => {
  const { id, values } = describeError(error, { ...codes, ...own });
  return t(id, values);
};
