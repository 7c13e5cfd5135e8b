import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { publint } from 'publint';

// These checks read the built package: `npm test` builds it (bundle and declarations) before Vitest.
const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as {
  exports: Record<string, string | { types: string; import: string }>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

describe('the built package', () => {
  it('exists (run `npm run build` first)', () => {
    expect(existsSync(`${root}/dist/client.js`)).toBe(true);
  });

  it('gets no message from publint (strict)', async () => {
    const { messages } = await publint({ pkgDir: root, strict: true, pack: false });
    expect(messages).toEqual([]);
  });

  it('declares every entry with its types, and the files exist', () => {
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string') continue;
      expect(existsSync(`${root}/${target.import}`), `${subpath} import`).toBe(true);
      expect(existsSync(`${root}/${target.types}`), `${subpath} types`).toBe(true);
    }
  });

  it('keeps React, react-query, react-hook-form and zod as peers, msw an optional one', () => {
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(
      ['@tanstack/react-query', 'msw', 'react', 'react-dom', 'react-hook-form', 'zod'].sort(),
    );
    // zod is needed by every entry (the client validates with it); msw only by passlink/msw.
    expect(pkg.peerDependenciesMeta.zod?.optional).toBeUndefined();
    expect(pkg.peerDependenciesMeta.msw?.optional).toBe(true);
  });

  it('exports exactly the public surface of passlink/client', async () => {
    const entry: Record<string, unknown> = await import(`${root}/dist/client.js`);
    expect(Object.keys(entry).sort()).toMatchInlineSnapshot(`
      [
        "ApiError",
        "InputError",
        "NetworkError",
        "PasslinkError",
        "ResponseFormatError",
        "TimeoutError",
        "baseUrlFor",
        "createClient",
        "createTransport",
        "emailProblem",
        "magicLinkSignIn",
        "magicLinkSignUp",
        "magicLinkSignUpOrIn",
        "magicLinkUpdateEmail",
        "magicLinkUpdatePhone",
        "magicLinkVerify",
        "normalizeEmail",
        "normalizeLoginId",
        "normalizePhone",
        "otpSignIn",
        "otpSignUp",
        "otpSignUpOrIn",
        "otpUpdateEmail",
        "otpUpdatePhone",
        "otpVerify",
        "phoneProblem",
        "sessionLogout",
        "sessionMe",
        "sessionRefresh",
      ]
    `);
  });

  it('exports exactly the public surface of passlink/emulator and passlink/msw', async () => {
    const emulator: Record<string, unknown> = await import(`${root}/dist/emulator.js`);
    expect(Object.keys(emulator).sort()).toEqual([
      'Outbox',
      'createEmulator',
      'defaultRateLimits',
      'maskEmail',
      'maskPhone',
      'spokenCode',
      'startEmulatorServer',
    ]);
    const msw: Record<string, unknown> = await import(`${root}/dist/msw.js`);
    expect(Object.keys(msw).sort()).toEqual(['createEmulator', 'createEmulatorHandlers', 'readOutbox', 'waitForMessage']);
  });
});
