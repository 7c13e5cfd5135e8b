/** A channel a message goes out on. */
export type Channel = 'email' | 'sms' | 'voice' | 'whatsapp';

/** Why a message was sent. */
export type MessagePurpose = 'signUp' | 'signIn' | 'signUpOrIn' | 'updateEmail' | 'updatePhone';

/** One message the emulator "sent": what a real project would deliver to the user. */
export interface OutboxMessage {
  /** Increasing id, unique within one emulator. */
  id: number;
  /** When it was sent, ISO 8601. */
  sentAt: string;
  channel: Channel;
  /** The email address or E.164 phone number it went to. */
  to: string;
  /** The login id of the flow that sent it. */
  loginId: string;
  kind: 'magicLink' | 'otp';
  purpose: MessagePurpose;
  /** The text as the user would read (or hear) it. */
  text: string;
  /** The clickable link, for magic links. */
  link?: string;
  /** The magic-link token inside `link`. */
  token?: string;
  /** The one-time code, for OTP. */
  code?: string;
}

/** Which messages to pick: every given field must match. */
export interface OutboxFilter {
  to?: string;
  channel?: Channel;
  kind?: OutboxMessage['kind'];
  loginId?: string;
  /** Only messages with an id above this one (sent after it). */
  afterId?: number;
}

const matches = (message: OutboxMessage, filter: OutboxFilter) =>
  (filter.to === undefined || message.to === filter.to) &&
  (filter.channel === undefined || message.channel === filter.channel) &&
  (filter.kind === undefined || message.kind === filter.kind) &&
  (filter.loginId === undefined || message.loginId === filter.loginId) &&
  (filter.afterId === undefined || message.id > filter.afterId);

/** The emulator's outbox: every message it sent, newest last, with a live feed. */
export class Outbox {
  #messages: OutboxMessage[] = [];
  #listeners = new Set<(message: OutboxMessage) => void>();
  #nextId = 1;

  /** @internal Adds a message and tells the subscribers. */
  push(message: Omit<OutboxMessage, 'id' | 'sentAt'>, now: number): OutboxMessage {
    const full = { id: this.#nextId++, sentAt: new Date(now).toISOString(), ...message };
    this.#messages.push(full);
    for (const listener of this.#listeners) listener(full);
    return full;
  }

  /** Every message that matches, oldest first. */
  list(filter: OutboxFilter = {}): OutboxMessage[] {
    return this.#messages.filter((message) => matches(message, filter));
  }

  /** The newest message that matches, if any. */
  latest(filter: OutboxFilter = {}): OutboxMessage | undefined {
    return this.list(filter).at(-1);
  }

  /**
   * Resolves with the first matching message sent after this call (or already there when
   * `filter.afterId` is given), or rejects after `timeoutMs` (default 5000).
   */
  waitFor(filter: OutboxFilter = {}, timeoutMs = 5000): Promise<OutboxMessage> {
    const existing = filter.afterId === undefined ? undefined : this.list(filter)[0];
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`No outbox message matching ${JSON.stringify(filter)} within ${timeoutMs} ms`));
      }, timeoutMs);
      const unsubscribe = this.subscribe((message) => {
        if (!matches(message, filter)) return;
        clearTimeout(timer);
        unsubscribe();
        resolve(message);
      });
    });
  }

  /** Calls `listener` for every new message; returns the function that stops it. */
  subscribe(listener: (message: OutboxMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Empties the outbox (ids keep increasing). */
  clear(): void {
    this.#messages = [];
  }
}
