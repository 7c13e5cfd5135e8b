import { getSession } from 'passlink/server';
import { sessionOptions } from '../../../lib/passlink.ts';

/** A route handler: `Authorization: Bearer <session JWT>` (an API client) or the `DS` cookie (the app's pages). */
export async function GET(request: Request): Promise<Response> {
  const session = await getSession(request, sessionOptions);
  if (!session) return Response.json({ error: 'not signed in' }, { status: 401 });
  return Response.json({ userId: session.userId, expiresAt: session.expiresAt, roles: session.roles });
}
