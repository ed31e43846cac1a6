// Live mode, with MOEKIT_BASE_URL pointing at a loopback server that records what the real client sends.
import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { callTool, cleanEnv, connectStdio, startRecorder, type Connection } from "./helpers.js";

const workspaceId = "WS_LIVE_TEST";
const keys = {
  MOENGAGE_DATA_KEY: "data-key-9f8e7d6c5b4a",
  MOENGAGE_PUSH_KEY: "push-key-1a2b3c4d5e6f",
  MOENGAGE_CAMPAIGN_KEY: "campaign-key-0a9b8c7d",
};
const basic = (key: string) => Buffer.from(`${workspaceId}:${key}`).toString("base64");

// Answers like MoEngage, and repeats the request's headers and body back, so a leak would show in the output.
const recorder = await startRecorder((request) => {
  const echo = { headers: request.headers, body: request.body };
  if (request.url.startsWith("/v1/customers/export")) return { status: 400, body: { status: "fail", error: { type: "Bad", message: JSON.stringify(echo) } } };
  if (request.url.startsWith("/v2.1/transaction/sendpush")) return { status: 200, body: { status: "Success", echo } };
  return { status: 200, body: { status: "success", message: "accepted", echo } };
});
afterAll(() => recorder.close());

const liveEnv = (extra: Record<string, string> = {}) =>
  cleanEnv({ MOENGAGE_DC: "02", MOENGAGE_WORKSPACE_ID: workspaceId, MOEKIT_BASE_URL: recorder.url, ...keys, ...extra });

const getUserBody = { data: { identifiers: [{ identifier_type: "customer_id", identifier: "john@example.com" }] } };
const trackEventBody = { type: "event", customer_id: "john@example.com", actions: [{ action: "Signed Up", platform: "web" }] };

describe("live mode without MOENGAGE_ALLOW_WRITES", () => {
  let server: Connection;
  beforeAll(async () => {
    server = await connectStdio(liveEnv());
  });
  afterAll(() => server?.close());
  afterEach(() => void recorder.requests.splice(0));

  it("refuses a write with a clear message and sends nothing", async () => {
    const { isError, json } = await callTool(server.client, "call_operation", { operationId: "trackEvent", body: trackEventBody });
    expect(isError).toBe(true);
    expect(json.refused).toBe(true);
    expect(json.reason).toContain("MOENGAGE_ALLOW_WRITES=1");
    expect(json.reason).toContain("Nothing was sent");
    // Deletes by id are retry-safe, yet still change data.
    const deletion = await callTool(server.client, "call_operation", { operationId: "deleteUser", body: { customer_id: "john@example.com" } });
    expect(deletion.json.refused).toBe(true);
    expect(recorder.requests).toHaveLength(0);
  });

  it("sends a read to the configured data center through the client", async () => {
    const { isError, json } = await callTool(server.client, "call_operation", {
      operationId: "getUser",
      body: getUserBody,
    });
    expect(recorder.requests, JSON.stringify(json)).toHaveLength(1);
    const [request] = recorder.requests;
    expect(request!.method).toBe("POST");
    expect(request!.url).toBe(`/v1/customers/export?app_id=${workspaceId}`);
    expect(request!.headers.authorization).toBe(`Basic ${basic(keys.MOENGAGE_DATA_KEY)}`);
    expect(request!.headers["moe-appkey"]).toBe(workspaceId);
    // The recorder answered 400 with the request's headers in the message: an error, redacted.
    expect(isError).toBe(true);
    expect(json).toMatchObject({ name: "MoEngageBadRequestError", status: 400, operationId: "getUser" });
  });

  it("says in call_operation's description that writes are refused", async () => {
    const { tools } = await server.client.listTools();
    expect(tools.find((tool) => tool.name === "call_operation")!.description).toContain("refused");
  });
});

describe("live mode with MOENGAGE_ALLOW_WRITES=1", () => {
  let server: Connection;
  const outputs: string[] = [];
  beforeAll(async () => {
    server = await connectStdio(liveEnv({ MOENGAGE_ALLOW_WRITES: "1" }));
  });
  afterAll(() => server?.close());
  afterEach(() => void recorder.requests.splice(0));

  it("sends a write", async () => {
    const { isError, json, text } = await callTool(server.client, "call_operation", { operationId: "trackEvent", body: trackEventBody });
    outputs.push(text);
    expect(isError).toBe(false);
    expect(json).toMatchObject({ mode: "live", status: 200, data: { status: "success" } });
    expect(recorder.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`POST /v1/event/${workspaceId}`]);
  });

  it("signs Push v2.1 with the push key", async () => {
    const described = await callTool(server.client, "describe_operation", { operationId: "sendPushV21" });
    const body = { ...described.json.exampleCall.body, appId: workspaceId, campaignName: "spring-sale" };
    const { isError, json, text } = await callTool(server.client, "call_operation", {
      operationId: "sendPushV21",
      params: described.json.exampleCall.params,
      body,
    });
    outputs.push(text);
    expect(isError, text).toBe(false);
    const signature = createHash("sha256").update(`${workspaceId}|spring-sale|${keys.MOENGAGE_PUSH_KEY}`).digest("hex");
    expect(recorder.requests[0]!.headers["x-moe-pushapi-signature"]).toBe(signature);
    expect(JSON.stringify(json)).toContain("[redacted]");
  });

  it("names the missing key's variable and sends nothing", async () => {
    const described = await callTool(server.client, "describe_operation", { operationId: "sendAlert" });
    const { isError, json, text } = await callTool(server.client, "call_operation", described.json.exampleCall);
    outputs.push(text);
    expect(isError, text).toBe(true);
    expect(json.name).toBe("MoEngageMissingCredentialError");
    expect(json.message).toContain("MOENGAGE_INFORM_KEY");
    expect(recorder.requests).toHaveLength(0);
  });

  it("never shows a key, a Basic credential or a signature in tool output or the log", async () => {
    const read = await callTool(server.client, "call_operation", {
      operationId: "getUser",
      body: getUserBody,
    });
    outputs.push(read.text);
    expect(read.json.status).toBe(400);
    const described = await callTool(server.client, "describe_operation", { operationId: "sendPushV21" });
    outputs.push(described.text);
    const everything = outputs.join("\n") + server.stderr();
    // The echoes reached the output, so the redaction is what keeps the secrets out.
    expect(everything).toContain("[redacted]");
    const signature = createHash("sha256").update(`${workspaceId}|spring-sale|${keys.MOENGAGE_PUSH_KEY}`).digest("hex");
    for (const secret of [...Object.values(keys), ...Object.values(keys).map(basic), signature]) {
      expect(everything).not.toContain(secret);
    }
    expect(server.stderr()).toContain("keys configured: data, push, campaign");
  });
});

describe("live mode with a wrong data center", () => {
  it("keeps searching but refuses calls, naming the setting", async () => {
    const server = await connectStdio(liveEnv({ MOENGAGE_DC: "99", MOENGAGE_ALLOW_WRITES: "1" }));
    try {
      const search = await callTool(server.client, "search_moengage", { query: "track an event" });
      expect(search.json.results[0].operationId).toBe("trackEvent");
      const call = await callTool(server.client, "call_operation", { operationId: "trackEvent", body: trackEventBody });
      expect(call.isError).toBe(true);
      expect(call.json.problems.join(" ")).toContain("MOENGAGE_DC");
      expect(recorder.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});
