/**
 * examples/next-app-router as a user gets it: the packed tarball (`npm pack` of the built
 * package) extracted as the example's `passlink`, typechecked with `strict` and
 * `exactOptionalPropertyTypes` under `moduleResolution` bundler and nodenext, built with
 * `next build` (Server Component pages import passlink's components directly), served by
 * `next start` on a free loopback port against the emulator on another (so that two test runs side
 * by side never collide; the emulator's address is baked into the build), and driven in Chromium:
 * proxy.ts sends a signed-out visitor to /login, sign-in by email code reaches /account, a
 * reload stays signed in, the route handler answers, and signing out goes back to /login.
 *
 * The build's duration goes to reports/next-example.json (a figure, never an assertion).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startEmulatorServer, type EmulatorServer } from '../../src/emulator/node';
import { launchChromium } from '../e2e/browser';

const root = fileURLToPath(new URL('../..', import.meta.url));
const example = path.join(root, 'examples', 'next-app-router');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const tscBin = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** A port the system says is free on 127.0.0.1 (taken by the server that asked for it at once). */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

let appPort = 0;
let app = '';
const PROJECT = 'PnextExample';
const EMAIL = 'grace@example.com';

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  NEXT_PUBLIC_PASSLINK_PROJECT_ID: PROJECT,
  // Set in beforeAll, before the build inlines it: the emulator's free port.
  NEXT_PUBLIC_PASSLINK_BASE_URL: '',
  // Vitest's own NODE_ENV ('test') would make next build warn and React run in test mode.
  NODE_ENV: 'production',
};

/** Runs a command to its end; answers its output, or rejects with the output's tail. */
const run = (command: string, args: string[], cwd: string) =>
  new Promise<string>((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${path.basename(args[0] ?? command)} ${args.slice(1).join(' ')} exited with ${code}:\n${output.slice(-4000)}`)),
    );
  });

/** Starts `next start` in a process group of its own; resolves once it says it is ready. */
const startNext = () =>
  new Promise<ChildProcess>((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, 'start', '--port', String(appPort), '--hostname', '127.0.0.1'], {
      cwd: example,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Ready in/.test(output)) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`next start exited with ${code} before it was ready:\n${output.slice(-3000)}`)));
  });

/** Stops a process we started, and its children, by its process group id; waits for its exit. */
const stop = async (child: ChildProcess | undefined) => {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  await exited;
};

/** The built package as `npm pack` makes it, extracted as the example's node_modules/passlink. */
async function installPackedTarball() {
  if (!existsSync(path.join(root, 'dist', 'index.js'))) throw new Error('dist/ is missing: `npm test` builds it (`npm run build`).');
  const packDir = mkdtempSync(path.join(tmpdir(), 'passlink-pack-'));
  try {
    await run('npm', ['pack', '--silent', '--pack-destination', packDir], root);
    const tarball = readdirSync(packDir).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error('npm pack made no tarball');
    const target = path.join(example, 'node_modules', 'passlink');
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    // Its dependencies and peers (react, react-query, jose …) resolve from the repository's node_modules.
    await run('tar', ['-xzf', path.join(packDir, tarball), '-C', target, '--strip-components=1'], root);
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
}


/** A fresh browser context and page, collecting console errors and page errors as `problems`. */
const openPage = async (browser: Browser | undefined): Promise<{ context: BrowserContext; page: Page; problems: string[] }> => {
  const context = await (browser as Browser).newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { context, page, problems };
};

describe('examples/next-app-router, built from the packed tarball', () => {
  let emulator: EmulatorServer | undefined;
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let buildOutput = '';
  /** The nodenext typecheck, started after the build and run beside the browser journeys. */
  let nodenextCheck: Promise<{ output: string; error?: unknown }> = Promise.resolve({ output: '', error: new Error('not run') });

  beforeAll(async () => {
    const emulatorPort = await freePort();
    appPort = await freePort();
    app = `http://127.0.0.1:${appPort}`;
    env.NEXT_PUBLIC_PASSLINK_BASE_URL = `http://127.0.0.1:${emulatorPort}`;
    await installPackedTarball();
    // `next build` replaces its output and keeps .next/cache (Turbopack's cache, keyed by content).
    const started = performance.now();
    buildOutput = await run(process.execPath, [nextBin, 'build'], example);
    const buildSeconds = (performance.now() - started) / 1000;
    // next-env.d.ts and .next/types exist now; the check settles into a value, never a rejection.
    nodenextCheck = run(process.execPath, [tscBin, '-p', 'tsconfig.nodenext.json', '--noEmit'], example).then(
      (output) => ({ output }),
      (error: unknown) => ({ output: '', error }),
    );
    mkdirSync(path.join(root, 'reports'), { recursive: true });
    writeFileSync(path.join(root, 'reports', 'next-example.json'), `${JSON.stringify({ nextBuildSeconds: Number(buildSeconds.toFixed(1)) })}\n`);
    emulator = await startEmulatorServer({ projectId: PROJECT, port: emulatorPort });
    server = await startNext();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await nodenextCheck;
    await browser?.close();
    await stop(server);
    await emulator?.close();
  });

  it('builds: Server Component pages, a route handler and the proxy', () => {
    for (const route of ['/login', '/verify', '/account', '/api/me']) expect(buildOutput).toContain(route);
    expect(buildOutput).toMatch(/Proxy/);
  });

  it('typechecks with strict and exactOptionalPropertyTypes, moduleResolution bundler (next build, tsconfig.json)', () => {
    const { compilerOptions } = JSON.parse(readFileSync(path.join(example, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    expect(compilerOptions).toMatchObject({ strict: true, exactOptionalPropertyTypes: true, moduleResolution: 'bundler' });
    // next build typechecks the app with tsconfig.json and fails on any error.
    expect(buildOutput).toMatch(/Finished TypeScript/);
  });

  it('serves the login form from the server, with no JavaScript run', async () => {
    const html = await (await fetch(`${app}/login`)).text();
    expect(html).toContain('Sign in or create an account');
    expect(html).toContain('Email address');
  });

  it('answers 401 from the route handler without a session, and for a made-up token', async () => {
    expect((await fetch(`${app}/api/me`)).status).toBe(401);
    expect((await fetch(`${app}/api/me`, { headers: { Authorization: 'Bearer not.a.jwt' } })).status).toBe(401);
    const redirect = await fetch(`${app}/account`, { redirect: 'manual' });
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get('location')).toBe('/login?next=%2Faccount');
  });

  it('signs in by email code, reaches /account, stays signed in on reload, and signs out back to /login', async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      // Signed out: the proxy sends /account to /login.
      await page.goto(`${app}/account`);
      await page.waitForURL(`${app}/login?next=%2Faccount`);
      await page.getByRole('radio', { name: 'Code by email' }).check();
      await page.getByRole('textbox', { name: 'Email address' }).fill(EMAIL);
      await page.getByRole('button', { name: 'Send me a code' }).click();
      const codeField = page.getByRole('textbox', { name: 'Verification code' });
      await codeField.waitFor();
      const code = emulator?.emulator.outbox.latest({ to: EMAIL })?.code ?? '';
      expect(code).toMatch(/^\d{6}$/);
      await codeField.pressSequentially(code);

      // Verified: the session JWT is in the first-party DS cookie, and the server sees the user.
      await page.waitForURL(`${app}/account`);
      await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
      const userId = await page.getByTestId('user-id').textContent();
      expect(userId).toMatch(/^U/);
      const ds = (await context.cookies(app)).find((cookie) => cookie.name === 'DS');
      expect(ds).toMatchObject({ path: '/', sameSite: 'Lax', httpOnly: false });
      expect((await context.cookies(app)).map((cookie) => cookie.name)).not.toContain('DSR');
      await page.getByRole('heading', { name: 'Change your phone number' }).waitFor();

      const me = await page.evaluate(async () => {
        const response = await fetch('/api/me');
        return { status: response.status, body: (await response.json()) as { userId?: string } };
      });
      expect(me).toMatchObject({ status: 200, body: { userId } });
      // An API client sends the same token as a bearer.
      const bearer = await fetch(`${app}/api/me`, { headers: { Authorization: `Bearer ${ds?.value ?? ''}` } });
      expect(await bearer.json()).toMatchObject({ userId });

      // A reload: the proxy lets it through, the page is rendered for the same user.
      await page.reload();
      await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
      expect(page.url()).toBe(`${app}/account`);
      expect(await page.getByTestId('user-id').textContent()).toBe(userId);

      // Sign out: the cookie goes, the proxy sends the page to /login.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(`${app}/login?next=%2Faccount`);
      await page.getByRole('heading', { name: 'Sign in or create an account' }).waitFor();
      expect((await context.cookies(app)).map((cookie) => cookie.name)).not.toContain('DS');
      await page.goto(`${app}/account`);
      await page.waitForURL(`${app}/login?next=%2Faccount`);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('signs in by an email link: the verify page, then /account', async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      await page.goto(`${app}/login`);
      await page.getByRole('radio', { name: 'Link by email' }).check();
      await page.getByRole('textbox', { name: 'Email address' }).fill('ada@example.com');
      await page.getByRole('button', { name: 'Send me a link' }).click();
      await page.getByRole('heading', { name: 'Check your email' }).waitFor();
      const link = emulator?.emulator.outbox.latest({ to: 'ada@example.com' })?.link ?? '';
      expect(link.startsWith(`${app}/verify?t=`)).toBe(true);
      await page.goto(link);
      await page.waitForURL(`${app}/account`);
      await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  // Last: the check has been running beside the journeys.
  it('typechecks with strict and exactOptionalPropertyTypes, moduleResolution nodenext (tsc, tsconfig.nodenext.json)', async () => {
    const { compilerOptions } = JSON.parse(readFileSync(path.join(example, 'tsconfig.nodenext.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    expect(compilerOptions).toMatchObject({ module: 'nodenext', moduleResolution: 'nodenext' });
    const { error } = await nodenextCheck;
    if (error) throw error;
  });
});
