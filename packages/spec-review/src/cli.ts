#!/usr/bin/env node
// moekit-spec-review diff | check | preview [--base <ref>] [--repo <dir>]
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { writePreview } from "./preview.js";
import { checkWorkingTree, reviewWorkingTree, type ReviewOptions } from "./review.js";

const USAGE = `usage: moekit-spec-review <diff|check|preview> [--base <git ref>] [--repo <dir>]
  diff     writes the API change report to stdout and spec/dist/api-changes.md
  check    fails on breaking changes without a major changeset for @moekit/spec, or other changes without any
  preview  builds spec/dist/preview/index.html: the working spec's reference, the change report first`;

const workspaceRoot = fileURLToPath(new URL("../../../", import.meta.url));

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { base: { type: "string" }, repo: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  const [command] = positionals;
  if (values.help || !command || !["diff", "check", "preview"].includes(command)) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const repoRoot = values.repo ?? workspaceRoot;
  const options: ReviewOptions = { repoRoot, ...(values.base ? { base: values.base } : {}) };
  const distDir = join(repoRoot, "spec", "dist");
  const shown = (file: string) => relative(process.cwd(), file) || file;

  if (command === "check") {
    const result = await checkWorkingTree(options);
    for (const warning of result.review.warnings) console.error(`spec:check: ${warning}`);
    (result.ok ? console.log : console.error)(result.lines.join("\n"));
    return result.ok ? 0 : 1;
  }

  const review = reviewWorkingTree(options);
  mkdirSync(distDir, { recursive: true });
  const reportFile = join(distDir, "api-changes.md");
  writeFileSync(reportFile, review.report);
  if (command === "diff") {
    process.stdout.write(review.report);
    console.error(`\nreport written to ${shown(reportFile)}`);
    return 0;
  }
  const page = join(distDir, "preview", "index.html");
  mkdirSync(dirname(page), { recursive: true });
  writePreview(review.after, review.report, page);
  console.log(`preview written to ${shown(page)} (change report first, then the reference); report in ${shown(reportFile)}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`spec-review: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
