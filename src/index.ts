/**
 * passlink: passwordless sign-in and contact updates on the Descope API, for React apps. The face
 * of the package, one layer after another: the client (every endpoint, its errors and checks),
 * the session store, the React hooks and their provider, the composable components and the
 * message catalogs. An app can import everything from `passlink` alone; the framework-free parts
 * are also `passlink/client` and `passlink/session`.
 */
export * from './client';
export { NotSignedInError, memoryPersistence, storagePersistence, cookiePersistence, withSessionCookie, createSessionStore } from './session';
export type { SessionSnapshot, SessionStatus, SessionStore, SessionStoreOptions, SessionPersistence, SessionCookieOptions, StorageLike } from './session';
export * from './react';
export * from './components';
export { en, es, fr, de, describeError, formatMessage, createTranslator } from './i18n';
export type { Catalog, MessageId, MessageValues, Translate } from './i18n';
