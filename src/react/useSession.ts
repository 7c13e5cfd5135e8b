import { useSyncExternalStore } from 'react';
import type { SessionSnapshot } from '../session';
import { usePasslinkContext } from './context';

/**
 * The session: `{ status: 'loading' | 'authenticated' | 'refreshing' | 'unauthenticated',
 * isAuthenticated, sessionToken, claims, user, sessionExpiration }`. `loading` on the server and
 * until the store has read its persistence; `refreshing` once a session has expired and no refresh
 * has replaced it yet (offline, or a refresh under way): treat it like `loading`, it is neither
 * signed in nor signed out. Re-renders only when the session changes.
 *
 * `user` and `claims` are unverified display data, never authorisation: on your server, verify the
 * session JWT against the project's keys.
 */
export function useSession(): SessionSnapshot {
  const { store } = usePasslinkContext('useSession');
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getServerSnapshot);
}
