import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The packed package (`npm pack` of the built dist, as npm would publish it), extracted into a
// directory outside the repository, with only the packages each check names linked beside it:
// what resolves there is what a user's app resolves. `npm test` builds before Vitest runs.
const root = fileURLToPath(new URL('../..', import.meta.url));
const modules = join(root, 'node_modules');
const PROJECT_ID = 'P2abcdefghijklmnopqrstuvwxyz';

let work: string;
let tarball: string;

/** A directory with node_modules/passlink (the tarball) and links to `packages` from the repository. */
const installDir = (name: string, packages: string[]): string => {
  const dir = join(work, name);
  mkdirSync(join(dir, 'node_modules', 'passlink'), { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', join(dir, 'node_modules', 'passlink'), '--strip-components=1']);
  for (const pkg of packages) {
    mkdirSync(join(dir, 'node_modules', pkg, '..'), { recursive: true });
    symlinkSync(join(modules, pkg), join(dir, 'node_modules', pkg), 'dir');
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `passlink-${name}`, private: true, type: 'module' }));
  return dir;
};

/** Runs node in `dir` with none of the parent's module settings, so only `dir`'s node_modules count. */
const runNode = (dir: string, file: string) => {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  delete env.NODE_PATH;
  const result = spawnSync(process.execPath, [file], { cwd: dir, env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'passlink-tarball-'));
  const name = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop();
  tarball = join(work, name ?? '');
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed package in plain Node, with no React installed', () => {
  // Its dependencies and the one peer every entry needs (zod); no React, react-query, react-hook-form.
  const nodeOnly = () => installDir('node-only', ['jose', 'libphonenumber-js', 'zod']);

  it('imports passlink/client, passlink/session and passlink/server, and requires passlink/client and passlink/session', () => {
    const dir = nodeOnly();
    writeFileSync(
      join(dir, 'check.mjs'),
      `import { createRequire } from 'node:module';
const out = {};
try { await import('react'); out.react = 'resolvable'; } catch (error) { out.react = error.code; }
const client = await import('passlink/client');
const session = await import('passlink/session');
const server = await import('passlink/server');
const transport = client.createTransport({ projectId: ${JSON.stringify(PROJECT_ID)} });
const store = session.createSessionStore({ transport, persistence: session.memoryPersistence() });
out.signedIn = store.getSnapshot().isAuthenticated;
out.server = typeof server;
try { await import('passlink'); out.face = 'loaded'; } catch (error) { out.face = error.code; }
console.log(JSON.stringify(out));
`,
    );
    writeFileSync(
      join(dir, 'check.cjs'),
      `const client = require('passlink/client');
const session = require('passlink/session');
console.log(JSON.stringify({ createClient: typeof client.createClient, ApiError: typeof client.ApiError, createSessionStore: typeof session.createSessionStore }));
`,
    );
    const esm = runNode(dir, 'check.mjs');
    expect(esm.stderr).toBe('');
    expect(esm.status).toBe(0);
    expect(JSON.parse(esm.stdout)).toEqual({
      react: 'ERR_MODULE_NOT_FOUND',
      signedIn: false,
      server: 'object',
      // The package's face needs React: only its own entry fails, for the missing peer.
      face: 'ERR_MODULE_NOT_FOUND',
    });
    const cjs = runNode(dir, 'check.cjs');
    expect(cjs.stderr).toBe('');
    expect(cjs.status).toBe(0);
    expect(JSON.parse(cjs.stdout)).toEqual({ createClient: 'function', ApiError: 'function', createSessionStore: 'function' });
  });
});

describe('the packed package under strict TypeScript', () => {
  let dir: string;
  beforeAll(() => {
    dir = installDir('types', [
      'jose',
      'libphonenumber-js',
      'zod',
      'react',
      '@types/react',
      '@types/node',
      'undici-types',
      '@tanstack/react-query',
      '@tanstack/query-core',
      'react-hook-form',
      'msw',
    ]);
    cpSync(fileURLToPath(new URL('consumer/consumer.tsx', import.meta.url)), join(dir, 'consumer.tsx'));
  });

  // Side by side: each is one tsc process. The timeout is a safety net, not a schedule: tsc reads
  // React's, react-query's and Node's types, on a busy machine.
  it.concurrent.for(['nodenext', 'bundler'] as const)('compiles a small app with exactOptionalPropertyTypes, moduleResolution %s', { timeout: 120_000 }, async (resolution, { expect }) => {
    const compilerOptions = {
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      // The dependencies' declarations are not checked (slow, and not ours); an import of the
      // package's that did not resolve would be `any`, which consumer.tsx asserts is not the case.
      skipLibCheck: true,
      noEmit: true,
      jsx: 'react-jsx',
      target: 'ES2022',
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      types: ['node'],
      ...(resolution === 'nodenext' ? { module: 'nodenext', moduleResolution: 'nodenext' } : { module: 'esnext', moduleResolution: 'bundler' }),
    };
    writeFileSync(join(dir, `tsconfig.${resolution}.json`), JSON.stringify({ compilerOptions, files: ['consumer.tsx'] }));
    const tsc = await new Promise<{ status: number | null; output: string }>((done) => {
      const child = spawn(process.execPath, [join(modules, 'typescript', 'bin', 'tsc'), '-p', `tsconfig.${resolution}.json`], { cwd: dir });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('close', (status) => done({ status, output }));
    });
    expect(tsc.output).toBe('');
    expect(tsc.status).toBe(0);
  });
});
