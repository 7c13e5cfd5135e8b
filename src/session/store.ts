import { ApiError, InputError, PasslinkError, sessionTryRefresh, type JwtResponse, type Transport, type User } from '../client';
import { expiresAt, memoryPersistence, toStoredSession, type SessionPersistence, type StoredSession } from './persistence';

/**
 * Where a session stands:
 * - `loading`: on the server, and until the store has started and read its persistence.
 * - `authenticated`: a session is held and has not expired.
 * - `refreshing`: a session is held but has expired (or its refresh was refused and another tab
 *   may still save a newer one), and a refresh is under way or will be retried (on a timer, when
 *   the page is back online or visible). Not signed in: treat it like `loading`, not as signed
 *   out; it ends `authenticated` (the refresh worked) or `unauthenticated` (it was refused).
 * - `unauthenticated`: no session.
 */
export type SessionStatus = 'loading' | 'authenticated' | 'refreshing' | 'unauthenticated';

/**
 * An immutable view of the session; a new object only when something in it changed. Only an
 * `authenticated` snapshot carries the token, expiration, user and claims.
 *
 * The user and claims are display data, never authorisation: they come from the browser's
 * storage or an answer nothing here verifies, and anyone can edit them in their own browser.
 * Decide what a user may do on your server: verify the session JWT against the project's keys.
 */
export interface SessionSnapshot {
  readonly status: SessionStatus;
  /** True when `authenticated`: a session is held and has not expired. */
  readonly isAuthenticated: boolean;
  /** The session JWT, or undefined (not signed in, or the project delivers it as an HttpOnly cookie). */
  readonly sessionToken?: string | undefined;
  /** Unix seconds when the session JWT expires. */
  readonly sessionExpiration?: number | undefined;
  /**
   * The signed-in user, as the last verify or refresh returned it. Unverified display data (for a
   * greeting, an avatar), never authorisation: on your server, verify the session JWT against the
   * project's keys.
   */
  readonly user?: User | undefined;
  /**
   * The session JWT's claims, as the verify or refresh answer gave them (`claims`, which Descope
   * sends with every session; passlink never decodes a JWT itself). Unverified display data: never
   * grant anything on `roles` or `permissions` read here; on your server, verify the session JWT
   * against the project's keys.
   */
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
  /**
   * After a refresh failed for a network reason (offline, 5xx, 429), try again after this many
   * seconds, or as soon as the page is back online. Default: 30.
   */
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
  /** Refreshes now through try-refresh (once, however many callers ask at the same time). */
  refresh(): Promise<void>;
  /** The refresh JWT for a call that needs one: `''` when it is a cookie, undefined when signed out. */
  getRefreshJwt(): string | undefined;
  /**
   * Reads persistence, watches other tabs and the page's visibility, schedules refreshes.
   * Browser only; call it from an effect. Returns the function that stops it.
   */
  start(): () => void;
}

const LOADING: SessionSnapshot = { status: 'loading', isAuthenticated: false };
const SIGNED_OUT: SessionSnapshot = { ...LOADING, status: 'unauthenticated' };
const REFRESHING: SessionSnapshot = { ...LOADING, status: 'refreshing' };
const MAX_TIMER = 2_147_483_647;

const hidden = () => globalThis.document?.visibilityState == 'hidden';

/**
 * Creates a session store: it holds the JWT response of a verify or refresh, persists it where
 * told, refreshes it before it expires (not while the page is hidden; once on return if due),
 * and keeps tabs that share storage in step. It touches no `window`, `document` or storage
 * until `start()`.
 *
 * Every refresh is a try-refresh (`/v1/auth/try-refresh`): with the refresh JWT the store holds,
 * else the refresh cookie the browser sends. On start with nothing stored and the refresh token
 * possibly a cookie (cookie persistence, or a transport with `sessionCookies`), the store asks
 * it, so a reload restores the session; its `{}` answer (no session) reads signed out, no error.
 * Either token may be missing from the answers (a cookie): without the session JWT the store is
 * signed in with the answer's user, claims and expiry, and `sessionToken` is undefined.
 *
 * Tabs sharing a storage (`storagePersistence`, through its `share`) never refresh the same
 * refresh JWT twice where the browser has Web Locks (`navigator.locks`): a refresh holds a lock
 * named after the storage key, and a tab that gets the lock after another re-reads storage and
 * adopts the session the other saved. Without Web Locks, a tab whose refresh the server refuses
 * does not clear the shared storage at once: for `transport.timeoutMs` (the longest the winner of
 * a race can still be waiting for its answer) it reads `refreshing` and adopts a newer session
 * another tab saves; then it clears the storage only if it still holds the refused refresh JWT.
 * With memory or cookie persistence (no other tab shares the session) none of this ships.
 */
export function createSessionStore(options: SessionStoreOptions): SessionStore {
  const { transport, persistence = memoryPersistence(), now = Date.now, refreshLeewaySeconds = 30, retrySeconds = 30 } = options;
  // The refresh token may be a cookie: on start with nothing stored, ask try-refresh.
  const cookies = persistence.mode == 'cookies' || transport.sessionCookies;
  const leewayMs = refreshLeewaySeconds * 1000;
  const retryMs = retrySeconds * 1000;
  const listeners = new Set<() => void>();
  let snapshot = LOADING;
  let session: StoredSession | undefined;
  /** The authenticated view of `session`, built once per session so that its identity holds. */
  let signedIn = SIGNED_OUT;
  /** When `session` expires on this page's clock (ms). */
  let expiry = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let expiryTimer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | undefined;
  let due = false;
  let starts = 0;
  /** Counts setSession / clear / adoptions: a refresh answer from an older one is dropped. */
  let generation = 0;
  let stopWatching: (() => void) | undefined;

  const emit = (next: SessionSnapshot) => {
    if (next == snapshot) return;
    snapshot = next;
    for (const listener of listeners) listener();
  };

  /** Past its expiry a session is not signed in. */
  const view = () => (!session ? SIGNED_OUT : now() >= expiry ? REFRESHING : signedIn);

  // Never sooner than 10 s after issue: a session shorter than the leeway would otherwise be due
  // again at once, refreshing in a loop.
  const refreshAt = (s: StoredSession) =>
    Math.max(s.nextRefreshSeconds ? s.issuedAt + s.nextRefreshSeconds * 1000 : expiry - leewayMs, s.issuedAt + 1e4);


  const schedule = (delay?: number) => {
    clearTimeout(timer);
    clearTimeout(expiryTimer);
    due = false;
    emit(view());
    if (!starts || !session) return;
    // At the moment it expires, a session no refresh replaced stops reading as signed in. (A
    // negative delay, already due or expired, fires at once.)
    expiryTimer = setTimeout(() => emit(view()), Math.min(expiry - now(), MAX_TIMER));
    timer = setTimeout(
      () => {
        if (hidden()) due = true;
        else void refresh();
      },
      Math.min(delay ?? refreshAt(session) - now(), MAX_TIMER),
    );
  };

  /** Makes `next` the current session; `save` false when it came from storage already. */
  const adopt = (next: StoredSession | undefined, save?: boolean) => {
    generation++;
    session = next;
    if (save) persistence.save(next);
    if (next) {
      expiry = expiresAt(next);
      signedIn = {
        status: 'authenticated',
        isAuthenticated: true,
        sessionToken: next.sessionJwt || undefined,
        sessionExpiration: next.sessionExpiration,
        user: next.user,
        // The answer's: Descope and the emulator send them with every session (passlink never
        // parses a JWT itself).
        claims: next.claims,
      };
    }
    schedule();
  };

  const refresh = (): Promise<void> => {
    if (!inFlight && (session || (cookies && starts))) {
      // Every setSession / clear counts: an answer for a session that is gone is dropped.
      const started = generation;
      const before = session;
      const used = session?.refreshJwt;
      /**
       * A refusal signs out; offline or a server hiccup keeps the refresh JWT and tries again soon
       * (or when online). Without a session (a refresh cookie on start) that reads signed out.
       */
      const fail = (refusal: boolean) => (refusal ? adopt(undefined, true) : schedule(retryMs));
      /** Asks try-refresh and adopts its answer; a failure (for the session still held) goes to `failed`. */
      const request = async (failed = fail) => {
        // try-refresh: a refusal is `{}` (no cookie, or a spent, expired or logged-out token),
        // never an error; the browser sends the refresh cookie when there is no refresh JWT.
        let refusal = true;
        try {
          const response = await sessionTryRefresh(transport, { refreshJwt: used });
          if (response.sessionExpiration) {
            const refreshJwt = response.refreshJwt || used;
            // Its answer has no user: keep the session's, or ask whose it is (a reload in cookie
            // mode: cookie persistence knows how).
            const user = response.user ?? (before ? before.user : await persistence.me?.(transport, refreshJwt ?? ''));
            // An answer without a refresh JWT (rotation off, or a cookie) keeps the one it had.
            if (started == generation) adopt({ ...toStoredSession(response as JwtResponse, now()), refreshJwt, user }, true);
            return;
          }
        } catch (error) {
          refusal = error instanceof ApiError ? error.status < 500 && error.status != 429 : error instanceof InputError;
        }
        if (started == generation) failed(refusal);
      };
      // A persistence other tabs share (storagePersistence) runs it its way: one tab at a time, a
      // session another tab saved adopted rather than refreshed again (see shareRefresh).
      inFlight = (persistence.share ? persistence.share(request, fail, adopt, () => session, transport.timeoutMs) : request()).finally(() => {
        inFlight = undefined;
      });
    }
    return inFlight ?? Promise.resolve();
  };

  const onVisible = () => {
    if (!hidden() && session && (due || refreshAt(session) <= now())) void refresh();
  };

  /** Another tab or store changed the stored session. */
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
    getRefreshJwt: () => session && (session.refreshJwt || ''),
    start: () => {
      if (!starts++) {
        stopWatching = persistence.watch?.(adopt, () => session);
        globalThis.document?.addEventListener('visibilitychange', onVisible);
        globalThis.addEventListener?.('online', onVisible);
        if (!session) {
          const stored = persistence.load();
          // Nothing stored and a refresh cookie: ask try-refresh (loading until it answers).
          if (stored || !cookies) adopt(stored);
          else void refresh();
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
        globalThis.removeEventListener?.('online', onVisible);
        clearTimeout(timer);
        clearTimeout(expiryTimer);
      };
    },
  };
}
