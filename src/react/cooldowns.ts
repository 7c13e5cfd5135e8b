/**
 * When the next send to each destination is allowed. Kept by the provider, so a countdown
 * survives its component's remount.
 */
export interface Cooldowns {
  /** Milliseconds since the epoch when `key` may be sent to again (0: now). */
  until(key: string): number;
  /**
   * Waits at least `seconds` from now (default: the provider's `resendCooldownSeconds`) before the
   * next send to `key` (never shortens a wait). `sent` is false when nothing went out (the server
   * refused with a 429).
   */
  start(key: string, seconds?: number, sent?: boolean): void;
  /** Whether a message went to `key` (so the wait is a resend's, not the server's refusal). */
  sent(key: string): boolean;
  subscribe(listener: () => void): () => void;
}

/** @param resendSeconds Seconds a resend waits after a send. */
export const createCooldowns = (resendSeconds: number): Cooldowns => {
  const until = new Map<string, number>();
  const sentTo = new Set<string>();
  const listeners = new Set<() => void>();
  return {
    until: (key) => until.get(key) ?? 0,
    sent: (key) => sentTo.has(key),
    start: (key, seconds = resendSeconds, sent = true) => {
      const last = until.get(key) ?? 0;
      const next = Date.now() + seconds * 1000;
      // A longer wait, or the first message to `key`, is news.
      if (next > last || (sent && !sentTo.has(key))) {
        if (sent) sentTo.add(key);
        until.set(key, Math.max(next, last));
        for (const listener of listeners) listener();
      }
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};
