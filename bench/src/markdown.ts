// Prints bench/results.json as a Markdown table with its machine line, for the README's Performance section.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { benchDir } from "./measure.js";
import { renderMarkdown } from "./report.js";
import { describeMachine, type Results } from "./suite.js";

const results = JSON.parse(readFileSync(join(benchDir, "results.json"), "utf8")) as Results;
console.log(renderMarkdown(results.rows));
console.log(`\nMachine: ${describeMachine(results.machine)}; run of ${results.startedAt.slice(0, 10)}, ${Math.round(results.durationMs / 1000)} s.`);
