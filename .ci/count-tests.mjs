// Sums the vitest JSON reports of every package into one line: `tests: N passed, N failed`.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";

const roots = ["spec", "bench", ...["packages", "apps"].flatMap((dir) =>
  existsSync(dir) ? readdirSync(dir).map((name) => join(dir, name)) : [],
)];
let passed = 0;
let failed = 0;
let reports = 0;
for (const root of roots) {
  const file = join(root, "test-results", "vitest.json");
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  reports += 1;
  console.log(`  ${root}: ${report.numPassedTests} passed / ${report.numFailedTests} failed`);
}
console.log(`tests: ${passed} passed, ${failed} failed`);
if (reports === 0 || passed === 0 || failed > 0) process.exit(1);
