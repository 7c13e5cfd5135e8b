/**
 * When the next send to each destination is allowed. Kept by the provider, so a countdown
 * survives its component's remount.
 */
export interface Cooldowns {
  /** Milliseconds since the epoch when `key` may be sent to again (0: now). */
  until(key: string): number;
  /** Waits at least `seconds` from now before the next send to `key` (never shortens a wait). */
  start(key: string, seconds: number): void;
  subscribe(listener: () => void): () => void;
}

export const createCooldowns = (now: () => number = Date.now): Cooldowns => {
  const until = new Map<string, number>();
  const listeners = new Set<() => void>();
  return {
    until: (key) => until.get(key) ?? 0,
    start: (key, seconds) => {
      const next = now() + seconds * 1000;
      if (next <= (until.get(key) ?? 0)) return;
      until.set(key, next);
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};
