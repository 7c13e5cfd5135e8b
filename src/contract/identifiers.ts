import { E164_PATTERN, EMAIL_PATTERN, type InputMessageId } from './schemas';

/*
 * Identifiers, normalised in one place: the client normalises every login id, email and phone it
 * sends with these, and the forms use the same functions, so what a user typed in a form and
 * what the client sends for it cannot drift apart.
 *
 * Case. The Descope SDKs send a login id exactly as given (descope/descope-js,
 * packages/sdks/core-js-sdk/src/sdk/magicLink/index.ts and otp/index.ts; their only check is the
 * pattern in src/sdk/validations/validators.ts), and Descope's docs say that login ids are unique
 * across a project's users (docs.descope.com/management/user-management) but not how case is
 * compared: neither the SDK sources (descope-js, node-sdk, go-sdk) nor the docs state a case rule.
 * passlink therefore lower-cases email addresses itself, so that "Ada@Example.COM" and
 * "ada@example.com" always reach one account: domains are case-insensitive (RFC 5321 §2.4), and
 * no mail provider in practice treats the local part's case as significant. The cost: a user
 * whose login id was created elsewhere with capitals, on a server that compared case, would not
 * be found.
 */

/**
 * An email address as passlink sends and compares it: trimmed and lower-cased (see the note on
 * case above). Does not check it: see {@link emailProblem}.
 */
export const normalizeEmail = (value: string): string => value.trim().toLowerCase();

/**
 * A phone number without the spaces, dashes, dots and parentheses people type
 * (`+1 (415) 555-0123` → `+14155550123`): E.164 when the number was valid. Does not check it:
 * see {@link phoneProblem}.
 */
export const normalizePhone = (value: string): string => value.replace(/[\s().-]/g, '');

/**
 * A login id as passlink sends it: an email address (it has an `@`) through
 * {@link normalizeEmail}, a phone number (it starts with `+`) through {@link normalizePhone}, and
 * anything else (a username: Descope allows any login id) trimmed.
 */
export const normalizeLoginId = (value: string): string =>
  value.includes('@') ? normalizeEmail(value) : /^\s*\+/.test(value) ? normalizePhone(value) : value.trim();

/**
 * What is wrong with an email address, as a message id, or `undefined` when it is good. Refuses
 * what is almost certainly a typo, with the most specific message:
 * - `input.email.required`: nothing but spaces;
 * - `input.email.spaces`: a space inside (`ada @example.com`);
 * - `input.email.at`: no `@`, or more than one;
 * - `input.email.domain`: no domain with a dot and a top-level domain after the `@`
 *   (`ada@example`, `ada@`, `ada@example.c`; `admin@localhost` too: Descope sends real mail, and
 *   no public address has a dot-less domain);
 * - `input.email.invalid`: anything else the official SDK's pattern refuses, or a dot at either
 *   end of the name or two dots in a row.
 *
 * Leading and trailing spaces are not a problem: {@link normalizeEmail} removes them.
 */
export const emailProblem = (value: string): InputMessageId | undefined => {
  const email = value.trim();
  // With exactly one @, the end of the address is the end of its domain.
  return !email
    ? 'input.email.required'
    : /\s/.test(email)
      ? 'input.email.spaces'
      : email.split('@').length != 2
        ? 'input.email.at'
        : !/\.([a-z]{2,}|xn--[\da-z-]+)$/i.test(email)
          ? 'input.email.domain'
          : /^\.|\.\.|\.@/.test(email) || !EMAIL_PATTERN.test(email)
            ? 'input.email.invalid'
            : undefined;
};

/**
 * What is wrong with a phone number, as a message id, or `undefined` when it is E.164 once
 * normalised with {@link normalizePhone}:
 * - `input.phone.required`: nothing but spaces and separators;
 * - `input.phone.countryCode`: no `+` and country code in front (`415 555 0123`, `0044…`);
 * - `input.phone.invalid`: not `+`, a digit from 1 to 9 and 3 to 14 more digits.
 */
export const phoneProblem = (value: string): InputMessageId | undefined => {
  const phone = normalizePhone(value);
  return !phone
    ? 'input.phone.required'
    : phone[0] !== '+'
      ? 'input.phone.countryCode'
      : E164_PATTERN.test(phone)
        ? undefined
        : 'input.phone.invalid';
};
