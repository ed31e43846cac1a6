import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

export const packageRoot = fileURLToPath(new URL("..", import.meta.url));
export const builtBin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

/** The test process's environment without any MoEngage setting, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(MOENGAGE_|MOEKIT_)/.test(name)) env[name] = value;
  }
  return { ...env, ...extra };
}

export interface Connection {
  client: Client;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  close(): Promise<void>;
}

/** Spawns a server bin over stdio with the SDK's own client. */
export async function connectStdio(env: Record<string, string>, bin = builtBin): Promise<Connection> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [bin], env, stderr: "pipe" });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: "moekit-mcp-test", version: "1.0.0" });
  try {
    await client.connect(transport);
  } catch (error) {
    throw new Error(`${(error as Error).message}; the server wrote:\n${stderr}`);
  }
  return { client, stderr: () => stderr, close: () => client.close() };
}

export interface ToolOutput {
  isError: boolean;
  text: string;
  json: any;
}

export async function callTool(client: Client, name: string, args: Record<string, unknown>): Promise<ToolOutput> {
  // The first call in mock mode waits for Prism to start; allow for a loaded machine.
  const result = await client.callTool({ name, arguments: args }, undefined, { timeout: 150_000 });
  const text = (result.content as { type: string; text?: string }[]).map((part) => part.text ?? "").join("\n");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { isError: result.isError === true, text, json };
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A loopback HTTP server that records every request and answers with `respond`. */
export async function startRecorder(respond: (request: RecordedRequest) => { status: number; body: unknown }) {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
    requests.push(recorded);
    const { status, body } = respond(recorded);
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
