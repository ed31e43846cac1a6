// A real HTTP server on 127.0.0.1 (port 0) that records every request and answers with the current handler.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** UTF-8 bytes of the body as received. */
  bytes: number;
}

export type Handler = (request: RecordedRequest, response: ServerResponse, index: number) => unknown;

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  /** Most requests handled at the same time so far. */
  maxConcurrent: number;
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(body === undefined ? "" : JSON.stringify(body));
};

export const ok: Handler = (_request, response) =>
  json(response, 200, { status: "success", message: "Your request has been accepted and will be processed soon." });

export async function startServer(handler: Handler = ok): Promise<TestServer> {
  let current = handler;
  let active = 0;
  const state: TestServer = {
    url: "",
    requests: [],
    maxConcurrent: 0,
    handle: (next) => {
      current = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer(async (request, response) => {
    active++;
    state.maxConcurrent = Math.max(state.maxConcurrent, active);
    response.on("close", () => active--);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const recorded: RecordedRequest = {
      method: request.method!,
      url: request.url!,
      headers: request.headers,
      body: raw.toString("utf8"),
      bytes: raw.length,
    };
    state.requests.push(recorded);
    try {
      await current(recorded, response, state.requests.length - 1);
    } catch (error) {
      response.destroy(error as Error);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
