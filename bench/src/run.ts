// `pnpm bench`: runs every benchmark at full size, prints one table and writes bench/results.json.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { benchDir } from "./measure.js";
import { renderTable } from "./report.js";
import { describeMachine, fullSuite, runSuite } from "./suite.js";

const results = await runSuite(fullSuite, (message) => console.error(`  done: ${message}`));
const file = join(benchDir, "results.json");
writeFileSync(file, JSON.stringify(results, null, 2) + "\n");

console.log("");
console.log(renderTable(results.rows));
console.log("");
console.log(`Machine: ${describeMachine(results.machine)}`);
console.log(`Took ${(results.durationMs / 1000).toFixed(0)} s. Every figure with its raw samples: bench/results.json`);
const missed = results.rows.filter((row) => row.met === false);
if (missed.length) console.log(`Targets missed: ${missed.map((row) => `${row.benchmark} / ${row.figure}`).join("; ")}`);
const failed = results.rows.filter((row) => row.error);
for (const row of failed) console.error(`\n${row.benchmark} failed:\n${row.error}`);
if (failed.length) process.exitCode = 1;
