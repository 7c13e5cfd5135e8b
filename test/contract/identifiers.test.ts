import { describe, expect, it } from 'vitest';
import {
  E164_PATTERN,
  EMAIL_PATTERN,
  emailProblem,
  inputMessages,
  normalizeEmail,
  normalizeLoginId,
  normalizePhone,
  phoneProblem,
} from '../../src/contract';

describe('normalizeEmail', () => {
  it.each([
    ['ada@example.com', 'ada@example.com'],
    ['  Ada@Example.COM ', 'ada@example.com'],
    ['\tADA.LOVELACE+Notes@Mail.Example.org\n', 'ada.lovelace+notes@mail.example.org'],
  ])('%j → %j', (value, normalised) => {
    expect(normalizeEmail(value)).toBe(normalised);
  });

  it('makes the same address typed two ways one value (one account)', () => {
    expect(normalizeEmail('Ada@Example.COM')).toBe(normalizeEmail(' ada@example.com'));
  });
});

describe('normalizePhone', () => {
  it.each([
    ['+14155550123', '+14155550123'],
    ['+1 415 555 0123', '+14155550123'],
    [' +1 (415) 555-0123 ', '+14155550123'],
    ['+44.7700.900.123', '+447700900123'],
    ['+49 151\u00a023456789', '+4915123456789'],
  ])('%j → %j', (value, normalised) => {
    expect(normalizePhone(value)).toBe(normalised);
    expect(E164_PATTERN.test(normalizePhone(value))).toBe(true);
  });

  it('leaves what is not a separator, so a bad number stays bad', () => {
    expect(normalizePhone('+1 415 CALL NOW')).toBe('+1415CALLNOW');
    expect(phoneProblem('+1 415 CALL NOW')).toBe(inputMessages.phoneInvalid);
  });
});

describe('normalizeLoginId', () => {
  it.each([
    [' Ada@Example.com ', 'ada@example.com'],
    [' +1 (415) 555-0123', '+14155550123'],
    ['  Ada_Lovelace ', 'Ada_Lovelace'],
    ['4155550123', '4155550123'],
    ['', ''],
  ])('%j → %j (email lower-cased, phone compacted, a username only trimmed)', (value, normalised) => {
    expect(normalizeLoginId(value)).toBe(normalised);
  });
});

describe('emailProblem', () => {
  it.each([
    'ada@example.com',
    'ADA@EXAMPLE.COM',
    '  ada@example.com  ',
    'ada+notes@mail.example.co.uk',
    "o'brien@example.ie",
    'a.b.c@example.museum',
    'ada@xn--mnchen-3ya.de',
    'ada@example.xn--p1ai',
    'user_1@sub-domain.example.com',
  ])('accepts %j', (value) => {
    expect(emailProblem(value)).toBeUndefined();
  });

  it.each([
    ['', inputMessages.emailRequired],
    ['   ', inputMessages.emailRequired],
    ['ada @example.com', inputMessages.emailSpaces],
    ['ada@example .com', inputMessages.emailSpaces],
    ['ada@exam\u00a0ple.com', inputMessages.emailSpaces],
    ['ada.example.com', inputMessages.emailAt],
    ['ada@@example.com', inputMessages.emailAt],
    ['ada@home@example.com', inputMessages.emailAt],
    ['ada@example', inputMessages.emailDomain],
    ['admin@localhost', inputMessages.emailDomain],
    ['ada@', inputMessages.emailDomain],
    ['ada@example.c', inputMessages.emailDomain],
    ['ada@example.com.', inputMessages.emailDomain],
    ['ada@example.123', inputMessages.emailDomain],
    ['@example.com', inputMessages.emailInvalid],
    ['ada@.example.com', inputMessages.emailInvalid],
    ['ada@example..com', inputMessages.emailInvalid],
    ['ada@exa_mple.com', inputMessages.emailInvalid],
    ['.ada@example.com', inputMessages.emailInvalid],
    ['ada.@example.com', inputMessages.emailInvalid],
    ['ada..lovelace@example.com', inputMessages.emailInvalid],
    ['ada,lovelace@example.com', inputMessages.emailInvalid],
    ['adà@example.com', inputMessages.emailInvalid],
  ])('refuses %j with %s', (value, messageId) => {
    expect(emailProblem(value)).toBe(messageId);
  });

  it('never accepts what the official SDK pattern refuses', () => {
    for (const value of ['a b@c.de', '@b.co', 'a@', 'plain', 'a@b..co', 'a@b_c.de', 'a@@b.co', 'ada(x)@example.com']) {
      expect(EMAIL_PATTERN.test(value)).toBe(false);
      expect(emailProblem(value)).toBeDefined();
    }
  });
});

describe('phoneProblem', () => {
  it.each(['+1234', '+14155550123', '+1 415 555 0123', '(+44) 7700-900.123', '+123456789012345'])('accepts %j', (value) => {
    expect(phoneProblem(value)).toBeUndefined();
  });

  it.each([
    ['', inputMessages.phoneRequired],
    [' - ( ) . ', inputMessages.phoneRequired],
    ['4155550123', inputMessages.phoneCountryCode],
    ['(415) 555-0123', inputMessages.phoneCountryCode],
    ['0044 7700 900123', inputMessages.phoneCountryCode],
    ['+0123456', inputMessages.phoneInvalid],
    ['+123', inputMessages.phoneInvalid],
    ['+1234567890123456', inputMessages.phoneInvalid],
    ['+1 415 555 0123 x12', inputMessages.phoneInvalid],
    ['++14155550123', inputMessages.phoneInvalid],
  ])('refuses %j with %s', (value, messageId) => {
    expect(phoneProblem(value)).toBe(messageId);
  });
});
