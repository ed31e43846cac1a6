// The live path without the internet: `prism proxy --errors` in front of a stand-in data center on loopback that
// relays to the Prism mock. Every case must come back clean; an answer or a request that breaks the spec is reported.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startMockServer, type MockServer } from "@moekit/mock-server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { listOperations } from "../src/bundle.js";
import { operationCases } from "../src/cases.js";
import { contractClient } from "../src/contract-client.js";
import { prismStartTimeoutMs } from "../src/global-setup.js";
import { sendLiveCase } from "../src/live-case.js";
import { liveContractProblems, liveUpstreams, readLiveConfig } from "../src/live.js";

const operations = listOperations();
const byId = new Map(operations.map((operation) => [operation.operationId, operation]));

describe("readLiveConfig", () => {
  const complete = {
    MOENGAGE_DC: "02",
    MOENGAGE_WORKSPACE_ID: "WS_LIVE",
    MOENGAGE_DATA_KEY: "dk",
    MOENGAGE_PUSH_KEY: "pk",
    MOENGAGE_INFORM_KEY: "ik",
    MOENGAGE_CAMPAIGN_KEY: "ck",
  };

  it("names the variables that are missing", () => {
    expect(readLiveConfig({ MOENGAGE_DC: "02", MOENGAGE_DATA_KEY: " " })).toEqual({
      missing: ["MOENGAGE_WORKSPACE_ID", "MOENGAGE_DATA_KEY", "MOENGAGE_PUSH_KEY", "MOENGAGE_INFORM_KEY", "MOENGAGE_CAMPAIGN_KEY"],
    });
  });

  it("reads a complete environment, with writes only on MOENGAGE_LIVE_WRITES=1", () => {
    expect(readLiveConfig(complete).config).toEqual({
      dataCenter: "02",
      workspaceId: "WS_LIVE",
      credentials: { data: "dk", push: "pk", inform: "ik", campaign: "ck" },
      writes: false,
    });
    expect(readLiveConfig({ ...complete, MOENGAGE_LIVE_WRITES: "1" }).config?.writes).toBe(true);
  });

  it("refuses an unknown data center", () => {
    expect(() => readLiveConfig({ ...complete, MOENGAGE_DC: "99" })).toThrow(/MOENGAGE_DC must be one of/);
  });

  it("proxies to the data center's REST and Push hosts declared in the spec, never the sandbox", () => {
    expect(liveUpstreams("02")).toEqual({ api: "https://api-02.moengage.com", pushapi: "https://pushapi-02.moengage.com" });
  });
});

describe("liveContractProblems", () => {
  it("accepts a documented status without violations", () => {
    expect(liveContractProblems(["200", "400", "5XX"], { status: 503, headers: new Headers() })).toEqual([]);
  });

  it("reports violations, Prism's own problem answers and undocumented statuses", () => {
    const problems = liveContractProblems(["200"], {
      status: 500,
      headers: new Headers({ "sl-violations": '[{"code":"type"}]' }),
      errorBody: { type: "https://stoplight.io/prism/errors#VIOLATIONS", validation: [{ code: "type" }] },
    });
    expect(problems).toEqual([
      'Prism found violations: [{"code":"type"}]',
      'Prism answered VIOLATIONS: [{"code":"type"}]',
      "status 500 is not documented (200)",
    ]);
    expect(liveContractProblems(["200"], {})).toEqual(["no response came back"]);
  });
});

describe("prism proxy --errors in front of a stand-in data center", () => {
  let standIn: Server;
  let proxy: MockServer;
  let standInRequests = 0;
  /** Asks the stand-in to answer with a body that no schema allows (Prism passes request headers on). */
  const breakAnswer = { "X-Stand-In-Answer": "broken" };

  beforeAll(async () => {
    const mockUrl = inject("mockUrl");
    // Relays to the run's Prism mock (a data center that keeps to the spec), unless asked to break its answer.
    standIn = createServer((request, response) => {
      standInRequests++;
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", async () => {
        if (request.headers["x-stand-in-answer"] == "broken") {
          response.writeHead(200, { "content-type": "application/json" }).end('{"status":42}');
          return;
        }
        const headers = Object.entries(request.headers).flatMap(([name, value]) =>
          name == "host" || name == "content-length" || value === undefined ? [] : [[name, String(value)] as [string, string]],
        );
        const relayed = await fetch(mockUrl + request.url, {
          method: request.method,
          headers,
          body: chunks.length ? Buffer.concat(chunks) : undefined,
        });
        response.writeHead(relayed.status, { "content-type": relayed.headers.get("content-type") ?? "application/octet-stream" });
        response.end(Buffer.from(await relayed.arrayBuffer()));
      });
    });
    await new Promise<void>((listening) => standIn.listen(0, "127.0.0.1", listening));
    proxy = await startMockServer({
      upstream: `http://127.0.0.1:${(standIn.address() as AddressInfo).port}`,
      startTimeoutMs: prismStartTimeoutMs,
    });
  });

  afterAll(async () => {
    await proxy?.stop();
    await new Promise((closed) => standIn?.close(closed));
  });

  // The stand-in answers the documented examples, so every case must pass both directions of validation.
  it.each(Object.keys(operationCases))("%s passes through the proxy within the spec", async (operationId) => {
    const client = contractClient({ baseUrl: proxy.url, kind: "live" });
    const before = standInRequests;
    const { status, problems } = await sendLiveCase(client, byId.get(operationId)!);
    expect(problems).toEqual([]);
    expect(status).toBe(Number(byId.get(operationId)!.success.status));
    expect(standInRequests).toBe(before + 1);
  });

  it("reports an answer that breaks the spec", async () => {
    const client = contractClient({ baseUrl: proxy.url, kind: "live" });
    client.use({ onRequest: ({ request }) => new Request(request, { headers: { ...Object.fromEntries(request.headers), ...breakAnswer } }) });
    const { status, problems } = await sendLiveCase(client, byId.get("trackUser")!);
    expect(status).toBe(500);
    expect(problems.join("\n")).toMatch(/Prism found violations: .*"location":\["response","body","status"\]/);
  });

  it("reports a request that breaks the spec before it reaches the data center", async () => {
    const client = contractClient({ baseUrl: proxy.url, kind: "live" });
    const trackUser = byId.get("trackUser")!;
    const before = standInRequests;
    // The same case with its body emptied: refused by the proxy itself.
    const { problems } = await sendLiveCase(client, { ...trackUser, requestExamples: [{ name: "empty", named: true, value: {} }] });
    expect(problems.join("\n")).toMatch(/Prism answered UNPROCESSABLE_ENTITY: .*"location":\["body"\]/);
    expect(standInRequests).toBe(before);
  });
});
