// Prints the plain closing line CI reads, `N passed, N failed`, from Vitest's own JSON report.
// Usage: node scripts/test-summary.mjs [reports/vitest.json] [exit status of the test command]
//
// A failure outside any test still counts as one failed, so the line never reads "0 failed" for a
// red run: a test file that could not load, a project that did not start (a global setup, the
// browser), an error Vitest reports after the tests, or a step of `npm test` that failed before
// Vitest (typecheck, lint, build: then there is no report) or after it (size-limit).
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'reports/vitest.json';
const status = process.argv[3] === undefined ? undefined : Number(process.argv[3]);

const finish = (passed, failed, notes) => {
  for (const note of notes) console.log(note);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || (status !== undefined && status !== 0) ? 1 : 0);
};

if (!existsSync(file)) {
  finish(0, 1, [`No test report at ${file}: the tests did not run (npm ci, typecheck, lint or build failed first; see above).`]);
}

const report = JSON.parse(readFileSync(file, 'utf8'));
const notes = [];
const passed = report.numPassedTests ?? 0;
let failed = report.numFailedTests ?? 0;

// A file that failed without a failed test: it did not load, or an error was thrown outside tests.
const brokenFiles = (report.testResults ?? []).filter(
  (result) => result.status === 'failed' && !(result.assertionResults ?? []).some((test) => test.status === 'failed'),
);
for (const result of brokenFiles) notes.push(`Failed outside its tests: ${result.name}${result.message ? ` (${result.message.split('\n')[0]})` : ''}`);
failed += brokenFiles.length;

if (report.success === false && failed === 0) {
  notes.push('The run failed outside any test (a project did not start, or an error after the tests): see the errors above.');
  failed += 1;
}
if (status !== undefined && status !== 0 && failed === 0) {
  notes.push(`The test command exited with ${status} though every test passed (a step after Vitest, e.g. size-limit): see above.`);
  failed += 1;
}

const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
if (skipped) notes.push(`${skipped} skipped`);
finish(passed, failed, notes);
