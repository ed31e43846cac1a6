// The global setup's Prism lifecycle: started on loopback, one proxy per real host in live mode, and nothing left
// running after teardown or after a signal.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { MockServer, MockServerOptions } from "@moekit/mock-server";
import { startContractServers, type ContractServers } from "../src/global-setup.js";

/** A process that still runs: it exists and is not a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] != "Z";
  } catch {
    return false;
  }
}

/** Waits (a bounded number of times) for processes that were sent SIGKILL to be gone. */
async function settle(pids: number[]): Promise<void> {
  for (let attempt = 0; attempt < 100 && pids.some(isRunning); attempt++) await new Promise((tick) => setTimeout(tick, 50));
}

const fakeLiveEnvironment = {
  MOENGAGE_DC: "01",
  MOENGAGE_WORKSPACE_ID: "WS_LIFECYCLE",
  MOENGAGE_DATA_KEY: "lifecycle-data",
  MOENGAGE_PUSH_KEY: "lifecycle-push",
  MOENGAGE_INFORM_KEY: "lifecycle-inform",
  MOENGAGE_CAMPAIGN_KEY: "lifecycle-campaign",
};

describe("startContractServers", () => {
  let servers: ContractServers | undefined;
  afterEach(async () => {
    await servers?.stop();
    servers = undefined;
  });

  it("serves the spec on a free loopback port, and a SIGTERM (which skips vitest's teardown) kills Prism", async () => {
    // Stands in for the runner's own handler, so the re-raised signal does not end this worker.
    const runnerHandler = () => {};
    process.on("SIGTERM", runnerHandler);
    try {
      servers = await startContractServers({});
      expect(servers.mockUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(servers.liveHostUrls).toBeUndefined();
      expect(servers.pids).toHaveLength(1);
      const answer = await fetch(`${servers.mockUrl}/v1/customers/export?app_id=WS`, { method: "POST" });
      expect(answer.status).toBe(401);
      const listeners = process.listenerCount("SIGTERM");
      process.emit("SIGTERM", "SIGTERM");
      await settle(servers.pids);
      expect(servers.pids.filter(isRunning)).toEqual([]);
      expect(process.listenerCount("SIGTERM")).toBe(listeners - 1);
    } finally {
      process.off("SIGTERM", runnerHandler);
    }
  });

  it("starts one proxy per real host when live mode is configured, and stop() stops them all", async () => {
    // Recorded instead of started: the real proxy path runs in live-proxy.test.ts, and this keeps Prism starts few.
    const started: MockServerOptions[] = [];
    const stopped: number[] = [];
    const recordStart = async (options: MockServerOptions): Promise<MockServer> => {
      const pid = 900_000 + started.push(options);
      return { url: `http://127.0.0.1:${pid}`, port: pid, pid, output: () => "", stop: async () => void stopped.push(pid) };
    };
    const live = await startContractServers(fakeLiveEnvironment, recordStart);
    expect(started.map((options) => options.upstream)).toEqual([undefined, "https://api-01.moengage.com", "https://pushapi-01.moengage.com"]);
    expect(live.liveHostUrls).toEqual({ api: "http://127.0.0.1:900002", pushapi: "http://127.0.0.1:900003" });
    await live.stop();
    expect(stopped.sort()).toEqual([900_001, 900_002, 900_003]);
  });

  it("stops what it started when a later Prism fails to start", async () => {
    const stopped: string[] = [];
    const failOnProxy = async (options: MockServerOptions): Promise<MockServer> => {
      if (options.upstream) throw new Error("Prism exited before listening");
      return { url: "http://127.0.0.1:1", port: 1, pid: undefined, output: () => "", stop: async () => void stopped.push("mock") };
    };
    const listeners = process.listenerCount("SIGTERM");
    await expect(startContractServers(fakeLiveEnvironment, failOnProxy)).rejects.toThrow(/exited before listening/);
    expect(stopped).toEqual(["mock"]);
    expect(process.listenerCount("SIGTERM")).toBe(listeners);
  });
});
