import { beforeAll, describe, expect, it } from "vitest";
import { pushSignature, runDemo, summaryRow, type DemoRun } from "./run-demo.js";

const operations = [
  "trackUser",
  "trackEvent",
  "importBulk",
  "sendPushV21",
  "sendAlert",
  "createCatalog",
  "ingestCatalogItems",
  "searchPushTemplates",
  "triggerBusinessEvent",
];
const importLimit = 100 * 1024;

/** What may differ between two runs: timings, rates and the mock's port. */
const normalized = (output: string) =>
  output
    .replace(/\d[\d,.]* (ms|s|records\/s)\b/g, "<time>")
    .replace(/ +<time>/g, " <time>")
    .replace(/127\.0\.0\.1:\d+/g, "<mock>");

describe("pnpm demo on the embedded mock", () => {
  let first: DemoRun;
  let second: DemoRun;
  beforeAll(async () => {
    // One after the other, as a user would: the first must leave nothing behind that trips the second.
    first = await runDemo();
    second = await runDemo();
  });

  it("runs every step and exits 0 without writing to stderr", () => {
    expect(first.stderr).toBe("");
    expect(first.code, first.stdout).toBe(0);
    const headings = [...first.stdout.matchAll(/^\[(\d)\/8\] /gm)].map((match) => Number(match[1]));
    expect(headings).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(first.stdout).not.toMatch(/skipped|✗/);
    expect(first.stdout).toMatch(/\nevery call succeeded in /);
  });

  it("prints each call with its operation and status as it happens, then a table of every operation", () => {
    const table = first.stdout.lastIndexOf("Operations called");
    for (const id of operations.filter((id) => id != "importBulk")) {
      const line = new RegExp(`^  ✓ ${id} +POST +\\S+ → (\\d{3}) in `, "m").exec(first.stdout);
      expect(line, id).not.toBeNull();
      expect(line!.index).toBeLessThan(table);
      expect(summaryRow(first.stdout, id)).toEqual({ method: "POST", requests: expect.any(Number), status: line![1] });
    }
    expect(summaryRow(first.stdout, "trackUser")!.requests).toBe(2);
    expect(summaryRow(first.stdout, "trackEvent")!.requests).toBe(2);
    expect(summaryRow(first.stdout, "createCatalog")!.status).toBe("201");
    expect(first.stdout).toMatch(/catalog 507f1f77bcf86cd799439011/);
  });

  it("imports 20,000 records in batches of at most 100 KB, all accepted by the mock's validation", () => {
    const field = (name: string) => Number(new RegExp(`^  ${name} +([\\d,]+)`, "m").exec(first.stdout)![1]!.replace(/,/g, ""));
    expect(field("records sent")).toBe(20_000);
    expect(field("accepted")).toBe(20_000);
    expect(field("failed")).toBe(0);
    const batches = field("batches");
    const bytes = field("bytes");
    // Packed close to the limit: no fewer batches than the bytes need, and not many more.
    expect(batches).toBeGreaterThanOrEqual(Math.ceil(bytes / importLimit));
    expect(batches).toBeLessThanOrEqual(Math.ceil(bytes / importLimit) + 1);
    expect(summaryRow(first.stdout, "importBulk")).toEqual({ method: "POST", requests: batches, status: "200" });
  });

  it("falls back to plain progress lines when stdout is not a terminal", () => {
    expect(first.stdout).not.toMatch(/\x1b\[/);
    const percents = [...first.stdout.matchAll(/^  [\d,]+ \/ 20,000 records \((\d+)%\)/gm)].map((match) => Number(match[1]));
    expect(percents).toEqual([25, 50, 75, 100]);
  });

  it("never prints the push signature the client computed", () => {
    expect(first.stdout).toMatch(/SHA-256 of workspace id \| campaign name \| push key/);
    expect(first.stdout).not.toContain(pushSignature("DEMO_WORKSPACE", "moekit demo: order shipped", "demo-push-key"));
  });

  it("stops Prism before exiting", async () => {
    const url = /Prism on (http:\/\/127\.0\.0\.1:\d+)/.exec(first.stdout)![1]!;
    expect(first.stdout.trimEnd().endsWith("mock stopped")).toBe(true);
    await expect(fetch(`${url}/v1/event/DEMO_WORKSPACE`, { method: "POST" })).rejects.toThrow();
  });

  it("works the same on a second run", () => {
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(normalized(second.stdout)).toBe(normalized(first.stdout));
  });
});
