import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, otpSignIn, otpVerify, sessionLogout, sessionRefresh, type JwtResponse } from '../../src/client';
import { createEmulator, type Emulator } from '../../src/emulator';
import { cookiePersistence, createSessionStore, storagePersistence, type SessionPersistence, type SessionStore } from '../../src/session';
import { emulatorLink, settle, until, type EmulatorLink } from './helpers';

/*
 * Every way a Descope project can deliver the two tokens (each in the body or as an HttpOnly
 * cookie: the emulator's `delivery` option), through passlink's client and session store, as an
 * app would: sign in, reload (a new store), refresh, log out, reload again. The "browser" is the
 * emulator link's cookie jar (it sends the cookies with `credentials: 'include'`, as fetch does),
 * and its localStorage. Nothing may answer an error status except where a test asks for one.
 */

type Where = 'body' | 'cookie';
const combinations: { session: Where; refresh: Where }[] = [
  { session: 'body', refresh: 'body' },
  { session: 'cookie', refresh: 'body' },
  { session: 'body', refresh: 'cookie' },
  { session: 'cookie', refresh: 'cookie' },
];

const ADA = 'ada@example.com';
const KEY = 'passlink.delivery-test';
const stops: (() => void)[] = [];

beforeEach(() => localStorage.clear());
afterEach(() => {
  while (stops.length) stops.pop()?.();
  localStorage.clear();
});

/**
 * What the app configures: a refresh token in the body must be stored to survive a reload
 * (localStorage here); a refresh cookie needs nothing stored (cookie persistence), and the
 * client is told (`sessionCookies`) so that calls needing the refresh JWT may leave it out.
 */
const persistenceFor = (refresh: Where): SessionPersistence =>
  refresh === 'cookie' ? cookiePersistence() : storagePersistence(() => localStorage, KEY);

const started = (link: EmulatorLink, refresh: Where): SessionStore => {
  const store = createSessionStore({ transport: link.transport, persistence: persistenceFor(refresh) });
  stops.push(store.start());
  return store;
};

const signIn = async (emulator: Emulator, link: EmulatorLink): Promise<JwtResponse> => {
  await otpSignIn(link.transport, { method: 'email', loginId: ADA });
  return otpVerify(link.transport, { method: 'email', loginId: ADA, code: emulator.outbox.latest({ to: ADA })?.code ?? '' });
};

/** Paths of the calls since `from`, each with its status. */
const since = (link: EmulatorLink, from: number) => link.calls.slice(from).map((call) => `${call.url.replace('http://emulator.test', '')} ${call.status}`);

describe.each(combinations)('session in the $session, refresh token in the $refresh', ({ session, refresh }) => {
  const setup = () => {
    const emulator = createEmulator({ users: [{ loginId: ADA, email: ADA }], delivery: { session, refresh } });
    const link = emulatorLink(emulator, { sessionCookies: refresh === 'cookie' });
    return { emulator, link };
  };

  it('sign in, reload, refresh, log out, reload: signed in throughout with the user and expiry, then signed out quietly', async () => {
    const { emulator, link } = setup();
    // The app starts signed out: a first visit (nothing stored, no cookie) reads signed out, without an error.
    const first = started(link, refresh);
    await until(() => first.getSnapshot().status === 'unauthenticated', 'the first visit read signed out');
    expect(since(link, 0)).toEqual(refresh === 'cookie' ? ['/v1/auth/try-refresh 200'] : []);

    // Sign in: the answer carries what the project puts in the body; the rest are cookies.
    const answer = await signIn(emulator, link);
    expect(Boolean(answer.sessionJwt)).toBe(session === 'body');
    expect(Boolean(answer.refreshJwt)).toBe(refresh === 'body');
    expect(link.jar.has('DS')).toBe(session === 'cookie');
    expect(link.jar.has('DSR')).toBe(refresh === 'cookie');
    const userId = answer.user?.userId;
    expect(userId).toMatch(/\S/);

    first.setSession(answer);
    expect(first.getSnapshot()).toMatchObject({
      status: 'authenticated',
      isAuthenticated: true,
      sessionToken: session === 'body' ? answer.sessionJwt : undefined,
      sessionExpiration: answer.sessionExpiration,
      user: { userId, loginIds: [ADA] },
      claims: { sub: userId },
    });
    expect(first.getRefreshJwt()).toBe(refresh === 'body' ? answer.refreshJwt : '');
    // The refresh token is never written anywhere by passlink when it is a cookie.
    if (refresh === 'cookie') expect(localStorage.length).toBe(0);

    // Reload: a new store on the same browser (cookie jar and localStorage).
    stops.pop()?.();
    const before = link.calls.length;
    const reloaded = started(link, refresh);
    await until(() => reloaded.getSnapshot().status === "authenticated", "the reloaded store signed in");
    expect(reloaded.getSnapshot()).toMatchObject({ sessionExpiration: expect.any(Number), user: { userId, loginIds: [ADA] }, claims: { sub: userId } });
    expect(reloaded.getSnapshot().sessionToken === undefined).toBe(session === 'cookie');
    // A stored session is taken as it is; a refresh cookie is asked about with try-refresh (then who it is), no error.
    expect(since(link, before)).toEqual(refresh === 'cookie' ? ['/v1/auth/try-refresh 200', '/v1/auth/me 200'] : []);
    if (refresh === 'cookie') expect(link.calls[before]?.authorization).toBe(`Bearer ${emulator.projectId}`);

    // Refresh: a new session (rotated), the same user; the spent refresh token is refused.
    const spent = refresh === 'body' ? reloaded.getRefreshJwt() : link.jar.get('DSR');
    const expiring = reloaded.getSnapshot().claims?.jti;
    const beforeRefresh = link.calls.length;
    await reloaded.refresh();
    expect(since(link, beforeRefresh)).toEqual(['/v1/auth/try-refresh 200']);
    expect(reloaded.getSnapshot()).toMatchObject({ status: 'authenticated', user: { userId, loginIds: [ADA] } });
    expect(reloaded.getSnapshot().claims?.jti).not.toBe(expiring);
    const current = refresh === 'body' ? reloaded.getRefreshJwt() : link.jar.get('DSR');
    expect(current).toMatch(/^eyJ/);
    expect(current).not.toBe(spent);
    await expect(sessionRefresh(link.transport, { refreshJwt: String(spent) })).rejects.toBeInstanceOf(ApiError);
    if (refresh === 'body') expect(JSON.parse(localStorage.getItem(KEY) ?? '{}')).toMatchObject({ refreshJwt: current });

    // Log out: the server revokes the refresh token and clears its cookies; the store signs out.
    const beforeLogout = link.calls.length;
    await sessionLogout(link.transport, { refreshJwt: reloaded.getRefreshJwt() ?? '' });
    reloaded.clear();
    expect(since(link, beforeLogout)).toEqual(['/v1/auth/logout 200']);
    expect(reloaded.getSnapshot()).toEqual({ status: 'unauthenticated', isAuthenticated: false });
    expect(link.jar.size).toBe(0);
    expect(localStorage.length).toBe(0);

    // Reload after the logout: signed out, quietly (try-refresh answers {} without a cookie).
    stops.pop()?.();
    const beforeLast = link.calls.length;
    const signedOut = started(link, refresh);
    await until(() => signedOut.getSnapshot().status === 'unauthenticated', 'the last store read signed out');
    await settle();
    expect(since(link, beforeLast)).toEqual(refresh === 'cookie' ? ['/v1/auth/try-refresh 200'] : []);
    expect(signedOut.getSnapshot()).toEqual({ status: 'unauthenticated', isAuthenticated: false });
  });

  it('a reload with a refresh cookie and a session kept in storage, or a stored refresh token past its refresh time, refreshes through try-refresh', async () => {
    const { emulator, link } = setup();
    // What the body carries kept in localStorage, as an app that wants the session back at once after a reload.
    const persistence = storagePersistence(() => localStorage, KEY);
    const first = createSessionStore({ transport: link.transport, persistence });
    stops.push(first.start());
    await until(() => first.getSnapshot().status === 'unauthenticated', 'the first visit read signed out');
    const answer = await signIn(emulator, link);
    first.setSession(answer);
    stops.pop()?.();

    // The page comes back after the session expired.
    const stored = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Record<string, number>;
    localStorage.setItem(KEY, JSON.stringify({ ...stored, issuedAt: Number(stored.issuedAt) - 3_600_000 }));
    const before = link.calls.length;
    const reloaded = createSessionStore({ transport: link.transport, persistence: storagePersistence(() => localStorage, KEY) });
    stops.push(reloaded.start());
    await until(() => since(link, before).length === 1 && reloaded.getSnapshot().status === 'authenticated', 'refreshed after the reload');
    expect(since(link, before)).toEqual(['/v1/auth/try-refresh 200']);
    // Bearer <ProjectId>:<RefreshJwt> with a stored refresh token; Bearer <ProjectId> and the cookie otherwise.
    expect(link.calls[before]?.authorization).toBe(`Bearer ${emulator.projectId}${refresh === 'body' ? `:${answer.refreshJwt}` : ''}`);
    expect(reloaded.getSnapshot()).toMatchObject({ user: { loginIds: [ADA] }, claims: { sub: answer.user?.userId } });
  });
});
