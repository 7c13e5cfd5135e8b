'use client';
/**
 * The app's only provider file: a session store that survives reloads (localStorage), whose
 * session JWT is also written to a first-party `DS` cookie, so that proxy.ts, Server Components
 * and route handlers see who is signed in (passlink/server `getSession` reads that cookie).
 * The refresh JWT never goes into the cookie.
 */
import { useState, type ReactNode } from 'react';
import { PasslinkProvider, createSessionStore, createTransport, storagePersistence, type SessionStore } from 'passlink';
import { baseUrl, projectId } from '../lib/passlink.ts';

/** Writes the session JWT to the `DS` cookie while signed in; removes it on sign-out. */
const writeSessionCookie = (store: SessionStore) => {
  const { status, sessionToken, sessionExpiration } = store.getSnapshot();
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  if (status === 'authenticated' && sessionToken && sessionExpiration) {
    document.cookie = `DS=${sessionToken}; Path=/; SameSite=Lax; Expires=${new Date(sessionExpiration * 1000).toUTCString()}${secure}`;
  } else if (status === 'unauthenticated') {
    document.cookie = `DS=; Path=/; SameSite=Lax; Max-Age=0${secure}`;
  }
  // 'loading' and 'refreshing' leave the cookie as it is.
};

export function Providers({ children }: { children: ReactNode }) {
  const [store] = useState(() => {
    const created = createSessionStore({
      transport: createTransport({ projectId, baseUrl }),
      persistence: storagePersistence(() => localStorage, 'passlink.example'),
    });
    // Subscribed before the provider starts the store: the cookie is written as soon as a
    // session is stored (before any redirect a component makes on sign-in), and on every refresh.
    if (typeof document !== 'undefined') created.subscribe(() => writeSessionCookie(created));
    return created;
  });
  return (
    <PasslinkProvider projectId={projectId} {...(baseUrl ? { baseUrl } : {})} session={store}>
      {children}
    </PasslinkProvider>
  );
}
