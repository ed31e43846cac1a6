import { expect } from "vitest";
import type { SoakReport } from "../../src/soak.js";

/** The invariants of the issue, for a run of `records` events with `maxRetries`. Shared by `pnpm test` and `pnpm soak`. */
export function expectNothingLost(report: SoakReport, { records, maxRetries }: { records: number; maxRetries: number }): void {
  // The union of accepted, failed and unknown is exactly the input.
  expect(report.records).toBe(records);
  expect(report.accepted + report.failed + report.unknown).toBe(records);
  // Accepted exactly once; failed never taken; nothing reported twice, nothing foreign, every error typed.
  for (const [name, breach] of Object.entries(report.breaches)) expect(breach, name).toEqual({ count: 0, sample: [] });
  // The body limit of /v1/transition, 100 KB.
  expect(report.largestBodyBytes).toBeGreaterThan(0);
  expect(report.largestBodyBytes).toBeLessThanOrEqual(102_400);
  // Retries: some happened (429s), within the bound, and each was announced by the client.
  expect(report.retries).toBeGreaterThan(0);
  expect(report.maxAttempts).toBeLessThanOrEqual(1 + maxRetries);
  expect(report.loggedRetries).toBe(report.retries);
  // Streamed: the client never held more than its batches in flight plus the one it was filling.
  expect(report.maxLead).toBeLessThanOrEqual(report.leadBound);
}
