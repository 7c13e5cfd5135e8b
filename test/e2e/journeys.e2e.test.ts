/**
 * The demo as a person uses it: Chromium, the real dev server and the emulator (started by the
 * project's global setup), nothing but what the page shows — roles, labels, and the outbox panel
 * for the link or the code. Every journey fails on a console error or a page error.
 *
 * Then screenshots of the main screens, light and dark (the header's "Dark theme" toggle), under
 * reports/screenshots/: sign-in, link sent, code step after a wrong code, verify success, account.
 *
 * One file: the journeys and the screenshots share one server and one emulator (each test resets
 * it), so they must not run at the same time; in one file they never do, and one Chromium serves
 * both.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from './browser';
import {
  demoUrl,
  ensureScreenshotDir,
  isFocused,
  openJourneyPage,
  outboxCode,
  outboxMessage,
  resetEmulator,
  saveFailure,
  setRateLimits,
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

async function start(options: { fakeClock?: boolean } = {}): Promise<Page> {
  journey = await openJourneyPage(browser);
  if (options.fakeClock) await journey.page.clock.install();
  await journey.page.goto(demoUrl());
  await visible(journey.page.getByRole('heading', { name: 'Sign in or create an account' }));
  return journey.page;
}

const phoneInput = (page: Page) => page.getByRole('textbox', { name: 'Phone number' });

/** Picks United States in the country list (its options arrive with the phone metadata). */
const chooseUnitedStates = (page: Page) => page.getByRole('combobox', { name: 'Country or region' }).selectOption({ label: 'United States +1' });

/** Lands on /account: the profile is there and the address bar holds no token. */
async function expectOnAccount(page: Page) {
  await page.waitForURL((url) => url.pathname === '/account', { timeout: 15_000 }).catch(async () => {
    const shown = (await page.locator('main').innerText({ timeout: 2000 }).catch(() => '?')).replace(/\s+/g, ' ');
    throw new Error(`expected to land on /account, but the page stayed on ${page.url()} showing: "${shown}"`);
  });
  await visible(page.getByRole('heading', { name: 'Your account', level: 1 }));
  await visible(page.getByTestId('account-email'));
  expect(new URL(page.url()).searchParams.has('t')).toBe(false);
}

/** Signs in through the page with the first method, a link by email. */
async function signInByEmailLink(page: Page, email: string) {
  await page.getByRole('radio', { name: 'Link by email' }).check();
  await page.getByRole('textbox', { name: 'Email address' }).fill(email);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await visible(page.getByRole('heading', { name: 'Check your email' }));
  await outboxMessage(page, `Email to ${email}`).getByTestId('outbox-link').click();
  await expectOnAccount(page);
}

describe('passlink demo in Chromium', () => {
  it('signs up a new number with a link by text message and lands on /account without the token in the address bar', async () => {
    const page = await start();
    await page.getByRole('radio', { name: 'Link by text message' }).check();
    await chooseUnitedStates(page);
    await phoneInput(page).pressSequentially('4155550177');
    await expect.poll(() => phoneInput(page).inputValue()).toBe('(415) 555-0177');
    await page.getByRole('button', { name: 'Send me a link' }).click();

    await visible(page.getByRole('heading', { name: 'Check your messages' }));
    const description = await visible(page.getByText(/^We sent a link to /));
    const sentText = (await description.textContent()) ?? '';
    expect(sentText).toBe('We sent a link to +1 ••• ••• 0177. Open it on this device to continue.');
    expect(sentText).not.toContain('4155550177');

    const link = outboxMessage(page, 'SMS to +14155550177').getByTestId('outbox-link');
    expect(await link.getAttribute('href')).toMatch(/\/verify\?t=[0-9a-f]+$/);
    await link.click();

    await expectOnAccount(page);
    expect(page.url()).not.toContain('t=');
    expect(await page.getByTestId('account-phone').textContent()).toBe('+14155550177');
    // A reload keeps the session (the demo stores it in localStorage) and brings no token back.
    await page.reload();
    await expectOnAccount(page);
    expect(await page.getByTestId('account-phone').textContent()).toBe('+14155550177');
  });

  it('signs ada in with an email link (any device): another browser opens the email, taps the right number, and this tab signs in by itself', async () => {
    const page = await start();
    // The waiting tab polls; each "not opened yet" is an HTTP 401 (Descope's pending-session).
    journey?.allowHttpFailures({ status: 401, url: '/v1/auth/enchantedlink/pending-session' });
    await page.getByRole('radio', { name: 'Email link (any device)' }).check();
    await page.getByRole('textbox', { name: 'Email address' }).fill('ada@example.com');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await visible(page.getByRole('heading', { name: 'Check your email' }));
    await visible(page.getByText('Waiting for you to open the link…'));
    const shown = ((await (await visible(page.locator('[data-passlink-link-number] bdi'))).textContent()) ?? '').trim();
    expect(shown).toMatch(/^\d{2}$/);

    // The other device: a second browser (no shared storage or cookies) with the email (the outbox).
    const other = await openJourneyPage(browser);
    try {
      await other.page.goto(demoUrl());
      const message = outboxMessage(other.page, 'Email to ada@example.com');
      await visible(message.getByTestId('outbox-enchanted-link').first());
      expect(await message.getByTestId('outbox-enchanted-link').count()).toBe(3);
      const right = message.locator(`[data-testid="outbox-enchanted-link"][data-number="${shown}"]`);
      expect(await right.getAttribute('href')).toMatch(/\/verify\?passlink=enchanted&t=[0-9a-f]+$/);
      const [opened] = await Promise.all([other.context.waitForEvent('page'), right.click()]);
      await visible(opened.getByRole('heading', { name: 'Sign-in confirmed' }));
      await visible(opened.getByText('You are signed in on your other device. You can close this tab.'));
      expect(new URL(opened.url()).searchParams.has('t')).toBe(false);
      // That browser is not signed in.
      await other.page.reload();
      await visible(other.page.getByRole('heading', { name: 'Sign in or create an account' }));
      other.assertClean();
    } finally {
      await other.close();
    }

    // The first tab signs in by itself (the demo then goes to the account page).
    await expectOnAccount(page);
    expect(await page.getByTestId('account-email').textContent()).toBe('ada@example.com');
  });

  it('signs ada in with a voice code after one wrong code: error shown, field cleared and focused', async () => {
    const page = await start();
    journey?.expectHttpFailure({ status: 401, url: '/v1/auth/otp/verify/voice' });
    await page.getByRole('radio', { name: 'Code by phone call' }).check();
    await chooseUnitedStates(page);
    await phoneInput(page).pressSequentially('4155550101');
    await page.getByRole('button', { name: 'Call me with the code' }).click();

    await visible(page.getByRole('heading', { name: 'Answer your phone' }));
    await visible(page.getByText('We are calling +1 ••• ••• 0101 to read you a code.'));
    const code = await outboxCode(page, 'Voice call to +14155550101');

    const field = page.getByRole('textbox', { name: 'Verification code' });
    await field.pressSequentially(wrongCodeFor(code));
    await visible(page.getByRole('alert').filter({ hasText: 'That code is not right. Check it and try again.' }));
    await expect.poll(() => field.inputValue()).toBe('');
    await expect.poll(() => isFocused(field)).toBe(true);
    expect(await field.getAttribute('aria-invalid')).toBe('true');

    // Typed straight away into the focused field, as a person would.
    await page.keyboard.type(code);
    await expectOnAccount(page);
    // Ada's own account, not a new one for her number.
    expect(await page.getByTestId('account-email').textContent(), 'signed in as ada (+14155550101 is her phone in demo/seed.json)').toBe('ada@example.com');
    expect(await page.getByTestId('account-phone').textContent()).toBe('+14155550101');
  });

  it('updates the email by a link and the phone by an SMS code from the account page', async () => {
    const page = await start();
    await signInByEmailLink(page, 'ada@example.com');

    // Email, verified by a link.
    const emailUpdate = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Change your email address' }) });
    await visible(emailUpdate.getByText('Current: ada@example.com'));
    await emailUpdate.getByRole('textbox', { name: 'New email address' }).fill('countess@example.org');
    await emailUpdate.getByRole('button', { name: 'Continue' }).click();
    await visible(emailUpdate.getByText('We sent a link to c•••@e•••.org. Open it on this device to continue.'));
    await outboxMessage(page, 'Email to countess@example.org').getByTestId('outbox-link').click();
    await expectOnAccount(page);
    await expect.poll(() => page.getByTestId('account-email').textContent()).toBe('countess@example.org');

    // Phone, verified by an SMS code.
    const phoneUpdate = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Change your phone number' }) });
    await visible(phoneUpdate.getByText('Current: +14155550101'));
    await phoneUpdate.getByRole('combobox', { name: 'Country or region' }).selectOption({ label: 'United States +1' });
    await phoneUpdate.getByRole('textbox', { name: 'New phone number' }).pressSequentially('4155550188');
    await phoneUpdate.getByRole('button', { name: 'Continue' }).click();
    await visible(phoneUpdate.getByText('We sent a code to +1 ••• ••• 0188.'));
    const code = await outboxCode(page, 'SMS to +14155550188');
    await phoneUpdate.getByRole('textbox', { name: 'Verification code' }).pressSequentially(code);
    await visible(phoneUpdate.getByText('Your phone number is now +14155550188.').first());
    await expect.poll(() => page.getByTestId('account-phone').textContent()).toBe('+14155550188');
    // And the email update stuck.
    expect(await page.getByTestId('account-email').textContent()).toBe('countess@example.org');
  });

  it('signs out: back to sign-in, and /account says signed out (also after a reload)', async () => {
    const page = await start();
    // Grace signs in with a code by text message.
    await page.getByRole('radio', { name: 'Code by text message' }).check();
    await chooseUnitedStates(page);
    await phoneInput(page).pressSequentially('4155550102');
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await visible(page.getByRole('heading', { name: 'Check your messages' }));
    const code = await outboxCode(page, 'SMS to +14155550102');
    await page.getByRole('textbox', { name: 'Verification code' }).pressSequentially(code);
    await expectOnAccount(page);
    expect(await page.getByTestId('account-phone').textContent()).toBe('+14155550102');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await visible(page.getByRole('heading', { name: 'Sign in or create an account' }));

    await page.getByRole('navigation', { name: 'Demo' }).getByRole('link', { name: 'Account' }).click();
    await page.waitForURL((url) => url.pathname === '/account');
    await visible(page.getByText('You are signed out.'));
    expect(await page.getByTestId('account-email').count()).toBe(0);

    await page.reload();
    await visible(page.getByText('You are signed out.'));
  });

  it('a rate-limited resend says how long to wait (cooldown fast-forwarded with page.clock)', async () => {
    await setRateLimits({ messagesPerRecipient: 1 });
    const page = await start({ fakeClock: true });
    journey?.expectHttpFailure({ status: 429, url: '/v1/auth/otp/signup-in/email' });

    await page.getByRole('radio', { name: 'Code by email' }).check();
    await page.getByRole('textbox', { name: 'Email address' }).fill('ada@example.com');
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await visible(page.getByRole('heading', { name: 'Check your email' }));
    await outboxCode(page, 'Email to ada@example.com');

    const waiting = page.getByRole('button', { name: /^Send again in \d+ seconds?$/ });
    await visible(waiting);
    expect(await waiting.getAttribute('aria-disabled')).toBe('true');

    // The 30-second cooldown, without waiting 30 seconds.
    await page.clock.fastForward(31_000);
    const resend = page.getByRole('button', { name: 'Send again', exact: true });
    await visible(resend);
    expect(await resend.getAttribute('aria-disabled')).toBeNull();
    await resend.click();

    const announced = page.getByRole('status').filter({ hasText: /^Too many attempts\. Try again in \d+ seconds\.$/ });
    await visible(announced);
    const seconds = Number(/in (\d+) seconds/.exec((await announced.textContent()) ?? '')?.[1]);
    expect(seconds).toBeGreaterThan(30);
    expect(seconds).toBeLessThanOrEqual(600);
    // The button counts down the server's wait, not the 30-second default.
    await visible(page.getByRole('button', { name: /^Send again in \d+ seconds$/ }));
    expect(await page.getByRole('button', { name: /^Send again in/ }).getAttribute('aria-disabled')).toBe('true');
  });
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
