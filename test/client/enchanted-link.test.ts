import { describe, expect, it } from 'vitest';
import {
  ApiError,
  createTransport,
  ENCHANTED_LINK_PENDING,
  enchantedLinkPendingSession,
  enchantedLinkSignIn,
  InputError,
  isPendingSession,
  NetworkError,
  type Client,
} from '../../src/client';
import { inputMessages } from '../../src/contract';
import { apiError, BASE_URL, fakeFetch, json, JWT_RESPONSE, makeClient, onlyCall, PROJECT_ID, REFRESH_JWT, rejectionOf } from './helpers';

/*
 * Enchanted links through passlink's client, against a fake fetch: the checks it makes before
 * sending (the same as a magic link's, by email only), and how it reads the pending-session poll.
 * The wire of each endpoint is pinned in ./endpoints.test.ts; the emulator's answers in
 * test/emulator/enchanted-link.test.ts.
 */

const sent = { linkId: '17', pendingRef: 'pending-ref-1', maskedEmail: 'a***@example.com' };

const refusedWith = async (invoke: (client: Client) => Promise<unknown>, field: string, messageId: string) => {
  const fake = fakeFetch(json(sent));
  const error = await rejectionOf(invoke(makeClient(fake)));
  expect(error).toBeInstanceOf(InputError);
  expect(error).toMatchObject({ field, messageId });
  expect(fake.calls).toHaveLength(0);
  return error as InputError;
};

describe('enchanted-link sends check their input as magic links do', () => {
  const sends: [string, (c: Client, args: { loginId: string; redirectUrl?: string }) => Promise<unknown>][] = [
    ['signIn', (c, args) => c.enchantedLink.signIn(args)],
    ['signUp', (c, args) => c.enchantedLink.signUp(args)],
    ['signUpOrIn', (c, args) => c.enchantedLink.signUpOrIn(args)],
  ];

  it.each(sends)('%s sends the email login id trimmed and lower-cased, and answers the number to show', async (_name, send) => {
    const fake = fakeFetch(json(sent));
    await expect(send(makeClient(fake), { loginId: '  Ada@Example.COM ' })).resolves.toStrictEqual(sent);
    expect(onlyCall(fake).body).toStrictEqual({ loginId: 'ada@example.com' });
  });

  it.each(sends)('%s refuses a malformed email login id before sending', async (_name, send) => {
    await refusedWith((c) => send(c, { loginId: 'ada@example' }), 'loginId', inputMessages.emailDomain);
  });

  it.each(sends)('%s refuses a redirect URL that already carries a token (login CSRF)', async (_name, send) => {
    const error = await refusedWith(
      (c) => send(c, { loginId: 'ada@example.com', redirectUrl: 'https://app.example.com/verify?t=MALLORY0TOKEN' }),
      'redirectUrl',
      inputMessages.redirectUrlToken,
    );
    expect(error.message).not.toContain('MALLORY0TOKEN');
  });

  it('sign-up by username with no user.email refuses: the link goes by email, to the login id', async () => {
    await refusedWith((c) => c.enchantedLink.signUp({ loginId: 'ada' }), 'loginId', inputMessages.emailAt);
  });

  it('sign-up by username with user.email sends, the address normalised', async () => {
    const fake = fakeFetch(json(sent));
    await makeClient(fake).enchantedLink.signUp({ loginId: 'ada', user: { email: ' ADA@example.com' } });
    expect(onlyCall(fake).body).toStrictEqual({ loginId: 'ada', user: { email: 'ada@example.com' } });
  });

  it('sign-in by username sends (the server finds the address), and never a delivery method', async () => {
    const fake = fakeFetch(json(sent));
    // A JavaScript caller may pass one anyway: it goes nowhere (the path says email).
    await makeClient(fake).enchantedLink.signIn({ loginId: ' ada ', method: 'sms' } as never);
    const call = onlyCall(fake);
    expect(call.url).toBe(`${BASE_URL}/v1/auth/enchantedlink/signin/email`);
    expect(call.body).toStrictEqual({ loginId: 'ada' });
  });

  it('step-up sign-in requires the refresh JWT and sends it in the header', async () => {
    await refusedWith((c) => c.enchantedLink.signIn({ loginId: 'ada@example.com', loginOptions: { stepup: true } }), 'refreshJwt', inputMessages.refreshJwtRequired);
    const fake = fakeFetch(json(sent));
    await makeClient(fake).enchantedLink.signIn({ loginId: 'ada@example.com', loginOptions: { stepup: true }, refreshJwt: REFRESH_JWT });
    expect(onlyCall(fake).headers.authorization).toBe(`Bearer ${PROJECT_ID}:${REFRESH_JWT}`);
  });

  it('refuses an answer without linkId or pendingRef (nothing to show, nothing to poll)', async () => {
    const fake = fakeFetch(json({ maskedEmail: 'a***@example.com' }));
    await expect(makeClient(fake).enchantedLink.signIn({ loginId: 'ada@example.com' })).rejects.toMatchObject({ name: 'ResponseFormatError' });
  });
});

describe('verify and the pending-session poll', () => {
  it('verify refuses a blank token, and resolves {} on the empty 200 of the API', async () => {
    await refusedWith((c) => c.enchantedLink.verify({ token: '  ' }), 'token', inputMessages.tokenRequired);
    const fake = fakeFetch(() => new Response('', { status: 200 }));
    await expect(makeClient(fake).enchantedLink.verify({ token: 'tok' })).resolves.toStrictEqual({});
  });

  it('pending-session refuses a blank pendingRef (a programming error: input.invalid)', async () => {
    await refusedWith((c) => c.enchantedLink.pendingSession({ pendingRef: '' }), 'pendingRef', inputMessages.invalid);
  });

  it('rejects with ApiError 401 E062503 while pending, then resolves with the session', async () => {
    const fake = fakeFetch(apiError(401, 'E062503', 'Enchanted link not verified yet'), json(JWT_RESPONSE));
    const transport = createTransport({ projectId: PROJECT_ID, baseUrl: BASE_URL, fetch: fake.fetch, retryDelaysMs: [] });
    const pending = await rejectionOf(enchantedLinkPendingSession(transport, { pendingRef: 'pending-ref-1' }));
    expect(pending).toBeInstanceOf(ApiError);
    expect(pending).toMatchObject({ status: 401, code: ENCHANTED_LINK_PENDING });
    expect(isPendingSession(pending)).toBe(true);
    await expect(enchantedLinkPendingSession(transport, { pendingRef: 'pending-ref-1' })).resolves.toStrictEqual(JWT_RESPONSE);
    expect(fake.calls.map((call) => [call.url, call.headers.authorization, call.rawBody])).toEqual([
      [`${BASE_URL}/v1/auth/enchantedlink/pending-session`, `Bearer ${PROJECT_ID}`, '{"pendingRef":"pending-ref-1"}'],
      [`${BASE_URL}/v1/auth/enchantedlink/pending-session`, `Bearer ${PROJECT_ID}`, '{"pendingRef":"pending-ref-1"}'],
    ]);
  });

  it('isPendingSession is false for every other failure', () => {
    expect(isPendingSession(new ApiError(401, 'E061005'))).toBe(false);
    expect(isPendingSession(new ApiError(400, 'E062503'.replace('3', '4')))).toBe(false);
    expect(isPendingSession(new NetworkError())).toBe(false);
    expect(isPendingSession({ code: 'E062503' })).toBe(false);
    expect(isPendingSession(undefined)).toBe(false);
  });

  it('the operation functions work on their own (tree-shakable), as the bound client methods do', async () => {
    const fake = fakeFetch(json(sent));
    const transport = createTransport({ projectId: PROJECT_ID, baseUrl: BASE_URL, fetch: fake.fetch });
    await expect(enchantedLinkSignIn(transport, { loginId: 'ada@example.com' })).resolves.toStrictEqual(sent);
  });
});
