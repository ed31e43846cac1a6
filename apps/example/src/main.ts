// `pnpm demo`: runs the scenario through @moekit/client against the embedded mock, or a real data center when
// MOENGAGE_* settings are given, and ends with a table of every request made.
import { parseArgs } from "node:util";
import { createMoEngageClient, MoEngageConfigurationError, type LogEntry } from "@moekit/client";
import { startMockServer, type MockServer } from "@moekit/mock-server";
import { ConfigError, readConfig } from "./config.js";
import { count, describeRequest, duration, summaryTable } from "./report.js";
import { runScenario } from "./scenario.js";

const usage = `Usage (in apps/example): pnpm demo [--dry-run] [--records N]

  --dry-run    print each request (method, URL, headers with credentials redacted, body size) instead of sending it
  --records N  records in the bulk import (default 20000)

Without MOENGAGE_* settings the demo runs on an embedded Prism mock of the spec. To use a real data center, set
MOENGAGE_DC, MOENGAGE_WORKSPACE_ID and the keys of the steps you want, in the environment or in ./.env
(see .env.example).`;

/** Prism's own default port: what a dry run shows for the mock it does not start. */
const mockPortShownInDryRun = 4010;

let mock: MockServer | undefined;

async function main(argv: string[]): Promise<number> {
  // `pnpm demo -- --dry-run` passes the `--` through; it separates nothing here.
  const { values } = parseArgs({
    args: argv.filter((arg) => arg != "--"),
    options: { "dry-run": { type: "boolean" }, records: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const dryRun = values["dry-run"] ?? false;
  const records = Number(values.records ?? 20_000);
  if (!Number.isInteger(records) || records < 1 || records > 1_000_000) {
    throw new ConfigError(`--records ${values.records} is not a whole number from 1 to 1000000`);
  }

  const config = readConfig(process.env, process.cwd());
  const started = performance.now();
  // Prism needs ~2 s on an idle machine and much longer on a busy one: wait rather than fail the demo.
  if (!config.dataCenter && !dryRun) mock = await startMockServer({ startTimeoutMs: 120_000 });
  try {
    const target = config.dataCenter
      ? config.source
      : mock
        ? `the embedded mock: Prism on ${mock.url} (started in ${duration(performance.now() - started)}); it validates each ` +
          "request against the bundled spec and answers with the spec's example"
        : `the embedded mock (not started: a dry run sends nothing; shown on port ${mockPortShownInDryRun})`;
    console.log(`moekit example → ${target}`);
    console.log(`workspace ${config.workspaceId}; keys: ${Object.keys(config.credentials).join(", ")}${dryRun ? "; dry run: nothing is sent" : ""}`);

    const attempts: LogEntry[] = [];
    const secrets = Object.values(config.credentials).filter((key): key is string => !!key);
    let lastHost = "";
    const client = createMoEngageClient({
      workspaceId: config.workspaceId,
      credentials: config.credentials,
      ...(config.dataCenter
        ? { dataCenter: config.dataCenter }
        : // The mock shares the CPU with everything else on the machine: give it longer than the 30 s default.
          { baseUrl: mock?.url ?? `http://127.0.0.1:${mockPortShownInDryRun}`, timeout: 120_000 }),
      // One entry per attempt (retries included): the closing table is built from these.
      logger: (entry) => attempts.push(entry),
      // A dry run stops each request at the last moment, after the client filled in hosts, keys and signatures.
      fetch: dryRun
        ? async (url, init) => {
            console.log(await describeRequest(url, init, secrets));
            return new Response(null, { status: 204 });
          }
        : undefined,
    });
    client.use({
      onRequest({ request }) {
        lastHost = new URL(request.url).host;
      },
    });

    const failures = await runScenario({ client, config, records, dryRun, liveProgress: !!process.stdout.isTTY, lastHost: () => lastHost });
    console.log(`\nOperations called (${count(attempts.length)} requests)`);
    console.log(summaryTable(attempts, dryRun));
    const verdict = failures ? `${failures} call${failures > 1 ? "s" : ""} failed` : dryRun ? "dry run complete" : "every call succeeded";
    console.log(`\n${verdict} in ${duration(performance.now() - started)}`);
    return failures ? 1 : 0;
  } finally {
    if (mock) {
      await mock.stop();
      console.log("mock stopped");
    }
  }
}

// Ctrl-C or a kill: stop Prism before leaving, so no server outlives the demo.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\nstopped by ${signal}`);
    void (mock?.stop() ?? Promise.resolve()).finally(() => process.exit(signal == "SIGINT" ? 130 : 143));
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // One line, never a stack: exit 2 for settings and usage mistakes, 1 for anything else.
    const usageMistake = (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") ?? false;
    const settingsMistake = usageMistake || error instanceof ConfigError || error instanceof MoEngageConfigurationError;
    const message = error instanceof Error ? error.message : String(error);
    console.error(`moekit example: ${message}${usageMistake ? " (see --help)" : ""}`);
    process.exitCode = settingsMistake ? 2 : 1;
  },
);
