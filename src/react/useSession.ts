import { useSyncExternalStore } from 'react';
import type { SessionSnapshot } from '../session';
import { usePasslinkContext } from './context';

/**
 * The session: `{ status: 'loading' | 'authenticated' | 'unauthenticated', isAuthenticated,
 * sessionToken, claims, user, sessionExpiration }`. `loading` on the server and until the store
 * has read its persistence. Re-renders only when the session changes.
 */
export function useSession(): SessionSnapshot {
  const { store } = usePasslinkContext('useSession');
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getServerSnapshot);
}
