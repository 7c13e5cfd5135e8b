/**
 * The jsdom projects' shared teardown. The jsdom project runs its test files one after another in
 * the same worker and page (`isolate: false` in vite.config.ts: a fresh jsdom, React and emulator
 * per file cost more than the tests), so nothing a test sets up may outlive it:
 *
 * - a helper that creates something a test must not leave behind (an MSW server, a QueryClient,
 *   a started session store) registers its teardown with {@link onTestCleanup} when it creates it;
 * - a helper that must run before the tests of every file that uses it (load a lazy library)
 *   registers it with {@link beforeEachFile};
 * - test/setup/dom.ts, evaluated again before every file, runs both, and then puts the page back
 *   as a fresh one: no rendered tree, real timers, an empty localStorage, sessionStorage and
 *   cookie jar, the address bar at `/`, no own properties added to `document` or `navigator`.
 *   So a fake clock lasts one test: fake it in the test or in `beforeEach`, not in `beforeAll`.
 *
 * A helper module is evaluated once per worker, not once per file, so a hook it registered at its
 * top level (`afterEach(…)` beside its exports) would only run for the first file that imported it:
 * helpers register here instead. The registry itself is one per worker, like the helpers.
 */

type Teardown = () => unknown;

const teardowns: Teardown[] = [];
const fileSetups = new Set<Teardown>();

/** Runs `teardown` after the current test (last registered, first run), however the test ended. */
export function onTestCleanup(teardown: Teardown): void {
  teardowns.push(teardown);
}

/** Runs `setup` before the tests of every file (of this worker) from now on; once per function. */
export function beforeEachFile(setup: Teardown): void {
  fileSetups.add(setup);
}

/** test/setup/dom.ts: before a file's tests. */
export async function runFileSetups(): Promise<void> {
  for (const setup of fileSetups) await setup();
}

/** test/setup/dom.ts: after every test. Runs every registered teardown even when one throws. */
export async function runTestCleanups(): Promise<void> {
  const errors: unknown[] = [];
  for (let teardown = teardowns.pop(); teardown; teardown = teardowns.pop()) {
    try {
      await teardown();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length) throw new AggregateError(errors, 'test teardowns failed');
}

/**
 * What a fresh page has, taken when this module is first evaluated (before any test of the
 * worker ran): the page's own properties, and `fetch` before any MSW server patched it.
 */
const pristine = {
  fetch: globalThis.fetch,
  documentKeys: new Set(Reflect.ownKeys(document)),
  navigatorKeys: new Set(Reflect.ownKeys(navigator)),
};

/** Removes the own properties a test defined on `target` (e.g. `navigator.credentials`, `document.visibilityState`). */
const dropAddedProperties = (target: object, keep: ReadonlySet<PropertyKey>) => {
  for (const key of Reflect.ownKeys(target)) if (!keep.has(key)) Reflect.deleteProperty(target, key);
};

/** Expires every cookie the page can see (path `/`; the address bar is at `/` by then). */
const clearCookies = () => {
  for (const pair of document.cookie.split(';')) {
    const name = pair.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; Max-Age=0; Path=/`;
  }
};

/** test/setup/dom.ts: after every test, once its teardowns ran. */
export function resetPage(): void {
  history.replaceState(null, '', '/');
  localStorage.clear();
  sessionStorage.clear();
  clearCookies();
  document.body.replaceChildren();
  dropAddedProperties(document, pristine.documentKeys);
  dropAddedProperties(navigator, pristine.navigatorKeys);
}

/**
 * test/setup/dom.ts: after a file's tests. An MSW server still listening would answer the next
 * file's requests with this file's emulator: that is a failure of this file, named here.
 */
export function checkNothingListens(): void {
  if (globalThis.fetch === pristine.fetch) return;
  globalThis.fetch = pristine.fetch;
  throw new Error('A test file ended with an MSW server still listening (fetch is still patched): close it in afterAll or onTestCleanup.');
}
