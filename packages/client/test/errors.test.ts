import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  MoEngageAPIError,
  MoEngageAuthenticationError,
  MoEngageBadRequestError,
  MoEngageConflictError,
  MoEngageConnectionError,
  MoEngageError,
  MoEngageInvalidResponseError,
  MoEngageNotFoundError,
  MoEngagePayloadTooLargeError,
  MoEngagePermissionDeniedError,
  MoEngageRateLimitError,
  MoEngageServerError,
  MoEngageUnsupportedMediaTypeError,
} from "../src/index.js";
import { event, testClient, WORKSPACE } from "./helpers/fixtures.js";
import { json, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const call = () => testClient(server.url, { retry: false }).trackEvent({ body: event() });

describe("every envelope of the spec, normalized, by status", () => {
  test.each([
    {
      family: "Data",
      status: 400,
      body: { status: "fail", error: { type: "MissingAttributeError", message: "actions can not be empty Array", attribute: "actions", request_id: "izsZuQNw" } },
      Class: MoEngageBadRequestError,
      expected: { code: "MissingAttributeError", requestId: "izsZuQNw", attribute: "actions" },
      message: "actions can not be empty Array",
    },
    {
      family: "title/description",
      status: 401,
      body: { title: "Authentication required", description: "Invalid credentials" },
      Class: MoEngageAuthenticationError,
      expected: { code: "Authentication required" },
      message: "Invalid credentials",
    },
    {
      family: "Cards",
      status: 403,
      body: { status: false, error: "Workspace not allowed", request_id: "c-1" },
      Class: MoEngagePermissionDeniedError,
      expected: { requestId: "c-1" },
      message: "Workspace not allowed",
    },
    {
      family: "Push (404/500)",
      status: 404,
      body: { code: 404, status: "error", reason: "Campaign not found" },
      Class: MoEngageNotFoundError,
      expected: { code: "404" },
      message: "Campaign not found",
    },
    {
      family: "Inform",
      status: 409,
      body: { message: "Duplicate request", err_code: "DUPLICATE", status_code: 409 },
      Class: MoEngageConflictError,
      expected: { code: "DUPLICATE" },
      message: "Duplicate request",
    },
    {
      family: "Campaigns",
      status: 413,
      body: { error: { code: "PAYLOAD_TOO_LARGE", message: "Too big", target: "campaign_content", details: [{ field: "x" }], request_id: "r-9" } },
      Class: MoEngagePayloadTooLargeError,
      expected: { code: "PAYLOAD_TOO_LARGE", attribute: "campaign_content", requestId: "r-9", details: [{ field: "x" }] },
      message: "Too big",
    },
    {
      family: "Live Activities",
      status: 415,
      body: { error: { code: "UNSUPPORTED", message: "Use JSON", details: "content-type" } },
      Class: MoEngageUnsupportedMediaTypeError,
      expected: { code: "UNSUPPORTED", details: "content-type" },
      message: "Use JSON",
    },
    {
      family: "Catalog",
      status: 429,
      body: { "error-code": "RATE_LIMITED", message: "Slow down" },
      Class: MoEngageRateLimitError,
      expected: { code: "RATE_LIMITED" },
      message: "Slow down",
    },
    {
      family: "RFC 7807 problem (Prism)",
      status: 422,
      body: {
        type: "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY",
        title: "Invalid request",
        status: 422,
        detail: "Your request is not valid and no HTTP validation response was found in the spec",
      },
      Class: MoEngageAPIError,
      expected: { code: "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY" },
      message: "Your request is not valid and no HTTP validation response was found in the spec",
    },
    {
      family: "RFC 7807 problem without detail",
      status: 404,
      body: { type: "about:blank", title: "Route not resolved, no path matched", status: 404 },
      Class: MoEngageNotFoundError,
      expected: { code: "about:blank" },
      message: "Route not resolved, no path matched",
    },
    { family: "[]", status: 500, body: [], Class: MoEngageServerError, expected: {}, message: "no message" },
    { family: "empty", status: 503, body: undefined, Class: MoEngageServerError, expected: {}, message: "no message" },
    { family: "other status", status: 422, body: { message: "Nope" }, Class: MoEngageAPIError, expected: {}, message: "Nope" },
  ])("$family → $Class.name ($status)", async ({ status, body, Class, expected, message }) => {
    server.handle((_request, response) => json(response, status, body));
    const { data, error, response } = await call();
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(MoEngageError);
    expect(error!.name).toBe(Class.name);
    expect(error).toMatchObject({ status, operationId: "trackEvent", method: "POST", path: "/v1/event/{workspace_id}", ...expected });
    expect(error!.message).toBe(
      `MoEngage ${status}${"code" in expected ? ` ${expected.code}` : ""}: ${message} [trackEvent POST /v1/event/{workspace_id}]`,
    );
    expect(response?.status).toBe(status);
    expect(error!.response).toBe(response);
    // An empty body reaches the error as "" (what the server sent), the others parsed.
    expect(error!.body).toEqual(body ?? "");
  });
});

describe("HTTP 200 bodies that report failure are errors (x-moe-soft-failure)", () => {
  test("Data status: fail", async () => {
    server.handle((_request, response) =>
      json(response, 200, { status: "fail", error: { type: "ValueError", message: "bad platform", attribute: "platform", request_id: "q1" } }),
    );
    const { data, error } = await call();
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(MoEngageAPIError);
    expect(error).toMatchObject({ status: 200, code: "ValueError", attribute: "platform", requestId: "q1" });
  });

  test("Push status: Fail", async () => {
    server.handle((_request, response) => json(response, 200, { status: "Fail", Error_Message: "Invalid signature", requestId: "p-7" }));
    const { error } = await testClient(server.url).sendPush({
      body: { campaignName: "c", requestType: "push", targetPlatform: ["ANDROID"], targetAudience: "All Users", payload: {} },
    });
    expect(error).toMatchObject({ status: 200, message: expect.stringContaining("Invalid signature"), requestId: "p-7" });
  });

  test("a 200 success body is data", async () => {
    server.handle((_request, response) => json(response, 200, { status: "success", message: "ok" }));
    const { data, error } = await call();
    expect(error).toBeUndefined();
    expect(data).toEqual({ status: "success", message: "ok" });
  });

  test("204 and empty 200 bodies are data: undefined", async () => {
    server.handle((_request, response) => {
      response.writeHead(204);
      response.end();
    });
    const noContent = await call();
    expect(noContent.error).toBeUndefined();
    expect(noContent.data).toBeUndefined();
    expect(noContent.response?.status).toBe(204);
    server.handle((_request, response) => {
      response.writeHead(200, { "content-length": "0" });
      response.end();
    });
    const empty = await call();
    expect(empty.error).toBeUndefined();
    expect(empty.data).toBeUndefined();
  });
});

describe("bodies that are not the JSON promised", () => {
  test("an HTML page with HTTP 200 → InvalidResponse with status and a short excerpt", async () => {
    const page = `<html>\n<head><title>Gateway</title></head>\n<body>${"maintenance ".repeat(100)}</body></html>`;
    server.handle((_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end(page);
    });
    const { error } = await call();
    expect(error).toBeInstanceOf(MoEngageInvalidResponseError);
    expect(error!.status).toBe(200);
    expect(error!.message).toMatch(/^MoEngage 200: non-JSON body: <html> <head><title>Gateway<\/title>/);
    expect(error!.message.length).toBeLessThan(260);
  });

  test("truncated JSON → InvalidResponse", async () => {
    server.handle((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end('{"status":"succ');
    });
    const { error } = await call();
    expect(error).toBeInstanceOf(MoEngageInvalidResponseError);
    expect(error!.message).toContain('non-JSON body: {"status":"succ');
  });

  test("a body cut off by the connection → ConnectionError that keeps the status", async () => {
    server.handle((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "200" });
      response.write('{"status":"su', () => response.socket?.destroy());
    });
    const { error } = await call();
    expect(error).toBeInstanceOf(MoEngageConnectionError);
    expect(error).toMatchObject({ status: 200, operationId: "trackEvent" });
  });

  test("an HTML 502 stays a server error, with the excerpt as message", async () => {
    server.handle((_request, response) => {
      response.writeHead(502, { "content-type": "text/html" });
      response.end("<html><body><h1>502 Bad Gateway</h1></body></html>");
    });
    const { error } = await call();
    expect(error).toBeInstanceOf(MoEngageServerError);
    expect(error!.message).toContain("non-JSON body: <html><body><h1>502 Bad Gateway</h1>");
  });
});

describe("message size", () => {
  const context = " [trackEvent POST /v1/event/{workspace_id}]";

  test("a huge JSON error message is cut to 300 characters and an ellipsis; the full body stays on error.body", async () => {
    const huge = "x".repeat(4 * 1024 * 1024);
    server.handle((_request, response) => json(response, 500, { status: "fail", error: { type: "Boom", message: huge } }));
    const { error } = await call();
    expect(error).toBeInstanceOf(MoEngageServerError);
    expect(error!.message).toBe(`${`MoEngage 500 Boom: ${huge}`.slice(0, 300)}…${context}`);
    expect((error!.body as any).error.message).toBe(huge);
    expect(Object.keys(error!)).not.toContain("body");
    expect(JSON.stringify(error).length).toBeLessThan(1024);
  });

  test("a huge code or Push message is cut too; short messages are whole, without an ellipsis", async () => {
    server.handle((_request, response) => json(response, 400, { code: "C".repeat(5000), reason: "r".repeat(5000) }));
    const { error } = await call();
    expect(error!.message.length).toBe(301 + context.length);
    expect(error!.message.endsWith(`…${context}`)).toBe(true);
    // "MoEngage 400: " is 14 characters: 286 more make exactly 300, kept whole; one more is cut.
    server.handle((_request, response) => json(response, 400, { message: "m".repeat(286) }));
    expect((await call()).error!.message).toBe(`MoEngage 400: ${"m".repeat(286)}${context}`);
    server.handle((_request, response) => json(response, 400, { message: "m".repeat(287) }));
    expect((await call()).error!.message).toBe(`MoEngage 400: ${"m".repeat(286)}…${context}`);
    server.handle((_request, response) => json(response, 400, { message: "short" }));
    expect((await call()).error!.message).toBe(`MoEngage 400: short${context}`);
  });

  test("a non-JSON excerpt ends with an ellipsis when cut", async () => {
    server.handle((_request, response) => {
      response.writeHead(502, { "content-type": "text/html" });
      response.end(`<html>${"gateway down ".repeat(1000)}</html>`);
    });
    const { error } = await call();
    expect(error!.message).toMatch(/^MoEngage 502: non-JSON body: <html>gateway down .{100,}… \[trackEvent/);
    expect(error!.message.length).toBeLessThan(260);
  });
});

describe("result or throw", () => {
  test("throwOnError on the client", async () => {
    server.handle((_request, response) => json(response, 400, { status: "fail", error: { message: "bad" } }));
    const moe = testClient(server.url, { throwOnError: true });
    await expect(moe.trackEvent({ body: event() })).rejects.toBeInstanceOf(MoEngageBadRequestError);
    // and back to a result for one call
    const { error } = await moe.trackEvent({ body: event(), throwOnError: false });
    expect(error).toBeInstanceOf(MoEngageBadRequestError);
  });

  test("throwOnError per call", async () => {
    server.handle((_request, response) => json(response, 401, { title: "Unauthorized" }));
    await expect(testClient(server.url).trackEvent({ body: event(), throwOnError: true })).rejects.toBeInstanceOf(
      MoEngageAuthenticationError,
    );
  });

  test("in throw mode success returns { data, response }", async () => {
    server.handle((_request, response) => json(response, 200, { status: "success" }));
    const { data, response } = await testClient(server.url, { throwOnError: true }).trackEvent({ body: event() });
    expect(data).toEqual({ status: "success" });
    expect(response.status).toBe(200);
  });
});
