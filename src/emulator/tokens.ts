import { SignJWT, exportJWK, generateKeyPair, jwtVerify, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/**
 * What the emulator's JWTs carry, as Descope documents a session token's claims
 * (docs.descope.com/session-overview: `amr`, `drn`, `exp`, `iat`, `iss` "the Descope project ID",
 * `sub` "the User ID"), plus `jti`, by which the emulator tracks refresh JWTs.
 */
export interface TokenClaims extends JWTPayload {
  sub: string;
  iss: string;
  iat: number;
  exp: number;
  jti: string;
  /**
   * `DS` for a session token, `DSR` for a refresh token: how Descope's SDKs tell the two apart
   * (descope/go-sdk descope/internal/auth/utils.go `claimAttributeName = "drn"`).
   */
  drn: 'DS' | 'DSR';
  /** The factors the user proved, e.g. `['email']` (go-sdk descope/types.go `AuthFactor`). */
  amr: string[];
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const POOL_SIZE = 4096;
let pool = new Uint8Array(0);
let used = POOL_SIZE;

/**
 * Random bytes from a pool refilled 4 KiB at a time: one `getRandomValues` call costs far more
 * than the bytes it returns, and seeding 50,000 users draws an id for each. Every byte is used
 * once.
 */
const randomBytes = (count: number): Uint8Array => {
  if (count > POOL_SIZE) return crypto.getRandomValues(new Uint8Array(count));
  if (used + count > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_SIZE));
    used = 0;
  }
  used += count;
  return pool.subarray(used - count, used);
};

// Joined, not concatenated: `+=` would keep each id as a rope of small strings, objects the
// garbage collector then walks for as long as the id lives.
const randomHex = (bytes: number) => Array.from(randomBytes(bytes), (byte) => HEX[byte]).join('');

/** A random id of `bytes` random bytes, hex. */
export const randomId = randomHex;

/**
 * `length` uniformly random decimal digits. A byte is 0..255, and 256 is not a multiple of 10:
 * `byte % 10` would make 0..5 slightly likelier than 6..9 (26 bytes each against 25). Bytes of
 * 250 and above are drawn again (rejection sampling), so every digit has the same chance.
 *
 * @param source where random bytes come from. Default: the crypto pool (tests pass their own).
 */
export const randomDigits = (length: number, source: (count: number) => Uint8Array = randomBytes): string => {
  let digits = '';
  while (digits.length < length) {
    for (const byte of source(length - digits.length + 4)) {
      if (byte < 250 && digits.length < length) digits += String(byte % 10);
    }
  }
  return digits;
};

/** The signing algorithm of Descope's session keys (its JWKS: docs.descope.com/api/session/get-keys-v2). */
export const SIGNING_ALGORITHM = 'RS256';

const newKeyPair = () => generateKeyPair(SIGNING_ALGORITHM, { modulusLength: 2048 });

/**
 * The key pair every emulator of this JavaScript realm starts with, made on first use. An RSA
 * key costs about a quarter of a second to generate, and a test suite creates hundreds of
 * emulators: they share this one, each under its own `kid`, and each verifies only its own kids
 * (a JWT names its kid in its signed header, so another emulator's token is refused there).
 * `rotateKeys()` always generates a fresh pair.
 */
let firstPair: Promise<CryptoKeyPair> | undefined;
const sharedFirstPair = () => {
  firstPair ??= newKeyPair().catch((error: unknown) => {
    firstPair = undefined;
    throw error;
  });
  return firstPair;
};

/** One signing key: its pair, its public JWK, and when it leaves the key set after a rotation. */
interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK;
  /** Milliseconds (the emulator's clock) after which no token it signed can still be valid. */
  retiresAt: number;
}

const signingKey = async (pair: Promise<CryptoKeyPair>): Promise<SigningKey> => {
  const { privateKey, publicKey } = await pair;
  const kid = `K${randomHex(16)}`;
  const { kty, n, e } = await exportJWK(publicKey);
  // Exactly the fields Descope's key set lists (alg, e, kid, kty, n, use); go-sdk requires `alg`
  // on each key (descope/internal/auth/jwt.go selectKey), node-sdk a `kid` in the token header.
  return { kid, privateKey, publicKey, jwk: { alg: SIGNING_ALGORITHM, e, kid, kty, n, use: 'sig' }, retiresAt: Infinity };
};

/**
 * Signs and verifies the emulator's JWTs as Descope does: RS256, a `kid` in the header, the public
 * keys at `GET /v2/keys/<projectId>` (WebCrypto through jose: the same code runs in Node, a
 * browser and a service worker). A rotation adds a new signing key and keeps the old ones in the
 * key set, and valid for verification, until every token they signed has expired.
 */
export class TokenIssuer {
  #current: Promise<SigningKey> | undefined;
  #retired: SigningKey[] = [];

  /**
   * @param projectId the `iss` of every token.
   * @param now the emulator's clock, milliseconds.
   * @param longestTtlSeconds how long a token can live (the refresh TTL): how long a rotated key stays.
   */
  constructor(
    private readonly projectId: string,
    private readonly now: () => number,
    private readonly longestTtlSeconds: () => number,
  ) {}

  #signing(): Promise<SigningKey> {
    this.#current ??= signingKey(sharedFirstPair());
    return this.#current;
  }

  /** The keys that may have signed a live token: the signing key, and retired ones not yet past their tokens' expiry. */
  async #keys(): Promise<SigningKey[]> {
    const current = await this.#signing();
    const at = this.now();
    this.#retired = this.#retired.filter((key) => key.retiresAt > at);
    return [current, ...this.#retired];
  }

  /**
   * Signs a token for `userId`, valid for `ttlSeconds`; `extra` claims go beside Descope's own
   * (which they cannot replace). Answers the JWT, its `jti`, `exp` and whole payload.
   */
  async sign(kind: 'DS' | 'DSR', userId: string, ttlSeconds: number, amr: readonly string[], extra: Record<string, unknown> = {}) {
    const { privateKey, kid } = await this.#signing();
    const iat = Math.floor(this.now() / 1000);
    const payload: TokenClaims = {
      ...extra,
      amr: [...amr],
      drn: kind,
      exp: iat + ttlSeconds,
      iat,
      iss: this.projectId,
      jti: randomHex(12),
      sub: userId,
    };
    const jwt = await new SignJWT(payload).setProtectedHeader({ alg: SIGNING_ALGORITHM, kid, typ: 'JWT' }).sign(privateKey);
    return { jwt, jti: payload.jti, exp: payload.exp, payload };
  }

  /** The claims of a `kind` token one of this issuer's live keys signed and that has not expired, or undefined. */
  async verify(jwt: string, kind: 'DS' | 'DSR'): Promise<TokenClaims | undefined> {
    const keys = await this.#keys();
    try {
      const { payload } = await jwtVerify(
        jwt,
        (header) => {
          const key = keys.find((candidate) => candidate.kid === header.kid);
          if (!key) throw new Error('unknown kid');
          return key.publicKey;
        },
        { issuer: this.projectId, algorithms: [SIGNING_ALGORITHM], currentDate: new Date(this.now()) },
      );
      return payload.drn === kind && typeof payload.jti === 'string' ? (payload as TokenClaims) : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Starts signing with a freshly generated key; the previous one stays in the key set (and
   * verifies its tokens) for the longest token lifetime. Answers the new `kid`.
   */
  async rotate(): Promise<string> {
    const previous = await this.#signing();
    const next = signingKey(newKeyPair());
    this.#current = next;
    const retired = { ...previous, retiresAt: this.now() + this.longestTtlSeconds() * 1000 };
    this.#retired.push(retired);
    try {
      return (await next).kid;
    } catch (error) {
      // No new key: keep signing with the old one.
      this.#retired = this.#retired.filter((key) => key !== retired);
      if (this.#current === next) this.#current = Promise.resolve(previous);
      throw error;
    }
  }

  /** The public key set, as `GET /v2/keys/<projectId>` answers it. */
  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: (await this.#keys()).map((key) => ({ ...key.jwk })) };
  }
}
