import { describe, expect, it } from 'vitest';
import { createEmulator, maskEmail, maskPhone, spokenCode } from '../../src/emulator';
import { clientOf, codeOf, payloadOf } from './support';
describe('masked destinations', () => {
  it.each([
    ['+14155554567', '+1 ••• ••• 4567'],
    ['+447700900123', '+44 ••• ••• 0123'],
    ['+972501234567', '+972 ••• •• 4567'],
    ['+79161234567', '+7 ••• ••• 4567'],
  ])('masks phone %s as %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it.each([
    ['jane.doe@example.com', 'j•••@e•••.com'],
    ['x@mail.example.co.uk', 'x•••@m•••.uk'],
  ])('masks email %s as %s', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });
});

describe('the emulator core', () => {
  it('reads a voice code digit by digit', () => {
    expect(spokenCode('405')).toBe('Your verification code is: 4, 0, 5. Again, your code is: 4, 0, 5.');
  });

  it('makes codes of the configured length', async () => {
    const emulator = createEmulator({ otpLength: 8, users: [{ loginId: 'a@example.com', email: 'a@example.com' }] });
    await clientOf(emulator).otp.signIn({ method: 'email', loginId: 'a@example.com' });
    expect(emulator.outbox.latest()?.code).toMatch(/^\d{8}$/);
  });

  it('expires codes after the configured time', async () => {
    const emulator = createEmulator({ otpTtlSeconds: 60, users: [{ loginId: 'a@example.com', email: 'a@example.com' }] });
    const client = clientOf(emulator);
    await client.otp.signIn({ method: 'email', loginId: 'a@example.com' });
    emulator.advanceClock(61);
    expect(await codeOf(client.otp.verify({ method: 'email', loginId: 'a@example.com', code: emulator.outbox.latest()?.code ?? '' }))).toBe('E061104');
  });

  it('waits for the next outbox message', async () => {
    const emulator = createEmulator({ users: [{ loginId: 'w@example.com', email: 'w@example.com' }] });
    const next = emulator.outbox.waitFor({ to: 'w@example.com' });
    await clientOf(emulator).magicLink.signIn({ method: 'email', loginId: 'w@example.com', redirectUrl: 'http://localhost/v' });
    await expect(next).resolves.toMatchObject({ to: 'w@example.com', kind: 'magicLink' });
    await expect(emulator.outbox.waitFor({ to: 'none@example.com' }, 20)).rejects.toThrow(/No outbox message/);
  });

  it('signs up by sign-up-or-in when new, signs in when known', async () => {
    const emulator = createEmulator();
    const client = clientOf(emulator);
    await client.otp.signUpOrIn({ method: 'whatsapp', loginId: '+14155550111' });
    expect(emulator.outbox.latest()).toMatchObject({ channel: 'whatsapp', purpose: 'signUp' });
    const first = await client.otp.verify({ method: 'whatsapp', loginId: '+14155550111', code: emulator.outbox.latest()?.code ?? '' });
    expect(first.firstSeen).toBe(true);
    await client.otp.signUpOrIn({ method: 'whatsapp', loginId: '+14155550111' });
    expect(emulator.outbox.latest()?.purpose).toBe('signIn');
    const second = await client.otp.verify({ method: 'whatsapp', loginId: '+14155550111', code: emulator.outbox.latest()?.code ?? '' });
    expect(second.firstSeen).toBe(false);
    expect(second.user?.userId).toBe(first.user?.userId);
  });

  it('requires the refresh JWT of the same user for step-up sign-in', async () => {
    const emulator = createEmulator({
      users: [
        { loginId: 'a@example.com', email: 'a@example.com' },
        { loginId: 'b@example.com', email: 'b@example.com' },
      ],
    });
    const client = clientOf(emulator);
    const refreshJwt = (await emulator.createSession('a@example.com')).refreshJwt ?? '';
    await expect(client.otp.signIn({ method: 'email', loginId: 'a@example.com', loginOptions: { stepup: true }, refreshJwt })).resolves.toHaveProperty('maskedEmail');
    expect(await codeOf(client.otp.signIn({ method: 'email', loginId: 'b@example.com', loginOptions: { stepup: true }, refreshJwt }))).toBe('E011004');
  });

  it('answers an unknown project, an unknown path and a wrong HTTP method with errors', async () => {
    const emulator = createEmulator({ projectId: 'Pright' });
    const call = (method: string, url: string, authorization = 'Bearer Pright') =>
      emulator.handle({ method, url, headers: { authorization }, body: '{"loginId":"x@example.com"}' });
    expect((await call('POST', '/v1/auth/otp/signin/email', 'Bearer Pwrong')).body).toContain('E011004');
    expect((await call('POST', '/v1/auth/otp/signin/pigeon')).body).toContain('E011004');
    expect((await call('POST', '/v1/auth/nothing')).status).toBe(404);
    expect((await call('GET', '/v1/auth/otp/signin/email')).status).toBe(404);
    expect((await call('GET', '/v2/keys/Pother')).status).toBe(404);
    expect((await call('POST', '/v1/auth/otp/signin/email', '')).body).toContain('E011001');
  });

  it('answers the codes an app overrides for a situation', async () => {
    const emulator = createEmulator({ errorCodes: { userNotFound: 'E999999' } });
    const answer = await emulator.handle({
      method: 'POST',
      url: '/v1/auth/otp/signin/email',
      headers: { Authorization: `Bearer ${emulator.projectId}` },
      body: JSON.stringify({ loginId: 'ghost@example.com' }),
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ errorCode: 'E999999' });
  });

  it('forgets everything on reset', async () => {
    const emulator = createEmulator({ users: [{ loginId: 'r@example.com', email: 'r@example.com' }] });
    await clientOf(emulator).otp.signIn({ method: 'email', loginId: 'r@example.com' });
    emulator.reset();
    expect(emulator.users()).toEqual([]);
    expect(emulator.outbox.list()).toEqual([]);
  });

  it('seeds users with validation', () => {
    const emulator = createEmulator();
    expect(() => emulator.seedUser({ phone: '+14155550100' })).toThrow(/loginId/);
    expect(() => emulator.seedUser({ loginId: 'p', phone: '555' })).toThrow(/Invalid seed user/);
    const user = emulator.seedUser({ loginId: 'p', phone: '+14155550100' });
    expect(user).toMatchObject({ loginIds: ['p'], phone: '+14155550100', verifiedPhone: true, verifiedEmail: false });
    expect(() => emulator.seedUser({ loginId: 'p' })).toThrow(/exists/);
  });
});

describe('login options the official SDK sends', () => {
  it('revokes the other sessions of the user on verify with revokeOtherSessions', async () => {
    const emulator = createEmulator({ users: [{ loginId: 'o@example.com', email: 'o@example.com' }] });
    const client = clientOf(emulator);
    const earlier = (await emulator.createSession('o@example.com')).refreshJwt ?? '';
    await client.otp.signIn({ method: 'email', loginId: 'o@example.com', loginOptions: { revokeOtherSessions: true } });
    const fresh = await client.otp.verify({ method: 'email', loginId: 'o@example.com', code: emulator.outbox.latest()?.code ?? '' });
    expect(await codeOf(client.session.me({ refreshJwt: earlier }))).toBe('E064001');
    await expect(client.session.me({ refreshJwt: fresh.refreshJwt ?? '' })).resolves.toHaveProperty('email', 'o@example.com');
  });

  it('accepts custom claims of any JSON value and puts them under nsec in the session JWT, as Descope does', async () => {
    const emulator = createEmulator({ users: [{ loginId: 'c@example.com', email: 'c@example.com' }] });
    const client = clientOf(emulator);
    await client.otp.signIn({ method: 'email', loginId: 'c@example.com', loginOptions: { customClaims: { roles: ['admin'], plan: null } } });
    const session = await client.otp.verify({ method: 'email', loginId: 'c@example.com', code: emulator.outbox.latest()?.code ?? '' });
    const payload = payloadOf(session.sessionJwt ?? '');
    expect(payload.nsec).toEqual({ roles: ['admin'], plan: null });
    expect(payload).not.toHaveProperty('roles');
    expect(payload).not.toHaveProperty('plan');
  });

  it('accepts an address without a dot in the domain, as the official SDK does (passlink\'s client refuses it first)', async () => {
    const emulator = createEmulator();
    const answer = await emulator.handle({
      method: 'POST',
      url: '/v1/auth/otp/signup/email',
      headers: { authorization: `Bearer ${emulator.projectId}`, 'content-type': 'application/json' },
      body: JSON.stringify({ loginId: 'admin@localhost' }),
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toHaveProperty('maskedEmail', 'a•••@l•••');
    await expect(clientOf(emulator).otp.signUp({ method: 'email', loginId: 'admin@localhost' })).rejects.toMatchObject({
      name: 'InputError',
      messageId: 'input.email.domain',
    });
  });
});
