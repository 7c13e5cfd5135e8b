/**
 * passlink/server: checks a session on the server (no React). A placeholder entry for now: the
 * wt-server branch fills it in (validateSession, getSession); it exists so that the build, the
 * package exports and the client-boundary tests cover it from the start.
 */
export {};
