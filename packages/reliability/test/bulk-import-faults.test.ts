import {
  bulkImport,
  createMoEngageClient,
  MoEngageAPIError,
  MoEngageConnectionError,
  MoEngageInvalidResponseError,
  MoEngageRateLimitError,
  MoEngageServerError,
  MoEngageTimeoutError,
  type BulkImportResult,
  type BulkRecord,
} from "@moekit/client";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { eventKey, generateEvents } from "../src/events.js";
import { startFaultServer, type FaultPlan, type FaultServer } from "../src/fault-server.js";
import { runBulkImportSoak } from "../src/soak.js";
import { keys, quickRetry, signedUp, workspaceId } from "./support/fixtures.js";
import { expectNothingLost } from "./support/soak-expectations.js";

describe("bulk import, one fault at a time", () => {
  let server: FaultServer;
  const maxRetries = 2;
  // Long enough for the shared Prism under load; stalls get a short one so they end quickly.
  const client = (timeout = 5000) =>
    createMoEngageClient({ workspaceId, credentials: { data: keys.data }, baseUrl: server.url, timeout, maxRetries, retry: quickRetry });
  const outlasts = (plan: FaultPlan | null) => plan?.kind == "stall" || plan?.oversized == "endless";

  beforeAll(async () => {
    server = await startFaultServer({ upstream: inject("mockUrl"), recordKey: eventKey, oversizedBytes: 1024 * 1024 });
  });
  afterAll(() => server?.stop());
  beforeEach(() => {
    server.clear();
  });

  /** Imports 20 events (one batch) with `plan` deciding each attempt; returns the result and what the server took. */
  async function importWith(plan: (attempt: number) => FaultPlan | null) {
    server.decide = ({ attempt }) => plan(attempt);
    const result: BulkImportResult<BulkRecord> = await bulkImport(client(outlasts(plan(1)) ? 1000 : 5000), generateEvents(20));
    return { result, taken: [...server.accepted.values()].reduce((sum, count) => sum + count, 0), requests: server.count("importBulk") };
  }

  type Case = [name: string, plan: (attempt: number) => FaultPlan | null, outcome: "accepted" | "failed" | "unknown", error: Function | undefined, taken: number, requests: number];
  const cases: Case[] = [
    ["429 on every attempt: refused, retried up to the bound", () => ({ kind: "rate-limit" }), "failed", MoEngageRateLimitError, 0, 1 + maxRetries],
    ["429 once, then accepted", (attempt) => (attempt == 1 ? { kind: "rate-limit" } : null), "accepted", undefined, 20, 2],
    ["500, not taken: unknown, never retried", () => ({ kind: "server-error", status: 500, commit: false }), "unknown", MoEngageServerError, 0, 1],
    ["503 after taking the batch: unknown, never retried (a retry would duplicate)", () => ({ kind: "server-error", status: 503, commit: true }), "unknown", MoEngageServerError, 20, 1],
    ["HTTP 200 with a failure body: refused", () => ({ kind: "soft-failure" }), "failed", MoEngageAPIError, 0, 1],
    ["HTML 502 page", () => ({ kind: "html-error", status: 502, commit: false }), "unknown", MoEngageServerError, 0, 1],
    ["HTML page with HTTP 200 after taking the batch", () => ({ kind: "html-error", status: 200, commit: true }), "unknown", MoEngageInvalidResponseError, 20, 1],
    ["JSON cut short", () => ({ kind: "truncated-json", truncation: "short", commit: true }), "unknown", MoEngageInvalidResponseError, 20, 1],
    ["connection dropped mid-body", () => ({ kind: "truncated-json", truncation: "cut", commit: true }), "unknown", MoEngageConnectionError, 20, 1],
    ["stall past the timeout, not taken", () => ({ kind: "stall", commit: false }), "unknown", MoEngageTimeoutError, 0, 1],
    ["stall past the timeout after taking the batch", () => ({ kind: "stall", commit: true }), "unknown", MoEngageTimeoutError, 20, 1],
    ["reset before taking the batch", () => ({ kind: "reset", commit: false }), "unknown", MoEngageConnectionError, 0, 1],
    ["reset after taking the batch", () => ({ kind: "reset", commit: true }), "unknown", MoEngageConnectionError, 20, 1],
    ["a success answer padded to 1 MiB", () => ({ kind: "oversized", oversized: "success", commit: true }), "accepted", undefined, 20, 1],
    ["an answer that never ends", () => ({ kind: "oversized", oversized: "endless", commit: true }), "unknown", MoEngageTimeoutError, 20, 1],
  ];

  it.each(cases)("%s", async (_name, plan, outcome, ErrorClass, taken, requests) => {
    const run = await importWith(plan);
    expect(run.result.records).toBe(20);
    expect(run.taken).toBe(taken);
    expect(run.requests).toBe(requests);
    if (outcome == "accepted") {
      expect(run.result).toMatchObject({ accepted: 20, failed: 0, failures: [] });
    } else {
      expect(run.result).toMatchObject({ accepted: 0, failed: 20 });
      expect(run.result.failures).toHaveLength(1);
      const [failure] = run.result.failures;
      expect(failure!.outcome).toBe(outcome);
      expect(failure!.error).toBeInstanceOf(ErrorClass!);
      expect(failure!.records.map(eventKey)).toEqual([...generateEvents(20)].map(eventKey));
    }
  });

  it("retries a retry-safe operation (trackUser) after the same transient faults", async () => {
    const transient: FaultPlan[] = [
      { kind: "server-error", status: 503, commit: false },
      { kind: "reset", commit: false },
      { kind: "stall", commit: false },
    ];
    for (const plan of transient) {
      server.clear();
      server.decide = ({ attempt }) => (attempt == 1 ? plan : null);
      const { data, error } = await client(2500).trackUser({ body: { type: "customer", customer_id: "u-1", attributes: { name: "Ann" } } });
      expect(error, plan.kind).toBeUndefined();
      expect(data).toMatchObject({ status: "success" });
      expect(server.count("trackUser"), plan.kind).toBe(2);
    }
  });

  it("a non-retry-safe single call (trackEvent) that loses its answer fails once, as unknown to the caller", async () => {
    server.decide = () => ({ kind: "reset", commit: true });
    const { error } = await client().trackEvent({ body: signedUp });
    expect(error).toBeInstanceOf(MoEngageConnectionError);
    expect(server.count("trackEvent")).toBe(1);
  });
});

describe("bulk import under mixed faults (small soak)", () => {
  it("accounts for all 5 000 events: every fault kind, nothing lost, nothing doubled", async () => {
    const maxRetries = 2;
    const report = await runBulkImportSoak({
      upstream: inject("mockUrl"),
      records: 5000,
      // ~1.5 KB events: about 65 per batch, so the run makes enough batches to meet every fault.
      padding: 1500,
      seed: 11,
      maxRetries,
      oversizedBytes: 1024 * 1024,
      shares: {
        "rate-limit": 0.15,
        "server-error": 0.08,
        "soft-failure": 0.06,
        "html-error": 0.06,
        "truncated-json": 0.06,
        stall: 0.06,
        reset: 0.06,
        oversized: 0.06,
      },
    });
    expectNothingLost(report, { records: 5000, maxRetries });
    for (const [kind, count] of Object.entries(report.faults)) expect(count, kind).toBeGreaterThan(0);
    // Every outcome occurred, and some unknowns really had been taken (so "unknown" is not a formality).
    expect(report.accepted).toBeGreaterThan(0);
    expect(report.failed).toBeGreaterThan(0);
    expect(report.unknown).toBeGreaterThan(report.unknownTaken);
    expect(report.unknownTaken).toBeGreaterThan(0);
  });
});

describe("the soak's checks", () => {
  it("catch a caller that resends a bulk import after a lost answer: duplicates and unsafe retries", async () => {
    // A naive wrapper around fetch that sends once more after a 5xx: what the client must never do for importBulk.
    const resendingFetch = async (input: string | Request, init?: RequestInit) => {
      const send = () => fetch(input instanceof Request ? input.clone() : input, init);
      const first = await send();
      return first.status > 499 ? send() : first;
    };
    const report = await runBulkImportSoak({
      upstream: inject("mockUrl"),
      records: 1500,
      padding: 1500,
      seed: 5,
      shares: { "rate-limit": 0.1, "server-error": 0.3 },
      fetch: resendingFetch,
    });
    expect(report.breaches.unsafeRetries.count).toBeGreaterThan(0);
    expect(report.breaches.duplicated.count).toBeGreaterThan(0);
  });
});
