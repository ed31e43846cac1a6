// The bin with --http: streamable HTTP on loopback, one session per client.
import { spawn, type ChildProcess } from "node:child_process";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { builtBin, callTool, cleanEnv } from "./helpers.js";

let child: ChildProcess;
let url: string;

beforeAll(async () => {
  child = spawn(process.execPath, [builtBin, "--http", "0"], { env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
  url = await new Promise<string>((resolve, reject) => {
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      const found = /listening on (http:\/\/\S+)/.exec(stderr);
      if (found) resolve(found[1]!);
    });
    child.once("exit", (code) => reject(new Error(`server exited (${code}): ${stderr}`)));
  });
});
afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
});

const connect = async () => {
  const client = new Client({ name: "moekit-mcp-http-test", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return client;
};

describe("--http", () => {
  it("binds to 127.0.0.1 and serves /mcp", () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
  });

  it("serves two sessions side by side, each with the tools", async () => {
    const [first, second] = await Promise.all([connect(), connect()]);
    try {
      expect((await first.listTools()).tools.map((tool) => tool.name)).toContain("search_moengage");
      const { json } = await callTool(second, "search_moengage", { query: "which data center for the EU" });
      expect(json.results[0].uri).toBe("moengage://guide/choosing-a-data-center");
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  // fetch cannot set Host, so these go through node:http.
  const postInitialize = (headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const request = httpRequest(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
      });
      request.once("response", (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.once("error", reject);
      request.end(
        JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "x", version: "1" } } }),
      );
    });

  it("refuses a request whose Host or Origin is not loopback (DNS rebinding)", async () => {
    const port = new URL(url).port;
    expect(await postInitialize({ host: `attacker.example:${port}` })).toBe(403);
    expect(await postInitialize({ host: `127.0.0.1:${port}`, origin: "http://attacker.example" })).toBe(403);
    expect(await postInitialize({ host: `localhost:${port}`, origin: "http://localhost:3000" })).toBe(200);
  });

  it("stops on SIGTERM", async () => {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
