import { expect, it } from "vitest";
import { formatSoakReport, runBulkImportSoak } from "../src/soak.js";
import { expectNothingLost } from "../test/support/soak-expectations.js";

const records = 100_000;
const maxRetries = 2;

it("imports 100 000 events through 10 % 429, 5 % 5xx, 2 % resets and 1 % stalls, losing none", async () => {
  const report = await runBulkImportSoak({
    records,
    seed: 2026,
    maxRetries,
    timeout: 2000,
    shares: { "rate-limit": 0.1, "server-error": 0.05, reset: 0.02, stall: 0.01 },
  });
  console.log(`\n${formatSoakReport(report)}\n`);

  expectNothingLost(report, { records, maxRetries });
  // Streaming keeps memory flat: the input is never held, only the batches in flight and the failures.
  expect(report.peakHeapBytes).toBeLessThan(256 * 1024 * 1024);
});
