/**
 * `npm run bench:page`: what the sign-in page costs a visitor, on the production build.
 *
 * Starts `scripts/start.ts --preview` (build + preview server + emulator, ports 4373 / 4700, or
 * PASSLINK_BENCH_DEMO_PORT / PASSLINK_BENCH_EMULATOR_PORT), then in Debian's Chromium, with a
 * fresh context (empty cache) for each of 7 runs:
 *
 *   (a) the JavaScript loaded before the form is interactive: every JS response until the email
 *       field is visible and enabled, each body gzipped with node:zlib at level 9, summed;
 *   (b) the time from navigation start to that moment (`performance.now()` when the field first
 *       appears enabled and visible, recorded in the page by a MutationObserver).
 *
 * Prints a table (bytes; median, min and max ms) and stops the server by its pid. It asserts
 * nothing about timings: a 2-core machine shared with other work is noisy.
 */
import { gzipSync } from 'node:zlib';
import type { Browser, Response } from 'playwright-core';
import { launchChromium } from '../test/e2e/browser';
import { startDemoServer, type DemoServer } from '../test/e2e/demo-server';

const RUNS = 7;
const demoPort = Number(process.env.PASSLINK_BENCH_DEMO_PORT ?? 4373);
const emulatorPort = Number(process.env.PASSLINK_BENCH_EMULATOR_PORT ?? 4700);

interface Run {
  /** ms from navigation start until the email field was visible and enabled. */
  interactiveMs: number;
  domContentLoadedMs: number;
  scripts: { url: string; raw: number; gzip: number }[];
}

declare global {
  interface Window {
    __passlinkInteractiveAt?: number;
  }
}

/**
 * Runs in the page before any of its scripts: notes `performance.now()` the first time the email
 * field (the control labelled "Email address") is in the document, enabled and laid out. Plain
 * JavaScript in a string: tsx would wrap named functions in a `__name` helper the page lacks.
 */
const watchForInteractiveForm = `(() => {
  const ready = () => {
    const label = Array.from(document.querySelectorAll('label')).find((candidate) => candidate.textContent.trim() === 'Email address');
    const input = label && label.htmlFor ? document.getElementById(label.htmlFor) : null;
    if (!(input instanceof HTMLInputElement) || input.disabled) return false;
    const box = input.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(input).visibility !== 'hidden';
  };
  const observer = new MutationObserver(() => {
    if (window.__passlinkInteractiveAt !== undefined || !ready()) return;
    window.__passlinkInteractiveAt = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

const isJavaScript = (response: Response) => {
  const type = response.headers()['content-type'] ?? '';
  return /javascript|ecmascript/.test(type) || /\.m?js(\?|$)/.test(new URL(response.url()).pathname);
};

async function measure(browser: Browser, url: string): Promise<Run> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: watchForInteractiveForm });
    const loaded: Response[] = [];
    let collecting = true;
    page.on('response', (response) => {
      if (collecting && isJavaScript(response)) loaded.push(response);
    });

    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(() => window.__passlinkInteractiveAt, undefined, { timeout: 30_000, polling: 'raf' });
    const interactiveMs = Number(await handle.jsonValue());
    collecting = false;

    // What playwright calls visible and enabled agrees with the in-page observer.
    const field = page.getByLabel('Email address');
    await field.waitFor({ state: 'visible', timeout: 5000 });
    if (!(await field.isEnabled())) throw new Error('the email field is visible but not enabled');

    const domContentLoadedMs = await page.evaluate(() => {
      const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      return navigation ? navigation.domContentLoadedEventEnd : Number.NaN;
    });
    const scripts = await Promise.all(
      loaded.map(async (response) => {
        const body = await response.body();
        return { url: response.url(), raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
      }),
    );
    return { interactiveMs, domContentLoadedMs, scripts };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

const ms = (value: number) => `${value.toFixed(1)} ms`;
const kib = (bytes: number) => `${bytes} B (${(bytes / 1024).toFixed(1)} KiB)`;

function table(rows: [string, string][]) {
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`).join('\n');
}

async function main() {
  let server: DemoServer | undefined;
  let browser: Browser | undefined;
  const stopAll = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  };
  const onSignal = () => {
    void stopAll().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    console.log(`bench:page: building and serving the demo (scripts/start.ts --preview on ${demoPort} / ${emulatorPort})…`);
    // A production build comes first, so allow it more than the dev server's minute.
    server = await startDemoServer({ demoPort, emulatorPort, preview: true, readyTimeoutMs: 120_000 });
    browser = await launchChromium();
    // One unmeasured visit: the preview server and the OS file cache warm up, as for any visitor after the first.
    await measure(browser, `${server.demoUrl}/`);

    const runs: Run[] = [];
    for (let index = 0; index < RUNS; index++) runs.push(await measure(browser, `${server.demoUrl}/`));

    const first = runs[0];
    if (!first) throw new Error('no run');
    const gzipTotal = first.scripts.reduce((sum, script) => sum + script.gzip, 0);
    const rawTotal = first.scripts.reduce((sum, script) => sum + script.raw, 0);
    const sameEveryRun = runs.every((run) => run.scripts.reduce((sum, script) => sum + script.gzip, 0) === gzipTotal);
    const interactive = runs.map((run) => run.interactiveMs);
    const contentLoaded = runs.map((run) => run.domContentLoadedMs);

    console.log(`\npasslink demo sign-in page (${server.demoUrl}/, production build), Chromium ${browser.version()}, ${RUNS} runs, fresh context each\n`);
    console.log(
      table([
        ['JS before interactive, gzip -9', kib(gzipTotal) + (sameEveryRun ? '' : '  (varied between runs; first run shown)')],
        ['JS before interactive, raw', kib(rawTotal)],
        ['JS files', String(first.scripts.length)],
        ['interactive form, median', ms(median(interactive))],
        ['interactive form, min', ms(Math.min(...interactive))],
        ['interactive form, max', ms(Math.max(...interactive))],
        ['DOMContentLoaded, median', ms(median(contentLoaded))],
        ['runs (ms)', interactive.map((value) => value.toFixed(1)).join(', ')],
      ]),
    );
    console.log('\nJS files (gzip -9 / raw bytes):');
    for (const script of first.scripts) console.log(`  ${String(script.gzip).padStart(7)} / ${String(script.raw).padStart(7)}  ${new URL(script.url).pathname}`);
  } finally {
    await stopAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

main().catch((error: unknown) => {
  console.error(`bench:page failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
