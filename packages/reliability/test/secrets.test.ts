import { inspect } from "node:util";
import {
  bulkImport,
  createMoEngageClient,
  sha256Hex,
  type Credentials,
  type DataCenter,
  type LogEntry,
  type MoEngageClientOptions,
} from "@moekit/client";
import { afterAll, beforeAll, describe, expect, inject, it, vi, type MockInstance } from "vitest";
import { eventKey, generateEvents } from "../src/events.js";
import { startFaultServer, type FaultPlan, type FaultServer } from "../src/fault-server.js";
import { callExample, exampleBody, familyOperations } from "./support/calls.js";
import { keys, signedUp, workspaceId } from "./support/fixtures.js";

/** Every failure path of the other suites, run with echoing faults; all output is searched for the secrets. */
describe("secrets never appear in errors, logs or output", () => {
  let server: FaultServer;
  const secrets = new Map<string, string>();
  /** Authorization headers and signatures as they arrived at the server: proves the list above is what was sent. */
  const arrived = new Set<string>();
  /** Everything a caller could print: [where it came from, text]. */
  const outputs: [string, string][] = [];
  const log: LogEntry[] = [];
  const writes: string[] = [];
  let consoleSpies: MockInstance[] = [];
  let writeSpies: MockInstance[] = [];
  let decidePlan: FaultPlan | null = null;

  const clientWith = (options: Partial<MoEngageClientOptions> = {}) =>
    createMoEngageClient({
      workspaceId,
      credentials: keys,
      baseUrl: server.url,
      timeout: 600,
      maxRetries: 1,
      retry: { initialDelay: 5, maxDelay: 20 },
      logger: (entry) => log.push(entry),
      ...options,
    });

  /** Records every printable form of a failure. */
  const collect = (where: string, failure: unknown) => {
    if (failure === undefined) return;
    const error = failure as Error & { body?: unknown; cause?: unknown };
    outputs.push(
      [`${where}: message`, String(error?.message)],
      [`${where}: stack`, String(error?.stack)],
      [`${where}: String()`, String(error)],
      [`${where}: JSON.stringify`, JSON.stringify(error) ?? ""],
      [`${where}: util.inspect`, inspect(error, { depth: Infinity })],
      [`${where}: util.inspect showHidden`, inspect(error, { depth: 8, showHidden: true })],
      [`${where}: body`, JSON.stringify(error?.body) ?? ""],
    );
  };
  const capture = async (where: string, run: () => unknown) => {
    try {
      const result = (await run()) as { error?: unknown } | undefined;
      collect(where, result?.error);
    } catch (thrown) {
      collect(where + " (thrown)", thrown);
    }
  };

  beforeAll(async () => {
    // Anything printed while the failures run is kept and searched, not shown.
    consoleSpies = (["log", "info", "warn", "error", "debug", "trace"] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation(() => {}),
    );
    writeSpies = [process.stdout, process.stderr].map((stream) =>
      vi.spyOn(stream, "write").mockImplementation((chunk: unknown) => (writes.push(String(chunk)), true)),
    );
    server = await startFaultServer({ upstream: inject("mockUrl"), echoSecrets: true, recordKey: eventKey, oversizedBytes: 64 * 1024 });
    server.decide = ({ headers, body }) => {
      for (const value of [headers.authorization, headers.signature, headers["x-moe-pushapi-signature"], (body as any)?.signature]) {
        if (typeof value == "string") arrived.add(value.replace(/^Basic /, ""));
      }
      return decidePlan;
    };
    for (const [family, key] of Object.entries(keys)) {
      secrets.set(`${family} key`, key);
      secrets.set(`${family} Basic credentials`, btoa(`${workspaceId}:${key}`));
    }
    // Push v2 and v2.1 both sign workspace id | campaign name | push key (the client fills v2's appId itself).
    const push = exampleBody("sendPushV21");
    secrets.set("Push signature", await sha256Hex(`${workspaceId}|${push.campaignName}|${keys.push}`));
    secrets.set("report signature", await sha256Hex(`${workspaceId}|report-2026-01-01.zip|${keys.campaign}`));
  });
  afterAll(async () => {
    for (const spy of [...consoleSpies, ...writeSpies]) spy.mockRestore();
    await server?.stop();
  });

  const faults: FaultPlan[] = [
    { kind: "rate-limit", rateLimitHeader: ["retry-after", "0"] },
    { kind: "rate-limit", rateLimitHeader: ["retry-after", "999999999"] },
    { kind: "server-error", status: 500, commit: false },
    { kind: "server-error", status: 503, commit: false },
    { kind: "soft-failure" },
    { kind: "html-error", status: 502, commit: false },
    { kind: "html-error", status: 200, commit: false },
    { kind: "truncated-json", truncation: "short", commit: true },
    { kind: "truncated-json", truncation: "cut", commit: true },
    { kind: "stall", commit: false },
    { kind: "reset", commit: false },
    { kind: "oversized", oversized: "html" },
    { kind: "oversized", oversized: "envelope" },
    { kind: "oversized", oversized: "endless", commit: true },
  ];

  it("runs every fault on an operation of every family", async () => {
    for (const plan of faults) {
      decidePlan = plan;
      const name = plan.kind + (plan.status ?? plan.truncation ?? plan.oversized ?? "");
      await Promise.all(familyOperations.map((operationId) => capture(`${name} ${operationId}`, () => callExample(clientWith(), operationId))));
      await capture(`${name} throwOnError`, () => clientWith({ throwOnError: true }).trackEvent({ body: signedUp }));
    }
    decidePlan = null;
    expect(outputs.length).toBeGreaterThan(faults.length * familyOperations.length * 6);
  });

  it("runs a bulk import under mixed faults", async () => {
    decidePlan = null;
    server.decide = ((decide) => (request) => {
      decide!(request);
      // Attempts cycle through the fault list, so every batch meets a different fault.
      return request.operation.operationId == "importBulk" ? (faults[request.seq % faults.length] ?? null) : null;
    })(server.decide);
    const result = await bulkImport(clientWith(), generateEvents(1500, { padding: 1500 }));
    expect(result.failures.length).toBeGreaterThan(5);
    outputs.push(["bulk result: JSON.stringify", JSON.stringify(result)], ["bulk result: util.inspect", inspect(result, { depth: Infinity })]);
    for (const failure of result.failures) collect(`bulk batch ${failure.batch}`, failure.error);
  });

  it("runs every bad input", async () => {
    await capture("unknown data center", () => createMoEngageClient({ workspaceId, credentials: keys, dataCenter: "99" as DataCenter }));
    for (const bad of ["", "ws:1", "../admin"]) {
      await capture(`workspace id ${bad}`, () => createMoEngageClient({ workspaceId: bad, credentials: keys, baseUrl: server.url }));
    }
    for (const family of Object.keys(keys)) {
      const credentials: Credentials = { ...keys, [family]: undefined };
      for (const operationId of familyOperations) {
        await capture(`without ${family}: ${operationId}`, () => callExample(clientWith({ credentials }), operationId));
      }
    }
    const huge = { ...signedUp, actions: [{ action: "Big", attributes: { blob: "x".repeat(140 * 1024) } }] };
    await capture("body over the limit", () => clientWith().trackEvent({ body: huge }));
    const oversizedRecord = await bulkImport(clientWith(), [huge, signedUp]);
    for (const failure of oversizedRecord.failures) collect("bulk record over the limit", failure.error);
    await capture("mismatched body", () => clientWith().trackDevice({ body: signedUp as never }));
    await capture("mismatched push body", () => clientWith().sendPushV21({ params: { header: { "X-MOE-Query-Type": "user" } }, body: { campaignName: "x" } as never }));
    const aborted = new AbortController();
    aborted.abort(new Error("stopped by the caller"));
    await capture("aborted call", () => clientWith().trackEvent({ body: signedUp, signal: aborted.signal }));
  });

  it("the secrets reached the server, were echoed back, and were redacted", () => {
    for (const [name, value] of secrets) {
      if (name.endsWith("key")) continue; // keys travel only inside the Basic value and the signatures
      expect(arrived, name).toContain(value);
    }
    expect(outputs.some(([, text]) => text.includes("[redacted]"))).toBe(true);
  });

  it("no error, log line or output holds a key, a Basic value or a signature", () => {
    // Whatever else arrived as a credential or signature is searched for too.
    for (const value of arrived) if (![...secrets.values()].includes(value)) secrets.set(`received ${value.slice(0, 6)}…`, value);
    const texts: [string, string][] = [
      ...outputs,
      ...log.map((entry, index): [string, string] => [`log line ${index}`, JSON.stringify(entry)]),
      ...consoleSpies.flatMap((spy, index) => spy.mock.calls.map((call): [string, string] => [`console call ${index}`, inspect(call, { depth: Infinity })])),
      ...writes.map((text, index): [string, string] => [`stream write ${index}`, text]),
    ];
    expect(texts.length).toBeGreaterThan(500);
    const leaks = texts.flatMap(([where, text]) => [...secrets].filter(([, value]) => text.includes(value)).map(([name]) => `${name} in ${where}`));
    expect(leaks).toEqual([]);
  });
});
