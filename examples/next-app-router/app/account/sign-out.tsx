'use client';
import { useRouter } from 'next/navigation.js';
import { useLogout } from 'passlink';

/** Signs out (the `DS` cookie goes with the session), then lets the proxy send the visitor to /login. */
export function SignOut() {
  const logout = useLogout();
  const router = useRouter();
  return (
    <button type="button" disabled={logout.isPending} onClick={() => logout.mutate(undefined, { onSettled: () => router.refresh() })}>
      Sign out
    </button>
  );
}
