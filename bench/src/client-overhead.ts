import { createMoEngageClient, type BodyOf, type paths } from "@moekit/client";
import createClient from "openapi-fetch";
import { startLoopbackServer } from "./loopback-server.js";
import { alternate, elapsed, median, pairedRatio, runPool } from "./measure.js";
import type { Row } from "./report.js";

export interface ClientOverheadOptions {
  /** Requests per side. At most 30,000: trackEvent's window (30,000 events a minute) must not be reached. */
  requests: number;
  /** The requests of each side are sent in this many blocks, raw and client blocks alternating. */
  blocks: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Requests per side before measuring (JIT, connection set-up). */
  warmup: number;
}

// Not real keys: the loopback server only checks that an Authorization header arrives.
const workspaceId = "BENCH_WORKSPACE";
const dataKey = "bench-data-key";

/** The small trackEvent body of request `index`: one event with two attributes. */
export const overheadEventBody = (index: number): BodyOf<"trackEvent"> => ({
  type: "event",
  customer_id: `user-${index}`,
  actions: [{ action: "Viewed Product", attributes: { product: "Classic T-Shirt", price: 499 }, platform: "ANDROID", current_time: 1_717_200_000 + index }],
});

/**
 * The same trackEvent requests to a loopback server, by hand-written `fetch` and by `client.trackEvent` with the
 * default configuration (auth, retries, throttle on). The throttle counts every request but never waits.
 */
export async function benchmarkClientOverhead(options: ClientOverheadOptions): Promise<Row[]> {
  const { requests, blocks, concurrency, warmup } = options;
  const perBlock = Math.ceil(requests / blocks);
  if (requests > 30_000) throw new Error("more than 30,000 requests a run would reach trackEvent's rate window");
  const server = await startLoopbackServer();
  try {
    const url = `${server.url}/v1/event/${workspaceId}`;
    const headers = { "Content-Type": "application/json", Authorization: "Basic " + btoa(`${workspaceId}:${dataKey}`), "MOE-APPKEY": workspaceId };
    const bodies = Array.from({ length: Math.max(blocks * perBlock, warmup) }, (_, index) => overheadEventBody(index));

    // What a careful caller writes without the client: serialize, send, parse, check MoEngage's HTTP-200 failure.
    const sendRaw = async (index: number) => {
      const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(bodies[index]) });
      const data = (await response.json()) as { status?: string };
      if (!response.ok || data.status === "fail") throw new Error(`raw fetch failed: HTTP ${response.status}`);
    };
    // openapi-fetch alone, which the client is built on: the floor of what the client can cost.
    const openapiFetch = createClient<paths>({ baseUrl: server.url, headers });
    const sendWithOpenapiFetch = async (index: number) => {
      const { data, error, response } = await openapiFetch.POST("/v1/event/{workspace_id}", { params: { path: { workspace_id: workspaceId } }, body: bodies[index]! });
      if (error || data?.status === "fail") throw new Error(`openapi-fetch failed: HTTP ${response.status}`);
    };
    const clientSender = () => {
      const client = createMoEngageClient({ workspaceId, credentials: { data: dataKey }, baseUrl: server.url });
      return async (index: number) => {
        const { error } = await client.trackEvent({ body: bodies[index]! });
        if (error) throw error;
      };
    };

    await runPool(warmup, concurrency, sendRaw);
    await runPool(warmup, concurrency, sendWithOpenapiFetch);
    await runPool(warmup, concurrency, clientSender());
    await server.reset();
    // One client for every measured block, as a service keeps one: all its requests fit one throttle window.
    const sendWithClient = clientSender();
    let rawSent = 0;
    let openapiFetchSent = 0;
    let clientSent = 0;
    const block = (send: (index: number) => Promise<void>, first: number) =>
      elapsed(() => runPool(perBlock, concurrency, (index) => send(first + index)));
    const samples = await alternate(blocks, {
      raw: () => block(sendRaw, (rawSent += perBlock) - perBlock),
      openapiFetch: () => block(sendWithOpenapiFetch, (openapiFetchSent += perBlock) - perBlock),
      client: () => block(sendWithClient, (clientSent += perBlock) - perBlock),
    });
    const received = await server.stats();
    if (received.requests !== 3 * blocks * perBlock || received.withoutAuthorization) {
      throw new Error(`loopback server saw ${received.requests} requests (${received.withoutAuthorization} without Authorization)`);
    }
    const perSecond = (ms: number) => (perBlock / ms) * 1000;
    const rawBaseline = { label: "raw fetch", value: perSecond(median(samples.raw)), unit: "req/s" as const };
    return [
      {
        benchmark: "Client overhead",
        figure: `trackEvent × ${(blocks * perBlock).toLocaleString("en-US")}, ${concurrency} in flight`,
        value: perSecond(median(samples.client)),
        unit: "req/s",
        baseline: rawBaseline,
        ratio: { value: pairedRatio(samples.client, samples.raw), of: "time" },
        target: { of: "ratio", at: "most", limit: 1.05 },
        note:
          `Loopback node:http server in its own process, keep-alive; each side sends its requests in ${blocks} blocks ` +
          `of ${perBlock.toLocaleString("en-US")}, raw, openapi-fetch and client blocks alternating; medians of blocks and of per-round ratios.`,
        details: { requests: blocks * perBlock, blocks, concurrency, rawBlockMs: samples.raw, clientBlockMs: samples.client, server: received },
      },
      {
        benchmark: "Client overhead",
        figure: "openapi-fetch alone, the same requests (reference)",
        value: perSecond(median(samples.openapiFetch)),
        unit: "req/s",
        baseline: rawBaseline,
        ratio: { value: pairedRatio(samples.openapiFetch, samples.raw), of: "time" },
        details: { openapiFetchBlockMs: samples.openapiFetch },
      },
    ];
  } finally {
    await server.stop();
  }
}
