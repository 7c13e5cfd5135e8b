/*
 * Custom claims a client asks for in `loginOptions.customClaims`, checked as Descope documents
 * them:
 * - claims a client adds are untrusted, so Descope nests them under the `nsec` claim of the
 *   session JWT, never beside its own (`sub`, `iss`, `exp`, `amr`, `drn`, `roles`, `tenants` …):
 *   docs.descope.com/manage/customclaims ("custom claims added by the client SDK will be within
 *   the nsec claim"), and the Flutter SDK's `SignInOptions.customClaims` ("considered insecure
 *   and will be nested under the nsec custom claim");
 * - "each key can have a maximum of 60 chars, each claim value can have a maximum of 500 chars,
 *   and each JWT can have a maximum of 100 keys": docs.descope.com/actions/custom-claims and
 *   docs.descope.com/security-best-practices/custom-claims.
 * The docs do not say how an object or array value is measured; the emulator measures its JSON
 * text, which also bounds how deep it can nest.
 */

/** Descope's documented limits on custom claims. */
export const CUSTOM_CLAIM_LIMITS = { maxKeys: 100, maxKeyLength: 60, maxValueLength: 500 } as const;

/** The name of the claim that holds a client's custom claims in the session JWT (Descope's). */
export const CLIENT_CLAIMS = 'nsec';

/**
 * The length of `value` as JSON text, counted without building the text and without recursion,
 * stopping as soon as it passes `cap` (a 100 KB string or a 100,000-deep object costs no more
 * than `cap` steps).
 */
const jsonLength = (value: unknown, cap: number): number => {
  let length = 0;
  const stack: unknown[] = [value];
  while (stack.length && length <= cap) {
    const item = stack.pop();
    if (typeof item === 'string') length += item.length + 2;
    else if (typeof item === 'number' || typeof item === 'boolean' || item === null) length += String(item).length;
    else if (Array.isArray(item)) {
      length += 2 + Math.max(0, item.length - 1);
      if (item.length > cap) return cap + 1;
      for (const element of item) stack.push(element);
    } else if (typeof item === 'object') {
      const keys = Object.keys(item);
      length += 2 + Math.max(0, keys.length - 1);
      if (keys.length > cap) return cap + 1;
      for (const key of keys) {
        length += key.length + 3;
        stack.push((item as Record<string, unknown>)[key]);
      }
    } else {
      // undefined, functions, symbols, bigints: not JSON (cannot come from a parsed body).
      return cap + 1;
    }
  }
  return length;
};

/** What is wrong with these custom claims, or undefined when Descope's limits hold. */
export const customClaimsProblem = (claims: Record<string, unknown>): string | undefined => {
  const keys = Object.keys(claims);
  const { maxKeys, maxKeyLength, maxValueLength } = CUSTOM_CLAIM_LIMITS;
  if (keys.length > maxKeys) return `loginOptions.customClaims: at most ${maxKeys} claims`;
  for (const key of keys) {
    if (!key || key.length > maxKeyLength) return `loginOptions.customClaims: a claim name has 1 to ${maxKeyLength} characters`;
    const value = claims[key];
    if ((typeof value === 'string' ? value.length : jsonLength(value, maxValueLength)) > maxValueLength) {
      return `loginOptions.customClaims: the value of a claim has at most ${maxValueLength} characters`;
    }
  }
  return undefined;
};
