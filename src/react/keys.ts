/**
 * Every react-query key passlink uses, under one namespace: `queryClient.removeQueries({
 * queryKey: passlinkKeys.all })` forgets all of them.
 */
export const passlinkKeys = {
  all: ['passlink'] as const,
  /** The signed-in user (`me`). */
  user: (userId?: string) => ['passlink', 'user', ...(userId ? [userId] : [])] as const,
  /** A magic-link verification, keyed by a digest of the token (the token itself is never a key). */
  verify: (tokenDigest: string) => ['passlink', 'verify', tokenDigest] as const,
};

/** A short, non-reversible digest (FNV-1a, 32 bits) to key a token without keeping it in the cache. */
export const digest = (value: string): string => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
};
