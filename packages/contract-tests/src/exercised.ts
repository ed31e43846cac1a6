// The registry of calls the contract tests really sent: written by a client middleware, read by the coverage guard.
import { appendFileSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** What a call was meant to prove. */
export type ExerciseKind = "positive" | "invalid-body" | "missing-credentials" | "documented-error" | "live";

export interface ExercisedCall {
  operationId: string;
  kind: ExerciseKind;
  /** The HTTP status that came back. */
  status: number;
}

/** Where test workers append their calls (one file per worker process), under the package's test results. */
export const exercisedDir = fileURLToPath(new URL("../test-results/exercised", import.meta.url));

export function clearExercised(dir = exercisedDir): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

export function recordExercised(call: ExercisedCall, dir = exercisedDir): void {
  mkdirSync(dir, { recursive: true });
  // One short line per append: atomic on POSIX, so workers never interleave.
  appendFileSync(join(dir, `${process.pid}.jsonl`), JSON.stringify(call) + "\n");
}

export function readExercised(dir = exercisedDir): ExercisedCall[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith(".jsonl"));
  } catch {
    return [];
  }
  return files.flatMap((file) =>
    readFileSync(join(dir, file), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as ExercisedCall),
  );
}
