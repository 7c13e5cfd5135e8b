import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/emulator';
import { clientOf, codeOf } from './support';

const ONE = { loginId: 'one@example.com', email: 'one@example.com' };
const TWO = { loginId: 'two@example.com', email: 'two@example.com', phone: '+14155550122' };

describe('login ids', () => {
  it('finds a user by an email login id in any case, keeps the login id as given, and verifies a code sent to another case', async () => {
    const emulator = createEmulator({ users: [{ loginId: 'Ada@Example.com', email: 'Ada@Example.com' }] });
    const client = clientOf(emulator);
    const [ada] = emulator.users();

    await client.otp.signIn({ method: 'email', loginId: 'ada@example.COM' });
    const session = await client.otp.verify({ method: 'email', loginId: 'ADA@EXAMPLE.COM', code: emulator.outbox.latest()?.code ?? '' });
    expect(session.user?.userId).toBe(ada?.userId);
    expect(session.user?.loginIds).toEqual(['Ada@Example.com']);

    expect(await codeOf(client.otp.signUp({ method: 'email', loginId: 'ada@example.com' }))).toBe('E062107');
    await client.otp.signUpOrIn({ method: 'email', loginId: 'aDa@eXample.com' });
    expect(emulator.outbox.latest()?.purpose).toBe('signIn');
    expect(emulator.users()).toHaveLength(1);
  });

  it('refuses to seed a login id that another user has in another case, and seeds all or nothing', async () => {
    const emulator = createEmulator({ users: [ONE] });
    expect(() => emulator.seedUser({ loginId: 'ONE@example.com' })).toThrow(/exists/);
    const response = await emulator.handle({
      method: 'POST',
      url: '/emulator/users',
      headers: {},
      body: JSON.stringify([{ loginId: 'new@example.com' }, { loginId: 'NEW@example.com' }]),
    });
    expect(response.status).toBe(400);
    expect(emulator.users().map((user) => user.loginIds[0])).toEqual([ONE.loginId]);
  });

  it('matches phone and username login ids exactly', async () => {
    const emulator = createEmulator({ users: [{ loginId: 'Grace', phone: '+14155550133' }] });
    const client = clientOf(emulator);
    expect(await codeOf(client.otp.signIn({ method: 'sms', loginId: 'grace' }))).toBe('E062108');
    await expect(client.otp.signIn({ method: 'sms', loginId: 'Grace' })).resolves.toHaveProperty('maskedPhone');
  });
});

describe('updates with addToLoginIDs, as Descope documents UpdateOptions', () => {
  it('adds the verified address beside the old login id; without addToLoginIDs no login id changes', async () => {
    const emulator = createEmulator({ users: [ONE] });
    const client = clientOf(emulator);
    const refreshJwt = (await emulator.createSession(ONE.loginId)).refreshJwt ?? '';

    await client.otp.updateEmail({ loginId: ONE.loginId, email: 'first@example.org', refreshJwt });
    await client.otp.verify({ method: 'email', loginId: ONE.loginId, code: emulator.outbox.latest()?.code ?? '' });
    expect(await client.session.me({ refreshJwt })).toMatchObject({ email: 'first@example.org', loginIds: [ONE.loginId] });
    expect(await codeOf(client.otp.signIn({ method: 'email', loginId: 'first@example.org' }))).toBe('E062108');

    await client.otp.updateEmail({ loginId: ONE.loginId, email: 'second@example.org', refreshJwt, addToLoginIds: true });
    await client.otp.verify({ method: 'email', loginId: ONE.loginId, code: emulator.outbox.latest()?.code ?? '' });
    expect(await client.session.me({ refreshJwt })).toMatchObject({ email: 'second@example.org', loginIds: [ONE.loginId, 'second@example.org'] });
  });

  it('merges another user who has that login id into the updated user by default: same userId, both login ids, the other user gone', async () => {
    const emulator = createEmulator({ users: [ONE, TWO] });
    const client = clientOf(emulator);
    const one = await emulator.createSession(ONE.loginId);
    const two = await emulator.createSession(TWO.loginId);

    await client.otp.updateEmail({ loginId: ONE.loginId, email: TWO.email, refreshJwt: one.refreshJwt ?? '', addToLoginIds: true });
    const merged = await client.otp.verify({ method: 'email', loginId: ONE.loginId, code: emulator.outbox.latest()?.code ?? '' });

    expect(merged.user).toMatchObject({ userId: one.user?.userId, email: TWO.email, loginIds: [ONE.loginId, TWO.loginId] });
    expect(emulator.users().map((user) => user.userId)).toEqual([one.user?.userId]);
    // The other user's session ended with it.
    expect(await codeOf(client.session.me({ refreshJwt: two.refreshJwt ?? '' }))).toBe('E064001');
    await client.otp.signIn({ method: 'email', loginId: TWO.loginId });
    const again = await client.otp.verify({ method: 'email', loginId: TWO.loginId, code: emulator.outbox.latest()?.code ?? '' });
    expect(again.user?.userId).toBe(one.user?.userId);
  });

  it('merges the updated user into the existing one with onMergeUseExisting: its refresh JWT stops working, the session is the existing user\'s', async () => {
    const emulator = createEmulator({ users: [ONE, TWO] });
    const client = clientOf(emulator);
    const one = await emulator.createSession(ONE.loginId);
    const two = emulator.users()[1];

    await client.otp.updateEmail({ loginId: ONE.loginId, email: TWO.email, refreshJwt: one.refreshJwt ?? '', addToLoginIds: true, onMergeUseExisting: true });
    const merged = await client.otp.verify({ method: 'email', loginId: ONE.loginId, code: emulator.outbox.latest()?.code ?? '' });

    expect(merged.user).toMatchObject({ userId: two?.userId, loginIds: [TWO.loginId, ONE.loginId] });
    expect(emulator.users().map((user) => user.userId)).toEqual([two?.userId]);
    expect(await codeOf(client.session.me({ refreshJwt: one.refreshJwt ?? '' }))).toBe('E064001');
    await expect(client.session.me({ refreshJwt: merged.refreshJwt ?? '' })).resolves.toHaveProperty('userId', two?.userId);
  });

  it('with failOnConflict refuses an address that is another user\'s login id: on the send (nothing sent) and on the verify (nothing changed)', async () => {
    const emulator = createEmulator({ users: [ONE, TWO] });
    const client = clientOf(emulator);
    const one = await emulator.createSession(ONE.loginId);
    const refreshJwt = one.refreshJwt ?? '';
    const before = emulator.users();

    const send = await emulator.handle({
      method: 'POST',
      url: '/v1/auth/otp/update/email',
      headers: { Authorization: `Bearer ${emulator.projectId}:${refreshJwt}` },
      body: JSON.stringify({ loginId: ONE.loginId, email: 'TWO@example.com', addToLoginIDs: true, failOnConflict: true }),
    });
    expect(send.status).toBe(400);
    expect(JSON.parse(send.body)).toMatchObject({ errorCode: 'E062107' });
    expect(emulator.outbox.list()).toEqual([]);

    // The address was free when the code went out, and taken before it was entered.
    const free = 'free@example.com';
    const sent = await emulator.handle({
      method: 'POST',
      url: '/v1/auth/otp/update/email',
      headers: { Authorization: `Bearer ${emulator.projectId}:${refreshJwt}` },
      body: JSON.stringify({ loginId: ONE.loginId, email: free, addToLoginIDs: true, failOnConflict: true }),
    });
    expect(sent.status).toBe(200);
    emulator.seedUser({ loginId: free, email: free });
    expect(await codeOf(client.otp.verify({ method: 'email', loginId: ONE.loginId, code: emulator.outbox.latest()?.code ?? '' }))).toBe('E062107');
    expect(emulator.users().slice(0, 2)).toEqual(before);
    await expect(client.session.me({ refreshJwt })).resolves.toMatchObject({ loginIds: [ONE.loginId], email: ONE.email });
  });
});
