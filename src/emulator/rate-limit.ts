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

/** Sliding-window counters. `check` answers the seconds to wait, or 0 when allowed. */
export class RateLimiter {
  #recipients = new Map<string, number[]>();
  #clients = new Map<string, number[]>();
  #blockedUntil = new Map<string, number>();

  constructor(
    public limits: RateLimits,
    private readonly now: () => number,
  ) {}

  /** Counts one request of `client`; answers the seconds it must wait (0: go ahead). */
  request(client: string): number {
    const now = this.now();
    const blocked = this.#blockedUntil.get(client) ?? 0;
    if (blocked > now) return Math.ceil((blocked - now) / 1000);
    const windowMs = this.limits.clientWindowSeconds * 1000;
    const times = (this.#clients.get(client) ?? []).filter((t) => t > now - windowMs);
    if (times.length >= this.limits.requestsPerClient) {
      this.#blockedUntil.set(client, now + this.limits.clientBackoffSeconds * 1000);
      this.#clients.set(client, []);
      return this.limits.clientBackoffSeconds;
    }
    times.push(now);
    this.#clients.set(client, times);
    return 0;
  }

  /** Answers the seconds before `recipient` may get another message (0: send it, and count it). */
  message(recipient: string): number {
    const now = this.now();
    const windowMs = this.limits.recipientWindowSeconds * 1000;
    const times = (this.#recipients.get(recipient) ?? []).filter((t) => t > now - windowMs);
    if (times.length >= this.limits.messagesPerRecipient) {
      const oldest = times[0] ?? now;
      return Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
    }
    times.push(now);
    this.#recipients.set(recipient, times);
    return 0;
  }

  /** Forgets every count. */
  reset(): void {
    this.#recipients.clear();
    this.#clients.clear();
    this.#blockedUntil.clear();
  }
}
