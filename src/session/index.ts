export { createSessionStore, NotSignedInError } from './store';
export type { SessionSnapshot, SessionStatus, SessionStore, SessionStoreOptions } from './store';
export { memoryPersistence, storagePersistence, cookiePersistence, toStoredSession } from './persistence';
export type { SessionPersistence, StorageLike, StoredSession } from './persistence';
