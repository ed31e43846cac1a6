import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { alternate, benchDir, elapsed, median, pairedRatio, repoDir } from "./measure.js";
import type { Row } from "./report.js";

export interface ConsumerTypecheckOptions {
  /** Alternated `tsc --noEmit` runs per project. */
  rounds: number;
  /** The example app's folder; its row is skipped when it has no tsconfig.json. */
  exampleDir: string;
}

const tscPath = createRequire(import.meta.url).resolve("typescript/bin/tsc");

/** Runs `tsc --noEmit -p project`; rejects with tsc's output when it reports errors. */
export function typecheck(project: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [tscPath, "--noEmit", "-p", project], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`tsc -p ${relative(repoDir, project)} failed:\n${(stdout + stderr).slice(0, 2000)}`));
      else resolve();
    });
  });
}

const fixture = (name: string) => join(benchDir, "fixtures", `tsconfig.${name}.json`);

export async function benchmarkConsumerTypecheck(options: ConsumerTypecheckOptions): Promise<Row[]> {
  const { rounds, exampleDir } = options;
  const exampleProject = join(exampleDir, "tsconfig.json");
  let exampleSkipped = existsSync(exampleProject) ? undefined : `${relative(repoDir, exampleDir)} has no tsconfig.json yet`;
  if (!exampleSkipped) {
    // A failing example is reported in its row rather than failing the whole run.
    exampleSkipped = await typecheck(exampleProject).then(
      () => undefined,
      (error: Error) => error.message.split("\n").slice(0, 2).join(" "),
    );
  }
  const projects: Record<string, string> = {
    empty: fixture("empty"),
    client: fixture("twenty-operations"),
    openapiFetch: fixture("twenty-operations-openapi-fetch"),
  };
  if (!exampleSkipped) projects.example = exampleProject;
  const samples = await alternate(
    rounds,
    Object.fromEntries(Object.entries(projects).map(([name, project]) => [name, () => elapsed(() => typecheck(project))])),
  );

  const baseline = { label: "empty file", value: median(samples.empty!), unit: "ms" as const };
  const row = (figure: string, name: string): Row => ({
    benchmark: "Consumer type-check",
    figure,
    value: median(samples[name]!),
    unit: "ms",
    baseline,
    ratio: { value: pairedRatio(samples[name]!, samples.empty!), of: "time" },
    details: { rounds, ms: samples[name], baselineMs: samples.empty },
  });
  return [
    {
      ...row("20 operations via @moekit/client", "client"),
      note: "Wall time of `tsc --noEmit` (fixtures/twenty-operations*.ts); the baseline is tsc on a file that imports nothing, same options.",
    },
    row("the same 20 via openapi-fetch", "openapiFetch"),
    exampleSkipped
      ? { benchmark: "Consumer type-check", figure: "apps/example", value: null, unit: "ms", note: `apps/example skipped: ${exampleSkipped}` }
      : row("apps/example", "example"),
  ];
}
