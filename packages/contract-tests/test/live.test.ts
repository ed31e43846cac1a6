// Live mode: every case sent by the real client through `prism proxy --errors` to the real data center, so Prism checks
// the request against the spec on the way out and MoEngage's answer on the way back. Needs credentials in the
// environment; without them this file reports one skipped line saying how to turn it on.
import { describe, expect, inject, it } from "vitest";
import { listOperations } from "../src/bundle.js";
import { operationCases } from "../src/cases.js";
import { contractClient } from "../src/contract-client.js";
import { sendLiveCase } from "../src/live-case.js";
import { liveNotConfiguredTitle, liveUpstreams, readLiveConfig } from "../src/live.js";

const { config } = readLiveConfig(process.env);

it.skipIf(!config)(liveNotConfiguredTitle, () => {
  // Configured: global setup started one proxy per real host of the data center.
  expect(Object.keys(inject("liveHostUrls") ?? {}).sort()).toEqual(Object.keys(liveUpstreams(config!.dataCenter)).sort());
});

if (config) {
  const client = contractClient({
    hostUrls: inject("liveHostUrls"),
    workspaceId: config.workspaceId,
    credentials: config.credentials,
    kind: "live",
    // Real rate limits apply.
    throttle: true,
  });
  const operations = new Map(listOperations().map((operation) => [operation.operationId, operation]));
  const cases = Object.entries(operationCases).filter(([, { effect }]) => effect == "read" || config.writes);
  if (!config.writes) {
    console.info(`live mode: ${Object.keys(operationCases).length - cases.length} write operations not sent (MOENGAGE_LIVE_WRITES=1 sends them)`);
  }

  describe.each(cases)("live %s", (operationId) => {
    it("keeps request and answer within the spec", async () => {
      const operation = operations.get(operationId);
      expect(operation, `${operationId} is in the spec`).toBeDefined();
      const { problems } = await sendLiveCase(client, operation!);
      expect(problems).toEqual([]);
    });
  });
}
