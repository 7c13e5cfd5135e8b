/**
 * Setup of the storybook test project (every story in Chromium), before its story files: the
 * Testing Library that `storybook/test` bundles waits and fails as the jsdom suites' does
 * (test/setup/dom.ts).
 */
import { configure } from 'storybook/test';
import { shortElementError } from '../test/setup/short-errors';

configure({
  // Plays wait for what a user would see (findBy…, waitFor); this is only where they give up. The
  // first story of a run loads the app's modules and the phone library lazily: seconds, when busy.
  asyncUtilTimeout: 15_000,
  // A failure says what was looked for and quotes the story's text, not the page's markup.
  getElementError: shortElementError,
});
