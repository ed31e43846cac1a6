// Vitest global setup: one Prism mock of the bundled spec for the whole run (plus live proxies when configured),
// stopped in teardown whatever the tests did, and the coverage report printed at the end.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { HostName } from "@moekit/client";
import { startMockServer, type MockServer, type MockServerOptions } from "@moekit/mock-server";
import type { TestProject } from "vitest/node";
import { listOperations } from "./bundle.js";
import { coverageByFamily, formatCoverageTable, guardedOperations, totalCoverage } from "./coverage.js";
import { clearExercised, readExercised } from "./exercised.js";
import { liveUpstreams, readLiveConfig } from "./live.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the Prism mock, for every host. */
    mockUrl: string;
    /** Base URL of a `prism proxy --errors` per real host, in live mode only. */
    liveHostUrls?: Partial<Record<HostName, string>>;
  }
}

export const coverageReportPath = fileURLToPath(new URL("../test-results/coverage-by-family.json", import.meta.url));

/** Writes and returns the per-family coverage table of the calls recorded in this run. */
export function reportCoverage(): string {
  const rows = coverageByFamily(guardedOperations(listOperations()), readExercised());
  mkdirSync(fileURLToPath(new URL("../test-results", import.meta.url)), { recursive: true });
  writeFileSync(coverageReportPath, JSON.stringify({ families: rows, total: totalCoverage(rows) }, null, 2) + "\n");
  return formatCoverageTable(rows);
}

/** Prism loads the whole bundle before it listens: seconds normally, minutes while every package tests at once. */
export const prismStartTimeoutMs = 180_000;

export interface ContractServers {
  mockUrl: string;
  liveHostUrls?: Partial<Record<HostName, string>>;
  /** Process ids of every Prism started. */
  pids: number[];
  stop(): Promise<void>;
}

/**
 * Starts the Prism mock, and one `prism proxy --errors` per real host when live mode is configured. Until `stop()`,
 * a SIGINT or SIGTERM kills them before the signal ends the process (signals skip vitest's teardown).
 */
export async function startContractServers(
  env: Record<string, string | undefined> = process.env,
  start: (options: MockServerOptions) => Promise<MockServer> = startMockServer,
): Promise<ContractServers> {
  const servers: MockServer[] = [];
  const onSignal = (signal: NodeJS.Signals) => {
    for (const server of servers) if (server.pid) try { process.kill(server.pid, "SIGKILL"); } catch {}
    forgetSignals();
    if (!process.listenerCount(signal)) process.kill(process.pid, signal);
  };
  const forgetSignals = () => process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
  process.on("SIGINT", onSignal).on("SIGTERM", onSignal);
  const stop = async () => {
    await Promise.allSettled(servers.map((server) => server.stop()));
    forgetSignals();
  };
  try {
    const mock = await start({ startTimeoutMs: prismStartTimeoutMs });
    servers.push(mock);
    const { config } = readLiveConfig(env);
    let liveHostUrls: Partial<Record<HostName, string>> | undefined;
    if (config) {
      liveHostUrls = {};
      for (const [host, upstream] of Object.entries(liveUpstreams(config.dataCenter))) {
        const proxy = await start({ upstream, startTimeoutMs: prismStartTimeoutMs });
        servers.push(proxy);
        liveHostUrls[host as HostName] = proxy.url;
      }
    }
    return { mockUrl: mock.url, liveHostUrls, pids: servers.flatMap((server) => (server.pid ? [server.pid] : [])), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export default async function setup(project: Pick<TestProject, "provide">): Promise<() => Promise<void>> {
  clearExercised();
  const servers = await startContractServers();
  project.provide("mockUrl", servers.mockUrl);
  if (servers.liveHostUrls) project.provide("liveHostUrls", servers.liveHostUrls);
  return async () => {
    await servers.stop();
    console.log(`\nContract coverage by family (operations covered / total):\n${reportCoverage()}\n`);
  };
}
