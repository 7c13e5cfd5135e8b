import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { publint } from 'publint';

// These checks read the built package: `npm test` builds it (bundle and declarations) before Vitest.
const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as {
  exports: Record<string, string | { types: string; import: string; default: string }>;
  types: string;
  typesVersions: Record<string, Record<string, string[]>>;
  dependencies: Record<string, string>;
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

  it('keeps React, react-query, react-hook-form and zod as peers, msw and react-dom optional ones', () => {
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(
      ['@tanstack/react-query', 'msw', 'react', 'react-dom', 'react-hook-form', 'zod'].sort(),
    );
    // passlink's index.js imports React, react-query and react-hook-form statically (through its
    // hooks and components chunks), and every entry zod: none of them is optional. msw is loaded
    // only by passlink/msw; react-dom by no file of passlink (the app renders with it).
    const optional = Object.entries(pkg.peerDependenciesMeta)
      .filter(([, meta]) => meta.optional)
      .map(([name]) => name);
    expect(optional.sort()).toEqual(['msw', 'react-dom']);
    for (const range of Object.values(pkg.peerDependencies)) expect(range).toMatch(/^\^\d/);
  });

  it('gives users caret ranges for its dependencies (the lockfile keeps the exact versions tested)', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['jose', 'libphonenumber-js']);
    for (const range of Object.values(pkg.dependencies)) expect(range).toMatch(/^\^\d+\.\d+\.\d+$/);
  });

  it('declares types, import and default for every entry, and typesVersions for node10', () => {
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string') {
        expect(subpath).toMatch(/\.(css|json)$/);
        continue;
      }
      // types first: TypeScript takes the first condition it knows.
      expect(Object.keys(target), subpath).toEqual(['types', 'import', 'default']);
      expect(target.default).toBe(target.import);
      if (subpath !== '.') expect(pkg.typesVersions['*']?.[subpath.slice(2)], subpath).toEqual([target.types]);
      else expect(pkg.types).toBe(target.types);
    }
  });

  it('writes every relative import of its declaration files as Node resolves it (node16/nodenext)', () => {
    const files = readdirSync(`${root}/dist/types`, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.d.ts'));
    expect(files.length).toBeGreaterThan(20);
    let checked = 0;
    for (const file of files) {
      const text = readFileSync(`${root}/dist/types/${file}`, 'utf8');
      for (const [, specifier = ''] of text.matchAll(/(?:from\s+|import\(\s*)['"](\.{1,2}(?:\/[^'"]*)?)['"]/g)) {
        expect(specifier, file).toMatch(/\.js$/);
        const target = new URL(specifier.replace(/\.js$/, '.d.ts'), `file://${root}/dist/types/${file}`);
        expect(existsSync(target), `${file}: ${specifier}`).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('exports exactly the public surface of passlink/client', async () => {
    const entry: Record<string, unknown> = await import(`${root}/dist/client.js`);
    expect(Object.keys(entry).sort()).toMatchInlineSnapshot(`
      [
        "ApiError",
        "ENCHANTED_LINK_PENDING",
        "InputError",
        "NetworkError",
        "PasslinkError",
        "ResponseFormatError",
        "TimeoutError",
        "baseUrlFor",
        "createClient",
        "createTransport",
        "emailProblem",
        "enchantedLinkPendingSession",
        "enchantedLinkSignIn",
        "enchantedLinkSignUp",
        "enchantedLinkSignUpOrIn",
        "enchantedLinkUpdateEmail",
        "enchantedLinkVerify",
        "isPendingSession",
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
        "sessionTryRefresh",
      ]
    `);
  });

  it('exports exactly the public surface of passlink (the client, the session store, the hooks, the components, the catalogs)', async () => {
    const entry: Record<string, unknown> = await import(`${root}/dist/index.js`);
    expect(Object.keys(entry).sort()).toEqual([
      'ApiError',
      'ContactUpdate',
      'ENCHANTED_LINK_MARKER',
      'ENCHANTED_LINK_MARKER_VALUE',
      'ENCHANTED_LINK_PENDING',
      'EmailField',
      'InputError',
      'LoginForm',
      'LoginFormError',
      'LoginFormLoginIdField',
      'LoginFormRoot',
      'LoginFormSubmit',
      'MessageSent',
      'MessageSentChangeDestination',
      'MessageSentCode',
      'MessageSentDescription',
      'MessageSentEnchantedLink',
      'MessageSentResend',
      'MessageSentRoot',
      'NetworkError',
      'NotSignedInError',
      'OtpField',
      'PasslinkError',
      'PasslinkMessages',
      'PasslinkProvider',
      'PasswordlessLogin',
      'PhoneField',
      'ResponseFormatError',
      'TimeoutError',
      'UpdateEmail',
      'UpdatePhone',
      'VerifyMagicLink',
      'baseUrlFor',
      'cookiePersistence',
      'createClient',
      'createSessionStore',
      'createTranslator',
      'createTransport',
      'de',
      'defaultLoginMethods',
      'describeError',
      'emailProblem',
      'en',
      'enchantedLinkMethod',
      'enchantedLinkPendingSession',
      'enchantedLinkSignIn',
      'enchantedLinkSignUp',
      'enchantedLinkSignUpOrIn',
      'enchantedLinkUpdateEmail',
      'enchantedLinkVerify',
      'es',
      'formatMessage',
      'fr',
      'isPendingSession',
      'loadPhoneLib',
      'magicLinkSignIn',
      'magicLinkSignUp',
      'magicLinkSignUpOrIn',
      'magicLinkUpdateEmail',
      'magicLinkUpdatePhone',
      'magicLinkVerify',
      'memoryPersistence',
      'normalizeEmail',
      'normalizeLoginId',
      'normalizePhone',
      'otpSignIn',
      'otpSignUp',
      'otpSignUpOrIn',
      'otpUpdateEmail',
      'otpUpdatePhone',
      'otpVerify',
      'passlinkKeys',
      'phoneProblem',
      'sessionLogout',
      'sessionMe',
      'sessionRefresh',
      'sessionTryRefresh',
      'storagePersistence',
      'useEnchantedLinkSession',
      'useEnchantedLinkSignIn',
      'useEnchantedLinkSignUp',
      'useEnchantedLinkSignUpOrIn',
      'useLogout',
      'useMagicLinkSignIn',
      'useMagicLinkSignUp',
      'useMagicLinkSignUpOrIn',
      'useMessages',
      'useOtpSignIn',
      'useOtpSignUp',
      'useOtpSignUpOrIn',
      'useResendCooldown',
      'useSession',
      'useUpdateEmail',
      'useUpdatePhone',
      'useUser',
      'useVerifyEnchantedLink',
      'useVerifyOtp',
      'useVerifyToken',
      'withSessionCookie',
    ]);
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
