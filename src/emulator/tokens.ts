import { SignJWT, exportJWK, generateKeyPair, jwtVerify, type JWK, type JWTPayload, type CryptoKey } from 'jose';

/** What a verified passlink-emulator JWT carries. */
export interface TokenClaims extends JWTPayload {
  sub: string;
  /** `DS` for a session token, `DSR` for a refresh token (Descope's names). */
  drn: 'DS' | 'DSR';
  jti: string;
  exp: number;
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

/**
 * Signs and verifies the emulator's JWTs with an ES256 key generated when the emulator starts
 * (WebCrypto through jose: the same code runs in Node, a browser and a service worker).
 */
export class TokenIssuer {
  readonly #keys: Promise<{ privateKey: CryptoKey; publicKey: CryptoKey; kid: string }>;

  constructor(
    private readonly projectId: string,
    private readonly now: () => number,
  ) {
    this.#keys = generateKeyPair('ES256', { extractable: true }).then((pair) => ({ ...pair, kid: `K${randomHex(8)}` }));
  }

  /** Signs a token for `userId`, valid for `ttlSeconds`. */
  async sign(kind: 'DS' | 'DSR', userId: string, ttlSeconds: number, extra: Record<string, unknown> = {}) {
    const { privateKey, kid } = await this.#keys;
    const iat = Math.floor(this.now() / 1000);
    const jti = randomHex(12);
    const exp = iat + ttlSeconds;
    const jwt = await new SignJWT({ ...extra, drn: kind })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(this.projectId)
      .setAudience(this.projectId)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .setJti(jti)
      .sign(privateKey);
    return { jwt, jti, exp };
  }

  /** The claims of a token this issuer signed and that has not expired, or undefined. */
  async verify(jwt: string, kind: 'DS' | 'DSR'): Promise<TokenClaims | undefined> {
    const { publicKey } = await this.#keys;
    try {
      const { payload } = await jwtVerify(jwt, publicKey, {
        issuer: this.projectId,
        audience: this.projectId,
        currentDate: new Date(this.now()),
      });
      return payload.drn === kind ? (payload as TokenClaims) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The public JWKS. */
  async jwks(): Promise<{ keys: JWK[] }> {
    const { publicKey, kid } = await this.#keys;
    return { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] };
  }
}
