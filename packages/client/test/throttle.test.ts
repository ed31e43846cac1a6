import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { createThrottle } from "../src/throttle.js";
import { testClient } from "./helpers/fixtures.js";
import { delay, startServer, type TestServer } from "./helpers/server.js";

describe("createThrottle (fake clock)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Starts `count` acquisitions and records the fake time at which each one is let through. */
  const run = (acquire: (index: number) => Promise<void>, count: number) => {
    const passed: [number, number][] = [];
    const all = Array.from({ length: count }, (_, index) => acquire(index).then(() => void passed.push([index, Date.now()])));
    return { passed, all };
  };

  test("keeps every sliding window within its limit, FIFO", async () => {
    vi.useFakeTimers({ now: 0 });
    const throttle = createThrottle();
    const { passed } = run(() => throttle("op", [[2, 1], [3, 10]], 1), 7);
    await vi.advanceTimersByTimeAsync(30_000);
    // 2 per second, 3 per 10 seconds: 0, 0, 1000 | 10000, 10000, 11000 | 20000
    expect(passed).toEqual([
      [0, 0],
      [1, 0],
      [2, 1000],
      [3, 10_000],
      [4, 10_000],
      [5, 11_000],
      [6, 20_000],
    ]);
  });

  test("windows counted in records weigh each request by its records", async () => {
    vi.useFakeTimers({ now: 0 });
    const throttle = createThrottle();
    const sizes = [60, 30, 20, 150];
    const { passed } = run((index) => throttle("events", [[100, 60, 1]], sizes[index]!), 4);
    await vi.advanceTimersByTimeAsync(600_000);
    // 60 + 30 fit; 20 more would make 110; 150 is bigger than the window and goes alone, once it is empty.
    expect(passed).toEqual([
      [0, 0],
      [1, 0],
      [2, 60_000],
      [3, 120_000],
    ]);
  });

  test("operations do not share a window", async () => {
    vi.useFakeTimers({ now: 0 });
    const throttle = createThrottle();
    const { passed } = run((index) => throttle(index % 2 ? "a" : "b", [[1, 60]], 1), 4);
    await vi.advanceTimersByTimeAsync(0);
    expect(passed.map(([, time]) => time)).toEqual([0, 0]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(passed.map(([, time]) => time)).toEqual([0, 0, 60_000, 60_000]);
  });

  test("an aborted waiter leaves the queue and the next one takes its place", async () => {
    vi.useFakeTimers({ now: 0 });
    const throttle = createThrottle();
    await throttle("op", [[1, 10]], 1);
    const controller = new AbortController();
    const aborted = throttle("op", [[1, 10]], 1, controller.signal);
    const next = throttle("op", [[1, 10]], 1).then(() => Date.now());
    controller.abort(new Error("stop"));
    await expect(aborted).rejects.toThrow("stop");
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await next).toBe(10_000);
  });
});

describe("the client throttles each operation to its x-moe-limits", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  test("file segments (10 per hour): the 11th call queues, and an abort takes it out", async () => {
    const moe = testClient(server.url);
    const calls = Array.from({ length: 10 }, () => moe.createFileSegment({ body: {} as never }));
    const controller = new AbortController();
    const eleventh = moe.createFileSegment({ body: {} as never, signal: controller.signal });
    await Promise.all(calls);
    await delay(100);
    expect(server.requests).toHaveLength(10);
    controller.abort();
    await expect(eleventh).rejects.toMatchObject({ name: "AbortError" });
    expect(server.requests).toHaveLength(10);
  });

  test("throttle: false lets calls through", async () => {
    server.requests.length = 0;
    const moe = testClient(server.url, { throttle: false });
    await Promise.all(Array.from({ length: 12 }, () => moe.createFileSegment({ body: {} as never })));
    expect(server.requests).toHaveLength(12);
    const perCall = testClient(server.url);
    await Promise.all(Array.from({ length: 12 }, () => perCall.createFileSegment({ body: {} as never, throttle: false })));
    expect(server.requests).toHaveLength(24);
  });
});
