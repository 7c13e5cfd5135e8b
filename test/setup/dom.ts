/**
 * Setup of the jsdom projects (jsdom, bench), before every test file: jest-dom's matchers, and
 * Testing Library's waits and failures as this suite wants them.
 */
import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/react';
import { shortElementError } from './short-errors';

configure({
  // findBy… and waitFor wait for what a user would see; this is only the point at which they give
  // up. A step behind an emulator round trip or a lazy import can take seconds on a loaded machine.
  asyncUtilTimeout: 10_000,
  // A failure says what was looked for and quotes the screen's text, not its markup.
  getElementError: shortElementError,
});
