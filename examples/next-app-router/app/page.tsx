import { headers } from 'next/headers.js';
import { getSession } from 'passlink/server';
import { sessionOptions } from '../lib/passlink.ts';

/** A Server Component reading the session: no client JavaScript needed to know who is signed in. */
export default async function Home() {
  const session = await getSession({ headers: await headers() }, sessionOptions);
  return (
    <>
      <h1>passlink × Next.js</h1>
      {session ? <p>You are signed in. <a href="/account">Your account</a></p> : <p><a href="/login">Sign in</a></p>}
    </>
  );
}
