import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// These checks read the built package: `npm test` runs `npm run build` before Vitest.
const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

/** Every built JavaScript file, relative to dist/: the entries and the chunks they share. */
const builtFiles = (): string[] => [
  ...readdirSync(dist).filter((name) => name.endsWith('.js')),
  ...readdirSync(`${dist}chunks`)
    .filter((name) => name.endsWith('.js'))
    .map((name) => `chunks/${name}`),
];

const read = (file: string): string => readFileSync(`${dist}${file}`, 'utf8');

/** The specifiers a built file imports or re-exports (static and dynamic). */
const specifiers = (code: string): string[] =>
  [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map((match) => match[1] ?? '');

const reactPackages = /^(react|react-dom|@tanstack\/react-query|react-hook-form)($|\/)/;

/** The bare packages a built file reaches through its relative imports, its own included. */
const reachablePackages = (entry: string): Set<string> => {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of specifiers(read(file))) {
      if (specifier.startsWith('.')) visit(new URL(specifier, `file:///${file}`).pathname.slice(1));
      else packages.add(specifier);
    }
  };
  visit(entry);
  return packages;
};

/** A directive prologue's `'use client'` (either quote), before any other statement. */
const hasUseClient = (code: string): boolean => /^(?:#![^\n]*\n)?\s*(['"])use client\1;?/.test(code);

const serverSafeEntries = ['client.js', 'session.js', 'server.js', 'emulator.js', 'msw.js', 'emulator-cli.js'];

describe('client boundaries of the built package', () => {
  it('exists (run `npm run build` first)', () => {
    expect(existsSync(`${dist}index.js`)).toBe(true);
  });

  it("starts every file that runs React code (hooks, context, components) with 'use client'", () => {
    const clientFiles = builtFiles().filter((file) => specifiers(read(file)).some((specifier) => reactPackages.test(specifier)));
    // The hooks and the components chunks, at least: a regrouping that moved them is checked too.
    expect(clientFiles.length).toBeGreaterThanOrEqual(2);
    for (const file of clientFiles) expect(hasUseClient(read(file)), file).toBe(true);
  });

  it("puts 'use client' on no file that holds no React code", () => {
    for (const file of builtFiles()) {
      const code = read(file);
      if (specifiers(code).some((specifier) => reactPackages.test(specifier))) continue;
      // A Server Component can call these (createClient, describeError, the session store) itself.
      expect(hasUseClient(code), file).toBe(false);
    }
  });

  it.each(serverSafeEntries)('keeps %s free of React: no directive, no React package reachable', (entry) => {
    expect(hasUseClient(read(entry))).toBe(false);
    const reactReached = [...reachablePackages(entry)].filter((name) => reactPackages.test(name));
    expect(reactReached).toEqual([]);
  });

  it('makes the package face (passlink) reach the React files only through chunks marked as client', () => {
    // index.js re-exports: the server-safe parts (client, session, i18n) stay callable on a server.
    const packages = specifiers(read('index.js')).filter((specifier) => !specifier.startsWith('.'));
    expect(packages).toEqual([]);
  });

  it('loads msw only from passlink/msw, and neither msw, jose nor Node built-ins from the browser entries', () => {
    for (const entry of builtFiles().filter((file) => !file.startsWith('chunks/'))) {
      const packages = [...reachablePackages(entry)];
      if (entry !== 'msw.js') expect(packages.filter((name) => /^msw($|\/)/.test(name)), entry).toEqual([]);
    }
    for (const entry of ['index.js', 'client.js', 'session.js']) {
      expect([...reachablePackages(entry)].filter((name) => /^(msw|jose|node:)/.test(name)), entry).toEqual([]);
    }
  });

  it('keeps the source maps aligned after the directive line', () => {
    let checked = 0;
    for (const file of builtFiles()) {
      if (!existsSync(`${dist}${file}.map`)) continue;
      const map = new SourceMap(JSON.parse(read(`${file}.map`)) as ConstructorParameters<typeof SourceMap>[0]);
      const lines = read(file).split('\n');
      lines.forEach((line, index) => {
        // A top-level function keeps its name through the build: its mapped source line declares it.
        const declared = /^function ([A-Za-z_$][\w$]*)\(/.exec(line)?.[1];
        if (!declared) return;
        const entry = map.findEntry(index, 'function '.length);
        expect('originalSource' in entry, `${file}:${index + 1} has a mapping`).toBe(true);
        if (!('originalSource' in entry)) return;
        const source = readFileSync(new URL(entry.originalSource, `file://${dist}${file}`), 'utf8').split('\n');
        expect(source[entry.originalLine], `${file}:${index + 1} → ${entry.originalSource}:${entry.originalLine + 1}`).toContain(declared);
        checked += 1;
      });
    }
    expect(checked).toBeGreaterThan(20);
  });
});
