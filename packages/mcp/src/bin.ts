#!/usr/bin/env node
// moekit-mcp: the MoEngage MCP server on stdio, or on streamable HTTP with --http <port>.
import { parseArgs } from "node:util";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { startHttpServer } from "./http.js";
import { createMoEngageMcpServer, createServerContext, serverName, serverVersion } from "./server.js";

const usage = `Usage: ${serverName} [--http <port>]

MCP server for the MoEngage REST API. Without options it speaks MCP on stdin/stdout;
--http <port> serves streamable HTTP on http://127.0.0.1:<port>/mcp instead (0 picks a free port).

Environment (all optional; without MOENGAGE_DC calls go to an embedded mock):
  MOENGAGE_DC              data center (01, 02, 03, 04, 05, 06, 101): calls go to MoEngage
  MOENGAGE_WORKSPACE_ID    workspace id
  MOENGAGE_DATA_KEY, MOENGAGE_PUSH_KEY, MOENGAGE_INFORM_KEY, MOENGAGE_CAMPAIGN_KEY
  MOENGAGE_ALLOW_WRITES=1  allow operations that change data in live mode
  MOEKIT_BASE_URL          send every live call to this base URL (a proxy)
`;

async function main() {
  const { values } = parseArgs({
    options: { http: { type: "string" }, help: { type: "boolean", short: "h" }, version: { type: "boolean", short: "v" } },
  });
  if (values.help) return void process.stdout.write(usage);
  if (values.version) return void process.stdout.write(`${serverVersion}\n`);
  const port = values.http === undefined ? undefined : Number(values.http);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
    process.stderr.write(`${serverName}: --http needs a port number\n\n${usage}`);
    process.exit(2);
  }

  const context = createServerContext();
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    await closeTransport().catch(() => undefined);
    await context.close().catch(() => undefined);
    process.exit(code);
  };
  let closeTransport = async () => {};

  if (port === undefined) {
    const server = createMoEngageMcpServer(context);
    await server.connect(new StdioServerTransport());
    closeTransport = () => server.close();
    // The host closes stdin to end the session.
    process.stdin.once("end", () => void stop());
    process.stdin.once("close", () => void stop());
    context.log(`ready on stdio (version ${serverVersion})`);
  } else {
    const http = await startHttpServer(context, port);
    closeTransport = () => http.close();
    context.log(`listening on ${http.url} (version ${serverVersion})`);
  }
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stop());
}

main().catch((error) => {
  process.stderr.write(`${serverName}: ${(error as Error).message}\n`);
  process.exit(1);
});
