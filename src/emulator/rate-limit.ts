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

/**
 * The times (oldest first) counted for one recipient or client, and until when a client is
 * blocked. Times before `head` have left the window; they are cut off in bulk.
 */
interface Counter {
  times: number[];
  head: number;
  blockedUntil: number;
}

const newCounter = (): Counter => ({ times: [], head: 0, blockedUntil: 0 });

/** How many times of `counter` are inside the window. */
const live = (counter: Counter) => counter.times.length - counter.head;

/**
 * Moves `head` past the times at or before `cutoff`, and cuts them off once they are half the
 * array: amortised O(1) per request, where filtering the whole window each time was
 * O(requests in the window).
 */
const expire = (counter: Counter, cutoff: number) => {
  const { times } = counter;
  while (counter.head < times.length && (times[counter.head] ?? Infinity) <= cutoff) counter.head++;
  if (counter.head > 32 && counter.head * 2 > times.length) {
    counter.times = times.slice(counter.head);
    counter.head = 0;
  }
};

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
      const newest = live(counter) ? (counter.times.at(-1) ?? -Infinity) : -Infinity;
      if (newest > now - windowMs || counter.blockedUntil > now) return;
      map.delete(key);
    }
  }

  /** Counts one request of `client`; answers the seconds it must wait (0: go ahead). */
  request(client: string): number {
    const now = this.now();
    const windowMs = this.limits.clientWindowSeconds * 1000;
    this.#prune(this.#clients, windowMs, now);
    const counter = this.#clients.get(client) ?? newCounter();
    if (counter.blockedUntil > now) return Math.ceil((counter.blockedUntil - now) / 1000);
    expire(counter, now - windowMs);
    if (live(counter) >= this.limits.requestsPerClient) {
      counter.blockedUntil = now + this.limits.clientBackoffSeconds * 1000;
      counter.times = [];
      counter.head = 0;
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
    const counter = this.#recipients.get(recipient) ?? newCounter();
    expire(counter, now - windowMs);
    if (live(counter) >= this.limits.messagesPerRecipient) {
      const oldest = counter.times[counter.head] ?? now;
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
