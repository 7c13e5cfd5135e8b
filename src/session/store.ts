import { ApiError, InputError, PasslinkError, sessionRefresh, type JwtResponse, type Transport, type User } from '../client';
import { memoryPersistence, toStoredSession, type SessionPersistence, type StoredSession } from './persistence';

/** Where a session stands. `loading` until the store has started and read its persistence. */
export type SessionStatus = 'loading' | 'authenticated' | 'unauthenticated';

/** An immutable view of the session; a new object only when something in it changed. */
export interface SessionSnapshot {
  readonly status: SessionStatus;
  /** True when signed in; separate from the token, which is empty in cookie mode. */
  readonly isAuthenticated: boolean;
  /** The session JWT, or undefined (signed out, or cookie mode). */
  readonly sessionToken?: string | undefined;
  /** Unix seconds when the session JWT expires. */
  readonly sessionExpiration?: number | undefined;
  /** The signed-in user, as the last verify or refresh returned it. */
  readonly user?: User | undefined;
  /** The session JWT's claims (from the answer, or decoded from the token). */
  readonly claims?: Record<string, unknown> | undefined;
}

/** Thrown by calls that need a signed-in user when there is none. */
export class NotSignedInError extends PasslinkError {
  override name = 'NotSignedInError';
  /** Catalog id of the explanation. */
  readonly messageId = 'session.signedOut';
  constructor() {
    super('This needs a signed-in user');
  }
}

/** Options of {@link createSessionStore}. */
export interface SessionStoreOptions {
  /** How to reach the API (from `createTransport`, or `client.transport`). */
  transport: Transport;
  /** Where the session lives. Default: {@link memoryPersistence}. */
  persistence?: SessionPersistence;
  /**
   * Refresh this many seconds before `sessionExpiration` (when the server sent no
   * `nextRefreshSeconds`). Default: 30.
   */
  refreshLeewaySeconds?: number;
  /** After a refresh failed for a network reason, try again after this many seconds. Default: 30. */
  retrySeconds?: number;
  /** The clock, milliseconds. Default: `Date.now`. */
  now?: () => number;
}

/** A framework-free session store: subscribe to it from any UI layer. */
export interface SessionStore {
  getSnapshot(): SessionSnapshot;
  /** The snapshot for server rendering: always `loading`. */
  getServerSnapshot(): SessionSnapshot;
  subscribe(listener: () => void): () => void;
  /** Stores a verify or refresh answer and schedules the next refresh. */
  setSession(response: JwtResponse): void;
  /** Forgets the session here and in shared storage (other tabs follow). */
  clear(): void;
  /** Refreshes now (once, however many callers ask at the same time). */
  refresh(): Promise<void>;
  /** The refresh JWT for a call that needs one: `''` in cookie mode, undefined when signed out. */
  getRefreshJwt(): string | undefined;
  /**
   * Reads persistence, watches other tabs and the page's visibility, schedules refreshes.
   * Browser only; call it from an effect. Returns the function that stops it.
   */
  start(): () => void;
}

const LOADING: SessionSnapshot = { status: 'loading', isAuthenticated: false };
const SIGNED_OUT: SessionSnapshot = { ...LOADING, status: 'unauthenticated' };
const MAX_TIMER = 2_147_483_647;

/** The payload of a JWT, undecoded when it is not one (no verification: for display only). */
const decodeClaims = (jwt: string): Record<string, unknown> | undefined => {
  try {
    const binary = atob((jwt.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'));
    // atob gives bytes as characters: decode them as UTF-8 so "Zoë" stays "Zoë".
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
  } catch {
    return undefined;
  }
};

const hidden = () => globalThis.document?.visibilityState === 'hidden';

/**
 * Creates a session store: it holds the JWT response of a verify or refresh, persists it where
 * told, refreshes it before it expires (not while the page is hidden; once on return if due),
 * and keeps tabs that share storage in step. It touches no `window`, `document` or storage
 * until `start()`.
 */
export function createSessionStore(options: SessionStoreOptions): SessionStore {
  const { transport } = options;
  const persistence = options.persistence ?? memoryPersistence();
  const cookies = persistence.mode === 'cookies';
  const now = options.now ?? Date.now;
  const leewayMs = (options.refreshLeewaySeconds ?? 30) * 1000;
  const retryMs = (options.retrySeconds ?? 30) * 1000;
  const listeners = new Set<() => void>();
  let snapshot = LOADING;
  let session: StoredSession | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | undefined;
  let due = false;
  let starts = 0;
  /** Counts setSession / clear / adoptions: a refresh answer from an older one is dropped. */
  let generation = 0;
  let stopWatching: (() => void) | undefined;

  const emit = (next: SessionSnapshot) => {
    if (next === snapshot) return;
    snapshot = next;
    for (const listener of listeners) listener();
  };

  // Never sooner than 10 s after issue: a session shorter than the leeway, or a clock running
  // ahead of the server's, would otherwise be due again at once, refreshing in a loop.
  const refreshAt = (s: StoredSession) =>
    Math.max(s.nextRefreshSeconds ? s.issuedAt + s.nextRefreshSeconds * 1000 : s.sessionExpiration * 1000 - leewayMs, s.issuedAt + 1e4);

  const schedule = (delay?: number) => {
    clearTimeout(timer);
    due = false;
    if (!session || !starts) return;
    // A negative delay (already due) fires at once.
    timer = setTimeout(
      () => {
        if (hidden()) due = true;
        else void refresh();
      },
      Math.min(delay ?? refreshAt(session) - now(), MAX_TIMER),
    );
  };

  /** Makes `next` the current session; `save` false when it came from storage already. */
  const adopt = (next: StoredSession | undefined, save: boolean) => {
    generation++;
    session = next;
    if (save) persistence.save(next);
    emit(
      next
        ? {
            status: 'authenticated',
            isAuthenticated: true,
            sessionToken: next.sessionJwt || undefined,
            sessionExpiration: next.sessionExpiration,
            user: next.user,
            claims: next.claims ?? (next.sessionJwt ? decodeClaims(next.sessionJwt) : undefined),
          }
        : SIGNED_OUT,
    );
    schedule();
  };

  const refresh = (): Promise<void> => {
    const before = session;
    const used = before?.refreshJwt;
    if (!inFlight && (used || (cookies && starts))) {
      // Every setSession / clear counts: an answer for a session that is gone is dropped.
      const started = generation;
      inFlight = sessionRefresh(transport, { refreshJwt: used ?? '' })
        .then(
          // An answer without a refresh JWT (rotation off) or a user keeps the ones it had.
          (response) => {
            if (started === generation) {
              adopt({ ...toStoredSession(response, now()), refreshJwt: response.refreshJwt || used, user: response.user ?? before?.user }, true);
            }
          },
          (error: unknown) => {
            if (started !== generation) return;
            // Another tab may have rotated the token first: take its session rather than sign out.
            const stored = persistence.load();
            if (stored?.refreshJwt && stored.refreshJwt !== used) adopt(stored, false);
            else if (error instanceof ApiError ? error.status < 500 && error.status !== 429 : error instanceof InputError) adopt(undefined, true);
            else if (session) {
              // Offline or a server hiccup: keep the session, try again soon.
              schedule(retryMs);
            } else emit(SIGNED_OUT);
          },
        )
        .finally(() => {
          inFlight = undefined;
        });
    }
    return inFlight ?? Promise.resolve();
  };

  const onVisible = () => {
    if (!hidden() && session && (due || refreshAt(session) <= now())) void refresh();
  };

  /** Another tab or store changed the stored session. */
  const onStorageChange = () => {
    const stored = persistence.load();
    // A rotation and a logout both change the session JWT (storage mode always has one).
    if (stored?.sessionJwt !== session?.sessionJwt) adopt(stored, false);
  };

  return {
    getSnapshot: () => snapshot,
    getServerSnapshot: () => LOADING,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setSession: (response) => adopt(toStoredSession(response, now()), true),
    clear: () => adopt(undefined, true),
    refresh,
    getRefreshJwt: () => session?.refreshJwt ?? (session && cookies ? '' : undefined),
    start: () => {
      if (!starts++) {
        stopWatching = persistence.watch?.(onStorageChange);
        globalThis.document?.addEventListener('visibilitychange', onVisible);
        if (!session) {
          const stored = persistence.load();
          if (stored) adopt(stored, false);
          else if (cookies) void refresh();
          else emit(SIGNED_OUT);
        } else {
          // A session due already is refreshed at once by its timer (or on return, if hidden).
          schedule();
        }
      }
      let stopped = false;
      return () => {
        if (stopped) return;
        stopped = true;
        if (--starts) return;
        stopWatching?.();
        globalThis.document?.removeEventListener('visibilitychange', onVisible);
        clearTimeout(timer);
      };
    },
  };
}
