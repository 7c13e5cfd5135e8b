import { describe, expect, it } from 'vitest';
import { ApiError, InputError, NetworkError, ResponseFormatError, TimeoutError } from '../../src/client';
import { errorCodes, inputMessages, type ErrorCode } from '../../src/contract';
import { NotSignedInError } from '../../src/session';
import * as i18n from '../../src/i18n';
import { createTranslator, de, describeError, en, es, formatMessage, fr, type Catalog, type MessageId } from '../../src/i18n';

const ids = Object.keys(en) as MessageId[];
const translations: Record<string, Catalog> = { es, fr, de };
const locales = Object.keys(translations);

/** The placeholders of a message, sorted, with repeats. */
const placeholders = (message: string): string[] => [...message.matchAll(/\{\w+\}/g)].map((match) => match[0]).sort();

/**
 * Messages that are legitimately the same as English, per locale, each with its reason. None
 * today: brand names (WhatsApp, SMS) only ever appear inside longer, translated messages.
 */
const identicalToEnglish: Record<string, Partial<Record<MessageId, string>>> = { es: {}, fr: {}, de: {} };

/** The catalog of a locale (the test tables only name locales that exist). */
const catalogOf = (locale: string): Catalog => {
  const catalog = translations[locale];
  if (!catalog) throw new Error(`no catalog for ${locale}`);
  return catalog;
};

describe('the i18n entry', () => {
  it('exports the four catalogs and the three functions, and nothing else at runtime', () => {
    expect(Object.keys(i18n).sort()).toEqual(['createTranslator', 'de', 'describeError', 'en', 'es', 'formatMessage', 'fr']);
    expect(i18n.en).toBe(en);
    expect(i18n.es).toBe(es);
  });
});

describe('the English catalog', () => {
  it('uses exactly the five documented placeholders', () => {
    const used = new Set(ids.flatMap((id) => placeholders(en[id])));
    expect([...used].sort()).toEqual(['{destination}', '{length}', '{number}', '{seconds}', '{value}']);
  });

  it('has the placeholders the extractor is expected to find', () => {
    expect(placeholders(en['sent.link'])).toEqual(['{destination}']);
    expect(placeholders(en['error.rateLimited'])).toEqual(['{seconds}']);
    expect(placeholders(en['sent.resend'])).toEqual([]);
  });
});

describe.each(locales)('the %s catalog', (locale) => {
  const catalog = catalogOf(locale);
  const allowed = identicalToEnglish[locale] ?? {};

  it('has exactly the ids of English: none missing, none extra', () => {
    const keys = Object.keys(catalog);
    expect(ids.filter((id) => !keys.includes(id))).toEqual([]);
    expect(keys.filter((key) => !(key in en))).toEqual([]);
    expect(keys.length).toBe(ids.length);
  });

  it('keeps the placeholders of every English message', () => {
    const differing = ids.filter((id) => placeholders(catalog[id]).join() !== placeholders(en[id]).join());
    expect(differing).toEqual([]);
  });

  it('has no empty message and no message left in English (except the listed ones)', () => {
    expect(ids.filter((id) => catalog[id].trim() === '')).toEqual([]);
    expect(ids.filter((id) => catalog[id] !== catalog[id].trim())).toEqual([]);
    const sameAsEnglish = ids.filter((id) => catalog[id] === en[id]);
    expect(sameAsEnglish).toEqual(Object.keys(allowed));
  });

  it('keeps the ellipsis character where English has one, and never three dots', () => {
    const withEllipsis = ids.filter((id) => en[id].includes('…'));
    expect(withEllipsis.sort()).toEqual(['code.pending', 'enchanted.reconnecting', 'enchanted.waiting', 'login.submit.pending', 'verify.verifying']);
    expect(withEllipsis.filter((id) => !catalog[id].endsWith('…'))).toEqual([]);
    expect(ids.filter((id) => catalog[id].includes('...'))).toEqual([]);
  });

  it('ends each message with the same punctuation as English (".", "?", "…" or none)', () => {
    const ending = (message: string) => /[.?…]$/.exec(message)?.[0] ?? 'none';
    expect(ids.filter((id) => ending(catalog[id]) !== ending(en[id]))).toEqual([]);
  });

  it('translates messages that are the same in English the same way', () => {
    const inconsistent = ids.flatMap((a) => ids.filter((b) => a < b && en[a] === en[b] && catalog[a] !== catalog[b]).map((b) => `${a} / ${b}`));
    expect(inconsistent).toEqual([]);
  });

  it('leaves no placeholder unfilled once every value is given', () => {
    const values = { destination: 'a***@example.com', seconds: 30, length: 6, value: '+*******0123', number: '42' };
    expect(ids.filter((id) => /[{}]/.test(formatMessage(catalog[id], values, locale)))).toEqual([]);
  });
});

describe('describeError', () => {
  /** What each code of the contract table explains; written out, not derived from the source. */
  const expectedByCode: Record<ErrorCode, MessageId> = {
    E011001: 'error.validation',
    // Also the code of a call that needs the refresh JWT and came without one (situation refreshMissing).
    E011002: 'error.sessionEnded',
    E011003: 'error.validation',
    E011004: 'error.validation',
    E061102: 'error.wrongCode',
    E061103: 'error.tooManyAttempts',
    E062107: 'error.userExists',
    E064001: 'error.sessionEnded',
    // No Retry-After in this table's errors: "wait a moment" rather than a number of seconds.
    E130429: 'error.rateLimitedSoon',
    E062108: 'error.userNotFound',
    E061104: 'error.codeExpired',
    E061201: 'error.linkExpired',
    E061202: 'error.linkUsed',
    E061203: 'error.linkInvalid',
    E062503: 'error.linkPending',
    E061005: 'error.sessionEnded',
    // No such endpoint: a setup problem, explained as the server's, not the user's input.
    E011404: 'error.server',
  };

  it.each(Object.entries(errorCodes))('maps %s to a specific message', (code, { status }) => {
    const described = describeError(new ApiError(status, code));
    expect(described).toEqual({ id: expectedByCode[code as ErrorCode], values: {} });
    expect(described.id).not.toBe('error.unknown');
    expect(described.id in en).toBe(true);
  });

  it('covers every code of the table, and no other', () => {
    expect(Object.keys(expectedByCode).sort()).toEqual(Object.keys(errorCodes).sort());
  });

  it('gives the seconds to wait for a rate limit with Retry-After', () => {
    expect(describeError(new ApiError(429, 'E130429', 'limited', '', 42))).toEqual({ id: 'error.rateLimited', values: { seconds: 42 } });
  });

  describe('an unknown code maps by HTTP status', () => {
    const unknownCode = 'E999999';

    it('uses a code the contract does not have', () => {
      expect(unknownCode in errorCodes).toBe(false);
    });

    it.each([
      [400, 'error.validation'],
      [401, 'error.sessionEnded'],
      [403, 'error.sessionEnded'],
      [404, 'error.server'],
      [500, 'error.server'],
      [503, 'error.server'],
    ] as const)('HTTP %i → %s', (status, id) => {
      expect(describeError(new ApiError(status, unknownCode))).toEqual({ id, values: {} });
    });

    it('429 with Retry-After 17 → error.rateLimited with { seconds: 17 }', () => {
      expect(describeError(new ApiError(429, unknownCode, '', '', 17))).toEqual({ id: 'error.rateLimited', values: { seconds: 17 } });
    });

    it('429 without Retry-After → error.rateLimitedSoon', () => {
      expect(describeError(new ApiError(429, unknownCode))).toEqual({ id: 'error.rateLimitedSoon', values: {} });
    });
  });

  describe('typed client errors', () => {
    it.each([
      ['NetworkError', new NetworkError({ cause: new TypeError('Failed to fetch') }), 'error.network'],
      ['TimeoutError', new TimeoutError(10_000), 'error.timeout'],
      ['ResponseFormatError 502', new ResponseFormatError(502, '<html>Bad Gateway</html>'), 'error.server'],
      ['ResponseFormatError 200', new ResponseFormatError(200, '{"unexpected":true}'), 'error.server'],
      ['NotSignedInError', new NotSignedInError(), 'session.signedOut'],
    ] as const)('%s → %s', (_name, error, id) => {
      const described = describeError(error);
      expect(described).toEqual({ id, values: {} });
      expect(described.id in en).toBe(true);
    });

    it.each(Object.entries(inputMessages))('InputError %s → its own message id', (_key, messageId) => {
      const described = describeError(new InputError('loginId', messageId));
      expect(described).toEqual({ id: messageId, values: {} });
      expect(described.id in en).toBe(true);
      expect(described.id.startsWith('input.')).toBe(true);
    });

    it('has an English message for every input message id', () => {
      expect(Object.values(inputMessages).filter((id) => !(id in en))).toEqual([]);
    });
  });

  it('maps anything else to error.unknown', () => {
    expect(describeError(new Error('boom'))).toEqual({ id: 'error.unknown', values: {} });
    expect(describeError({ messageId: 'not.an.id' })).toEqual({ id: 'error.unknown', values: {} });
    expect(describeError(null)).toEqual({ id: 'error.unknown', values: {} });
    expect(describeError('a string')).toEqual({ id: 'error.unknown', values: {} });
  });

  describe("an app's codes", () => {
    it('win over the built-in mapping', () => {
      expect(describeError(new ApiError(401, 'E061102'), { E061102: 'error.sessionEnded' })).toEqual({ id: 'error.sessionEnded', values: {} });
    });

    it('win over the HTTP status for a code passlink does not know', () => {
      expect(describeError(new ApiError(400, 'E777001'), { E777001: 'error.userExists' })).toEqual({ id: 'error.userExists', values: {} });
    });

    it('leave the other codes alone', () => {
      expect(describeError(new ApiError(401, 'E061201'), { E777001: 'error.userExists' })).toEqual({ id: 'error.linkExpired', values: {} });
    });

    it('still get the seconds when mapped to error.rateLimited', () => {
      expect(describeError(new ApiError(400, 'E777002', '', '', 9), { E777002: 'error.rateLimited' })).toEqual({ id: 'error.rateLimited', values: { seconds: 9 } });
    });
  });
});

describe('formatMessage', () => {
  it('formats {seconds} as a duration in English', () => {
    expect(formatMessage(en['sent.resendIn'], { seconds: 30 })).toBe('Send again in 30 seconds');
    expect(formatMessage(en['sent.resendIn'], { seconds: 1 }, 'en')).toBe('Send again in 1 second');
  });

  it('formats {seconds} as a duration in Spanish', () => {
    const text = formatMessage(es['error.rateLimited'], { seconds: 30 }, 'es');
    expect(text).toContain('30');
    expect(text).toContain('segundos');
    expect(text).toBe('Demasiados intentos. Inténtalo de nuevo en 30 segundos.');
  });

  it('formats {seconds} as a duration in German and French', () => {
    expect(formatMessage(de['sent.resendIn'], { seconds: 30 }, 'de')).toBe('In 30 Sekunden erneut senden');
    expect(formatMessage(de['sent.resendIn'], { seconds: 30 }, 'de')).toContain('Sekunden');
    expect(formatMessage(fr['sent.resendIn'], { seconds: 30 }, 'fr')).toBe('Renvoyer dans 30\u00a0secondes'); // Intl keeps number and unit together with a no-break space
  });

  it('formats numbers with the grouping of the locale', () => {
    expect(formatMessage('{value}', { value: 1234 })).toBe('1,234');
    expect(formatMessage('{value}', { value: 1234 }, 'en')).toBe('1,234');
    expect(formatMessage('{value}', { value: 1234 }, 'de')).toBe('1.234');
    expect(formatMessage(en['field.code.hint'], { length: 6 })).toBe('Enter the 6-digit code.');
    expect(formatMessage(de['field.code.hint'], { length: 6 }, 'de')).toBe('Geben Sie den 6-stelligen Code ein.');
  });

  it('inserts strings as they are, without formatting them', () => {
    expect(formatMessage(en['sent.code'], { destination: '+*******0123' })).toBe('We sent a code to +*******0123.');
    expect(formatMessage('{value}', { value: '1234' }, 'de')).toBe('1234');
  });

  it('leaves unknown or missing placeholders untouched', () => {
    expect(formatMessage('Hello {name}, wait {seconds}', { seconds: 5 })).toBe('Hello {name}, wait 5 seconds');
    expect(formatMessage(en['sent.code'])).toBe('We sent a code to {destination}.');
    expect(formatMessage('{ value } and {}', { value: 1 })).toBe('{ value } and {}');
  });
});

describe('createTranslator', () => {
  const t = createTranslator('es', es, { 'sent.resend': 'Otra vez' });

  it('uses the override first', () => {
    expect(t('sent.resend')).toBe('Otra vez');
  });

  it('uses the catalog next, formatted for its locale', () => {
    expect(t('code.submit')).toBe('Verificar');
    expect(t('sent.resendIn', { seconds: 30 })).toBe('Reenviar en 30 segundos');
    expect(t('sent.code', { destination: 'a***@example.com' })).toBe('Te enviamos un código a a***@example.com.');
  });

  it('falls back to English for an id missing from a partial catalog', () => {
    const partial: Partial<Catalog> = { 'sent.resend': 'Reenviar' };
    const translate = createTranslator('es', partial);
    expect(translate('sent.resend')).toBe('Reenviar');
    expect(translate('code.submit')).toBe('Verify');
  });

  it('fills the placeholders of an override', () => {
    const translate = createTranslator('de', de, { 'sent.resendIn': 'Noch {seconds}' });
    expect(translate('sent.resendIn', { seconds: 2 })).toBe('Noch 2 Sekunden');
  });

  it('speaks English by default', () => {
    const translate = createTranslator();
    expect(translate('sent.resendIn', { seconds: 30 })).toBe('Send again in 30 seconds');
    expect(translate('code.submit')).toBe('Verify');
  });

  it("has every English message, the enchanted link's waiting step included (the components' translator leaves those to that part)", () => {
    const translate = createTranslator();
    expect(translate('enchanted.waiting')).toBe('Waiting for you to open the link…');
    expect(createTranslator('es', { 'sent.resend': 'Reenviar' })('enchanted.timeout')).toBe(en['enchanted.timeout']);
    expect(createTranslator('fr', fr)('enchanted.waiting')).toBe(fr['enchanted.waiting']);
    // A message given as `english` is used only when the translator has none.
    expect(translate('code.submit', {}, 'Other')).toBe('Verify');
  });
});
