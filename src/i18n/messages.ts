import { ApiError, InputError, NetworkError, ResponseFormatError, TimeoutError } from '../client';
import { errorSituations, type ErrorSituation } from '../contract';
import { en, englishBase, type Catalog, type MessageId } from './en';

/** Values for a message's placeholders. `seconds` is formatted as a duration. */
export type MessageValues = Record<string, string | number>;

/** The name after `error.` of each `error.*` message. */
type ErrorMessage = MessageId extends infer Id ? (Id extends `error.${infer Name}` ? Name : never) : never;

/**
 * Which message explains each error situation of the contract: `error.` and the name given, or
 * `''` for the message named as the situation itself (the type checks that it exists).
 */
const situationMessages: { [S in ErrorSituation]?: ErrorMessage | (S extends ErrorMessage ? '' : never) } = {
  wrongCode: '',
  tooManyAttempts: '',
  codeExpired: '',
  userExists: '',
  userNotFound: '',
  tokenExpired: 'linkExpired',
  tokenUsed: 'linkUsed',
  tokenUnknown: 'linkInvalid',
  // pending-session before the link is opened: a polling screen keeps waiting and shows nothing.
  linkPending: '',
  loggedOut: 'sessionEnded',
  // E011002, shared with missingArguments below: the first situation listed wins. passlink's
  // client refuses a call with missing arguments before sending it, so from the API this code
  // means a call that needed the refresh JWT (or its cookie) came without one.
  refreshMissing: 'sessionEnded',
  refreshInvalid: 'sessionEnded',
  rateLimited: '',
  validation: '',
  invalidArguments: 'validation',
  missingArguments: 'validation',
  badRequest: 'validation',
  // An endpoint that does not exist is a setup problem, not the user's input.
  notFound: 'server',
};

/** API error code → message id, from the contract's situations (looked up, never built at import). */
const codeMessage = (code: string): MessageId | undefined => {
  for (const [situation, name] of Object.entries(situationMessages)) {
    if (errorSituations[situation as ErrorSituation] === code) return `error.${name || situation}` as MessageId;
  }
  return undefined;
};

/** A message for an HTTP status when the code is unknown. */
const statusMessage = (status: number): MessageId =>
  status === 429
    ? 'error.rateLimited'
    : status === 401 || status === 403
      ? 'error.sessionEnded'
      : status >= 500 || status === 404
        ? 'error.server'
        : status >= 400
          ? 'error.validation'
          : 'error.unknown';

/**
 * The message that explains an error, with its values: every API error code and every typed
 * client error maps to one; a code passlink does not know maps by HTTP status.
 *
 * @param error Anything thrown by passlink (or anything else: `error.unknown`).
 * @param codes Extra or different code → message id pairs, for a project whose API answers other
 *   codes. Default: none.
 */
export function describeError(error: unknown, codes?: Record<string, MessageId>): { id: MessageId; values: MessageValues } {
  if (error instanceof InputError) return { id: error.messageId, values: {} };
  if (error instanceof ApiError) {
    const id = codes?.[error.code] ?? codeMessage(error.code) ?? statusMessage(error.status);
    if (id === 'error.rateLimited') {
      return error.retryAfterSeconds ? { id, values: { seconds: error.retryAfterSeconds } } : { id: 'error.rateLimitedSoon', values: {} };
    }
    return { id, values: {} };
  }
  if (error instanceof TimeoutError) return { id: 'error.timeout', values: {} };
  if (error instanceof NetworkError) return { id: 'error.network', values: {} };
  if (error instanceof ResponseFormatError) return { id: statusMessage(error.status === 200 ? 500 : error.status), values: {} };
  const messageId = (error as { messageId?: unknown } | null)?.messageId;
  if (typeof messageId === 'string' && messageId in englishBase) return { id: messageId as MessageId, values: {} };
  return { id: 'error.unknown', values: {} };
}

/**
 * Fills a message's placeholders, formatting numbers for `locale` with `Intl` (and `seconds` as
 * a duration: "30 seconds", "30 segundos").
 */
export function formatMessage(template: string, values: MessageValues = {}, locale = 'en'): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    if (typeof value === 'string') return value;
    return new Intl.NumberFormat(locale, name === 'seconds' ? { style: 'unit', unit: 'second', unitDisplay: 'long' } : {}).format(value);
  });
}

/**
 * A translator for one locale: `t(id, values)`. `english`: the message when the translator has
 * none (a part that brings its own English passes it). Default: none.
 */
export type Translate = (id: MessageId, values?: MessageValues, english?: string) => string;

/** Translators falling back to `english`, then to the `english` argument of `t`. */
const translatorWith =
  (english: Partial<Catalog>) =>
  (locale = 'en', catalog?: Partial<Catalog>, overrides?: Partial<Catalog>): Translate =>
  (id, values, fallback) =>
    formatMessage(overrides?.[id] ?? catalog?.[id] ?? english[id] ?? fallback ?? id, values, locale);

/**
 * Makes a translator. Messages come from `overrides`, then `catalog`, then English, so a
 * partial catalog (or an app's change of one message) always works.
 */
export const createTranslator = /* @__PURE__ */ translatorWith(en);

/**
 * The components' translator (`PasslinkMessages`): the same, but its English leaves out the
 * enchanted link's waiting step (`enchantedEn`), which that part brings as `t`'s `english`, so
 * that apps without it do not ship it.
 */
export const componentTranslator = /* @__PURE__ */ translatorWith(englishBase);
