import { sessionMe, type JwtResponse, type Transport, type User } from '../client';

/**
 * What a store keeps of a session. A token the project delivers as an HttpOnly cookie is empty or
 * absent: `sessionJwt` when the session travels as a cookie, `refreshJwt` when the refresh token
 * does (the browser then sends the refresh cookie).
 */
export interface StoredSession {
  sessionJwt?: string | undefined;
  refreshJwt?: string | undefined;
  /** Unix seconds. */
  sessionExpiration: number;
  /** Milliseconds since the epoch when the session was issued or refreshed. */
  issuedAt: number;
  /** The server's hint: refresh this many seconds after `issuedAt`. */
  nextRefreshSeconds?: number | undefined;
  user?: User | undefined;
  claims?: Record<string, unknown> | undefined;
}

/**
 * Where a session store keeps the session. Create one with {@link memoryPersistence} (the
 * default), {@link storagePersistence} or {@link cookiePersistence}, or write your own.
 */
export interface SessionPersistence {
  /**
   * `'cookies'` when the refresh token lives in an HttpOnly cookie (and its body field is empty):
   * on start with nothing stored, the store asks try-refresh whether the cookie holds a session.
   */
  readonly mode: 'tokens' | 'cookies';
  /**
   * Names the session shared by every tab that uses this persistence: their refreshes take turns
   * (a Web Lock of this name) where the browser has `navigator.locks`. Default: none (memory and
   * cookie persistence share nothing between tabs).
   */
  readonly key?: string | undefined;
  /** The stored session, if any. Called only in the browser, after `start()`. */
  load(): StoredSession | undefined;
  /** Stores a session, or removes it when `undefined`. */
  save(session: StoredSession | undefined): void;
  /**
   * Keeps a store in step with other tabs and stores: when one of them changed the stored session
   * (a sign-in, a rotation, a logout: when it was issued, or its session JWT, differs from
   * `current()`), calls `adopt` with what is stored now. Returns the function that stops watching.
   * Optional: memory persistence has nothing to watch.
   */
  watch?(this: SessionPersistence, adopt: (session: StoredSession | undefined) => void, current: () => StoredSession | undefined): () => void;
  /**
   * How a store refreshes a session other tabs share: given by {@link storagePersistence}, which
   * lets one tab refresh at a time (a Web Lock named after `key`, where the browser has
   * `navigator.locks`), adopts a session another tab saved instead of spending a refresh JWT that
   * tab already rotated, and, when the server refuses the refresh JWT without Web Locks, waits
   * `timeoutMs` (reading `refreshing`) for a race's winner to save its session before it clears the
   * storage (only if it still holds the refused token). Optional: without it (memory and cookie
   * persistence, where no other tab shares the session) the store asks try-refresh and a refusal
   * signs out at once, and an app pays for none of this.
   *
   * @param request Asks try-refresh and adopts the answer; a failure (while the store still holds
   *   the session it started with) goes to `failed`: `true` for a refusal, `false` for a network failure.
   * @param fail Ends a failed refresh as a store alone would (a refusal signs out; else retry later).
   * @param adopt Makes a session (or none) the store's; `save` true to store it too.
   * @param current The store's session now (a new object after every change).
   * @param timeoutMs The transport's `timeoutMs`: the longest a race's winner can still be waiting.
   */
  share?(
    this: SessionPersistence,
    request: (failed: (refusal: boolean) => void) => Promise<void>,
    fail: (refusal: boolean) => void,
    adopt: (session: StoredSession | undefined, save?: boolean) => void,
    current: () => StoredSession | undefined,
    timeoutMs: number,
  ): Promise<void>;
  /**
   * Whose session a refresh restored when nothing was known of it (a reload in cookie mode: the
   * try-refresh answer names no user). Optional: {@link cookiePersistence} asks `/v1/auth/me`
   * (the browser sends the refresh cookie); without it such a session has no `user`.
   */
  me?(transport: Transport, refreshJwt: string): Promise<User | undefined>;
}

/** The subset of the Web Storage API passlink uses (localStorage, sessionStorage, or your own). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Keeps the session in this page's memory only: gone on reload, never written anywhere. Default. */
export const memoryPersistence = (): SessionPersistence => {
  let current: StoredSession | undefined;
  return {
    mode: 'tokens',
    load: () => current,
    save: (session) => {
      current = session;
    },
  };
};

/**
 * Keeps the session in a Storage-like object and keeps tabs in step: a logout or a rotated
 * refresh JWT in one tab reaches the others (through `storage` events and a BroadcastChannel).
 *
 * Persisting a refresh JWT in `localStorage` exposes it to any script on the page: prefer memory
 * or cookie mode unless sessions must survive a reload.
 *
 * @param storage The storage, or a function returning it (called lazily, never at import time):
 *   `() => localStorage`.
 * @param key The storage key. Default: `'passlink.session'`.
 */
export const storagePersistence = (storage: StorageLike | (() => StorageLike), key = 'passlink.session'): SessionPersistence => {
  const resolve = () => (typeof storage === 'function' ? storage() : storage);
  let channel: BroadcastChannel | undefined;
  /** The stand-in session of a refusal waiting for a race's winner (see `share`), and its timer. */
  let waiting: StoredSession | undefined;
  let settle: ReturnType<typeof setTimeout> | undefined;
  return {
    mode: 'tokens',
    key,
    share(this: SessionPersistence, request, fail, adopt, current, timeoutMs) {
      const before = current();
      const used = before?.refreshJwt;
      /** A session another tab saved since: another refresh JWT, or (a refresh cookie) another issue. */
      const newer = (stored = this.load()) =>
        stored && (stored.refreshJwt ? stored.refreshJwt != used : stored.issuedAt != before?.issuedAt) ? stored : undefined;
      const run = async (locked?: boolean) => {
        // A refused token is never sent twice; waiting for the lock, this store may have heard of
        // another tab's session already.
        if (current() != before || (before && before == waiting)) return;
        // Another tab may have refreshed before this one heard of it: take its session, unasked.
        let stored = newer();
        if (stored) return adopt(stored);
        await request((refusal) => {
          // Another tab may have rotated the token first: take its session rather than sign out.
          stored = newer();
          if (stored) adopt(stored);
          // Holding the lock, or with a cookie every tab shares, a refusal is final (as is a failure).
          else if (locked || !refusal || !used) fail(refusal);
          else {
            // Else wait for a race's winner to save its session: `refreshing` meanwhile (the stand-in
            // has expired), the refused token kept. Then compare-and-clear: storage still holding
            // the refused token is cleared; anything else (the winner's session, or nothing since
            // another tab signed out) is taken as it is. A change heard meanwhile ends the wait.
            const stand = (waiting = { ...before, sessionExpiration: 0, claims: undefined } as StoredSession);
            adopt(stand);
            clearTimeout(settle);
            settle = setTimeout(() => {
              if (current() != stand) return;
              const last = this.load();
              if (last?.refreshJwt == used) adopt(undefined, true);
              else adopt(last);
            }, timeoutMs);
          }
        });
      };
      const locks = globalThis.navigator?.locks;
      // A lock resolves with what its callback's promise resolves with (lib.dom types the promise).
      return locks ? (locks.request(`passlink:${key}`, () => run(true)) as Promise<unknown> as Promise<void>) : run();
    },
    load: () => {
      try {
        const stored = JSON.parse(resolve().getItem(key) ?? 'null') as Partial<StoredSession> | null;
        // Anything that is not a session we wrote (corrupt, or of another shape) is no session.
        return typeof stored?.sessionExpiration == 'number'
          ? (stored as StoredSession)
          : undefined;
      } catch {
        return undefined;
      }
    },
    save: (session) => {
      try {
        if (session) resolve().setItem(key, JSON.stringify(session));
        else resolve().removeItem(key);
      } catch {
        // Blocked or full storage: the session still lives in this page.
      }
      channel?.postMessage('changed');
    },
    watch(adopt, current) {
      const onChange = () => {
        const stored = this.load();
        const held = current();
        if (stored?.issuedAt != held?.issuedAt || stored?.sessionJwt != held?.sessionJwt) adopt(stored);
      };
      const onStorage = (event: StorageEvent) => {
        if (event.key === key || event.key === null) onChange();
      };
      addEventListener('storage', onStorage);
      if (typeof BroadcastChannel === 'function') {
        channel = new BroadcastChannel(`passlink:${key}`);
        channel.onmessage = onChange;
      }
      return () => {
        removeEventListener('storage', onStorage);
        clearTimeout(settle);
        channel?.close();
        channel = undefined;
      };
    },
  };
};

/**
 * Cookie mode: the project returns the refresh token (and the session token, or not) as an
 * HttpOnly cookie and the body leaves it empty, so nothing secret is stored by passlink; the
 * store learns on start whether a session exists by calling try-refresh (the browser sends the
 * refresh cookie; no cookie answers `{}`: signed out, no error), then asks `/v1/auth/me` whose
 * session it is. Use it with a client created with `sessionCookies: true` (`PasslinkProvider` does
 * that for you).
 */
export const cookiePersistence = (): SessionPersistence => ({
  ...memoryPersistence(),
  mode: 'cookies',
  me: (transport, refreshJwt) => sessionMe(transport, { refreshJwt }).catch(() => undefined),
});

/** Turns a verify or refresh answer into what a store keeps. */
export const toStoredSession = (
  { sessionJwt, refreshJwt, sessionExpiration, nextRefreshSeconds, user, claims }: JwtResponse,
  now: number,
): StoredSession => ({ sessionJwt, refreshJwt, sessionExpiration, issuedAt: now, nextRefreshSeconds, user, claims });

/**
 * When `session` expires on this page's clock (ms): its lifetime (`exp - iat` of the answer's
 * claims) counted from its arrival, so a page clock set wrong does not matter; without an `iat`,
 * the answer's `sessionExpiration` as this clock reads it.
 */
export const expiresAt = ({ claims, issuedAt, sessionExpiration }: StoredSession): number =>
  typeof claims?.iat == 'number' ? issuedAt + (sessionExpiration - claims.iat) * 1000 : sessionExpiration * 1000;

/** Options of {@link withSessionCookie}. */
export interface SessionCookieOptions {
  /** The cookie's name. Default: `'DS'` (Descope's session cookie, what `passlink/server`'s `getSession` reads). */
  cookieName?: string | undefined;
}

/**
 * Keeps the session JWT in a first-party cookie too, so that the app's own server sees who is
 * signed in (what Descope's react-sdk calls `sessionTokenViaCookie`; `getSession` of
 * `passlink/server` reads it): it wraps the persistence that keeps the session and writes the
 * session JWT, never the refresh JWT, to a cookie on the page's domain (`path=/`, `SameSite=Lax`,
 * `Secure` on https, expiring with the session) whenever the store saves or reads a session (sign-in,
 * every refresh, a reload, another tab's session), and removes it on sign-out. Nothing is written
 * while the project delivers the session JWT as its own HttpOnly cookie (the body has none), nor
 * outside a browser. Only the apps that import it pay for it.
 *
 * ```tsx
 * <PasslinkProvider projectId="P…" session={{ persistence: withSessionCookie(storagePersistence(() => localStorage)) }}>
 * ```
 *
 * @param persistence Where the session lives. Default: {@link memoryPersistence}.
 * @param options `cookieName` (`'DS'`).
 */
export const withSessionCookie = (persistence: SessionPersistence = memoryPersistence(), { cookieName = 'DS' }: SessionCookieOptions = {}): SessionPersistence => {
  /** Writes `session`'s JWT (max-age 0, or a session past its expiry, removes the cookie); returns `session`. */
  const write = (session: StoredSession | undefined) => {
    const jwt = session?.sessionJwt;
    // A session whose JWT is the project's own cookie leaves ours alone.
    if (globalThis.document && (jwt || !session)) {
      document.cookie = `${cookieName}=${jwt || ''}; path=/; max-age=${session ? Math.floor((expiresAt(session) - Date.now()) / 1000) : 0}; samesite=lax${location.protocol == 'https:' ? '; secure' : ''}`;
    }
    return session;
  };
  // Everything else (mode, key, watch, share, me) is the wrapped persistence's, whatever its shape.
  const wrapped = Object.assign(Object.create(persistence) as SessionPersistence, {
    load: () => write(persistence.load()),
    save: (session: StoredSession | undefined) => {
      persistence.save(session);
      write(session);
    },
  });
  // A refresh that failed re-reads the session, so the cookie's max-age counts from now (a shared
  // persistence's `share` reads it through this wrapper already).
  if (!persistence.share) {
    wrapped.share = (request, fail) =>
      request((refusal) => {
        wrapped.load();
        fail(refusal);
      });
  }
  return wrapped;
};
