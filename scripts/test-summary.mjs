// Prints the plain closing line CI reads, `N passed, N failed`, from Vitest's own JSON report.
// Usage: node scripts/test-summary.mjs [reports/vitest.json]
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'reports/vitest.json';
if (!existsSync(file)) {
  console.error(`No test report at ${file}: the test runner did not run (a typecheck, lint or build step failed first).`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(
  `${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
