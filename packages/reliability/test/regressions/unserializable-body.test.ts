// A body JSON cannot encode (a BigInt, a cycle) is a typed error: bulkImport reports that record failed and
// accounts for the rest; a single call returns the error and sends nothing.
import { bulkImport, createMoEngageClient, MoEngageError, type BulkRecord } from "@moekit/client";
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventKey, generateEvents } from "../../src/events.js";
import { startFaultServer, type FaultServer } from "../../src/fault-server.js";
import { keys, signedUp, workspaceId } from "../support/fixtures.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ recordKey: eventKey });
});
afterAll(() => server?.stop());

const withBigInt = { type: "event", customer_id: "u-big", actions: [{ action: "Paid", attributes: { event_id: "bigint", cents: 10n } }] };

it("bulkImport reports a record it cannot encode as failed and still accounts for the others", async () => {
  const client = createMoEngageClient({ workspaceId, credentials: keys, baseUrl: server.url });
  const records = [...generateEvents(10), withBigInt as unknown as BulkRecord, ...generateEvents(10)];
  const result = await bulkImport(client, records);
  expect(result).toMatchObject({ records: 21, failed: 1, accepted: 20 });
  expect(result.failures[0]).toMatchObject({ outcome: "failed", records: [withBigInt] });
});

it("a single call returns a typed error for a body it cannot encode, and sends nothing", async () => {
  const client = createMoEngageClient({ workspaceId, credentials: keys, baseUrl: server.url });
  const { error } = await client.trackEvent({ body: { ...signedUp, actions: [{ action: "Paid", attributes: { cents: 10n } }] } as never });
  expect(error).toBeInstanceOf(MoEngageError);
  expect(server.count("trackEvent")).toBe(0);
});
