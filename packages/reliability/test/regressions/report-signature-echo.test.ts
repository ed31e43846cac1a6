// Error answers of the campaign report download are redacted like every other operation's: an echoed
// Signature header never reaches the error.
import { createMoEngageClient, MoEngageServerError, sha256Hex } from "@moekit/client";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startFaultServer, type FaultServer } from "../../src/fault-server.js";
import { keys, workspaceId } from "../support/fixtures.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ echoSecrets: true });
  server.decide = () => ({ kind: "server-error", status: 500, commit: false });
});
afterAll(() => server?.stop());

it("the report signature never appears in the error of a failed download", async () => {
  const filename = "report-2026-01-01.zip";
  const signature = await sha256Hex(`${workspaceId}|${filename}|${keys.campaign}`);
  const client = createMoEngageClient({ workspaceId, credentials: keys, baseUrl: server.url, retry: false });
  const { error } = await client.downloadCampaignReport({ params: { path: { filename } } });
  expect(error).toBeInstanceOf(MoEngageServerError);
  expect(error!.message).not.toContain(signature);
  expect(JSON.stringify(error)).not.toContain(signature);
});
