import * as z from 'zod/mini';
import { E164_PATTERN, EMAIL_PATTERN, type User } from '../contract';
import type { Channel, MessagePurpose } from './outbox';
import { randomId } from './tokens';
import type { SeedUser } from './types';

/*
 * Everything the emulator remembers between requests: users, pending links and codes, and the
 * refresh JWTs it issued. The flows read and change it; the routes never touch it directly.
 */

/** A user as the emulator keeps it (the API's user object is built from it by {@link publicUser}). */
export interface UserRecord {
  userId: string;
  loginIds: string[];
  email?: string;
  phone?: string;
  name?: string;
  givenName?: string;
  familyName?: string;
  verifiedEmail: boolean;
  verifiedPhone: boolean;
  createdTime: number;
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
  user?: { name?: string; givenName?: string; familyName?: string; email?: string; phone?: string };
  /** The signed-in user an update belongs to. */
  userId?: string;
  addToLoginIds?: boolean;
  onMergeUseExisting?: boolean;
  customClaims?: Record<string, unknown>;
  /** `loginOptions.revokeOtherSessions`: verify revokes the user's other refresh JWTs. */
  revokeOtherSessions?: boolean;
}

/** A magic link sent and not yet forgotten. */
export interface PendingLink extends Pending {
  used: boolean;
}

/** The one code pending for a login id. */
export interface PendingCode extends Pending {
  code: string;
  method: Channel;
  attempts: number;
}

/** A refresh JWT the emulator issued, by its `jti`. */
export interface RefreshRecord {
  userId: string;
  state: 'active' | 'rotated' | 'loggedOut';
}

/** A seed user as `POST /emulator/users` takes it. */
export const seedUserSchema = z.object({
  loginId: z.optional(z.string().check(z.minLength(1))),
  loginIds: z.optional(z.array(z.string().check(z.minLength(1)))),
  email: z.optional(z.string().check(z.regex(EMAIL_PATTERN))),
  phone: z.optional(z.string().check(z.regex(E164_PATTERN))),
  name: z.optional(z.string()),
  givenName: z.optional(z.string()),
  familyName: z.optional(z.string()),
  verifiedEmail: z.optional(z.boolean()),
  verifiedPhone: z.optional(z.boolean()),
});

/** The API's user object for a record. */
export const publicUser = (user: UserRecord): User => ({
  userId: user.userId,
  loginIds: [...user.loginIds],
  email: user.email ?? '',
  phone: user.phone ?? '',
  name: user.name ?? '',
  givenName: user.givenName ?? '',
  familyName: user.familyName ?? '',
  verifiedEmail: user.verifiedEmail,
  verifiedPhone: user.verifiedPhone,
  createdTime: user.createdTime,
  status: 'enabled',
  test: false,
  roleNames: [],
  userTenants: [],
  customAttributes: {},
  picture: '',
  // Fields the official SDK's user type declares; passwordless users have none of these.
  TOTP: false,
  SAML: false,
  SCIM: false,
  password: false,
});

/** The emulator's memory. */
export class EmulatorState {
  readonly users = new Map<string, UserRecord>();
  /** Magic links by token. */
  readonly links = new Map<string, PendingLink>();
  /** Pending codes by login id (a new code replaces the older one). */
  readonly codes = new Map<string, PendingCode>();
  /** Refresh JWTs by `jti`. */
  readonly refreshTokens = new Map<string, RefreshRecord>();

  constructor(private readonly nowSeconds: () => number) {}

  /** The user that has `loginId` among its login ids. */
  findUser(loginId: string): UserRecord | undefined {
    for (const user of this.users.values()) if (user.loginIds.includes(loginId)) return user;
    return undefined;
  }

  /** Adds a new user record. */
  addUser(user: UserRecord): void {
    this.users.set(user.userId, user);
  }

  /** Creates a user directly; throws an Error that says what is wrong with the seed. */
  seedUser(seed: SeedUser): User {
    const parsed = z.safeParse(seedUserSchema, seed);
    if (!parsed.success) throw new Error(`Invalid seed user: ${z.prettifyError(parsed.error)}`);
    const loginIds = [...(seed.loginIds ?? []), ...(seed.loginId ? [seed.loginId] : [])];
    if (!loginIds.length) throw new Error('Invalid seed user: give `loginId` or `loginIds`.');
    for (const id of loginIds) if (this.findUser(id)) throw new Error(`Invalid seed user: login id ${id} exists.`);
    const user: UserRecord = {
      userId: `U${randomId(14)}`,
      loginIds,
      verifiedEmail: seed.verifiedEmail ?? !!seed.email,
      verifiedPhone: seed.verifiedPhone ?? !!seed.phone,
      createdTime: this.nowSeconds(),
      ...(seed.email ? { email: seed.email } : {}),
      ...(seed.phone ? { phone: seed.phone } : {}),
      ...(seed.name ? { name: seed.name } : {}),
      ...(seed.givenName ? { givenName: seed.givenName } : {}),
      ...(seed.familyName ? { familyName: seed.familyName } : {}),
    };
    this.addUser(user);
    return publicUser(user);
  }

  /** Merges `from` into `into`: `into` keeps its id and gains `from`'s login ids; `from` is gone, its sessions revoked. */
  merge(from: UserRecord, into: UserRecord): void {
    into.loginIds = [...new Set([...into.loginIds, ...from.loginIds])];
    this.users.delete(from.userId);
    this.revokeSessions(from.userId);
  }

  /** Marks every refresh JWT of the user as logged out. */
  revokeSessions(userId: string): void {
    for (const record of this.refreshTokens.values()) if (record.userId === userId) record.state = 'loggedOut';
  }

  /** Forgets everything. */
  clear(): void {
    this.users.clear();
    this.links.clear();
    this.codes.clear();
    this.refreshTokens.clear();
  }
}
