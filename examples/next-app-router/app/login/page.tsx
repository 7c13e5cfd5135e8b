import { headers } from 'next/headers.js';
import { redirect } from 'next/navigation.js';
import { PasswordlessLogin } from 'passlink';
import { getSession } from 'passlink/server';
import { sessionOptions } from '../../lib/passlink.ts';
import { GoWhenSignedIn } from './go-when-signed-in.tsx';

/** A Server Component page that renders passlink's login directly (passlink's modules carry 'use client'). */
export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const requestHeaders = await headers();
  const { next } = await searchParams;
  const to = next?.startsWith('/') && !next.startsWith('//') ? next : '/account';
  if (await getSession({ headers: requestHeaders }, sessionOptions)) redirect(to);
  const origin = `${requestHeaders.get('x-forwarded-proto') ?? 'http'}://${requestHeaders.get('host') ?? 'localhost'}`;
  return (
    <>
      <h1>Sign in</h1>
      <PasswordlessLogin
        methods={[
          { via: 'otp', method: 'email' },
          { via: 'magicLink', method: 'email' },
        ]}
        redirectUrl={`${origin}/verify`}
      />
      <GoWhenSignedIn to={to} />
    </>
  );
}
