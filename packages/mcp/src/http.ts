// Streamable HTTP on 127.0.0.1: one MCP server and transport per session.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { createMoEngageMcpServer, type ServerContext } from "./server.js";

export const httpPath = "/mcp";
const maxBodyBytes = 4 * 1024 * 1024;

export interface HttpServer {
  url: string;
  close(): Promise<void>;
}

const loopbackNames = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Refuses requests a web page could send through DNS rebinding: a foreign Host or Origin. */
function fromLoopback(request: IncomingMessage): boolean {
  const host = request.headers.host?.replace(/:\d+$/, "");
  if (!host || !loopbackNames.has(host)) return false;
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return loopbackNames.has(new URL(origin).hostname) || new URL(origin).hostname === "::1";
  } catch {
    return false;
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : undefined;
}

export async function startHttpServer(context: ServerContext, port: number): Promise<HttpServer> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const fail = (response: import("node:http").ServerResponse, status: number, message: string) => {
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }));
  };

  const server: Server = createServer(async (request, response) => {
    try {
      if (!fromLoopback(request)) return fail(response, 403, "Host or Origin is not loopback");
      if (new URL(request.url ?? "/", "http://127.0.0.1").pathname !== httpPath) return fail(response, 404, `MCP is served at ${httpPath}`);
      const sessionId = request.headers["mcp-session-id"];
      const existing = typeof sessionId === "string" ? sessions.get(sessionId) : undefined;
      const body = request.method === "POST" ? await readJson(request) : undefined;
      if (existing) return await existing.handleRequest(request, response, body);
      if (request.method !== "POST" || !isInitializeRequest(body)) return fail(response, 400, "No valid session: start with an initialize request");
      const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => void sessions.set(id, transport),
      });
      transport.onclose = () => {
        if (transport.sessionId) sessions.delete(transport.sessionId);
      };
      await createMoEngageMcpServer(context).connect(transport);
      await transport.handleRequest(request, response, body);
    } catch (error) {
      context.log(`HTTP request failed: ${(error as Error).message}`);
      if (!response.headersSent) fail(response, 400, "Bad request");
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}${httpPath}`,
    async close() {
      await Promise.all([...sessions.values()].map((transport) => transport.close()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
