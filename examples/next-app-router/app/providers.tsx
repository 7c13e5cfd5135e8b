'use client';
/**
 * The app's provider file. It is a Client Component of the app's own because the session's
 * persistence is made of functions, which a Server Component cannot pass as a prop.
 *
 * `withSessionCookie` (what Descope's react-sdk calls `sessionTokenViaCookie`) also writes the
 * session JWT (never the refresh JWT) to a first-party `DS` cookie on sign-in and every refresh,
 * and removes it on sign-out, so that proxy.ts, Server Components and route handlers see who is
 * signed in (passlink/server `getSession` reads it). The session itself stays in localStorage.
 */
import type { ReactNode } from 'react';
import { PasslinkProvider, storagePersistence, withSessionCookie } from 'passlink';
import { baseUrl, projectId } from '../lib/passlink.ts';

export function Providers({ children }: { children: ReactNode }) {
  return (
    <PasslinkProvider
      projectId={projectId}
      baseUrl={baseUrl}
      session={{ persistence: withSessionCookie(storagePersistence(() => localStorage, 'passlink.example')) }}
    >
      {children}
    </PasslinkProvider>
  );
}
