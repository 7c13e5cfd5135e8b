import descopeSdk from '@descope/node-sdk';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulatorServer, type EmulatorServer, type EmulatorServerOptions } from '../../src/emulator/node';

/*
 * Descope's OFFICIAL server SDK (@descope/node-sdk, pinned in devDependencies) against the
 * emulator's HTTP server on loopback: what a backend does with the emulator's tokens. node-sdk
 * fetches the keys from GET /v2/keys/<projectId>, verifies RS256 by `kid` with its own jose, and
 * checks `iss` against the project id (descope/node-sdk lib/index.ts validateJwt), all with the
 * real clock: nothing here moves the emulator's clock.
 */

const PROJECT_ID = 'PnodeSdkInterop';
const ADA = { loginId: 'ada@example.com', email: 'ada@example.com' };

let running: EmulatorServer[] = [];

afterEach(async () => {
  const servers = running;
  running = [];
  await Promise.all(servers.map((server) => server.close()));
});

/** An emulator server on a free loopback port, and node-sdk pointed at it. */
async function start(options: EmulatorServerOptions = {}) {
  const server = await startEmulatorServer({ port: 0, projectId: PROJECT_ID, users: [ADA], ...options });
  running.push(server);
  return { server, sdk: descopeSdk({ projectId: PROJECT_ID, baseUrl: server.url }) };
}

type Sdk = ReturnType<typeof descopeSdk>;

/** Signs Ada in by email OTP through node-sdk itself; answers what its verify returns. */
async function signIn(server: EmulatorServer, sdk: Sdk) {
  const sent = await sdk.otp.signIn.email(ADA.loginId);
  expect(sent.ok, JSON.stringify(sent.error)).toBe(true);
  const code = server.emulator.outbox.latest({ to: ADA.email })?.code;
  if (!code) throw new Error('no code was sent');
  const verified = await sdk.otp.verify.email(ADA.loginId, code);
  expect(verified.ok, JSON.stringify(verified.error)).toBe(true);
  if (!verified.data) throw new Error('verify answered no data');
  return verified.data;
}

/** The value of cookie `name` in raw Set-Cookie lines (node-sdk hands them over joined by ", "). */
function cookieValue(cookies: readonly string[] | undefined, name: string): string {
  const value = new RegExp(`(?:^|[;,]\\s*)${name}=([^;]*)`).exec((cookies ?? []).join('; '))?.[1];
  if (!value) throw new Error(`no ${name} cookie`);
  return value;
}

/** `jwt` with its payload re-encoded with `change`, its header and signature kept. */
function tampered(jwt: string, change: Record<string, unknown>): string {
  const [header, , signature] = jwt.split('.');
  const payload = Buffer.from(JSON.stringify({ ...decodeJwt(jwt), ...change })).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

describe('official @descope/node-sdk against the emulator over HTTP', () => {
  it('validateSession accepts the session JWT of a real sign-in, read as Descope\'s', async () => {
    const { server, sdk } = await start();
    const data = await signIn(server, sdk);
    expect(data.sessionJwt).toMatch(/^eyJ/);

    const info = await sdk.validateSession(data.sessionJwt);
    expect(info.jwt).toBe(data.sessionJwt);
    expect(info.token).toMatchObject({ sub: data.user?.userId, iss: PROJECT_ID, drn: 'DS', amr: ['email'] });
    expect(info.token.exp).toBe(data.sessionExpiration);
    // node-sdk re-sets the refresh cookie from the body, with the body's cookie fields.
    expect(data.cookies).toEqual([`DSR=${data.refreshJwt}; Domain=; Max-Age=2592000; Path=/; HttpOnly; SameSite=Strict`]);
  });

  it('validateSession refuses a tampered token, and one another emulator signed', async () => {
    const { server, sdk } = await start();
    const data = await signIn(server, sdk);
    await expect(sdk.validateSession(tampered(data.sessionJwt, { sub: 'Umallory' }))).rejects.toThrow(/signature verification failed/);
    const [header, payload, signature = ''] = data.sessionJwt.split('.');
    const flipped = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    await expect(sdk.validateSession(flipped)).rejects.toThrow(/session validation failed/);

    const other = await start({ projectId: PROJECT_ID });
    const foreign = await signIn(other.server, other.sdk);
    await expect(sdk.validateSession(foreign.sessionJwt)).rejects.toThrow(/failed to fetch matching key/);
    // The same token is good where it was signed.
    await expect(other.sdk.validateSession(foreign.sessionJwt)).resolves.toHaveProperty('token.drn', 'DS');
  });

  it('follows a key rotation: a token of the new kid validates on the same SDK instance, the old one still does', async () => {
    const { server, sdk } = await start();
    const before = await signIn(server, sdk);
    await sdk.validateSession(before.sessionJwt);

    const newKid = await server.emulator.rotateKeys();
    const after = await signIn(server, sdk);
    expect(decodeProtectedHeader(after.sessionJwt).kid).toBe(newKid);
    expect(decodeProtectedHeader(before.sessionJwt).kid).not.toBe(newKid);
    // node-sdk cached the old key by kid, and fetches the set again for the unknown one.
    await expect(sdk.validateSession(after.sessionJwt)).resolves.toHaveProperty('token.sub', after.user?.userId);
    await expect(sdk.validateSession(before.sessionJwt)).resolves.toHaveProperty('token.sub', before.user?.userId);
  });

  it('validateAndRefreshSession keeps a valid session and refreshes through the emulator without one', async () => {
    const { server, sdk } = await start();
    const data = await signIn(server, sdk);
    const refreshJwt = data.refreshJwt ?? '';

    const kept = await sdk.validateAndRefreshSession(data.sessionJwt, refreshJwt);
    expect(kept.jwt).toBe(data.sessionJwt);

    const refreshed = await sdk.validateAndRefreshSession(undefined, refreshJwt);
    expect(refreshed.jwt).not.toBe(data.sessionJwt);
    expect(refreshed.token).toMatchObject({ sub: data.user?.userId, drn: 'DS' });
    expect(refreshed.refreshJwt).toMatch(/^eyJ/);
    // The emulator rotated the refresh JWT: the old one no longer refreshes.
    await expect(sdk.refreshSession(refreshJwt)).rejects.toThrow(/refresh token validation failed/);
    await expect(sdk.refreshSession(refreshed.refreshJwt ?? '')).resolves.toHaveProperty('token.sub', data.user?.userId);
  });

  it('cookie mode: node-sdk takes both tokens from Set-Cookie, validates the session and refreshes with the DSR cookie', async () => {
    const { server, sdk } = await start({ tokensInCookies: true });
    const data = await signIn(server, sdk);
    // The body's tokens are empty; node-sdk read the refresh JWT from the DSR cookie.
    expect(data.sessionJwt).toBe('');
    const dsr = data.refreshJwt ?? '';
    expect(decodeJwt(dsr).drn).toBe('DSR');
    expect(dsr).toBe(cookieValue(data.cookies, 'DSR'));
    const ds = cookieValue(data.cookies, 'DS');
    await expect(sdk.validateSession(ds)).resolves.toHaveProperty('token.drn', 'DS');

    // A backend that has only the DSR cookie (the DS cookie expired or is absent).
    const refreshed = await sdk.validateAndRefreshSession(undefined, dsr);
    expect(refreshed.token).toMatchObject({ sub: data.user?.userId, drn: 'DS', iss: PROJECT_ID });
    expect(refreshed.jwt).toBe(cookieValue(refreshed.cookies, 'DS'));
    expect(refreshed.jwt).not.toBe(ds);
    const rotated = cookieValue(refreshed.cookies, 'DSR');
    expect(rotated).not.toBe(dsr);
    expect(refreshed.cookies?.join('; ')).toContain('HttpOnly; Secure; SameSite=Strict');
    await expect(sdk.refreshSession(dsr)).rejects.toThrow(/refresh token validation failed/);
    await expect(sdk.validateAndRefreshSession(undefined, rotated)).resolves.toHaveProperty('token.sub', data.user?.userId);
  });

  it('logout through node-sdk revokes the refresh JWT: it no longer refreshes', async () => {
    const { server, sdk } = await start();
    const data = await signIn(server, sdk);
    const out = await sdk.logout(data.refreshJwt);
    expect(out.ok, JSON.stringify(out.error)).toBe(true);
    const again = await sdk.refresh(data.refreshJwt);
    expect(again.error?.errorCode).toBe('E064001');
  });
});
