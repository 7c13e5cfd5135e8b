import * as z from 'zod/mini';
import { E164_PATTERN, EMAIL_PATTERN, type ErrorSituation, type User } from '../contract';
import type { Channel, MessagePurpose } from './outbox';
import { randomId } from './tokens';
import type { EmulatorResponse, SeedUser } from './types';

/*
 * Everything the emulator remembers between requests: users (indexed by every login id), pending
 * links, enchanted-link attempts and codes, and the refresh JWTs it issued (indexed by user). The flows read and change it;
 * the routes only list it.
 *
 * Memory follows what is live, not what happened: spent and expired links, expired codes,
 * rotated and expired refresh records are dropped as the emulator goes (amortised, from the
 * oldest end of each map, on the requests that add records: never a timer that keeps a process
 * alive). Users stay until `reset()`: tests rely on them.
 */

/** A user as the emulator keeps it (the API's user object is built from it by {@link publicUser}). */
export interface UserRecord {
  userId: string;
  loginIds: string[];
  email?: string;
  phone?: string;
  name?: string;
  givenName?: string;
  middleName?: string;
  familyName?: string;
  verifiedEmail: boolean;
  verifiedPhone: boolean;
  createdTime: number;
  /** @internal Creation order, for paging the user list. */
  seq: number;
}

/** What a link or a code completes once verified. */
export interface Pending {
  purpose: MessagePurpose;
  loginId: string;
  channel: Channel;
  /** The address it went to: becomes the user's email or phone. */
  destination: string;
  expiresAt: number;
  /** Sign-up details. */
  user?: { name?: string; givenName?: string; middleName?: string; familyName?: string; email?: string; phone?: string };
  /** The signed-in user an update belongs to. */
  userId?: string;
  addToLoginIds?: boolean;
  onMergeUseExisting?: boolean;
  /** Update email: refuse (instead of merging) when the address is another user's login id. */
  failOnConflict?: boolean;
  customClaims?: Record<string, unknown>;
  /** `loginOptions.revokeOtherSessions`: verify revokes the user's other refresh JWTs. */
  revokeOtherSessions?: boolean;
  /** The `amr` of the session behind a step-up, MFA or update: the factors proved before this one. */
  priorAmr?: string[];
}

/** A magic link: pending until used; once used only a tombstone stays, to answer "already used". */
export type LinkRecord = (Pending & { used: false }) | { used: true; expiresAt: number };

/**
 * One enchanted-link attempt, by its `pendingRef`: pending until one of its links is opened;
 * `verifying` while the right one completes; `verified` with the session pending-session answers
 * once; then `collected`. A wrong link, or a completion that fails, ends it as `failed` with the
 * situation pending-session answers from then on.
 */
export type EnchantedAttempt = { expiresAt: number } & (
  | { status: 'pending'; pending: Pending }
  | { status: 'verifying' | 'collected' }
  | { status: 'verified'; session: EmulatorResponse }
  | { status: 'failed'; situation: ErrorSituation }
);

/** One of the links of an enchanted-link attempt, by its token. */
export interface EnchantedLinkToken {
  pendingRef: string;
  /** Whether this is the link showing the attempt's `linkId`. */
  right: boolean;
  expiresAt: number;
}

/** The one code pending for a login id. */
export interface PendingCode extends Pending {
  code: string;
  method: Channel;
  attempts: number;
}

/** A refresh JWT the emulator issued, by its `jti`. Rotated ones are forgotten at once. */
export interface RefreshRecord {
  userId: string;
  state: 'active' | 'loggedOut';
  /** When the refresh JWT itself expires, ms. */
  expiresAt: number;
  /** Client-supplied custom claims, carried to the sessions this refresh JWT issues. */
  customClaims?: Record<string, unknown>;
  /** The factors the user proved (`amr`), carried to the sessions this refresh JWT issues. */
  amr: string[];
}

/** A seed user as `POST /emulator/users` takes it. */
export const seedUserSchema = z.object({
  loginId: z.optional(z.string().check(z.minLength(1))),
  loginIds: z.optional(z.array(z.string().check(z.minLength(1)))),
  email: z.optional(z.string().check(z.regex(EMAIL_PATTERN))),
  phone: z.optional(z.string().check(z.regex(E164_PATTERN))),
  name: z.optional(z.string()),
  givenName: z.optional(z.string()),
  middleName: z.optional(z.string()),
  familyName: z.optional(z.string()),
  verifiedEmail: z.optional(z.boolean()),
  verifiedPhone: z.optional(z.boolean()),
});

/**
 * The key a login id is found by: an email address without case (people type "Ada@Example.COM"
 * for "ada@example.com"; mailbox providers ignore case), anything else exactly. The login id
 * itself is kept as it was given.
 */
export const loginKey = (loginId: string): string => (loginId.includes('@') ? loginId.toLowerCase() : loginId);

/**
 * The API's user object for a record: every field of Descope's `UserResponse`, zero-valued when
 * unset, as its API answers them. Required by core-js (descope/descope-js
 * packages/sdks/core-js-sdk/src/sdk/types.ts `User`, `UserResponse`: `createdTime`, `status`,
 * `test`, `TOTP`, `SAML`, `SCIM`, `password` …); the rest as Descope's docs show the user of a
 * refresh or sign-out answer (`externalIds`, `webauthn`, `ssoAppIds`, `editable`, `push`,
 * `permissions`, `OIDC`). A passwordless user has no password, TOTP, SSO or roles.
 */
export const publicUser = (user: UserRecord): User => ({
  userId: user.userId,
  loginIds: [...user.loginIds],
  externalIds: [...user.loginIds],
  name: user.name ?? '',
  givenName: user.givenName ?? '',
  middleName: user.middleName ?? '',
  familyName: user.familyName ?? '',
  email: user.email ?? '',
  phone: user.phone ?? '',
  verifiedEmail: user.verifiedEmail,
  verifiedPhone: user.verifiedPhone,
  picture: '',
  roleNames: [],
  userTenants: [],
  permissions: [],
  status: 'enabled',
  test: false,
  customAttributes: {},
  createdTime: user.createdTime,
  TOTP: false,
  SAML: false,
  SCIM: false,
  OAuth: {},
  webauthn: false,
  password: false,
  push: false,
  OIDC: false,
  ssoAppIds: [],
  editable: true,
});

/**
 * Deletes entries from the oldest end of `map` while `stale` says so. Maps keep insertion order,
 * and every map here is written so that its oldest entry is the first to go stale (one lifetime
 * per kind of record; a re-written key is deleted and set again), so the first fresh entry ends
 * the sweep: each record is visited about once, amortised O(1) per write.
 */
export const pruneOldest = <K, V>(map: Map<K, V>, stale: (value: V) => boolean): void => {
  for (const [key, value] of map) {
    if (!stale(value)) return;
    map.delete(key);
  }
};

/** A page of a list: the items and the cursor of the next page (null on the last one). */
export interface Page<T, C> {
  items: T[];
  next: C | null;
}

/** The emulator's memory. */
export class EmulatorState {
  readonly #users = new Map<string, UserRecord>();
  /** Users by {@link loginKey} of each of their login ids. */
  readonly #byLoginId = new Map<string, UserRecord>();
  /** Users in creation order (holes left by merged users are skipped, and compacted away). */
  #order: UserRecord[] = [];
  #holes = 0;
  #seq = 0;
  /** Magic links by token, oldest first. */
  readonly links = new Map<string, LinkRecord>();
  /** Enchanted-link attempts by `pendingRef`, oldest first. */
  readonly attempts = new Map<string, EnchantedAttempt>();
  /** The links of the enchanted-link attempts (three each) by token, oldest first. */
  readonly enchantedTokens = new Map<string, EnchantedLinkToken>();
  /** Pending codes by {@link loginKey} (a new code replaces the older one), oldest first. */
  readonly codes = new Map<string, PendingCode>();
  /** Refresh JWTs by `jti`, oldest first. */
  readonly refreshTokens = new Map<string, RefreshRecord>();
  /** The `jti`s of each user's refresh JWTs, so revoking a user's sessions is not a scan. */
  readonly #sessionsOf = new Map<string, Set<string>>();

  constructor(private readonly nowSeconds: () => number) {}

  /** The user with this id. */
  user(userId: string): UserRecord | undefined {
    return this.#users.get(userId);
  }

  /** How many users there are. */
  get userCount(): number {
    return this.#users.size;
  }

  /** Every user, in creation order. */
  *allUsers(): IterableIterator<UserRecord> {
    for (const user of this.#order) if (this.#users.get(user.userId) === user) yield user;
  }

  /** Up to `limit` users created after the user `after` (from the first when omitted). */
  usersPage(after: string | undefined, limit: number): Page<UserRecord, string> | undefined {
    let start = 0;
    if (after !== undefined) {
      const cursor = this.#users.get(after);
      if (!cursor) return undefined;
      // #order is sorted by seq: binary search for the cursor's position.
      let low = 0;
      let high = this.#order.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((this.#order[middle]?.seq ?? Infinity) <= cursor.seq) low = middle + 1;
        else high = middle;
      }
      start = low;
    }
    const items: UserRecord[] = [];
    for (let index = start; index < this.#order.length; index++) {
      const user = this.#order[index];
      if (!user || this.#users.get(user.userId) !== user) continue;
      if (items.length === limit) return { items, next: items.at(-1)?.userId ?? null };
      items.push(user);
    }
    return { items, next: null };
  }

  /** The user that has `loginId` among its login ids (emails without case). */
  findUser(loginId: string): UserRecord | undefined {
    return this.#byLoginId.get(loginKey(loginId));
  }

  /** Whether `user` has `loginId` among its login ids (emails without case). */
  hasLoginId(user: UserRecord, loginId: string): boolean {
    return this.#byLoginId.get(loginKey(loginId)) === user;
  }

  /** Creates a user with these login ids (none of which may belong to another user). */
  createUser(loginIds: string[], details: Omit<UserRecord, 'userId' | 'loginIds' | 'createdTime' | 'seq'>): UserRecord {
    const user: UserRecord = { userId: `U${randomId(14)}`, loginIds, createdTime: this.nowSeconds(), seq: ++this.#seq, ...details };
    this.#users.set(user.userId, user);
    this.#order.push(user);
    for (const id of loginIds) this.#byLoginId.set(loginKey(id), user);
    return user;
  }

  /** Adds a login id to a user (it must not belong to another user). */
  addLoginId(user: UserRecord, loginId: string): void {
    if (this.hasLoginId(user, loginId)) return;
    user.loginIds.push(loginId);
    this.#byLoginId.set(loginKey(loginId), user);
  }

  /**
   * Creates users directly, all or none; throws an Error that says what is wrong with a seed.
   * Linear in the number of seeds (login ids are looked up in the index).
   */
  seedUsers(seeds: readonly SeedUser[]): UserRecord[] {
    const batch = new Set<string>();
    const checked = seeds.map((seed) => {
      const parsed = z.safeParse(seedUserSchema, seed);
      if (!parsed.success) throw new Error(`Invalid seed user: ${z.prettifyError(parsed.error)}`);
      const loginIds = [...(seed.loginIds ?? []), ...(seed.loginId ? [seed.loginId] : [])];
      if (!loginIds.length) throw new Error('Invalid seed user: give `loginId` or `loginIds`.');
      for (const id of loginIds) {
        const key = loginKey(id);
        if (this.#byLoginId.has(key) || batch.has(key)) throw new Error(`Invalid seed user: login id ${id} exists.`);
        batch.add(key);
      }
      return { seed, loginIds };
    });
    return checked.map(({ seed, loginIds }) =>
      this.createUser(loginIds, {
        verifiedEmail: seed.verifiedEmail ?? !!seed.email,
        verifiedPhone: seed.verifiedPhone ?? !!seed.phone,
        ...(seed.email ? { email: seed.email } : {}),
        ...(seed.phone ? { phone: seed.phone } : {}),
        ...(seed.name ? { name: seed.name } : {}),
        ...(seed.givenName ? { givenName: seed.givenName } : {}),
        ...(seed.middleName ? { middleName: seed.middleName } : {}),
        ...(seed.familyName ? { familyName: seed.familyName } : {}),
      }),
    );
  }

  /** Creates one user directly; throws an Error that says what is wrong with the seed. */
  seedUser(seed: SeedUser): User {
    const [user] = this.seedUsers([seed]);
    return publicUser(user as UserRecord);
  }

  /**
   * Merges `from` into `into`: `into` keeps its id and its details and gains `from`'s login ids;
   * `from` is deleted and its sessions end.
   */
  merge(from: UserRecord, into: UserRecord): void {
    for (const id of from.loginIds) if (!into.loginIds.some((own) => loginKey(own) === loginKey(id))) into.loginIds.push(id);
    for (const id of into.loginIds) this.#byLoginId.set(loginKey(id), into);
    this.#users.delete(from.userId);
    this.revokeSessions(from.userId);
    this.#sessionsOf.delete(from.userId);
    if (++this.#holes > 64 && this.#holes > this.#order.length / 2) {
      this.#order = this.#order.filter((user) => this.#users.get(user.userId) === user);
      this.#holes = 0;
    }
  }

  /** Records a refresh JWT just issued. */
  addRefresh(jti: string, record: RefreshRecord, now: number): void {
    this.refreshTokens.set(jti, record);
    let own = this.#sessionsOf.get(record.userId);
    if (!own) this.#sessionsOf.set(record.userId, (own = new Set()));
    own.add(jti);
    this.pruneRefresh(now);
  }

  /** Forgets a refresh record (rotated: the old JWT then answers "invalid"). */
  dropRefresh(jti: string): void {
    const record = this.refreshTokens.get(jti);
    if (!record) return;
    this.refreshTokens.delete(jti);
    const own = this.#sessionsOf.get(record.userId);
    own?.delete(jti);
    if (own?.size === 0) this.#sessionsOf.delete(record.userId);
  }

  /** Marks every refresh JWT of the user as logged out. */
  revokeSessions(userId: string): void {
    for (const jti of this.#sessionsOf.get(userId) ?? []) {
      const record = this.refreshTokens.get(jti);
      if (record) record.state = 'loggedOut';
    }
  }

  /**
   * Drops refresh records whose JWT has expired (a JWT past its `exp` fails verification anyway,
   * so its record can only ever answer "invalid").
   */
  pruneRefresh(now: number): void {
    for (const [jti, record] of this.refreshTokens) {
      if (record.expiresAt > now) return;
      this.dropRefresh(jti);
    }
  }

  /** Forgets everything. */
  clear(): void {
    this.#users.clear();
    this.#byLoginId.clear();
    this.#order = [];
    this.#holes = 0;
    this.links.clear();
    this.attempts.clear();
    this.enchantedTokens.clear();
    this.codes.clear();
    this.refreshTokens.clear();
    this.#sessionsOf.clear();
  }
}
