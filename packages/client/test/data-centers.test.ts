import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createMoEngageClient, MoEngageConfigurationError } from "../src/index.js";
import { dataCenters, hostResolver, type HostName } from "../src/data-centers.js";
import { hosts } from "../src/generated/operations.js";
import { event, KEYS, testClient, WORKSPACE } from "./helpers/fixtures.js";
import { startServer, type TestServer } from "./helpers/server.js";

describe("configuration errors, at creation, before any request", () => {
  const create = (options: Record<string, unknown>) => () =>
    createMoEngageClient({ dataCenter: "01", workspaceId: WORKSPACE, credentials: KEYS, ...options } as never);

  test.each([["07"], ["1"], [""], [1]])("data center %j", (dataCenter) => {
    expect(create({ dataCenter })).toThrow(MoEngageConfigurationError);
    expect(create({ dataCenter })).toThrow(/dataCenter .* is not one of 01, 02, 03, 04, 05, 06, 101/);
  });

  test("no data center and no baseUrl", () => {
    expect(create({ dataCenter: undefined })).toThrow(/dataCenter undefined is not one of/);
  });

  test.each([[""], ["   "], ["DAO6/UGZ"], ["ws:id"], [undefined], [42]])("workspace id %j", (workspaceId) => {
    const attempt = create({ workspaceId });
    expect(attempt).toThrow(MoEngageConfigurationError);
    expect(attempt).toThrow(/^workspaceId .* is empty or not letters, digits, _ and -$/);
  });

  test("a test workspace id with _DEBUG is fine", () => {
    expect(create({ workspaceId: `${WORKSPACE}_DEBUG` })).not.toThrow();
  });

  test("every data center of the spec is accepted", () => {
    for (const dataCenter of ["01", "02", "03", "04", "05", "06", "101"]) expect(create({ dataCenter })).not.toThrow();
  });
});

describe("host URLs", () => {
  test("data center hosts of every family", () => {
    const host = hostResolver({ dataCenter: "02" });
    expect(host("api")).toBe("https://api-02.moengage.com");
    expect(host("pushapi")).toBe("https://pushapi-02.moengage.com");
    expect(host("sandbox-api")).toBe("https://sandbox-api-02.moengage.com");
    expect(Object.keys(hosts).sort()).toEqual(["api", "pushapi", "sandbox-api"]);
  });

  test("the URLs built for every host and data center are the spec's", () => {
    for (const dataCenter of dataCenters) {
      const host = hostResolver({ dataCenter });
      for (const [name, pattern] of Object.entries(hosts)) expect(host(name as HostName)).toBe(pattern.replace("{dc}", dataCenter));
    }
  });

  test("baseUrl replaces every host; hostUrls override one", () => {
    const host = hostResolver({ dataCenter: "101", baseUrl: "http://proxy.test", hostUrls: { pushapi: "http://push.test" } });
    expect(host("api")).toBe("http://proxy.test");
    expect(host("sandbox-api")).toBe("http://proxy.test");
    expect(host("pushapi")).toBe("http://push.test");
  });
});

describe("each operation goes to its host", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  // One loopback server; each host gets its own path prefix so the request shows which host was chosen.
  const client = () =>
    testClient(server.url, {
      hostUrls: { api: `${server.url}/api-host`, pushapi: `${server.url}/push-host`, "sandbox-api": `${server.url}/sandbox-host` },
    });

  test("Data on api, Push on pushapi, Inform live and sandbox", async () => {
    const moe = client();
    await moe.trackEvent({ body: event() });
    await moe.sendPushV21({
      body: { campaignName: "c", requestType: "push", targetPlatform: ["ANDROID"], targetAudience: "All Users", payload: {} } as never,
      params: { header: { "X-MOE-Query-Type": "all users" } } as never,
    });
    await moe.sendAlert({ body: {} as never });
    await moe.sendAlert({ body: {} as never, sandbox: true });
    const paths = server.requests.slice(-4).map((request) => request.url);
    expect(paths).toEqual([
      `/api-host/v1/event/${WORKSPACE}`,
      "/push-host/v2.1/transaction/sendpush",
      "/api-host/v1.0/alerts/send",
      "/sandbox-host/v1.0/alerts/send",
    ]);
  });

  test("sandbox on the client applies to Inform only", async () => {
    const moe = testClient(server.url, { sandbox: true, hostUrls: { "sandbox-api": `${server.url}/sandbox-host` } });
    await moe.sendAlert({ body: {} as never });
    await moe.trackEvent({ body: event() });
    expect(server.requests.slice(-2).map((request) => request.url)).toEqual([
      "/sandbox-host/v1.0/alerts/send",
      `/v1/event/${WORKSPACE}`,
    ]);
  });
});
