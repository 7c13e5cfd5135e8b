import { headers } from 'next/headers.js';
import { redirect } from 'next/navigation.js';
import { UpdatePhone } from 'passlink';
import { getSession } from 'passlink/server';
import { sessionOptions } from '../../lib/passlink.ts';
import { SignOut } from './sign-out.tsx';

/** Protected by proxy.ts; the page checks again (a proxy's matcher is easy to get wrong). */
export default async function AccountPage() {
  const session = await getSession({ headers: await headers() }, sessionOptions);
  if (!session) redirect('/login?next=/account');
  return (
    <>
      <h1>Your account</h1>
      <p>
        Signed in as user <code data-testid="user-id">{session.userId}</code> until{' '}
        <time dateTime={new Date(session.expiresAt * 1000).toISOString()}>{new Date(session.expiresAt * 1000).toUTCString()}</time>.
      </p>
      <UpdatePhone />
      <SignOut />
    </>
  );
}
