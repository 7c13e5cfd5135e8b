import { describe, expect, it } from 'vitest';
import { InputError, PasslinkError, type Client, type MagicLinkMethod, type MagicLinkPhoneMethod, type OtpMethod, type OtpPhoneMethod } from '../../src/client';
import * as client from '../../src/client';
import * as contract from '../../src/contract';
import { inputMessages } from '../../src/contract';
import { fakeFetch, json, makeClient, onlyCall, REFRESH_JWT, rejectionOf, type FakeFetch } from './helpers';

/** Runs one call against a fetch that would answer 200, and returns its rejection. */
async function refused(invoke: (client: Client) => Promise<unknown>): Promise<{ error: InputError; fake: FakeFetch }> {
  const fake = fakeFetch(json({ maskedEmail: 'a***@example.com' }));
  const error = await rejectionOf(invoke(makeClient(fake)));
  expect(error).toBeInstanceOf(InputError);
  expect(error).toBeInstanceOf(PasslinkError);
  return { error: error as InputError, fake };
}

/** Asserts the InputError fields and that no request went out. */
async function expectRefused(
  invoke: (client: Client) => Promise<unknown>,
  field: string,
  messageId: string,
  offending?: string,
): Promise<void> {
  const { error, fake } = await refused(invoke);
  expect(error.name).toBe('InputError');
  expect(error.field).toBe(field);
  expect(error.messageId).toBe(messageId);
  expect(fake.calls).toHaveLength(0);
  if (offending !== undefined) expect(error.message).not.toContain(offending);
}

const update = { refreshJwt: REFRESH_JWT };

/**
 * Every operation that takes a login id, called with the given one (everything else valid), and a
 * login id that operation sends (a sign-up by phone sends to the login id, so it must be a phone).
 */
const withLoginId: [string, (loginId: string) => (c: Client) => Promise<unknown>, string][] = [
  ['otp.signUp', (loginId) => (c) => c.otp.signUp({ method: 'email', loginId }), 'ada@example.com'],
  ['otp.signIn', (loginId) => (c) => c.otp.signIn({ method: 'sms', loginId }), 'ada@example.com'],
  ['otp.signUpOrIn', (loginId) => (c) => c.otp.signUpOrIn({ method: 'voice', loginId }), '+14155550123'],
  ['otp.verify', (loginId) => (c) => c.otp.verify({ method: 'whatsapp', loginId, code: '123456' }), 'ada@example.com'],
  ['otp.updateEmail', (loginId) => (c) => c.otp.updateEmail({ loginId, email: 'ada@example.com', ...update }), 'ada@example.com'],
  ['otp.updatePhone', (loginId) => (c) => c.otp.updatePhone({ method: 'sms', loginId, phone: '+14155550123', ...update }), 'ada@example.com'],
  ['magicLink.signUp', (loginId) => (c) => c.magicLink.signUp({ method: 'email', loginId }), 'ada@example.com'],
  ['magicLink.signIn', (loginId) => (c) => c.magicLink.signIn({ method: 'sms', loginId }), 'ada@example.com'],
  ['magicLink.signUpOrIn', (loginId) => (c) => c.magicLink.signUpOrIn({ method: 'whatsapp', loginId }), '+14155550123'],
  ['magicLink.updateEmail', (loginId) => (c) => c.magicLink.updateEmail({ loginId, email: 'ada@example.com', ...update }), 'ada@example.com'],
  ['magicLink.updatePhone', (loginId) => (c) => c.magicLink.updatePhone({ method: 'whatsapp', loginId, phone: '+14155550123', ...update }), 'ada@example.com'],
];

describe('login id', () => {
  it.each(withLoginId.flatMap(([name, call]) => ['', '   ', '\t\n'].map((loginId) => ({ name, call, loginId, shown: JSON.stringify(loginId) }))))(
    '$name refuses the login id $shown before sending',
    async ({ call, loginId }) => {
      await expectRefused(call(loginId), 'loginId', inputMessages.loginIdRequired);
    },
  );

  it.each(withLoginId)('%s sends a valid login id (the refusals above are about the login id alone)', async (_name, call, loginId) => {
    const fake = fakeFetch(json({ maskedEmail: 'a***@example.com', sessionJwt: '', sessionExpiration: 1 }));
    await call(loginId)(makeClient(fake));
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.body).toMatchObject({ loginId });
  });

  it.each(withLoginId)('%s refuses a login id with an @ that is not a good address, before sending', async (_name, call) => {
    await expectRefused(call('ada@example'), 'loginId', inputMessages.emailDomain);
  });

  it.each(withLoginId)('%s refuses a login id starting with + that is not E.164, before sending', async (_name, call) => {
    await expectRefused(call('+0 415 555 0123'), 'loginId', inputMessages.phoneInvalid);
  });

  it.each(withLoginId)('%s sends an email login id trimmed and lower-cased', async (_name, call, loginId) => {
    if (!loginId.includes('@')) return;
    const fake = fakeFetch(json({ maskedEmail: 'a***@example.com', sessionJwt: '', sessionExpiration: 1 }));
    await call('  Ada@Example.COM ')(makeClient(fake));
    expect(fake.calls[0]?.body).toMatchObject({ loginId: 'ada@example.com' });
  });

  it.each(withLoginId.filter(([name]) => !['otp.signUp', 'magicLink.signUp'].includes(name)))(
    '%s sends a phone login id without its separators (an email sign-up needs an email: below)',
    async (_name, call) => {
      const fake = fakeFetch(json({ maskedPhone: '+*******0123', sessionJwt: '', sessionExpiration: 1 }));
      await call(' +1 (415) 555-01.23 ')(makeClient(fake));
      expect(fake.calls[0]?.body).toMatchObject({ loginId: '+14155550123' });
    },
  );
});

const goodSend = json({ maskedEmail: 'a***@example.com' });

describe('where a send goes: every send operation, every delivery method', () => {
  type Send = (c: Client, args: { loginId: string; user?: { email?: string; phone?: string } }) => Promise<unknown>;
  const LINK_METHODS = ['email', 'sms', 'whatsapp'];
  const family = (operation: 'signUp' | 'signIn' | 'signUpOrIn', methods: string[]): [string, Send][] =>
    methods.flatMap((method) => [
      [`otp.${operation} ${method}`, (c: Client, a: Parameters<Send>[1]) => c.otp[operation]({ method: method as OtpMethod, ...a })] as [string, Send],
      ...(LINK_METHODS.includes(method)
        ? [[`magicLink.${operation} ${method}`, (c: Client, a: Parameters<Send>[1]) => c.magicLink[operation]({ method: method as MagicLinkMethod, ...a })] as [string, Send]]
        : []),
    ]);
  const PHONE = ['sms', 'voice', 'whatsapp'];
  const ALL = ['email', ...PHONE];
  const emailSignUps = family('signUp', ['email']);
  const phoneSignUps = family('signUp', PHONE);
  const signUpsOrIns = family('signUpOrIn', ALL);
  const signIns = family('signIn', ALL);
  const withUser = [...family('signUp', ALL), ...signUpsOrIns];
  const anyLoginId = [...signIns, ...signUpsOrIns];

  it('covers 7 sign-ups, 7 sign-up-or-ins and 7 sign-ins (no magic link by voice)', () => {
    expect(emailSignUps.length + phoneSignUps.length).toBe(7);
    expect(signUpsOrIns).toHaveLength(7);
    expect(signIns).toHaveLength(7);
  });

  describe('a sign-up by email sends to user.email, else to the login id', () => {
    it.each(emailSignUps)('%s refuses a login id that is not an email address when no user.email is given', async (_name, send) => {
      await expectRefused((c) => send(c, { loginId: 'ada_lovelace' }), 'loginId', inputMessages.emailAt);
      await expectRefused((c) => send(c, { loginId: '+14155550123' }), 'loginId', inputMessages.emailAt);
      await expectRefused((c) => send(c, { loginId: 'ada', user: { phone: '+14155550123' } }), 'loginId', inputMessages.emailAt);
    });

    it.each(emailSignUps)('%s sends a username login id with a good user.email, normalised', async (_name, send) => {
      const fake = fakeFetch(goodSend);
      await send(makeClient(fake), { loginId: ' ada_lovelace ', user: { email: ' Ada@Example.com' } });
      expect(onlyCall(fake).body).toMatchObject({ loginId: 'ada_lovelace', user: { email: 'ada@example.com' } });
    });
  });

  describe('a sign-up by SMS, voice or WhatsApp sends to user.phone, else to the login id', () => {
    it.each(phoneSignUps)('%s refuses a login id that is not an E.164 number when no user.phone is given', async (_name, send) => {
      await expectRefused((c) => send(c, { loginId: '415 555 0123' }), 'loginId', inputMessages.phoneCountryCode);
      await expectRefused((c) => send(c, { loginId: 'ada@example.com' }), 'loginId', inputMessages.phoneCountryCode);
      await expectRefused((c) => send(c, { loginId: '+1 41' }), 'loginId', inputMessages.phoneInvalid);
      await expectRefused((c) => send(c, { loginId: 'ada@example.com', user: { email: 'ada@example.com' } }), 'loginId', inputMessages.phoneCountryCode);
    });

    it.each(phoneSignUps)('%s sends a login id typed with separators as E.164', async (_name, send) => {
      const fake = fakeFetch(goodSend);
      await send(makeClient(fake), { loginId: '+44 (7700) 900-123' });
      expect(onlyCall(fake).body).toMatchObject({ loginId: '+447700900123' });
    });

    it.each(phoneSignUps)('%s sends an email login id with a good user.phone, normalised', async (_name, send) => {
      const fake = fakeFetch(goodSend);
      await send(makeClient(fake), { loginId: 'Ada@Example.com', user: { phone: '+44 7700 900123' } });
      expect(onlyCall(fake).body).toMatchObject({ loginId: 'ada@example.com', user: { phone: '+447700900123' } });
    });
  });

  describe('user.email and user.phone of a sign-up or sign-up-or-in must be good when given', () => {
    it.each(withUser)('%s refuses a malformed user.email or user.phone', async (_name, send) => {
      await expectRefused((c) => send(c, { loginId: '+14155550123', user: { email: 'ada@example', phone: '+14155550123' } }), 'user.email', inputMessages.emailDomain);
      await expectRefused((c) => send(c, { loginId: 'ada@example.com', user: { email: 'ada@example.com', phone: '07700 900123' } }), 'user.phone', inputMessages.phoneCountryCode);
    });

    it.each(withUser)('%s sends both normalised', async (_name, send) => {
      const fake = fakeFetch(goodSend);
      await send(makeClient(fake), { loginId: 'ada@example.com', user: { email: ' ADA@example.com', phone: '+1 415 555 0123' } });
      expect(onlyCall(fake).body).toMatchObject({ user: { email: 'ada@example.com', phone: '+14155550123' } });
    });
  });

  describe('a sign-in or sign-up-or-in may reach an existing user, whose address the server looks up', () => {
    it.each(anyLoginId)('%s sends a username as is (trimmed)', async (_name, send) => {
      const fake = fakeFetch(goodSend);
      await send(makeClient(fake), { loginId: '  Ada_Lovelace-1815 ' });
      expect(onlyCall(fake).body).toMatchObject({ loginId: 'Ada_Lovelace-1815' });
    });

    it.each(anyLoginId)('%s refuses an address with two @ and a number without enough digits', async (_name, send) => {
      await expectRefused((c) => send(c, { loginId: 'ada@@example.com' }), 'loginId', inputMessages.emailAt);
      await expectRefused((c) => send(c, { loginId: '+1 23' }), 'loginId', inputMessages.phoneInvalid);
    });

    it.each(anyLoginId)('%s sends an email or phone login id normalised, whatever the channel', async (_name, send) => {
      const fake = fakeFetch(goodSend);
      const client = makeClient(fake);
      await send(client, { loginId: 'ADA@example.com' });
      await send(client, { loginId: '+1 415 555 0123' });
      expect(fake.calls.map((call) => (call.body as { loginId: string }).loginId)).toEqual(['ada@example.com', '+14155550123']);
    });
  });
});

describe('email on update email', () => {
  const bad: [string, string][] = [
    ['ada.example.com', inputMessages.emailAt],
    ['ada@@example.com', inputMessages.emailAt],
    ['ada@b@example.com', inputMessages.emailAt],
    ['ada @example.com', inputMessages.emailSpaces],
    ['ada@exa mple.com', inputMessages.emailSpaces],
    ['ada@', inputMessages.emailDomain],
    ['ada@example', inputMessages.emailDomain],
    ['admin@localhost', inputMessages.emailDomain],
    ['ada@example.c', inputMessages.emailDomain],
    ['ada@example.com.', inputMessages.emailDomain],
    ['ada@example..com', inputMessages.emailInvalid],
    ['ada@exa_mple.com', inputMessages.emailInvalid],
    ['ada@.example.com', inputMessages.emailInvalid],
    ['@example.com', inputMessages.emailInvalid],
    ['.ada@example.com', inputMessages.emailInvalid],
    ['ada.@example.com', inputMessages.emailInvalid],
    ['ada..lovelace@example.com', inputMessages.emailInvalid],
    ['ada(at)@example.com', inputMessages.emailInvalid],
    ['', inputMessages.emailRequired],
    ['   ', inputMessages.emailRequired],
  ];
  it.each(bad.flatMap(([email, messageId]) => (['otp', 'magicLink'] as const).map((family) => ({ family, email, messageId }))))(
    '$family updateEmail refuses $email with $messageId',
    async ({ family, email, messageId }) => {
      await expectRefused(
        (c) => c[family].updateEmail({ loginId: 'ada@example.com', email, refreshJwt: REFRESH_JWT }),
        'email',
        messageId,
        email.trim() || undefined,
      );
    },
  );

  it.each([
    ['ada+new@mail.example.co.uk', 'ada+new@mail.example.co.uk'],
    ["o'brien.ada@example.com", "o'brien.ada@example.com"],
    ['  Ada.Lovelace@Example.COM ', 'ada.lovelace@example.com'],
    ['ada@xn--mnchen-3ya.de', 'ada@xn--mnchen-3ya.de'],
    ['ada@example.xn--p1ai', 'ada@example.xn--p1ai'],
  ])('accepts %s and sends %s', async (email, sent) => {
    const fake = fakeFetch(json({ maskedEmail: 'a***@example.com' }));
    await makeClient(fake).otp.updateEmail({ loginId: 'ada@example.com', email, refreshJwt: REFRESH_JWT });
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.body).toMatchObject({ email: sent });
  });
});

describe('phone on update phone (E.164)', () => {
  const bad: [string, string][] = [
    ['5551234', inputMessages.phoneCountryCode],
    ['14155550123', inputMessages.phoneCountryCode],
    ['0044 7700 900123', inputMessages.phoneCountryCode],
    ['+0123', inputMessages.phoneInvalid],
    ['+0141555501234', inputMessages.phoneInvalid],
    ['+123', inputMessages.phoneInvalid],
    ['+1415555012345678', inputMessages.phoneInvalid],
    ['+1415abc0123', inputMessages.phoneInvalid],
    ['+1 415 555 0123 ext 2', inputMessages.phoneInvalid],
    ['', inputMessages.phoneRequired],
    [' ( ) - ', inputMessages.phoneRequired],
  ];
  it.each(bad.flatMap(([phone, messageId]) => (['otp', 'magicLink'] as const).map((family) => ({ family, phone, messageId }))))(
    '$family updatePhone refuses $phone with $messageId',
    async ({ family, phone, messageId }) => {
      await expectRefused(
        (c) =>
          family === 'otp'
            ? c.otp.updatePhone({ method: 'sms', loginId: 'ada@example.com', phone, refreshJwt: REFRESH_JWT })
            : c.magicLink.updatePhone({ method: 'sms', loginId: 'ada@example.com', phone, refreshJwt: REFRESH_JWT }),
        'phone',
        messageId,
        phone.trim() || undefined,
      );
    },
  );

  it.each([
    ['+1234', '+1234'],
    ['+141555501234567', '+141555501234567'],
    ['+447700900123', '+447700900123'],
    ['+1 415 555 0123', '+14155550123'],
    ['+1-415-555-0123', '+14155550123'],
    [' +1 (415) 555.0123 ', '+14155550123'],
  ])('accepts %s (4 to 15 digits, first non-zero) and sends %s', async (phone, sent) => {
    const fake = fakeFetch(json({ maskedPhone: '+****' }));
    await makeClient(fake).otp.updatePhone({ method: 'voice', loginId: 'ada@example.com', phone, refreshJwt: REFRESH_JWT });
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.body).toMatchObject({ phone: sent });
  });
});

describe('a magic link redirect URL that already carries a token (login CSRF)', () => {
  const linkSends: [string, (redirectUrl: string) => (c: Client) => Promise<unknown>][] = [
    ['magicLink.signIn', (redirectUrl) => (c) => c.magicLink.signIn({ method: 'email', loginId: 'ada@example.com', redirectUrl })],
    ['magicLink.signUp', (redirectUrl) => (c) => c.magicLink.signUp({ method: 'sms', loginId: '+14155550123', redirectUrl })],
    ['magicLink.signUpOrIn', (redirectUrl) => (c) => c.magicLink.signUpOrIn({ method: 'whatsapp', loginId: '+14155550123', redirectUrl })],
    [
      'magicLink.updateEmail',
      (redirectUrl) => (c) => c.magicLink.updateEmail({ loginId: 'ada@example.com', email: 'ada@new.example.org', redirectUrl, ...update }),
    ],
    [
      'magicLink.updatePhone',
      (redirectUrl) => (c) =>
        c.magicLink.updatePhone({ method: 'sms', loginId: 'ada@example.com', phone: '+14155550123', redirectUrl, ...update }),
    ],
  ];
  const planted = [
    'https://app.example.com/verify?t=MALLORY0TOKEN',
    'https://app.example.com/verify?next=%2Fhome&t=MALLORY0TOKEN',
    'https://app.example.com/verify?t=',
    'https://app.example.com/verify?t',
    'https://app.example.com/verify?%74=MALLORY0TOKEN',
    'https://app.example.com/verify#t=MALLORY0TOKEN',
    'https://app.example.com/#/verify?t=MALLORY0TOKEN',
    'https://app.example.com/verify?x=1#/verify?a=1&t=MALLORY0TOKEN',
  ];
  it.each(linkSends.flatMap(([name, call]) => planted.map((url) => ({ name, call, url }))))('$name refuses $url', async ({ call, url }) => {
    await expectRefused(call(url), 'redirectUrl', inputMessages.redirectUrlToken, 'MALLORY0TOKEN');
  });

  const clean = [
    'https://app.example.com/verify',
    'https://app.example.com/verify?tab=1&at=2&state=t',
    'https://app.example.com/verify?next=/t/home#top',
    'https://app.example.com/t/verify?tt=1',
  ];
  it.each(linkSends.flatMap(([name, call]) => clean.map((url) => ({ name, call, url }))))('$name sends $url as URI', async ({ call, url }) => {
    const fake = fakeFetch(goodSend);
    await call(url)(makeClient(fake));
    expect(onlyCall(fake).body).toMatchObject({ URI: url });
  });
});

describe('delivery method the operation does not allow', () => {
  const cases: [string, (c: Client) => Promise<unknown>][] = [
    ['voice on magicLink.signIn', (c) => c.magicLink.signIn({ method: 'voice' as MagicLinkMethod, loginId: '+14155550123' })],
    ['voice on magicLink.signUp', (c) => c.magicLink.signUp({ method: 'voice' as MagicLinkMethod, loginId: '+14155550123' })],
    ['voice on magicLink.signUpOrIn', (c) => c.magicLink.signUpOrIn({ method: 'voice' as MagicLinkMethod, loginId: '+14155550123' })],
    [
      'email on otp.updatePhone',
      (c) => c.otp.updatePhone({ method: 'email' as OtpPhoneMethod, loginId: 'ada@example.com', phone: '+14155550123', refreshJwt: REFRESH_JWT }),
    ],
    [
      'voice on magicLink.updatePhone',
      (c) =>
        c.magicLink.updatePhone({ method: 'voice' as MagicLinkPhoneMethod, loginId: 'ada@example.com', phone: '+14155550123', refreshJwt: REFRESH_JWT }),
    ],
    [
      'email on magicLink.updatePhone',
      (c) =>
        c.magicLink.updatePhone({ method: 'email' as MagicLinkPhoneMethod, loginId: 'ada@example.com', phone: '+14155550123', refreshJwt: REFRESH_JWT }),
    ],
    ['fax on otp.signIn', (c) => c.otp.signIn({ method: 'fax' as OtpMethod, loginId: 'ada@example.com' })],
    ['EMAIL (wrong case) on otp.signUp', (c) => c.otp.signUp({ method: 'EMAIL' as OtpMethod, loginId: 'ada@example.com' })],
    ['no method on otp.verify', (c) => c.otp.verify({ method: undefined as unknown as OtpMethod, loginId: 'ada@example.com', code: '123456' })],
    ['a path-traversal method on otp.signUpOrIn', (c) => c.otp.signUpOrIn({ method: '../../admin' as OtpMethod, loginId: 'ada@example.com' })],
  ];
  it.each(cases)('refuses %s', async (_name, invoke) => {
    await expectRefused(invoke, 'method', inputMessages.methodUnsupported);
  });
});

describe('refresh JWT', () => {
  const calls: [string, (refreshJwt: string) => (c: Client) => Promise<unknown>][] = [
    ['otp.updateEmail', (refreshJwt) => (c) => c.otp.updateEmail({ loginId: 'ada@example.com', email: 'ada@new.example.org', refreshJwt })],
    ['otp.updatePhone', (refreshJwt) => (c) => c.otp.updatePhone({ method: 'sms', loginId: 'ada@example.com', phone: '+14155550123', refreshJwt })],
    ['magicLink.updateEmail', (refreshJwt) => (c) => c.magicLink.updateEmail({ loginId: 'ada@example.com', email: 'ada@new.example.org', refreshJwt })],
    [
      'magicLink.updatePhone',
      (refreshJwt) => (c) => c.magicLink.updatePhone({ method: 'sms', loginId: 'ada@example.com', phone: '+14155550123', refreshJwt }),
    ],
    ['session.refresh', (refreshJwt) => (c) => c.session.refresh({ refreshJwt })],
    ['session.me', (refreshJwt) => (c) => c.session.me({ refreshJwt })],
    ['session.logout', (refreshJwt) => (c) => c.session.logout({ refreshJwt })],
    ['otp.signIn with stepup', (refreshJwt) => (c) => c.otp.signIn({ method: 'email', loginId: 'ada@example.com', loginOptions: { stepup: true }, refreshJwt })],
    ['otp.signIn with mfa', (refreshJwt) => (c) => c.otp.signIn({ method: 'sms', loginId: '+14155550123', loginOptions: { mfa: true }, refreshJwt })],
    [
      'magicLink.signIn with stepup',
      (refreshJwt) => (c) => c.magicLink.signIn({ method: 'email', loginId: 'ada@example.com', loginOptions: { stepup: true }, refreshJwt }),
    ],
    [
      'magicLink.signIn with mfa',
      (refreshJwt) => (c) => c.magicLink.signIn({ method: 'whatsapp', loginId: '+14155550123', loginOptions: { mfa: true }, refreshJwt }),
    ],
  ];

  it.each(calls.flatMap(([name, call]) => ['', '  '].map((jwt) => ({ name, call, jwt, shown: JSON.stringify(jwt) }))))(
    '$name refuses the refresh JWT $shown',
    async ({ call, jwt }) => {
      await expectRefused(call(jwt), 'refreshJwt', inputMessages.refreshJwtRequired);
    },
  );

  it.each(calls)('%s refuses a missing (undefined) refresh JWT', async (_name, call) => {
    await expectRefused(call(undefined as unknown as string), 'refreshJwt', inputMessages.refreshJwtRequired);
  });
});

describe('OTP code and magic-link token', () => {
  it.each(['', ' ', '\t \n'])('refuses the code %j', async (code) => {
    await expectRefused((c) => c.otp.verify({ method: 'sms', loginId: '+14155550123', code }), 'code', inputMessages.codeRequired);
  });

  it('refuses a non-string code without showing it in the message', async () => {
    await expectRefused(
      (c) => c.otp.verify({ method: 'sms', loginId: '+14155550123', code: 480_213 as unknown as string }),
      'code',
      inputMessages.invalid,
      '480213',
    );
  });

  it.each(['', '   '])('refuses the token %j', async (token) => {
    await expectRefused((c) => c.magicLink.verify({ token }), 'token', inputMessages.tokenRequired);
  });

  it('refuses a non-string token without showing it in the message', async () => {
    await expectRefused(
      (c) => c.magicLink.verify({ token: { t: 'S3CR3T-TOKEN-VALUE' } as unknown as string }),
      'token',
      inputMessages.invalid,
      'S3CR3T-TOKEN-VALUE',
    );
  });
});

describe('client argument names in InputError.field', () => {
  it('names redirectUrl (not the wire name URI) when the redirect is not a string', async () => {
    await expectRefused(
      (c) => c.magicLink.signIn({ method: 'email', loginId: 'ada@example.com', redirectUrl: 42 as unknown as string }),
      'redirectUrl',
      inputMessages.invalid,
    );
  });

  it('names addToLoginIds (not the wire name addToLoginIDs) when it is not a boolean', async () => {
    await expectRefused(
      (c) =>
        c.otp.updateEmail({
          loginId: 'ada@example.com',
          email: 'ada@new.example.org',
          refreshJwt: REFRESH_JWT,
          addToLoginIds: 'yes' as unknown as boolean,
        }),
      'addToLoginIds',
      inputMessages.invalid,
    );
  });
});

describe('the InputError message never carries the offending value', () => {
  it.each([
    ['email', (c: Client) => c.otp.updateEmail({ loginId: 'ada@example.com', email: 'secret-address-at-nowhere', refreshJwt: REFRESH_JWT }), 'secret-address-at-nowhere'],
    ['phone', (c: Client) => c.otp.updatePhone({ method: 'sms', loginId: 'ada@example.com', phone: '5559876', refreshJwt: REFRESH_JWT }), '5559876'],
    ['loginId', (c: Client) => c.otp.verify({ method: 'sms', loginId: ' \u00a0 ', code: '777' }), '777'],
  ] as const)('%s', async (field, invoke, secret) => {
    const { error } = await refused(invoke);
    expect(error.field).toBe(field);
    expect(error.message).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
  });
});

describe('one place for forms and client', () => {
  it('passlink/client re-exports the contract\'s identifier functions, the ones its checks use', () => {
    expect(client.normalizeEmail).toBe(contract.normalizeEmail);
    expect(client.normalizePhone).toBe(contract.normalizePhone);
    expect(client.normalizeLoginId).toBe(contract.normalizeLoginId);
    expect(client.emailProblem).toBe(contract.emailProblem);
    expect(client.phoneProblem).toBe(contract.phoneProblem);
  });
});
