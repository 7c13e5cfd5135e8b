/**
 * Setup of the jsdom projects (jsdom, bench), evaluated again before every test file: jest-dom's
 * matchers, Testing Library's waits and failures as this suite wants them, and the teardown that
 * leaves the page fresh after every test (test/setup/cleanup.ts): the jsdom project runs its
 * files one after another in one page (`isolate: false`), and a test must not see another's state.
 */
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { checkNothingListens, resetPage, runFileSetups, runTestCleanups } from './cleanup';
import { shortElementError } from './short-errors';

configure({
  // findBy… and waitFor wait for what a user would see; this is only the point at which they give
  // up. A step behind an emulator round trip or a lazy import can take seconds on a loaded machine.
  asyncUtilTimeout: 10_000,
  // A failure says what was looked for and quotes the screen's text, not its markup.
  getElementError: shortElementError,
});

beforeAll(runFileSetups);

// Registered before the file's own hooks, so it runs after them (Vitest runs "after" hooks in
// reverse): a file's afterEach still sees its tree and its timers.
afterEach(async () => {
  // Unmount first: providers stop their session stores, effects cancel what they started.
  cleanup();
  try {
    await runTestCleanups();
  } finally {
    vi.useRealTimers();
    resetPage();
  }
});

afterAll(checkNothingListens);
