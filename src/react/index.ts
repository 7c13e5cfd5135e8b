/**
 * passlink: React hooks and components for passwordless sign-in on the Descope API.
 *
 * The hooks and components land in later releases; for now this entry re-exports the
 * framework-free client so an app can import everything from `passlink`.
 */
export * from '../client';
