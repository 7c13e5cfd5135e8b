'use client';
/**
 * The app's provider file. It is a Client Component of the app's own only because the session
 * lives in localStorage (a function, which a Server Component cannot pass as a prop); with
 * serializable props alone (`projectId`, `baseUrl`, `sessionTokenViaCookie`) the layout could
 * render `PasslinkProvider` itself.
 *
 * `sessionTokenViaCookie` also writes the session JWT (never the refresh JWT) to a first-party
 * `DS` cookie on sign-in and every refresh, and removes it on sign-out, so that proxy.ts, Server
 * Components and route handlers see who is signed in (passlink/server `getSession` reads it).
 */
import type { ReactNode } from 'react';
import { PasslinkProvider, storagePersistence } from 'passlink';
import { baseUrl, projectId } from '../lib/passlink.ts';

export function Providers({ children }: { children: ReactNode }) {
  return (
    <PasslinkProvider
      projectId={projectId}
      baseUrl={baseUrl}
      sessionTokenViaCookie
      session={{ persistence: storagePersistence(() => localStorage, 'passlink.example') }}
    >
      {children}
    </PasslinkProvider>
  );
}
