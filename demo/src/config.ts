/** Where the demo points: the local emulator unless VITE_PASSLINK_* say otherwise. */
export const projectId = import.meta.env.VITE_PASSLINK_PROJECT_ID ?? 'PpasslinkEmulator';
export const baseUrl = import.meta.env.VITE_PASSLINK_BASE_URL ?? 'http://127.0.0.1:4500';
/** The outbox panel exists only against the emulator. */
export const usesEmulator = !import.meta.env.VITE_PASSLINK_BASE_URL || import.meta.env.VITE_PASSLINK_BASE_URL.startsWith('http://127.0.0.1');
