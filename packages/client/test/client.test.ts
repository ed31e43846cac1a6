import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createMoEngageClient, operationTable, type LogEntry, type Middleware } from "../src/index.js";
import { event, KEYS, testClient, WORKSPACE } from "./helpers/fixtures.js";
import { json, ok, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.handle(ok);
});

describe("two ways to call, one request", () => {
  test("path style and operationId style send the same request and return the same result", async () => {
    const moe = testClient(server.url);
    const byId = await moe.trackEvent({ body: event() });
    const byPath = await moe.POST("/v1/event/{workspace_id}", { body: event() });
    const [first, second] = server.requests;
    expect(second!.url).toBe(first!.url);
    expect(second!.body).toBe(first!.body);
    expect(second!.headers.authorization).toBe(first!.headers.authorization);
    expect(byPath.data).toEqual(byId.data);
  });

  test("path params, query params and methods other than POST", async () => {
    const moe = testClient(server.url);
    await moe.GET("/v3/custom-segments/{segment_id}", { params: { path: { segment_id: "seg 1" } } });
    await moe.getLegacyEmailTemplate({ params: { path: { template_id: "t-9" } } });
    await moe.PATCH("/v1/catalog/{catalog_id}/items", { params: { path: { catalog_id: "cat" } }, body: {} as never });
    await moe.deleteCards({ body: { uid: "u1" } as never });
    expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      "GET /v3/custom-segments/seg%201",
      "GET /v2/email-templates/t-9",
      "PATCH /v1/catalog/cat/items",
      "DELETE /v1/cards/delete",
    ]);
    expect(JSON.parse(server.requests[3]!.body)).toEqual({ uid: "u1" });
  });

  test("every operation of the table is a method", () => {
    const moe = testClient(server.url) as unknown as Record<string, unknown>;
    for (const id of Object.keys(operationTable)) expect(typeof moe[id]).toBe("function");
    for (const method of ["GET", "PUT", "POST", "DELETE", "PATCH"]) expect(typeof moe[method]).toBe("function");
  });

  test("extra headers per call", async () => {
    await testClient(server.url).trackEvent({ body: event(), headers: { "X-Request-Source": "test" } });
    expect(server.requests[0]!.headers["x-request-source"]).toBe("test");
  });
});

describe("middleware and logging", () => {
  test("openapi-fetch middleware runs once per call, around the retries", async () => {
    server.handle((request, response, index) =>
      index === 0 ? json(response, 429, { status: "fail" }, { "retry-after": "0" }) : ok(request, response, index),
    );
    const seen: string[] = [];
    const middleware: Middleware = {
      onRequest({ request, schemaPath }) {
        seen.push(`request ${schemaPath}`);
        request.headers.set("X-Trace", "abc");
      },
      onResponse({ response }) {
        seen.push(`response ${response.status}`);
      },
    };
    const moe = testClient(server.url);
    moe.use(middleware);
    await moe.trackEvent({ body: event() });
    expect(seen).toEqual(["request /v1/event/{workspace_id}", "response 200"]);
    expect(server.requests.map((request) => request.headers["x-trace"])).toEqual(["abc", "abc"]);
    moe.eject(middleware);
    await moe.trackEvent({ body: event() });
    expect(seen).toHaveLength(2);
  });

  test("the logger gets one summary per attempt", async () => {
    const log: LogEntry[] = [];
    await testClient(server.url, { logger: (entry) => log.push(entry) }).getSegment({ params: { path: { segment_id: "s" } } });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      operationId: "getSegment",
      method: "GET",
      path: "/v3/custom-segments/{segment_id}",
      attempt: 1,
      status: 200,
    });
    expect(log[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  test("a custom fetch is used for every attempt", async () => {
    const urls: string[] = [];
    const moe = createMoEngageClient({
      baseUrl: server.url,
      workspaceId: WORKSPACE,
      credentials: KEYS,
      fetch: (url, init) => {
        urls.push(`${init.method} ${url}`);
        return fetch(url, init);
      },
    });
    await moe.trackEvent({ body: event() });
    expect(urls).toEqual([`POST ${server.url}/v1/event/${WORKSPACE}`]);
  });
});
