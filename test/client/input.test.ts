import { describe, expect, it } from 'vitest';
import { InputError, PasslinkError, type Client, type MagicLinkMethod, type MagicLinkPhoneMethod, type OtpMethod, type OtpPhoneMethod } from '../../src/client';
import { inputMessages } from '../../src/contract';
import { fakeFetch, json, makeClient, REFRESH_JWT, rejectionOf, type FakeFetch } from './helpers';

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

/** Every operation that takes a login id, called with the given one (everything else valid). */
const withLoginId: [string, (loginId: string) => (c: Client) => Promise<unknown>][] = [
  ['otp.signUp', (loginId) => (c) => c.otp.signUp({ method: 'email', loginId })],
  ['otp.signIn', (loginId) => (c) => c.otp.signIn({ method: 'sms', loginId })],
  ['otp.signUpOrIn', (loginId) => (c) => c.otp.signUpOrIn({ method: 'voice', loginId })],
  ['otp.verify', (loginId) => (c) => c.otp.verify({ method: 'whatsapp', loginId, code: '123456' })],
  ['otp.updateEmail', (loginId) => (c) => c.otp.updateEmail({ loginId, email: 'ada@example.com', ...update })],
  ['otp.updatePhone', (loginId) => (c) => c.otp.updatePhone({ method: 'sms', loginId, phone: '+14155550123', ...update })],
  ['magicLink.signUp', (loginId) => (c) => c.magicLink.signUp({ method: 'email', loginId })],
  ['magicLink.signIn', (loginId) => (c) => c.magicLink.signIn({ method: 'sms', loginId })],
  ['magicLink.signUpOrIn', (loginId) => (c) => c.magicLink.signUpOrIn({ method: 'whatsapp', loginId })],
  ['magicLink.updateEmail', (loginId) => (c) => c.magicLink.updateEmail({ loginId, email: 'ada@example.com', ...update })],
  ['magicLink.updatePhone', (loginId) => (c) => c.magicLink.updatePhone({ method: 'whatsapp', loginId, phone: '+14155550123', ...update })],
];

describe('login id', () => {
  it.each(withLoginId.flatMap(([name, call]) => ['', '   ', '\t\n'].map((loginId) => ({ name, call, loginId, shown: JSON.stringify(loginId) }))))(
    '$name refuses the login id $shown before sending',
    async ({ call, loginId }) => {
      await expectRefused(call(loginId), 'loginId', inputMessages.loginIdRequired);
    },
  );

  it.each(withLoginId)('%s sends a valid login id (the refusals above are about the login id alone)', async (_name, call) => {
    const fake = fakeFetch(json({ maskedEmail: 'a***@example.com', sessionJwt: '', sessionExpiration: 1 }));
    await call('ada@example.com')(makeClient(fake));
    expect(fake.calls).toHaveLength(1);
  });
});

describe('email on update email', () => {
  const bad = ['ada.example.com', 'ada @example.com', 'ada@exa mple.com', 'ada@example..com', 'ada@exa_mple.com', '@example.com', 'ada@', 'ada@@example.com', ''];
  it.each(bad.flatMap((email) => (['otp', 'magicLink'] as const).map((family) => ({ family, email }))))(
    '$family updateEmail refuses $email',
    async ({ family, email }) => {
      await expectRefused(
        (c) => c[family].updateEmail({ loginId: 'ada@example.com', email, refreshJwt: REFRESH_JWT }),
        'email',
        inputMessages.emailInvalid,
        email || undefined,
      );
    },
  );

  it.each(['ada+new@mail.example.co.uk', "o'brien.ada@example.com", 'admin@localhost'])(
    'accepts %s (the official JS SDK pattern: subdomains, plus tags, a dotless domain)',
    async (email) => {
      const fake = fakeFetch(json({ maskedEmail: 'a***@example.com' }));
      await makeClient(fake).otp.updateEmail({ loginId: 'ada@example.com', email, refreshJwt: REFRESH_JWT });
      expect(fake.calls).toHaveLength(1);
      expect(fake.calls[0]?.body).toMatchObject({ email });
    },
  );
});

describe('phone on update phone (E.164)', () => {
  const bad = ['5551234', '+0123', '+0141555501234', '+123', '+1 415 555 0123', '+1-415-555-0123', '14155550123', '+1415555012345678', '+1415abc0123', ''];
  it.each(bad.flatMap((phone) => (['otp', 'magicLink'] as const).map((family) => ({ family, phone }))))(
    '$family updatePhone refuses $phone',
    async ({ family, phone }) => {
      await expectRefused(
        (c) =>
          family === 'otp'
            ? c.otp.updatePhone({ method: 'sms', loginId: 'ada@example.com', phone, refreshJwt: REFRESH_JWT })
            : c.magicLink.updatePhone({ method: 'sms', loginId: 'ada@example.com', phone, refreshJwt: REFRESH_JWT }),
        'phone',
        inputMessages.phoneInvalid,
        phone || undefined,
      );
    },
  );

  it.each(['+1234', '+141555501234567', '+447700900123'])('accepts %s (4 to 15 digits, first non-zero)', async (phone) => {
    const fake = fakeFetch(json({ maskedPhone: '+****' }));
    await makeClient(fake).otp.updatePhone({ method: 'voice', loginId: 'ada@example.com', phone, refreshJwt: REFRESH_JWT });
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.body).toMatchObject({ phone });
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
