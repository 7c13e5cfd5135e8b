/**
 * The project this app signs in to, for the browser and the server alike. NEXT_PUBLIC_ variables
 * are read at build time: `NEXT_PUBLIC_PASSLINK_PROJECT_ID=P… next build`. The base URL is only
 * needed for a custom domain or the local emulator (`npx passlink-emulator` → http://127.0.0.1:4500).
 */
export const projectId = process.env.NEXT_PUBLIC_PASSLINK_PROJECT_ID ?? '';
export const baseUrl = process.env.NEXT_PUBLIC_PASSLINK_BASE_URL || undefined;

/** What passlink/server needs to check a session. */
export const sessionOptions = { projectId, baseUrl };
