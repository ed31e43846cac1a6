import {
  bulkImport,
  createMoEngageClient,
  MoEngageBadRequestError,
  MoEngageConfigurationError,
  MoEngageTimeoutError,
  MoEngageMissingCredentialError,
  MoEngagePayloadLimitError,
  MoEngageRateLimitError,
  MoEngageServerError,
  operationTable,
  type BulkRecord,
  type Credentials,
  type DataCenter,
  type LogEntry,
  type MoEngageClientOptions,
  type OperationId,
} from "@moekit/client";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { eventKey, generateEvents } from "../src/events.js";
import { startFaultServer, type FaultPlan, type FaultServer } from "../src/fault-server.js";
import { callExample } from "./support/calls.js";
import { bulkWithWrongType, eventForTrackDevice, itemsAsText, unknownElementType } from "./fixtures/mismatched-bodies.js";
import { keys, quickRetry, signedUp, workspaceId } from "./support/fixtures.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ upstream: inject("mockUrl"), recordKey: eventKey, oversizedBytes: 4 * 1024 * 1024 });
});
afterAll(() => server?.stop());
beforeEach(() => {
  server.clear();
  server.decide = undefined;
});

const clientWith = (options: Partial<MoEngageClientOptions> = {}) =>
  // Long enough for the shared Prism under load; the endless answer below gets a short one.
  createMoEngageClient({ workspaceId, credentials: keys, baseUrl: server.url, timeout: 5000, retry: quickRetry, ...options });
const always = (plan: FaultPlan | null) => (server.decide = () => plan);

describe("unknown data center", () => {
  it.each(["07", "00", "1", "eu", "01 "])("%j is refused when the client is made, and nothing is sent", (dataCenter) => {
    expect(() => createMoEngageClient({ workspaceId, credentials: keys, dataCenter: dataCenter as DataCenter })).toThrowError(
      new MoEngageConfigurationError(`dataCenter ${JSON.stringify(dataCenter)} is not one of 01, 02, 03, 04, 05, 06, 101`),
    );
    expect(server.count()).toBe(0);
  });

  it("is refused even when a base URL overrides the hosts, and so is having neither", () => {
    expect(() => createMoEngageClient({ workspaceId, credentials: keys, dataCenter: "99" as DataCenter, baseUrl: server.url })).toThrow(
      MoEngageConfigurationError,
    );
    expect(() => createMoEngageClient({ workspaceId, credentials: keys })).toThrow(MoEngageConfigurationError);
    expect(server.count()).toBe(0);
  });
});

describe("missing credential for the family called", () => {
  const cases: [OperationId, keyof Credentials][] = [
    ["trackEvent", "data"],
    ["sendPushV21", "push"],
    ["startLiveActivity", "push"],
    ["sendAlert", "inform"],
    ["searchCampaigns", "campaign"],
    ["ingestCatalogItems", "campaign"],
    ["downloadCampaignReport", "campaign"],
  ];

  it.each(cases)("%s without the %s key fails with MoEngageMissingCredentialError and sends nothing", async (operationId, family) => {
    const credentials: Credentials = { ...keys, [family]: undefined };
    const { error } = await callExample(clientWith({ credentials }), operationId);
    expect(error).toBeInstanceOf(MoEngageMissingCredentialError);
    expect(error).toMatchObject({ credential: `credentials.${family}`, operationId });
    await expect(callExample(clientWith({ credentials, throwOnError: true }), operationId)).rejects.toThrow(MoEngageMissingCredentialError);
    expect(server.count()).toBe(0);
  });

  it("an empty key counts as missing", async () => {
    const { error } = await clientWith({ credentials: { ...keys, data: "" } }).trackEvent({ body: signedUp });
    expect(error).toBeInstanceOf(MoEngageMissingCredentialError);
    expect(server.count()).toBe(0);
  });

  it("a bulk import without the data key reports every record failed, and sends nothing", async () => {
    const result = await bulkImport(clientWith({ credentials: { campaign: keys.campaign } }), generateEvents(300));
    expect(result).toMatchObject({ records: 300, accepted: 0, failed: 300 });
    expect(result.failures.every((failure) => failure.outcome == "failed" && failure.error instanceof MoEngageMissingCredentialError)).toBe(true);
    expect(server.count()).toBe(0);
  });
});

describe("empty or malformed workspace id", () => {
  it.each(["", "   ", "ws:1", "ws/1", "../admin", "ws 1", "ws\n1", "wś"])("%j is refused when the client is made", (bad) => {
    expect(() => createMoEngageClient({ workspaceId: bad, credentials: keys, baseUrl: server.url })).toThrowError(MoEngageConfigurationError);
    expect(() => createMoEngageClient({ workspaceId: bad, credentials: keys, baseUrl: server.url })).toThrowError(/workspaceId/);
    expect(server.count()).toBe(0);
  });

  it.each([undefined, null, 42])("%j is refused too", (workspace) => {
    expect(() => createMoEngageClient({ workspaceId: workspace as unknown as string, credentials: keys, baseUrl: server.url })).toThrow(
      MoEngageConfigurationError,
    );
    expect(server.count()).toBe(0);
  });
});

describe("body over the limit", () => {
  const eventOfBytes = (bytes: number, filler = "x") => {
    const body = { ...signedUp, actions: [{ action: "Big", attributes: { blob: "" } }] };
    const overhead = JSON.stringify(body).length;
    body.actions[0]!.attributes.blob = filler.repeat(Math.floor((bytes - overhead) / new TextEncoder().encode(filler).length));
    return body;
  };

  it("is refused before sending; exactly the limit is sent", async () => {
    const limit = operationTable.trackEvent.b!;
    const atLimit = eventOfBytes(limit);
    expect(new TextEncoder().encode(JSON.stringify(atLimit)).length).toBe(limit);
    const over = eventOfBytes(limit + 1);

    const { error } = await clientWith().trackEvent({ body: over });
    expect(error).toBeInstanceOf(MoEngagePayloadLimitError);
    expect(error).toMatchObject({ size: limit + 1, limit, operationId: "trackEvent" });
    expect(server.count()).toBe(0);

    const sent = await clientWith().trackEvent({ body: atLimit });
    expect(sent.error).toBeUndefined();
    expect(server.count()).toBe(1);
  });

  it("counts UTF-8 bytes, not characters", async () => {
    const limit = operationTable.trackEvent.b!;
    const body = eventOfBytes(limit + 2, "é");
    expect(JSON.stringify(body).length).toBeLessThan(limit);
    const { error } = await clientWith().trackEvent({ body });
    expect(error).toBeInstanceOf(MoEngagePayloadLimitError);
    expect(server.count()).toBe(0);
  });

  it("applies each operation's own limit (Live Activities: 5 KB)", async () => {
    const body = { broadcast_live_activity_id: "live-1", instance_id: "i-1", ios: { attribute_type: "A", attribute_info: { text: "x".repeat(6000) } } };
    const { error } = await clientWith().startLiveActivity({ body: body as never });
    expect(error).toMatchObject({ name: "MoEngagePayloadLimitError", limit: 5120 });
    expect(server.count()).toBe(0);
  });

  it("a bulk record too big for any batch is reported failed, the others go through, no request passes 100 KB", async () => {
    const records: BulkRecord[] = [...generateEvents(400)];
    const big: BulkRecord = { type: "event", customer_id: "u-big", actions: [{ action: "Big", attributes: { event_id: "big", blob: "x".repeat(110 * 1024) } }] };
    records.splice(200, 0, big);
    const result = await bulkImport(clientWith(), records);

    expect(result).toMatchObject({ records: 401, accepted: 400, failed: 1 });
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({ records: [big], outcome: "failed", batch: undefined });
    expect(result.failures[0]!.error).toBeInstanceOf(MoEngagePayloadLimitError);
    expect(server.accepted.has("big")).toBe(false);
    expect(Math.max(...server.requests.map((request) => request.bytes))).toBeLessThanOrEqual(102_400);
  });
});

describe("body that does not match the operation, types bypassed", () => {
  // The types refuse these bodies (test/fixtures/mismatched-bodies.ts, checked by `pnpm typecheck`).
  const cases: [OperationId, unknown, object?][] = [
    ["trackDevice", eventForTrackDevice],
    ["importBulk", bulkWithWrongType],
    ["ingestCatalogItems", itemsAsText, { path: { catalog_id: "c-1" } }],
  ];

  it.each(cases)("%s answers 400 once: a clear MoEngageBadRequestError, no retry loop", async (operationId, body, params) => {
    const client = clientWith({ maxRetries: 5 }) as unknown as Record<string, (init: object) => Promise<{ error?: Error }>>;
    const { error } = await client[operationId]!({ body, params });
    expect(error).toBeInstanceOf(MoEngageBadRequestError);
    expect(error).toMatchObject({ status: 400, operationId });
    expect(error!.message).toMatch(new RegExp(`^MoEngage 400 .+ \\[${operationId} `));
    expect(server.requests.map((request) => request.status)).toEqual([400]);
    expect(server.accepted.size).toBe(0);
  });

  it("a bulk batch holding a malformed element is refused once and reported failed, not resent", async () => {
    const records = [...generateEvents(50), unknownElementType];
    const result = await bulkImport(clientWith({ maxRetries: 5 }), records as BulkRecord[]);
    expect(result).toMatchObject({ records: 51, accepted: 0, failed: 51 });
    expect(result.failures[0]).toMatchObject({ outcome: "failed" });
    expect(result.failures[0]!.error).toBeInstanceOf(MoEngageBadRequestError);
    expect(server.count("importBulk")).toBe(1);
  });
});

describe("a response larger than expected", () => {
  it("a 4 MiB success answer is read whole, once", async () => {
    always({ kind: "oversized", oversized: "success", commit: true });
    const { data, error } = await clientWith().trackEvent({ body: signedUp });
    expect(error).toBeUndefined();
    expect(data).toMatchObject({ status: "success" });
    expect((data as unknown as { padding: string }).padding).toHaveLength(4 * 1024 * 1024);
    expect(server.count()).toBe(1);
  });

  it("a 4 MiB HTML error page is a MoEngageServerError with a short message", async () => {
    always({ kind: "oversized", oversized: "html" });
    const { error } = await clientWith().trackEvent({ body: signedUp });
    expect(error).toBeInstanceOf(MoEngageServerError);
    expect(error!.message).toContain("502 Bad Gateway");
    expect(error!.message.length).toBeLessThan(400);
    expect(JSON.stringify(error).length).toBeLessThan(1000);
    expect(server.count()).toBe(1);
  });

  it("a 4 MiB error envelope is a MoEngageServerError", async () => {
    always({ kind: "oversized", oversized: "envelope" });
    const { error } = await clientWith().trackEvent({ body: signedUp });
    expect(error).toBeInstanceOf(MoEngageServerError);
    expect(error).toMatchObject({ status: 500, code: "ServerError" });
    expect(server.count()).toBe(1);
  });

  it("a body that never ends is given up at the timeout, sent once", async () => {
    always({ kind: "oversized", oversized: "endless", commit: true });
    const { error } = await clientWith({ timeout: 1000 }).trackEvent({ body: signedUp });
    expect(error).toBeInstanceOf(MoEngageTimeoutError);
    expect(error).toMatchObject({ status: 200, operationId: "trackEvent" });
    expect(server.count()).toBe(1);
  });
});

describe("Retry-After of absurd size", () => {
  const absurd: [string, string][] = [
    ["retry-after", "999999999"],
    ["retry-after", "1e308"],
    ["retry-after", "Fri, 31 Dec 9999 23:59:59 GMT"],
    ["x-ratelimit-reset", "99999999999"],
    ["x-ratelimit-reset", "999999999999999"],
  ];

  it.each(absurd)("%s: %s waits at most maxDelay, then fails with MoEngageRateLimitError", async (header, value) => {
    always({ kind: "rate-limit", rateLimitHeader: [header as "retry-after", value] });
    const log: LogEntry[] = [];
    const { error } = await clientWith({ maxRetries: 2, retry: { initialDelay: 5, maxDelay: 25 }, logger: (entry) => log.push(entry) }).trackEvent({
      body: signedUp,
    });
    expect(error).toBeInstanceOf(MoEngageRateLimitError);
    expect(log.map((entry) => entry.retryInMs)).toEqual([25, 25, undefined]);
    expect(server.count()).toBe(3);
  });

  it("with the default policy the wait is capped at 30 s", async () => {
    always({ kind: "rate-limit", rateLimitHeader: ["retry-after", "999999999"] });
    const controller = new AbortController();
    const log: LogEntry[] = [];
    const client = clientWith({
      retry: undefined,
      logger: (entry) => {
        log.push(entry);
        // The client has said how long it will wait: enough to check, no need to sit through it.
        if (entry.retryInMs !== undefined) controller.abort(new Error("stopped by the test"));
      },
    });
    await expect(client.trackEvent({ body: signedUp, signal: controller.signal })).rejects.toThrow("stopped by the test");
    expect(log.map((entry) => entry.retryInMs)).toEqual([30_000]);
    expect(server.count()).toBe(1);
  });

  it("a wait past maxElapsed is not slept at all: the 429 is returned at once", async () => {
    always({ kind: "rate-limit", rateLimitHeader: ["retry-after", "999999"] });
    const log: LogEntry[] = [];
    const { error } = await clientWith({ retry: { maxDelay: 120_000 }, logger: (entry) => log.push(entry) }).trackEvent({ body: signedUp });
    expect(error).toBeInstanceOf(MoEngageRateLimitError);
    expect(log.map((entry) => entry.retryInMs)).toEqual([undefined]);
    expect(server.count()).toBe(1);
  });
});
