/**
 * Screenshots of the demo's main screens, light and dark (the header's "Dark theme" toggle), under
 * reports/screenshots/: sign-in, link sent, code step after a wrong code, verify success, account.
 * Like the journeys, a console error or a page error fails the run.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from './browser';
import {
  demoUrl,
  ensureScreenshotDir,
  openJourneyPage,
  outboxCode,
  outboxMessage,
  resetEmulator,
  saveFailure,
  useTheme,
  visible,
  wrongCodeFor,
  type JourneyPage,
} from './helpers';

let browser: Browser;
let journey: JourneyPage | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  // The screenshots are in reports/screenshots/; a passing run says nothing more.
  await browser?.close();
});

beforeEach(async () => {
  await resetEmulator();
});

afterEach(async ({ task }) => {
  const current = journey;
  journey = undefined;
  if (!current) return;
  try {
    if (task.result?.state === 'fail') await saveFailure(current.page, task.name);
    current.assertClean();
  } finally {
    await current.close();
  }
});

/**
 * The demo leaves the verify page as soon as a link is verified, so its success state is never on
 * screen long enough to photograph. For that one screenshot the first move from /verify to
 * /account is held back (a test-only wrapper around history.pushState); the header's links work
 * as usual afterwards.
 */
const holdVerifySuccess = () => {
  const push = history.pushState.bind(history);
  let held = false;
  history.pushState = (data: unknown, unused: string, url?: string | URL | null) => {
    if (!held && location.pathname === '/verify' && String(url) === '/account') {
      held = true;
      return;
    }
    push(data, unused, url);
  };
};

async function shoot(page: Page, name: string) {
  const file = path.join(ensureScreenshotDir(), `${name}.png`);
  // No caret blinking or transitions mid-shot.
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
}

describe.each(['light', 'dark'] as const)('screenshots, %s theme', (theme) => {
  it(`sign-in, link sent, verify success, account and a wrong code (${theme})`, async () => {
    journey = await openJourneyPage(browser, { colorScheme: 'light' });
    const { page } = journey;
    await page.addInitScript(holdVerifySuccess);
    journey.expectHttpFailure({ status: 401, url: '/v1/auth/otp/verify/voice' });

    await page.goto(demoUrl());
    await visible(page.getByRole('heading', { name: 'Sign in or create an account' }));
    await useTheme(page, theme);
    await shoot(page, `${theme}-1-sign-in`);

    // A new number, by a link in a text message.
    await page.getByRole('radio', { name: 'Link by text message' }).check();
    await page.getByRole('combobox', { name: 'Country or region' }).selectOption({ label: 'United States +1' });
    await page.getByRole('textbox', { name: 'Phone number' }).pressSequentially('4155550177');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await visible(page.getByRole('heading', { name: 'Check your messages' }));
    await visible(outboxMessage(page, 'SMS to +14155550177').getByTestId('outbox-link'));
    await shoot(page, `${theme}-2-link-sent`);

    await outboxMessage(page, 'SMS to +14155550177').getByTestId('outbox-link').click();
    await page.waitForURL((url) => url.pathname === '/verify');
    await visible(page.getByText('You are signed in.'));
    expect(new URL(page.url()).searchParams.has('t')).toBe(false);
    await useTheme(page, theme);
    await shoot(page, `${theme}-3-verify-success`);

    await page.getByRole('navigation', { name: 'Demo' }).getByRole('link', { name: 'Account' }).click();
    await visible(page.getByTestId('account-phone'));
    await shoot(page, `${theme}-4-account`);

    // Signed out, ada asks for a voice code and types a wrong one.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await visible(page.getByRole('heading', { name: 'Sign in or create an account' }));
    await page.getByRole('radio', { name: 'Code by phone call' }).check();
    await page.getByRole('textbox', { name: 'Phone number' }).pressSequentially('4155550101');
    await page.getByRole('button', { name: 'Call me with the code' }).click();
    await visible(page.getByRole('heading', { name: 'Answer your phone' }));
    const code = await outboxCode(page, 'Voice call to +14155550101');
    await page.getByRole('textbox', { name: 'Verification code' }).pressSequentially(wrongCodeFor(code));
    await visible(page.getByRole('alert').filter({ hasText: 'That code is not right.' }));
    await shoot(page, `${theme}-5-code-wrong`);
  });
});
