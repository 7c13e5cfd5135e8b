import { NextResponse, type NextRequest } from 'next/server.js';
import { getSession } from 'passlink/server';
import { sessionOptions } from './lib/passlink.ts';

/**
 * Next.js 16's proxy (formerly middleware): signed-out visitors of the matched routes go to
 * /login, which brings them back after signing in. It runs on Node.js; the project's public keys
 * are fetched once and cached by passlink/server.
 */
export async function proxy(request: NextRequest) {
  if (await getSession(request, sessionOptions)) return NextResponse.next();
  const login = new URL('/login', request.url);
  login.searchParams.set('next', request.nextUrl.pathname);
  return NextResponse.redirect(login);
}

export const config = { matcher: ['/account/:path*'] };
