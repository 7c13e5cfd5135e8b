export { createSessionStore, NotSignedInError } from './store';
export type { SessionSnapshot, SessionStatus, SessionStore, SessionStoreOptions } from './store';
export { memoryPersistence, storagePersistence, cookiePersistence, withSessionCookie, toStoredSession } from './persistence';
export type { SessionCookieOptions, SessionPersistence, StorageLike, StoredSession } from './persistence';
