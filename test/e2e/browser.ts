/** Debian's Chromium through playwright-core (no browser download), as CI has it. */
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = process.env.PASSLINK_CHROMIUM ?? '/usr/bin/chromium';

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
