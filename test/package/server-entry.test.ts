import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Reads the built package: `npm test` runs `npm run build` before Vitest.
const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { exports: Record<string, { types: string; import: string } | string> };

/** Every bare module a built file imports, following its relative imports (chunks) through. */
const bareImportsOf = (file: string, seen = new Set<string>()): Set<string> => {
  const bare = new Set<string>();
  if (seen.has(file)) return bare;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const [, specifier = ''] of text.matchAll(/\b(?:import|export)\s*(?:[^'";]*?\sfrom\s*)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g)) {
    if (specifier.startsWith('.')) for (const name of bareImportsOf(path.resolve(path.dirname(file), specifier), seen)) bare.add(name);
    else bare.add(specifier);
  }
  return bare;
};

describe('passlink/server, built', () => {
  const target = pkg.exports['./server'];

  it('is an entry with its types', () => {
    expect(target).toMatchObject({ types: './dist/types/server/index.d.ts', import: './dist/server.js' });
    if (typeof target !== 'object') return;
    expect(existsSync(path.join(root, target.import))).toBe(true);
    expect(existsSync(path.join(root, target.types))).toBe(true);
  });

  it('loads jose and nothing else: no React, no react-query, no zod, no client chunk', () => {
    expect([...bareImportsOf(path.join(root, 'dist/server.js'))]).toEqual(['jose']);
  });

  it('exports exactly validateSession, getSession, sessionJwtOf and SessionError', async () => {
    const entry: Record<string, unknown> = await import(`${root}/dist/server.js`);
    expect(Object.keys(entry).sort()).toEqual(['SessionError', 'getSession', 'sessionJwtOf', 'validateSession']);
  });
});
