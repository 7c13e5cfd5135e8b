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

/**
 * A short, non-reversible digest (32 bits, Java's string hash) to key a token without keeping it
 * in the cache.
 */
export const digest = (value: string): string =>
  [...value].reduce((hash, char) => (Math.imul(hash, 31) + char.charCodeAt(0)) | 0, 0).toString(36);
