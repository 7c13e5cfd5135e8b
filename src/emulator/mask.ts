/*
 * Masked destinations, as the API returns them after a send. The format is passlink's choice
 * (the public reference shows only that the fields exist):
 * - phone: the country calling code, the middle digits as `•` in groups of three, the last four
 *   digits: `+14155554567` → `+1 ••• ••• 4567`, `+447700900123` → `+44 ••• ••• 0123`;
 * - email: the first character of the local part and of the domain, then `•••`, and the
 *   top-level label: `jane.doe@example.com` → `j•••@e•••.com`.
 */

const DOT = '•';

// Country calling codes of one and two digits (ITU-T E.164 list); every other code has three.
const ONE_DIGIT = new Set(['1', '7']);
const TWO_DIGITS = new Set(
  '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(
    ' ',
  ),
);

/** The country calling code of an E.164 number (digits only, no plus). */
export const callingCode = (e164: string): string => {
  const digits = e164.replace(/^\+/, '');
  if (ONE_DIGIT.has(digits.slice(0, 1))) return digits.slice(0, 1);
  if (TWO_DIGITS.has(digits.slice(0, 2))) return digits.slice(0, 2);
  return digits.slice(0, 3);
};

/** `+14155554567` → `+1 ••• ••• 4567`. */
export const maskPhone = (e164: string): string => {
  const code = callingCode(e164);
  const national = e164.replace(/^\+/, '').slice(code.length);
  const hidden = national.slice(0, -4).replace(/\d/g, DOT);
  const groups = hidden.match(/•{1,3}/g) ?? [];
  return ['+' + code, ...groups, national.slice(-4)].join(' ');
};

/** `jane.doe@example.com` → `j•••@e•••.com`. */
export const maskEmail = (email: string): string => {
  const [local = '', domain = ''] = email.split('@');
  const labels = domain.split('.');
  const tld = labels.length > 1 ? `.${labels.at(-1)}` : '';
  return `${local.slice(0, 1)}${DOT.repeat(3)}@${domain.slice(0, 1)}${DOT.repeat(3)}${tld}`;
};
