/**
 * What the e2e journeys share: the emulator's test routes, a page that records every console
 * error and page error, and the screenshot folder.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, ConsoleMessage, Locator, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { defaultRateLimits, type RateLimits } from '../../src/emulator/rate-limit';
import { repoRoot } from './demo-server';

export const demoUrl = () => inject('demoUrl');
export const emulatorUrl = () => inject('emulatorUrl');

export const screenshotDir = path.join(repoRoot, 'reports', 'screenshots');

const seedUsers: unknown = JSON.parse(readFileSync(path.join(repoRoot, 'demo', 'seed.json'), 'utf8'));

async function emulatorPost(route: string, body: unknown): Promise<void> {
  const response = await fetch(`${emulatorUrl()}${route}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${route} answered ${response.status}: ${await response.text()}`);
}

/**
 * A fresh emulator: users, links, codes, sessions, outbox and counters forgotten, the default
 * rate limits back (reset keeps the limits a test set), and demo/seed.json seeded again.
 */
export async function resetEmulator(): Promise<void> {
  await emulatorPost('/emulator/reset', {});
  await emulatorPost('/emulator/rate-limits', defaultRateLimits);
  await emulatorPost('/emulator/users', seedUsers);
}

export const setRateLimits = (limits: Partial<RateLimits>) => emulatorPost('/emulator/rate-limits', limits);

/** A failed request the journey causes on purpose (Chromium logs each as a console error). */
export interface ExpectedHttpFailure {
  status: number;
  /** A part of the request URL, e.g. `/v1/auth/otp/verify/voice`. */
  url: string;
}

export interface JourneyPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far, less the expected HTTP failures. */
  problems: string[];
  /** Declares a failed request as expected: its "Failed to load resource" console error is allowed once. */
  expectHttpFailure(failure: ExpectedHttpFailure): void;
  /**
   * Allows any number of these failures, none required: a poll that the server answers "not
   * yet" with an error status (an enchanted link's pending-session, 401 `E062503`).
   */
  allowHttpFailures(failure: ExpectedHttpFailure): void;
  /** Fails when anything went to the console as an error, or was thrown, or an expected failure never came. */
  assertClean(): void;
  close(): Promise<void>;
}

const FAILED_RESOURCE = /^Failed to load resource: the server responded with a status of (\d{3})\b/;

/** A new context and page (en-US, 1280×800) that records console errors and page errors. */
export async function openJourneyPage(browser: Browser, options: BrowserContextOptions = {}): Promise<JourneyPage> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 }, ...options });
  // The dev server's hot-reload socket is answered by nobody: a file saved while the tests run
  // (a developer at work) cannot reload the page in the middle of a journey. The page sees an open
  // socket that never speaks, so Vite logs nothing.
  await context.routeWebSocket(() => true, () => undefined);
  const page = await context.newPage();
  const problems: string[] = [];
  const expected: (ExpectedHttpFailure & { seen: boolean })[] = [];
  const allowed: ExpectedHttpFailure[] = [];

  const onConsole = (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    const failed = FAILED_RESOURCE.exec(text);
    if (failed) {
      const status = Number(failed[1]);
      const url = message.location().url;
      const match = expected.find((candidate) => !candidate.seen && candidate.status === status && url.includes(candidate.url));
      if (match) {
        match.seen = true;
        return;
      }
      if (allowed.some((candidate) => candidate.status === status && url.includes(candidate.url))) return;
    }
    problems.push(`console.error: ${text} (${message.location().url})`);
  };
  page.on('console', onConsole);
  page.on('pageerror', (error) => problems.push(`page error: ${error.stack ?? error.message}`));
  context.on('weberror', (error) => {
    const message = error.error().message;
    if (!problems.some((problem) => problem.includes(message))) problems.push(`web error: ${message}`);
  });

  return {
    context,
    page,
    problems,
    expectHttpFailure: (failure) => expected.push({ ...failure, seen: false }),
    allowHttpFailures: (failure) => allowed.push(failure),
    assertClean: () => {
      const missing = expected.filter((failure) => !failure.seen).map((failure) => `expected HTTP ${failure.status} on ${failure.url} was never logged`);
      expect([...problems, ...missing]).toEqual([]);
    },
    close: () => context.close(),
  };
}

/** Waits until the locator is visible (playwright's auto-wait, with the test's own timeout budget). */
export const visible = async (locator: Locator, timeout = 10_000) => {
  await locator.waitFor({ state: 'visible', timeout });
  return locator;
};

/** The element that has focus is the locator's. */
export const isFocused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);

/** The newest message in the outbox panel whose header says where it went, e.g. "Voice call to +14155550101". */
export const outboxMessage = (page: Page, heading: string) =>
  page.getByRole('complementary', { name: 'Outbox' }).getByRole('listitem').filter({ hasText: heading }).first();

/** The code of the newest outbox message to `heading`, as the panel shows it. */
export async function outboxCode(page: Page, heading: string): Promise<string> {
  const code = await visible(outboxMessage(page, heading).getByTestId('outbox-code'));
  const text = (await code.textContent())?.trim() ?? '';
  expect(text).toMatch(/^\d{6}$/);
  return text;
}

/** The same length, every digit different: certainly not the code. */
export const wrongCodeFor = (code: string) => code.replace(/\d/g, (digit) => String((Number(digit) + 1) % 10));

/** The demo's header toggle: switched on or off until the page is in `theme`. */
export async function useTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await visible(toggle);
  if ((await toggle.getAttribute('aria-pressed')) !== String(theme === 'dark')) await toggle.click();
  await expect.poll(() => page.locator('.app').getAttribute('data-theme')).toBe(theme);
}

export function ensureScreenshotDir(): string {
  mkdirSync(screenshotDir, { recursive: true });
  return screenshotDir;
}

/** After a failed test: a screenshot and the page's accessibility tree, under reports/screenshots/failures/. */
export async function saveFailure(page: Page, testName: string): Promise<void> {
  const dir = path.join(screenshotDir, 'failures');
  mkdirSync(dir, { recursive: true });
  const base = path.join(dir, testName.replace(/[^\w-]+/g, '-').slice(0, 80));
  try {
    await page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 5000 });
    writeFileSync(`${base}.txt`, `${page.url()}\n\n${await page.locator('body').ariaSnapshot({ timeout: 5000 })}\n`);
    console.log(`failure screenshot: ${base}.png`);
  } catch {
    // The page may be gone; the test's own error says what happened.
  }
}
