import { afterEach, expect, it, vi } from 'vitest';
import { createSessionStore } from '../../src/session';
import { fakeServer } from './helpers';

/*
 * On an https page the first-party session cookie is `Secure`. jsdom's page is http and its
 * `location` cannot be replaced, so this file runs without a DOM and gives the store the two
 * globals it touches: `document.cookie` (recorded) and `location`.
 */

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

it('sessionTokenViaCookie on https: DS is Secure, SameSite=Lax, path=/, expiring with the session; removed on sign-out', () => {
  vi.useFakeTimers({ now: Date.UTC(2030, 0, 1) });
  const writes: string[] = [];
  vi.stubGlobal('location', { protocol: 'https:' });
  vi.stubGlobal('document', {
    set cookie(value: string) {
      writes.push(value);
    },
    addEventListener: () => {},
    removeEventListener: () => {},
  });
  const server = fakeServer({ ttlSeconds: 300 });
  const store = createSessionStore({ transport: server.transport, sessionTokenViaCookie: true });
  const stop = store.start();
  const session = server.session();
  store.setSession(session);
  expect(writes.at(-1)).toBe(`DS=${session.sessionJwt}; path=/; max-age=300; samesite=lax; secure`);
  store.clear();
  expect(writes.at(-1)).toBe('DS=; path=/; max-age=0; samesite=lax; secure');
  expect(writes.join('\n')).not.toContain('R0');
  stop();
});
