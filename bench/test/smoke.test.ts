// Runs the whole benchmark suite once at tiny sizes so that it cannot rot. Asserts what each benchmark reports
// and the checks it makes along the way, never how fast anything was.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { batchLimit } from "../src/bulk-packer.js";
import { sizeBudget } from "../src/client-size.js";
import { renderTable, type Row } from "../src/report.js";
import { fullSuite, runSuite, type Results, type SuiteOptions } from "../src/suite.js";

const redocly = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");
const siteDir = mkdtempSync(join(tmpdir(), "moekit-bench-docs-"));

const tiny: SuiteOptions = {
  clientOverhead: { requests: 40, blocks: 2, concurrency: 2, warmup: 4 },
  bulkPacker: { records: 2_000, rounds: 1, endToEndRounds: 1 },
  consumerTypecheck: { rounds: 1, exampleDir: fullSuite.consumerTypecheck.exampleDir },
  // apps/docs may not be built when tests run: a reference built here from the same bundle stands in for it.
  docs: { ...fullSuite.docs, distDir: siteDir, rounds: 1 },
};

let results: Results;
const rowsOf = (benchmark: string) => results.rows.filter((row) => row.benchmark === benchmark);
const rowNamed = (benchmark: string, figure: string): Row => {
  const row = rowsOf(benchmark).find((candidate) => candidate.figure.includes(figure));
  if (!row) throw new Error(`no "${figure}" row in ${benchmark}`);
  return row;
};

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [redocly, "build-docs", fullSuite.docs.specPath, "--inlineBundle", "-o", join(siteDir, "index.html")], {
    env: { ...process.env, REDOCLY_TELEMETRY: "off" },
  });
  results = await runSuite(tiny);
}, 300_000);

afterAll(() => rmSync(siteDir, { recursive: true, force: true }));

describe("benchmark suite at tiny sizes", () => {
  it("reports every benchmark, each measured row with a positive figure", () => {
    expect(results.rows.filter((row) => row.error).map((row) => `${row.benchmark}: ${row.error}`)).toEqual([]);
    expect([...new Set(results.rows.map((row) => row.benchmark))]).toEqual([
      "Client overhead",
      "Client size",
      "Bulk packer",
      "Consumer type-check",
      "Docs",
    ]);
    for (const row of results.rows) {
      if (row.value === null) {
        expect(row.note, `${row.figure} is skipped without a reason`).toBeTruthy();
        continue;
      }
      expect(row.value).toBeGreaterThan(0);
      if (row.baseline) expect(row.baseline.value).toBeGreaterThan(0);
      if (row.ratio) expect(Number.isFinite(row.ratio.value) && row.ratio.value > 0).toBe(true);
      if (row.target) expect(typeof row.met).toBe("boolean");
    }
    expect(results.machine.nproc).toBeGreaterThan(0);
    expect(results.machine.node).toBe(process.version);
  });

  it("client overhead sends every request with credentials, on kept-alive connections", () => {
    const row = rowNamed("Client overhead", "trackEvent");
    const server = row.details!.server as { requests: number; connections: number; withoutAuthorization: number };
    // Raw fetch, openapi-fetch and the client each send every request once.
    expect(server.requests).toBe(3 * tiny.clientOverhead.requests);
    expect(server.withoutAuthorization).toBe(0);
    // Warm-up opened the connections; measured runs reuse them instead of opening one per request.
    expect(server.connections).toBeLessThanOrEqual(tiny.clientOverhead.concurrency);
    expect(row.target).toEqual({ of: "ratio", at: "most", limit: 1.05 });
    expect(rowNamed("Client overhead", "openapi-fetch alone").baseline?.label).toBe("raw fetch");
  });

  it("client size bundles the client with openapi-fetch inside, against the 8 kB budget", () => {
    const everything = rowNamed("Client size", "every export");
    const oneOperation = rowNamed("Client size", "one operation");
    const openapiFetch = rowNamed("Client size", "openapi-fetch alone");
    expect(oneOperation.value!).toBeLessThanOrEqual(everything.value!);
    expect(openapiFetch.value!).toBeLessThan(oneOperation.value!);
    expect(everything.target).toEqual({ of: "value", at: "most", limit: sizeBudget });
    const inputs = Object.keys(everything.details!.inputs as object);
    expect(inputs).toContain("packages/client/dist/index.js");
    expect(inputs.some((input) => input.startsWith("openapi-fetch/"))).toBe(true);
    expect(everything.details!.minified as number).toBeGreaterThan(everything.value!);
  });

  it("bulk packer fills batches within the limit and delivers every record end to end", () => {
    const fill = rowNamed("Bulk packer", "average batch fill");
    expect(fill.value!).toBeGreaterThan(50);
    expect(fill.value!).toBeLessThanOrEqual(100);
    const largest = rowNamed("Bulk packer", "largest batch");
    expect(largest.value!).toBeLessThanOrEqual(batchLimit);
    expect(largest.met).toBe(true);
    const sizes = fill.details!.sizes as number[];
    expect(Math.max(...sizes)).toBe(largest.value);
    const endToEnd = rowNamed("Bulk packer", "end-to-end");
    const server = endToEnd.details!.server as { records: number; batches: number; largestBatchBytes: number };
    expect(server.records).toBe(tiny.bulkPacker.records);
    expect(server.batches).toBe(sizes.length);
    expect(server.largestBatchBytes).toBe(largest.value);
  });

  it("consumer type-check times both fixtures, and the example app when it exists", () => {
    expect(rowNamed("Consumer type-check", "@moekit/client").value).toBeGreaterThan(0);
    expect(rowNamed("Consumer type-check", "openapi-fetch").value).toBeGreaterThan(0);
    const example = rowNamed("Consumer type-check", "apps/example");
    if (example.value === null) expect(example.note).toMatch(/apps\/example/);
    else expect(example.baseline?.label).toBe("empty file");
  });

  it("docs measures the site and renders the reference in Chromium", () => {
    const size = rowNamed("Docs", "built site size");
    expect(size.value).toBeGreaterThan(size.baseline!.value);
    const render = rowNamed("Docs", "first render");
    expect(render.figure).toContain("index.html");
    expect(Array.isArray(render.details!.outsideRequests)).toBe(true);
    const loaded = rowNamed("Docs", "reference loaded");
    expect(loaded.value).toBeGreaterThan(0);
  });

  it("prints one table with every figure, its target and whether it is met", () => {
    const table = renderTable(results.rows);
    for (const row of results.rows) expect(table).toContain(row.figure);
    expect(table).toContain("≤ 1.05× time");
    expect(table).toContain("≥ 0.8× throughput");
    expect(table).toContain("≥ 95.0 %");
    expect(table).toContain("≤ 8.00 kB");
    expect(table.split("\n")[0]).toMatch(/^Benchmark\s+Figure\s+Value\s+Baseline\s+Ratio\s+Target\s+Met$/);
  });
});
