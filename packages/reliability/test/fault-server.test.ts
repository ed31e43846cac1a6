import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { drawFault, startFaultServer, type FaultKind, type FaultPlan, type FaultServer } from "../src/fault-server.js";
import { seededRandom, hashSeed } from "../src/random.js";
import { signedUp } from "./support/fixtures.js";

const dataHeaders = { "content-type": "application/json", authorization: "Basic " + btoa("ws1:key1"), "MOE-APPKEY": "ws1" };

describe("fault server", () => {
  let server: FaultServer;
  const post = (path: string, body: unknown, headers: Record<string, string> = dataHeaders, signal?: AbortSignal) =>
    fetch(server.url + path, { method: "POST", headers, body: JSON.stringify(body), signal });
  const always = (plan: FaultPlan | null) => (server.decide = () => plan);

  beforeAll(async () => {
    server = await startFaultServer({ upstream: inject("mockUrl"), echoSecrets: true, oversizedBytes: 256 * 1024 });
  });
  afterAll(() => server?.stop());
  beforeEach(() => {
    server.clear();
    server.decide = undefined;
  });

  it("listens on loopback only", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("lets a valid request through to the spec mock, records what it took, and shows a second copy as a duplicate", async () => {
    const first = await post("/v1/event/ws1", signedUp);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ status: "success" });
    await (await post("/v1/event/ws1", signedUp)).text();

    expect(server.requests.map(({ operationId, attempt, committed, fault }) => ({ operationId, attempt, committed, fault }))).toEqual([
      { operationId: "trackEvent", attempt: 1, committed: 1, fault: undefined },
      { operationId: "trackEvent", attempt: 2, committed: 1, fault: undefined },
    ]);
    expect(server.accepted.get(JSON.stringify(signedUp))).toBe(2);
  });

  it("files each element of a bulk import as its own record", async () => {
    const elements = [signedUp, { ...signedUp, customer_id: "u-2" }];
    expect((await post("/v1/transition/ws1", { type: "transition", elements })).status).toBe(200);
    expect([...server.accepted.keys()]).toEqual(elements.map((element) => JSON.stringify(element)));
  });

  it("refuses what the spec refuses and takes nothing: invalid body, missing credentials, unknown path, body over the limit", async () => {
    const invalid = await post("/v1/event/ws1", { type: "event", customer_id: "u-1", actions: "Signed Up" });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get("sl-violations")).toContain("actions");
    expect(await invalid.json()).toMatchObject({ status: "fail", error: { type: expect.any(String) } });

    const anonymous = await post("/v1/event/ws1", signedUp, { "content-type": "application/json" });
    expect(anonymous.status).toBe(401);

    const nowhere = await post("/v1/nowhere", {});
    expect(nowhere.status).toBe(404);

    const huge = { ...signedUp, actions: [{ action: "Big", attributes: { blob: "x".repeat(140 * 1024) } }] };
    const tooLarge = await post("/v1/event/ws1", huge);
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ error: { type: "PayloadTooLarge" } });

    expect(server.requests.map((request) => [request.operationId, request.status, request.committed])).toEqual([
      ["trackEvent", 400, 0],
      ["trackEvent", 401, 0],
      [undefined, 404, 0],
      ["trackEvent", 413, 0],
    ]);
    expect(server.accepted.size).toBe(0);
  });

  it("answers a 429 with the family's envelope and a wait header", async () => {
    always({ kind: "rate-limit", rateLimitHeader: ["x-ratelimit-reset", "3"] });
    const response = await post("/v1/transition/ws1", { type: "transition", elements: [signedUp] });
    expect(response.status).toBe(429);
    expect(response.headers.get("x-ratelimit-reset")).toBe("3");
    expect(await response.json()).toMatchObject({ status: "fail", error: { type: "Rate Limits Exceeded" } });
    expect(server.accepted.size).toBe(0);
  });

  it("uses each family's own error envelope", async () => {
    always({ kind: "server-error", status: 500, commit: false });
    const campaigns = await (await post("/core-services/v1/campaigns/search", {})).json();
    const inform = await (await post("/v1.0/alerts/send", {})).json();
    const push = await (await post("/v2.1/transaction/sendpush", {})).json();
    expect(campaigns).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    expect(inform).toMatchObject({ err_code: expect.any(String), message: expect.any(String) });
    expect(push).toMatchObject({ code: 500, status: "error", reason: expect.any(String) });
  });

  it("sends the documented HTTP 200 failure body, only to operations that document one", async () => {
    always({ kind: "soft-failure" });
    const push = await post("/v2.1/transaction/sendpush", {});
    expect(push.status).toBe(200);
    expect(await push.json()).toMatchObject({ status: "Fail", Error_Message: expect.any(String) });
    const data = await post("/v1/event/ws1", signedUp);
    expect(await data.json()).toMatchObject({ status: "fail" });
    expect(server.requests.map((request) => request.fault)).toEqual(["soft-failure", "soft-failure"]);
  });

  it("takes the records of an unknown-outcome fault only when the plan says so", async () => {
    always({ kind: "server-error", status: 504, commit: true });
    expect((await post("/v1/event/ws1", signedUp)).status).toBe(504);
    always({ kind: "server-error", status: 504, commit: false });
    expect((await post("/v1/event/ws1", { ...signedUp, customer_id: "u-2" })).status).toBe(504);
    expect([...server.accepted.keys()]).toEqual([JSON.stringify(signedUp)]);
  });

  it("breaks the wire: HTML page, truncated JSON, a body cut off, a reset, a stall", async () => {
    always({ kind: "html-error", status: 502, commit: false });
    const html = await post("/v1/event/ws1", signedUp);
    expect(html.headers.get("content-type")).toBe("text/html");
    expect(await html.text()).toContain("502 Bad Gateway");

    always({ kind: "truncated-json", truncation: "short", commit: true });
    const short = await post("/v1/event/ws1", signedUp);
    expect(short.status).toBe(200);
    const text = await short.text();
    expect(() => JSON.parse(text)).toThrow();

    always({ kind: "truncated-json", truncation: "cut", commit: true });
    const cut = await post("/v1/event/ws1", signedUp);
    await expect(cut.text()).rejects.toThrow();

    always({ kind: "reset", commit: false });
    await expect(post("/v1/event/ws1", signedUp)).rejects.toThrow();

    always({ kind: "stall", commit: false });
    await expect(post("/v1/event/ws1", signedUp, dataHeaders, AbortSignal.timeout(300))).rejects.toThrow();
    await expect.poll(() => server.requests.at(-1)?.clientClosed).toBe(true);
    expect(server.requests.at(-1)?.status).toBeUndefined();
  });

  it("sends answers far larger than any documented one", async () => {
    always({ kind: "oversized", oversized: "envelope" });
    const envelope = await post("/v1/event/ws1", signedUp);
    expect(envelope.status).toBe(500);
    expect((await envelope.text()).length).toBeGreaterThan(256 * 1024);

    always({ kind: "oversized", oversized: "endless", commit: true });
    const endless = await post("/v1/event/ws1", signedUp, dataHeaders, AbortSignal.timeout(300));
    await expect(endless.text()).rejects.toThrow();
  });

  it("echoes the request's credentials into fault bodies when asked (to prove the client redacts them)", async () => {
    always({ kind: "server-error", status: 500, commit: false });
    const body = await (await post("/v1/event/ws1", signedUp)).json();
    expect(body.error.message).toContain(dataHeaders.authorization);
  });
});

describe("fault draw", () => {
  const shares = { "rate-limit": 0.1, "server-error": 0.05, reset: 0.02, stall: 0.01 };

  it("repeats exactly for the same seed and request", () => {
    const draw = (seed: number) => drawFault(seededRandom(hashSeed(seed, "importBulk", "digest", 1)), shares);
    for (let seed = 0; seed < 200; seed++) {
      const [first, second] = [draw(seed), draw(seed)];
      expect({ ...second, rateLimitHeader: undefined }).toEqual({ ...first, rateLimitHeader: undefined });
    }
  });

  it("keeps to the configured shares", () => {
    const counts: Partial<Record<FaultKind | "none", number>> = {};
    const draws = 40_000;
    for (let request = 0; request < draws; request++) {
      const kind = drawFault(seededRandom(hashSeed(7, request)), shares)?.kind ?? "none";
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
    for (const [kind, share] of Object.entries(shares)) {
      expect(counts[kind as FaultKind]! / draws, kind).toBeGreaterThan(share * 0.85);
      expect(counts[kind as FaultKind]! / draws, kind).toBeLessThan(share * 1.15);
    }
    expect(counts["soft-failure"]).toBeUndefined();
  });

  it("refuses shares that add up to more than every request", async () => {
    await expect(startFaultServer({ upstream: "http://127.0.0.1:9", shares: { reset: 0.6, stall: 0.5 } })).rejects.toThrow(/more than 1/);
  });
});
