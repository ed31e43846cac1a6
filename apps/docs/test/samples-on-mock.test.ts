// Runs every sample of the docs against a Prism mock of the spec: the curl samples in bash with real curl, and
// the TypeScript samples with the real @moekit/client. Prism refuses a request whose credentials, headers,
// parameters or body do not match the operation, so a sample that reads well but would fail is caught here.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { startMockServer, type MockServer } from "@moekit/mock-server";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { describeOperations } from "../scripts/code-samples.mjs";
import { bundlePath, docsBundle } from "../scripts/generate-docs-bundle.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const { docs, typescript } = docsBundle(JSON.parse(readFileSync(bundlePath, "utf8")));
const operations = describeOperations(docs);
const operationIds = operations.map((operation) => operation.operationId);

// Made-up credentials: Prism checks that they are present, MoEngage is never reached.
const ENVIRONMENT = {
  WORKSPACE_ID: "DOCS_SAMPLE_WORKSPACE",
  DC: "01",
  DATA_API_KEY: "data-key-for-the-mock",
  PUSH_API_KEY: "push-key-for-the-mock",
  INFORM_API_KEY: "inform-key-for-the-mock",
  CAMPAIGN_API_KEY: "campaign-key-for-the-mock",
};
const MOENGAGE_HOST = /^https:\/\/(?:api|pushapi|sandbox-api)-01\.moengage\.com/;

let mock: MockServer;
let workDir: string;

beforeAll(async () => {
  mock = await startMockServer();
  workDir = mkdtempSync(join(tmpdir(), "moekit-docs-samples-"));
});

afterAll(async () => {
  await mock?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe("curl samples on the mock", () => {
  it.each(operationIds)("%s is accepted", (id) => {
    const curl = operations.find((operation) => operation.operationId === id)!.operation["x-codeSamples"][0].source as string;
    const script = [
      // Prints the status after the body, so the test sees both; the sample itself is unchanged but for the host.
      `curl() { command curl -sS -w '\\n%{http_code}' "$@"; }`,
      curl.replace(/https:\/\/(?:api|pushapi|sandbox-api)-\$DC\.moengage\.com/g, mock.url.replace(/\/$/, "")),
    ].join("\n");
    // HOME points at an empty folder: no shell or curl start-up files of this machine take part.
    const result = spawnSync("bash", ["-c", script], {
      cwd: workDir,
      encoding: "utf8",
      env: { PATH: process.env.PATH, HOME: workDir, ...ENVIRONMENT },
    });
    const status = Number(result.stdout.trim().split("\n").at(-1));
    expect(result.stderr, result.stdout).toBe("");
    expect(status, result.stdout).toBeGreaterThanOrEqual(200);
    expect(status, result.stdout).toBeLessThan(300);
  });
});

describe("TypeScript samples on the mock, with the real client", () => {
  const compiled = join(root, "test-results", "samples-js");
  const realFetch = globalThis.fetch;

  beforeAll(() => {
    rmSync(compiled, { recursive: true, force: true });
    mkdirSync(compiled, { recursive: true });
    for (const [id, source] of Object.entries(typescript)) {
      const { outputText } = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      });
      writeFileSync(join(compiled, `${id}.mjs`), outputText);
    }
    Object.assign(process.env, ENVIRONMENT);
    // The samples name data center 01; their requests go to the mock instead.
    vi.stubGlobal("fetch", async (input: string | URL | Request, init?: RequestInit) => {
      if (input instanceof Request) {
        const url = input.url.replace(MOENGAGE_HOST, mock.url.replace(/\/$/, ""));
        const body = input.body ? await input.arrayBuffer() : undefined;
        return realFetch(url, { method: input.method, headers: input.headers, body, signal: input.signal });
      }
      return realFetch(String(input).replace(MOENGAGE_HOST, mock.url.replace(/\/$/, "")), init);
    });
  });

  afterAll(() => {
    vi.unstubAllGlobals();
  });

  it.each(operationIds)("%s succeeds", async (id) => {
    const printed = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      // A sample throws the client's error when the call fails, and prints `data` once it succeeded.
      await import(pathToFileURL(join(compiled, `${id}.mjs`)).href);
      expect(printed).toHaveBeenCalledTimes(1);
    } finally {
      printed.mockRestore();
    }
  });
});
