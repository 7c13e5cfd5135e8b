/**
 * Debian's Chromium, as the browser tests, the e2e journeys and the page benchmark launch it
 * (never a downloaded browser). The flags keep it headless and quiet on a machine with no
 * network but the package registries, as root.
 */
export const chromiumPath = process.env.PASSLINK_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
