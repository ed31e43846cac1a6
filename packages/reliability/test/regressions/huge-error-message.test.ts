// A huge JSON error envelope gives a bounded error message; the full body stays on the error, off its message.
import { createMoEngageClient, MoEngageServerError } from "@moekit/client";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startFaultServer, type FaultServer } from "../../src/fault-server.js";
import { keys, signedUp, workspaceId } from "../support/fixtures.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ oversizedBytes: 4 * 1024 * 1024 });
  server.decide = () => ({ kind: "oversized", oversized: "envelope" });
});
afterAll(() => server?.stop());

it("an error message stays short however large the envelope", async () => {
  const client = createMoEngageClient({ workspaceId, credentials: keys, baseUrl: server.url });
  const { error } = await client.trackEvent({ body: signedUp });
  expect(error).toBeInstanceOf(MoEngageServerError);
  expect(error!.message.length).toBeLessThan(1024);
});
