'use client';
import { useEffect } from 'react';
import { useRouter } from 'next/navigation.js';
import { useSession } from 'passlink';

/** Once the code is verified (the `DS` cookie is written by then), go on to `to`. */
export function GoWhenSignedIn({ to }: { to: string }) {
  const { isAuthenticated } = useSession();
  const router = useRouter();
  useEffect(() => {
    if (isAuthenticated) router.replace(to);
  }, [isAuthenticated, router, to]);
  return null;
}
