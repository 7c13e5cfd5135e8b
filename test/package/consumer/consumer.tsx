/**
 * A small app written against the packed package, as a user writes it: test/package/tarball.test.ts
 * compiles it with `strict` and `exactOptionalPropertyTypes`, under `moduleResolution` `nodenext`
 * and `bundler`, from a directory outside the repository where `passlink` is the extracted tarball.
 * (The repository's own typecheck reads it too, through tsconfig's paths.)
 */
import { useState, type ReactNode } from 'react';
import {
  PasslinkProvider,
  PasswordlessLogin,
  UpdatePhone,
  VerifyMagicLink,
  createClient,
  describeError,
  en,
  useMagicLinkSignIn,
  useSession,
  type PasslinkProviderProps,
  type SessionStatus,
} from 'passlink';
import { ApiError, createTransport, magicLinkSignIn, type Client } from 'passlink/client';
import { createSessionStore, memoryPersistence, type SessionSnapshot } from 'passlink/session';
import * as server from 'passlink/server';
import { createEmulator, startEmulatorServer, type Emulator } from 'passlink/emulator';
import { createEmulatorHandlers } from 'passlink/msw';

/** Settings as apps read them from their environment: optional values. */
export interface Settings {
  projectId: string;
  baseUrl?: string | undefined;
  redirectUrl?: string | undefined;
  verifiedPage?: string | undefined;
}

/** Optional settings pass straight through (exactOptionalPropertyTypes: no TS2375). */
export function App({ settings, children }: { settings: Settings; children?: ReactNode }) {
  return (
    <PasslinkProvider projectId={settings.projectId} baseUrl={settings.baseUrl}>
      <PasswordlessLogin redirectUrl={settings.redirectUrl} />
      <UpdatePhone redirectUrl={settings.redirectUrl} />
      <VerifyMagicLink redirectTo={settings.verifiedPage} />
      {children}
    </PasslinkProvider>
  );
}

/** A client of the app's own: no projectId on the provider (no TS2741). */
export function WithClient({ baseUrl }: { baseUrl?: string | undefined }) {
  const [client] = useState<Client>(() => createClient({ projectId: 'P2abcdefghijklmnopqrstuvwxyz', baseUrl }));
  return (
    <PasslinkProvider client={client}>
      <VerifyMagicLink />
    </PasslinkProvider>
  );
}

/** Props built elsewhere, in either form. */
export const byProject: PasslinkProviderProps = { projectId: 'P2abcdefghijklmnopqrstuvwxyz', baseUrl: undefined };
export const byClient = (client: Client): PasslinkProviderProps => ({ client, queryClient: undefined });

// @ts-expect-error: a provider needs a projectId or a client.
export const neither: PasslinkProviderProps = { baseUrl: 'https://auth.example.com' };

export function SignInButton({ redirectUrl }: { redirectUrl?: string | undefined }) {
  const signIn = useMagicLinkSignIn({ method: 'email', redirectUrl });
  const { status }: { status: SessionStatus } = useSession();
  return (
    <button type="button" disabled={status === 'loading'} onClick={() => signIn.mutate({ loginId: 'ada@example.com' })}>
      {en['login.submit.link']}
    </button>
  );
}

/** The framework-free entries, typed. */
export async function framework(redirectUrl?: string) {
  const transport = createTransport({ projectId: 'P2abcdefghijklmnopqrstuvwxyz', baseUrl: undefined });
  const store = createSessionStore({ transport, persistence: memoryPersistence() });
  const snapshot: SessionSnapshot = store.getSnapshot();
  try {
    await magicLinkSignIn(transport, { method: 'email', loginId: 'ada@example.com', redirectUrl });
  } catch (error) {
    if (error instanceof ApiError) return describeError(error);
  }
  const emulator: Emulator = createEmulator({ projectId: 'P2abcdefghijklmnopqrstuvwxyz' });
  const handlers = createEmulatorHandlers({ emulator });
  const running = await startEmulatorServer({ emulator, port: 0 });
  return { snapshot, handlers, running, server: Object.keys(server) };
}

/** True only for `any`: a declaration that did not resolve types as `any`, silently. */
type IsAny<T> = 0 extends 1 & T ? true : false;
/** Compiles only when every entry's types resolved (a value of `never` cannot be made). */
type Resolved<T> = IsAny<T> extends true ? never : true;
export const resolved: Resolved<typeof PasslinkProvider | typeof useSession | typeof PasswordlessLogin>[] = [true];
export const resolvedClient: Resolved<typeof createTransport | typeof ApiError | Client>[] = [true];
export const resolvedSession: Resolved<typeof createSessionStore | SessionSnapshot>[] = [true];
export const resolvedEmulator: Resolved<typeof createEmulator | typeof startEmulatorServer | typeof createEmulatorHandlers | Emulator>[] = [true];
export const resolvedInternals: Resolved<ReturnType<typeof createEmulatorHandlers>['emulator'] | ReturnType<typeof createTransport>>[] = [true];
