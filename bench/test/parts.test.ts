import { createMoEngageClient } from "@moekit/client";
import { startMockServer, type MockServer } from "@moekit/mock-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { batchLimit, capturedBatches, checkBatches } from "../src/bulk-packer.js";
import { overheadEventBody } from "../src/client-overhead.js";
import { generateEvents } from "../src/events.js";
import { alternate, median, pairedRatio } from "../src/measure.js";
import { formatValue, judge, renderMarkdown, renderTable, type Row } from "../src/report.js";

describe("benchmark data is what MoEngage accepts (Prism on the spec)", () => {
  let prism: MockServer;
  beforeAll(async () => {
    prism = await startMockServer();
  });
  afterAll(() => prism?.stop());

  const client = () => createMoEngageClient({ workspaceId: "BENCH_WORKSPACE", credentials: { data: "bench-data-key" }, baseUrl: prism.url });

  it("accepts a batch of generated events as an importBulk body", async () => {
    const { data, error, response } = await client().importBulk({ body: { type: "transition", elements: generateEvents(200) } });
    expect(error).toBeUndefined();
    expect(response?.headers.get("sl-violations")).toBeNull();
    expect(data?.status).toBe("success");
  });

  it("accepts the client-overhead trackEvent body", async () => {
    const { error, response } = await client().trackEvent({ body: overheadEventBody(7) });
    expect(error).toBeUndefined();
    expect(response?.headers.get("sl-violations")).toBeNull();
  });

  it("refuses a generated event once it is broken, so the checks above can fail", async () => {
    const [event] = generateEvents(1) as unknown as [{ actions: { action: string }[] }];
    event.actions[0]!.action = "";
    const { error } = await client().importBulk({ body: { type: "transition", elements: [event as never] } });
    expect(error?.status).toBeGreaterThanOrEqual(400);
  });
});

describe("generated events", () => {
  it("are the same for the same seed and differ for another", () => {
    expect(JSON.stringify(generateEvents(50))).toBe(JSON.stringify(generateEvents(50)));
    expect(JSON.stringify(generateEvents(50, 7))).not.toBe(JSON.stringify(generateEvents(50)));
  });

  it("include characters outside ASCII, so bytes and string lengths differ", () => {
    const text = JSON.stringify(generateEvents(500));
    expect(Buffer.byteLength(text)).toBeGreaterThan(text.length);
  });
});

describe("batch checks", () => {
  const records = generateEvents(3_000);

  it("accept bulkImport's batches: every record, in order, none over the limit", async () => {
    const sizes = checkBatches(await capturedBatches(records), records);
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(batchLimit);
  });

  it("refuse batches that lost or reordered a record", async () => {
    const bodies = await capturedBatches(records);
    const first = JSON.parse(bodies[0]!) as { elements: unknown[] };
    const dropped = [JSON.stringify({ ...first, elements: first.elements.slice(1) }), ...bodies.slice(1)];
    expect(() => checkBatches(dropped, records)).toThrow(/3000/);
    const swapped = [JSON.stringify({ ...first, elements: [first.elements[1], first.elements[0], ...first.elements.slice(2)] }), ...bodies.slice(1)];
    expect(() => checkBatches(swapped, records)).toThrow(/record 0/);
  });
});

describe("measuring", () => {
  it("takes medians and pairs ratios round by round", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
    expect(pairedRatio([2, 30, 4], [1, 10, 4])).toBe(2);
  });

  it("alternates the order of contenders each round", async () => {
    const order: string[] = [];
    const samples = await alternate(3, {
      a: async () => (order.push("a"), 1),
      b: async () => (order.push("b"), 2),
    });
    expect(order).toEqual(["a", "b", "b", "a", "a", "b"]);
    expect(samples).toEqual({ a: [1, 1, 1], b: [2, 2, 2] });
  });
});

describe("report", () => {
  const row = (value: number, target: Row["target"], ratio?: number): Row => ({
    benchmark: "B",
    figure: "f",
    value,
    unit: "ms",
    target,
    ...(ratio === undefined ? {} : { ratio: { value: ratio, of: "time" as const } }),
  });

  it("judges targets on the value or the ratio, at most or at least", () => {
    expect(judge(row(10, { of: "value", at: "most", limit: 10 })).met).toBe(true);
    expect(judge(row(11, { of: "value", at: "most", limit: 10 })).met).toBe(false);
    expect(judge(row(1, { of: "ratio", at: "most", limit: 1.05 }, 1.2)).met).toBe(false);
    expect(judge(row(1, { of: "ratio", at: "least", limit: 0.8 }, 0.9)).met).toBe(true);
    expect(judge(row(1, undefined)).met).toBeUndefined();
    expect(judge({ ...row(1, { of: "value", at: "most", limit: 1 }), value: null }).met).toBeUndefined();
  });

  it("formats units for people", () => {
    expect(formatValue(8192, "bytes")).toBe("8.00 kB");
    expect(formatValue(3_096_227, "bytes")).toBe("2.95 MB");
    expect(formatValue(1530, "ms")).toBe("1.53 s");
    expect(formatValue(12345.6, "req/s")).toBe("12,346 req/s");
    expect(formatValue(99.62, "%")).toBe("99.6 %");
  });

  it("numbers notes and marks missed, met, untargeted and skipped rows", () => {
    const table = renderTable([
      judge({ ...row(2, { of: "ratio", at: "most", limit: 1.05 }, 2), note: "why" }),
      judge(row(1, { of: "ratio", at: "most", limit: 1.05 }, 1)),
      row(1, undefined),
      { benchmark: "C", figure: "g", value: null, unit: "ms", note: "not built" },
      { benchmark: "C", figure: "failed", value: null, unit: "ms", note: "tsc failed", error: "Error: tsc failed" },
    ]);
    const lines = table.split("\n");
    expect(lines[2]).toMatch(/f \[1\].*NO$/);
    expect(lines[3]).toMatch(/yes$/);
    expect(lines[4]).toMatch(/—$/);
    expect(lines[5]).toBe("");
    expect(lines[6]).toMatch(/g \[2\].*skipped$/);
    expect(lines[7]).toMatch(/failed \[3\].*FAILED$/);
    expect(table).toContain("[1] why");
    expect(table).toContain("[2] not built");
  });

  it("renders the same rows as Markdown, escaping pipes", () => {
    const markdown = renderMarkdown([judge({ ...row(2, { of: "value", at: "most", limit: 1 }), figure: "a | b" })]).split("\n");
    expect(markdown).toHaveLength(3);
    expect(markdown[2]).toBe("| B | a \\| b | 2.0 ms | — | — | ≤ 1.0 ms | NO |");
  });
});
