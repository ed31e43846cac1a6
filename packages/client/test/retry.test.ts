import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import {
  MoEngageConnectionError,
  MoEngageRateLimitError,
  MoEngageServerError,
  MoEngageTimeoutError,
  type LogEntry,
} from "../src/index.js";
import { backoff, isRetryable, serverDelay } from "../src/retry.js";
import { event, testClient } from "./helpers/fixtures.js";
import { delay, json, ok, startServer, type Handler, type TestServer } from "./helpers/server.js";

describe("the rule", () => {
  test("429 always; 502/503/504 and no status only when retry-safe; never other statuses", () => {
    for (const safe of [true, false]) expect(isRetryable(429, safe)).toBe(true);
    for (const status of [502, 503, 504, undefined, false as const]) {
      expect(isRetryable(status, true)).toBe(true);
      expect(isRetryable(status, false)).toBe(false);
    }
    for (const status of [400, 401, 403, 404, 409, 413, 500, 501]) {
      expect(isRetryable(status, true)).toBe(false);
      expect(isRetryable(status, false)).toBe(false);
    }
  });

  test("Retry-After in seconds or as an HTTP date; x-ratelimit-reset as epoch seconds or a delta", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    const delayOf = (headers: Record<string, string>) => serverDelay(new Headers(headers), now);
    expect(delayOf({ "retry-after": "3" })).toBe(3000);
    expect(delayOf({ "retry-after": "0.25" })).toBe(250);
    expect(delayOf({ "retry-after": "Wed, 01 Jan 2025 00:00:07 GMT" })).toBe(7000);
    expect(delayOf({ "retry-after": "Tue, 31 Dec 2024 23:59:00 GMT" })).toBe(0);
    expect(delayOf({ "x-ratelimit-reset": String(now / 1000 + 12) })).toBe(12000);
    expect(delayOf({ "x-ratelimit-reset": "5" })).toBe(5000);
    expect(delayOf({ "retry-after": "2", "x-ratelimit-reset": "9" })).toBe(2000);
    expect(delayOf({})).toBeUndefined();
    expect(delayOf({ "retry-after": "soon" })).toBeUndefined();
  });

  test("full jitter: between 0 and min(maxDelay, initialDelay · 2^retry)", () => {
    const policy = { initialDelay: 100, maxDelay: 1000 };
    expect(backoff(0, policy, () => 0)).toBe(0);
    expect(backoff(0, policy, () => 0.5)).toBe(50);
    expect(backoff(3, policy, () => 0.5)).toBe(400);
    expect(backoff(10, policy, () => 0.999)).toBeCloseTo(999);
  });
});

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.handle(ok);
});

/** Answers with `first` for the first `times` requests, then 200. */
const failing =
  (first: Handler, times = 1): Handler =>
  (request, response, index) =>
    index < times ? first(request, response, index) : ok(request, response, index);
const status =
  (code: number, headers: Record<string, string> = {}): Handler =>
  (_request, response) =>
    json(response, code, { status: "fail", error: { message: `status ${code}` } }, headers);

describe("retries against a real server", () => {
  test("429 with Retry-After is retried even when the operation is not retry-safe", async () => {
    server.handle(failing(status(429, { "retry-after": "0.05" })));
    const log: LogEntry[] = [];
    const started = Date.now();
    const { data, error } = await testClient(server.url, { logger: (entry) => log.push(entry) }).trackEvent({ body: event() });
    expect(error).toBeUndefined();
    expect(data).toMatchObject({ status: "success" });
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(log.map(({ attempt, status, retryInMs }) => ({ attempt, status, retryInMs }))).toEqual([
      { attempt: 1, status: 429, retryInMs: 50 },
      { attempt: 2, status: 200, retryInMs: undefined },
    ]);
    expect(log[0]).toMatchObject({ operationId: "trackEvent", method: "POST", path: "/v1/event/{workspace_id}" });
  });

  test("x-ratelimit-reset as a delta in seconds", async () => {
    server.handle(failing(status(429, { "x-ratelimit-reset": "0.03" })));
    const log: LogEntry[] = [];
    await testClient(server.url, { logger: (entry) => log.push(entry) }).trackEvent({ body: event() });
    expect(log[0]!.retryInMs).toBe(30);
  });

  test("a server delay above maxDelay is capped at maxDelay", async () => {
    server.handle(failing(status(429, { "retry-after": "3600" })));
    const log: LogEntry[] = [];
    const moe = testClient(server.url, { retry: { maxDelay: 40, maxElapsed: 10_000 }, logger: (entry) => log.push(entry) });
    expect((await moe.trackEvent({ body: event() })).error).toBeUndefined();
    expect(log[0]!.retryInMs).toBe(40);
  });

  test("no retry starts past maxElapsed", async () => {
    server.handle(status(429, { "retry-after": "0.2" }));
    const moe = testClient(server.url, { retry: { maxDelay: 1000, maxElapsed: 100 } });
    const { error } = await moe.trackEvent({ body: event() });
    expect(error).toBeInstanceOf(MoEngageRateLimitError);
    expect(server.requests).toHaveLength(1);
  });

  test("at most maxRetries retries, then the last error", async () => {
    server.handle(status(429, { "retry-after": "0" }));
    const { error } = await testClient(server.url, { maxRetries: 3 }).trackEvent({ body: event() });
    expect(error).toBeInstanceOf(MoEngageRateLimitError);
    expect(server.requests).toHaveLength(4);
  });

  test("retry: false and maxRetries: 0 turn retries off, per client or per call", async () => {
    server.handle(status(429, { "retry-after": "0" }));
    await testClient(server.url).trackEvent({ body: event(), retry: false });
    expect(server.requests).toHaveLength(1);
    await testClient(server.url, { maxRetries: 0 }).trackEvent({ body: event() });
    expect(server.requests).toHaveLength(2);
    await testClient(server.url, { retry: false }).trackEvent({ body: event() });
    expect(server.requests).toHaveLength(3);
  });

  test("503 on a retry-safe operation is retried with backoff", async () => {
    server.handle(failing(status(503), 2));
    const { error } = await testClient(server.url).trackUser({ body: { type: "customer", customer_id: "u1" } as never });
    expect(error).toBeUndefined();
    expect(server.requests).toHaveLength(3);
  });

  test.each([502, 503, 504])("%i on an operation that is not retry-safe is not retried", async (code) => {
    server.handle(status(code));
    const { error } = await testClient(server.url).trackEvent({ body: event() });
    expect(error).toBeInstanceOf(MoEngageServerError);
    expect(server.requests).toHaveLength(1);
  });

  test("500 is not retried, even when retry-safe", async () => {
    server.handle(status(500));
    const { error } = await testClient(server.url).trackUser({ body: { type: "customer", customer_id: "u1" } as never });
    expect(error).toBeInstanceOf(MoEngageServerError);
    expect(server.requests).toHaveLength(1);
  });

  test("a dropped connection is retried only for retry-safe operations", async () => {
    const drop: Handler = (_request, response) => response.socket?.destroy();
    server.handle(failing(drop));
    expect((await testClient(server.url).trackUser({ body: { type: "customer", customer_id: "u1" } as never })).error).toBeUndefined();
    expect(server.requests).toHaveLength(2);

    server.requests.length = 0;
    server.handle(failing(drop));
    const { error } = await testClient(server.url).trackEvent({ body: event() });
    expect(error).toBeInstanceOf(MoEngageConnectionError);
    expect(error!.status).toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });
});

describe("timeouts and cancellation", () => {
  const slow =
    (ms: number): Handler =>
    async (request, response, index) => {
      await delay(ms);
      if (!response.destroyed) ok(request, response, index);
    };

  test("an attempt over the timeout fails with MoEngageTimeoutError", async () => {
    server.handle(slow(400));
    const started = Date.now();
    const { error } = await testClient(server.url, { timeout: 50 }).trackEvent({ body: event() });
    expect(error).toBeInstanceOf(MoEngageTimeoutError);
    expect(error).toBeInstanceOf(MoEngageConnectionError);
    expect(Date.now() - started).toBeLessThan(350);
    expect(server.requests).toHaveLength(1);
  });

  test("each attempt gets a fresh timer: a slow first attempt, a quick second one", async () => {
    server.handle(failing(slow(400)));
    const { error } = await testClient(server.url).trackUser({ body: { type: "customer", customer_id: "u1" } as never, timeout: 80 });
    expect(error).toBeUndefined();
    expect(server.requests).toHaveLength(2);
  });

  test("the per-call timeout overrides the client's", async () => {
    server.handle(slow(150));
    const moe = testClient(server.url, { timeout: 20, retry: false });
    expect((await moe.trackEvent({ body: event() })).error).toBeInstanceOf(MoEngageTimeoutError);
    expect((await moe.trackEvent({ body: event(), timeout: 2000 })).error).toBeUndefined();
  });

  test("aborting an attempt in flight rejects with the signal's reason and stops retrying", async () => {
    server.handle(slow(400));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user cancelled")), 30);
    await expect(
      testClient(server.url).trackUser({ body: { type: "customer", customer_id: "u1" } as never, signal: controller.signal }),
    ).rejects.toThrow("user cancelled");
    await delay(50);
    expect(server.requests).toHaveLength(1);
  });

  test("aborting during the wait before a retry rejects at once", async () => {
    server.handle(status(429, { "retry-after": "20" }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 40);
    const started = Date.now();
    await expect(
      testClient(server.url, { retry: { maxDelay: 60_000, maxElapsed: 120_000 } }).trackEvent({ body: event(), signal: controller.signal }),
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(server.requests).toHaveLength(1);
  });

  test("an already aborted signal sends nothing", async () => {
    await expect(testClient(server.url).trackEvent({ body: event(), signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(server.requests).toHaveLength(0);
  });
});
