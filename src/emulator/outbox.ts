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
  /** `enchantedLink`: an email with several links, each showing a number (see `links`). */
  kind: 'magicLink' | 'otp' | 'enchantedLink';
  purpose: MessagePurpose;
  /** The text as the user would read (or hear) it. */
  text: string;
  /** The clickable link, for magic links. */
  link?: string;
  /** The magic-link token inside `link`. */
  token?: string;
  /** The one-time code, for OTP. */
  code?: string;
  /**
   * The links of an enchanted-link email, in the order the email lists them (by number): each
   * shows a two-digit `number`, and only the one whose number is the `linkId` the sign-in screen
   * shows signs in (the email does not say which). `token` is the one inside `url`.
   */
  links?: EnchantedLinkChoice[];
}

/** One of the links of an enchanted-link email. */
export interface EnchantedLinkChoice {
  /** The two-digit number the link shows (a string, as `linkId` is). */
  number: string;
  url: string;
  token: string;
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

/** The default of `maxMessages`: how many messages an outbox keeps. */
export const DEFAULT_OUTBOX_SIZE = 1000;

/**
 * The emulator's outbox: the messages it sent, newest last, with a live feed. It keeps the last
 * `maxMessages` (default {@link DEFAULT_OUTBOX_SIZE}) and drops older ones, so a long run or a
 * load test does not grow without bound.
 */
export class Outbox {
  /** Messages; those before `#start` are dropped ones waiting to be compacted away. */
  #messages: OutboxMessage[] = [];
  #start = 0;
  #listeners = new Set<(message: OutboxMessage) => void>();
  #nextId = 1;
  readonly #maxMessages: number;

  /** @param maxMessages how many messages to keep, a positive integer. Default: {@link DEFAULT_OUTBOX_SIZE}. */
  constructor(maxMessages: number = DEFAULT_OUTBOX_SIZE) {
    if (!Number.isInteger(maxMessages) || maxMessages < 1) throw new RangeError('maxMessages is a positive integer');
    this.#maxMessages = maxMessages;
  }

  /** How many messages it keeps. */
  get maxMessages(): number {
    return this.#maxMessages;
  }

  /** How many messages it holds now. */
  get size(): number {
    return this.#messages.length - this.#start;
  }

  /** @internal Adds a message (dropping the oldest past the limit) and tells the subscribers. */
  push(message: Omit<OutboxMessage, 'id' | 'sentAt'>, now: number): OutboxMessage {
    const full = { id: this.#nextId++, sentAt: new Date(now).toISOString(), ...message };
    this.#messages.push(full);
    if (this.size > this.#maxMessages) {
      this.#start += 1;
      // Compact once the dropped part is as large as the kept part: amortised O(1) per push.
      if (this.#start >= this.#maxMessages) {
        this.#messages = this.#messages.slice(this.#start);
        this.#start = 0;
      }
    }
    for (const listener of this.#listeners) listener(full);
    return full;
  }

  /** The messages kept, oldest first. */
  #kept(): OutboxMessage[] {
    return this.#start ? this.#messages.slice(this.#start) : this.#messages;
  }

  /** Every kept message that matches, oldest first. */
  list(filter: OutboxFilter = {}): OutboxMessage[] {
    return this.#kept().filter((message) => matches(message, filter));
  }

  /**
   * Up to `limit` messages with an id above `after` (0: from the oldest kept), oldest first, and
   * the `after` of the next page (null when there is none). Ids are consecutive, so this seeks
   * instead of scanning.
   */
  page(after: number, limit: number): { messages: OutboxMessage[]; next: number | null } {
    const first = this.#messages[this.#start];
    if (!first) return { messages: [], next: null };
    const from = this.#start + Math.max(0, after + 1 - first.id);
    const messages = this.#messages.slice(from, from + limit);
    const last = messages.at(-1);
    return { messages, next: last && from + limit < this.#messages.length ? last.id : null };
  }

  /** The newest message that matches, if any. */
  latest(filter: OutboxFilter = {}): OutboxMessage | undefined {
    for (let index = this.#messages.length - 1; index >= this.#start; index--) {
      const message = this.#messages[index];
      if (message && matches(message, filter)) return message;
    }
    return undefined;
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
    this.#start = 0;
  }
}
