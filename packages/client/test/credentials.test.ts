import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { MoEngageMissingCredentialError, sha256Hex } from "../src/index.js";
import { basicValue, event, KEYS, sha256, testClient, WORKSPACE } from "./helpers/fixtures.js";
import { startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const pushBody = {
  campaignName: "Order shipped",
  requestType: "push",
  targetPlatform: ["ANDROID" as const],
  targetAudience: "User" as const,
  targetUserAttributes: { attribute: "USER_ATTRIBUTE_USER_EMAIL", comparisonParameter: "is" as const, attributeValue: "a@example.com", isCustom: false },
  payload: { ANDROID: { message: "Your order has shipped", title: "Shipped" } },
};

test("sha256Hex matches node:crypto on a known vector", async () => {
  expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  expect(await sha256Hex(`${WORKSPACE}|Order shipped|${KEYS.push}`)).toBe(sha256(`${WORKSPACE}|Order shipped|${KEYS.push}`));
});

describe("the client fills credentials, workspace ids and signatures per family", () => {
  test("Data: Basic with the data key, MOE-APPKEY, workspace id in the path", async () => {
    await testClient(server.url).trackEvent({ body: event() });
    const [request] = server.requests;
    expect(request!.url).toBe(`/v1/event/${WORKSPACE}`);
    expect(request!.headers.authorization).toBe(`Basic ${basicValue(KEYS.data)}`);
    expect(request!.headers["moe-appkey"]).toBe(WORKSPACE);
  });

  test("Data with app_id in the query", async () => {
    await testClient(server.url).getUser({ body: { identity_type: "customer_id", identities: [{ identity: "u1" }] } as never });
    expect(server.requests[0]!.url).toBe(`/v1/customers/export?app_id=${WORKSPACE}`);
  });

  test("Campaigns, Catalog, Templates: the campaign key", async () => {
    const moe = testClient(server.url);
    await moe.searchCampaigns({ body: {} as never });
    await moe.createCatalog({ body: {} as never });
    for (const request of server.requests) {
      expect(request.headers.authorization).toBe(`Basic ${basicValue(KEYS.campaign)}`);
      expect(request.headers["moe-appkey"]).toBe(WORKSPACE);
    }
  });

  test("Inform: the inform key", async () => {
    await testClient(server.url).sendAlert({ body: {} as never });
    expect(server.requests[0]!.headers.authorization).toBe(`Basic ${basicValue(KEYS.inform)}`);
  });

  test("Live Activities: the push key and X-MOE-APPKEY", async () => {
    await testClient(server.url).startLiveActivity({ body: {} as never });
    const [request] = server.requests;
    expect(request!.headers.authorization).toBe(`Basic ${basicValue(KEYS.push)}`);
    expect(request!.headers["x-moe-appkey"]).toBe(WORKSPACE);
    expect(request!.headers["moe-appkey"]).toBeUndefined();
  });

  test("File segments: the data key and MOE-DBNAME", async () => {
    await testClient(server.url).createFileSegment({ body: {} as never });
    const [request] = server.requests;
    expect(request!.headers.authorization).toBe(`Basic ${basicValue(KEYS.data)}`);
    expect(request!.headers["moe-dbname"]).toBe(WORKSPACE);
  });

  test("Push v2.1: signature in the body and X-MOE-PushAPI-Signature, X-MOE-APPKEY, no Basic", async () => {
    await testClient(server.url).sendPushV21({ body: pushBody, params: { header: { "X-MOE-Query-Type": "user" } } });
    const [request] = server.requests;
    const signature = sha256(`${WORKSPACE}|Order shipped|${KEYS.push}`);
    expect(JSON.parse(request!.body)).toEqual({ ...pushBody, appId: WORKSPACE, signature });
    expect(request!.headers["x-moe-pushapi-signature"]).toBe(signature);
    expect(request!.headers["x-moe-appkey"]).toBe(WORKSPACE);
    expect(request!.headers["x-moe-query-type"]).toBe("user");
    expect(request!.headers.authorization).toBeUndefined();
  });

  test("Push v2: appId is the workspace id, and the body signature covers it", async () => {
    await testClient(server.url).sendPush({ body: pushBody });
    const sent = JSON.parse(server.requests[0]!.body);
    expect(sent.appId).toBe(WORKSPACE);
    expect(sent.signature).toBe(sha256(`${WORKSPACE}|Order shipped|${KEYS.push}`));
  });

  test("Campaign report download: the Signature header over workspace, file name and campaign key", async () => {
    server.handle((_request, response) => {
      response.writeHead(200, { "content-type": "application/zip" });
      response.end(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00]));
    });
    const { data } = await testClient(server.url).downloadCampaignReport({ params: { path: { filename: "report.zip" } } });
    const [request] = server.requests;
    expect(request!.url).toBe(`/campaign_reports/rest_api/${WORKSPACE}/report.zip`);
    expect(request!.headers.signature).toBe(sha256(`${WORKSPACE}|report.zip|${KEYS.campaign}`));
    expect(request!.headers.authorization).toBeUndefined();
    // Bytes come back untouched (not decoded as text).
    expect(data).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await (data as Blob).arrayBuffer())]).toEqual([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00]);
    server.handle((_request, response) => response.end('{"status":"success"}'));
  });
});

describe("a missing credential fails before any request", () => {
  test.each([
    ["searchCampaigns", "credentials.campaign", { data: KEYS.data }],
    ["trackEvent", "credentials.data", { campaign: KEYS.campaign }],
    ["sendPushV21", "credentials.push", { data: KEYS.data }],
    ["sendAlert", "credentials.inform", { data: KEYS.data, inform: "" }],
  ] as const)("%s needs %s", async (operationId, credential, credentials) => {
    const moe = testClient(server.url, { credentials });
    const call = (moe[operationId] as (init: object) => Promise<{ error?: unknown }>)({
      body: operationId === "sendPushV21" ? pushBody : operationId === "trackEvent" ? event() : {},
      params: operationId === "sendPushV21" ? { header: { "X-MOE-Query-Type": "user" } } : undefined,
    });
    const { error } = await call;
    expect(error).toBeInstanceOf(MoEngageMissingCredentialError);
    expect(error).toMatchObject({ credential, operationId });
    expect((error as Error).message).toContain(credential);
    expect(server.requests).toHaveLength(0);
  });

  test("thrown in throwOnError mode", async () => {
    const moe = testClient(server.url, { credentials: {}, throwOnError: true });
    await expect(moe.searchCampaigns({ body: {} as never })).rejects.toThrow(MoEngageMissingCredentialError);
    expect(server.requests).toHaveLength(0);
  });
});
