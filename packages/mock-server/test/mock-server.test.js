import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer } from "../src/index.js";

describe("startMockServer", () => {
  let server;
  beforeAll(async () => {
    server = await startMockServer();
  }, 150_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("serves the documented example of an operation on loopback", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/v1/event/ws1`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Basic d3MxOmtleQ==", "MOE-APPKEY": "ws1" },
      body: JSON.stringify({ type: "event", customer_id: "john", actions: [{ action: "Signed Up" }] }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "success" });
  });

  it("stops the process so the port is free again", async () => {
    const second = await startMockServer();
    await second.stop();
    await expect(fetch(`${second.url}/v1/event/ws1`, { method: "POST" })).rejects.toThrow();
  }, 150_000);
});
