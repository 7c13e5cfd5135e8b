/** Limits of the emulator, shaped like the real service's. */
export interface RateLimits {
  /** Messages one recipient may get within `recipientWindowSeconds`. Default: 5. */
  messagesPerRecipient: number;
  /** The per-recipient window, seconds. Default: 600. */
  recipientWindowSeconds: number;
  /** Requests one client (IP) may make within `clientWindowSeconds`. Default: 100 (the documented browser limit). */
  requestsPerClient: number;
  /** The per-client window, seconds. Default: 60. */
  clientWindowSeconds: number;
  /** How long a client that went over must wait, seconds. Default: 60 (documented). */
  clientBackoffSeconds: number;
}

export const defaultRateLimits: RateLimits = {
  messagesPerRecipient: 5,
  recipientWindowSeconds: 600,
  requestsPerClient: 100,
  clientWindowSeconds: 60,
  clientBackoffSeconds: 60,
};

/** The send times of one recipient or client, and until when a client is blocked. */
interface Counter {
  times: number[];
  blockedUntil: number;
}

/**
 * Moves `key` to the newest end of `map` (delete, then set), so that the oldest entry is always
 * the one touched longest ago: a sweep from the oldest end stops at the first live counter.
 */
const touch = <V>(map: Map<string, V>, key: string, value: V) => {
  map.delete(key);
  map.set(key, value);
};

/**
 * Sliding-window counters. Counters that can no longer limit anyone (every time outside the
 * window, no block pending) are dropped as new ones are counted, so memory follows the active
 * recipients and clients, not everyone ever seen.
 */
export class RateLimiter {
  #recipients = new Map<string, Counter>();
  #clients = new Map<string, Counter>();

  constructor(
    public limits: RateLimits,
    private readonly now: () => number,
  ) {}

  /** How many counters are kept (recipients and clients). */
  get size(): number {
    return this.#recipients.size + this.#clients.size;
  }

  #prune(map: Map<string, Counter>, windowMs: number, now: number) {
    for (const [key, counter] of map) {
      if ((counter.times.at(-1) ?? -Infinity) > now - windowMs || counter.blockedUntil > now) return;
      map.delete(key);
    }
  }

  /** Counts one request of `client`; answers the seconds it must wait (0: go ahead). */
  request(client: string): number {
    const now = this.now();
    const windowMs = this.limits.clientWindowSeconds * 1000;
    this.#prune(this.#clients, Math.max(windowMs, this.limits.clientBackoffSeconds * 1000), now);
    const counter = this.#clients.get(client) ?? { times: [], blockedUntil: 0 };
    if (counter.blockedUntil > now) return Math.ceil((counter.blockedUntil - now) / 1000);
    counter.times = counter.times.filter((t) => t > now - windowMs);
    if (counter.times.length >= this.limits.requestsPerClient) {
      counter.blockedUntil = now + this.limits.clientBackoffSeconds * 1000;
      counter.times = [];
      touch(this.#clients, client, counter);
      return this.limits.clientBackoffSeconds;
    }
    counter.times.push(now);
    touch(this.#clients, client, counter);
    return 0;
  }

  /** Answers the seconds before `recipient` may get another message (0: send it, and count it). */
  message(recipient: string): number {
    const now = this.now();
    const windowMs = this.limits.recipientWindowSeconds * 1000;
    this.#prune(this.#recipients, windowMs, now);
    const counter = this.#recipients.get(recipient) ?? { times: [], blockedUntil: 0 };
    counter.times = counter.times.filter((t) => t > now - windowMs);
    if (counter.times.length >= this.limits.messagesPerRecipient) {
      const oldest = counter.times[0] ?? now;
      return Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
    }
    counter.times.push(now);
    touch(this.#recipients, recipient, counter);
    return 0;
  }

  /** Forgets every count. */
  reset(): void {
    this.#recipients.clear();
    this.#clients.clear();
  }
}
