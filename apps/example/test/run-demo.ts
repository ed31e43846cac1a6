// Runs the app the way a user does: its own Node process, output piped (so not a terminal), exit code kept.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const main = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export interface DemoRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `src/main.ts` in an empty folder, so a developer's own `.env` or MOENGAGE_* variables never leak in;
 * `envFile` becomes that folder's `.env`.
 */
export function runDemo(args: string[] = [], settings: Record<string, string> = {}, envFile?: string): Promise<DemoRun> {
  const cwd = mkdtempSync(join(tmpdir(), "moekit-example-"));
  if (envFile !== undefined) writeFileSync(join(cwd, ".env"), envFile);
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("MOENGAGE_")));
  const child = spawn(process.execPath, ["--import", tsx, main, ...args], {
    cwd,
    env: { ...inherited, ...settings },
    stdio: ["ignore", "pipe", "pipe"],
    // A safety net against a hung run; SIGTERM lets the app stop its Prism first.
    timeout: 280_000,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      rmSync(cwd, { recursive: true, force: true });
      resolve({ code, stdout, stderr });
    });
  });
}

/** The Basic value the client sends for a key. */
export const basicAuth = (workspaceId: string, key: string) => Buffer.from(`${workspaceId}:${key}`).toString("base64");

/** The Push signature the client computes. */
export const pushSignature = (workspaceId: string, campaignName: string, pushKey: string) =>
  createHash("sha256").update(`${workspaceId}|${campaignName}|${pushKey}`).digest("hex");

/** A table row of the closing summary: operation, method, requests, status. */
export function summaryRow(stdout: string, operationId: string) {
  const match = new RegExp(`^  ${operationId} +(\\w+) +([\\d,]+)  (.+?) {2,}`, "m").exec(stdout.slice(stdout.lastIndexOf("Operations called")));
  return match && { method: match[1]!, requests: Number(match[2]!.replace(/,/g, "")), status: match[3]!.trim() };
}
