import { bulkImport, createMoEngageClient, operationTable, type BulkRecord, type MoEngageClientOptions } from "@moekit/client";
import { generateEvents } from "./events.js";
import { startLoopbackServer, type LoopbackStats } from "./loopback-server.js";
import { alternate, elapsed, median, pairedRatio, runPool } from "./measure.js";
import type { Row } from "./report.js";

export interface BulkPackerOptions {
  /** Generated events to pack. */
  records: number;
  /** Alternated runs of packing against JSON.stringify. */
  rounds: number;
  /** Alternated runs of the end-to-end import against raw fetch. */
  endToEndRounds: number;
}

// Not real keys: the loopback server only checks that an Authorization header arrives.
const workspaceId = "BENCH_WORKSPACE";
const dataKey = "bench-data-key";
const accepted = '{"status":"success","message":"Your request has been accepted and will be processed soon."}';
const answer = () => new Response(accepted, { status: 200, headers: { "content-type": "application/json" } });
/** importBulk's maxBodyBytes from the spec (102,400). */
export const batchLimit = operationTable.importBulk.b!;

// The throttle is off: importBulk's documented 60,000 records a minute would otherwise set the pace of every run.
const clientOptions = (extra: Partial<MoEngageClientOptions>): MoEngageClientOptions => ({
  workspaceId,
  credentials: { data: dataKey },
  baseUrl: "http://127.0.0.1:9",
  throttle: false,
  ...extra,
});

/** Packs and "sends" through bulkImport with a transport that answers at once and never reads the body. */
async function packOnly(records: BulkRecord[]): Promise<void> {
  const client = createMoEngageClient(clientOptions({ fetch: async () => answer() }));
  const result = await bulkImport(client, records);
  if (result.accepted !== records.length) throw new Error(`packing accepted ${result.accepted} of ${records.length} records`);
}

/** The bodies bulkImport sends, read off the wire in the order they are sent. */
export async function capturedBatches(records: BulkRecord[]): Promise<string[]> {
  const bodies: string[] = [];
  const client = createMoEngageClient(
    clientOptions({
      fetch: async (_url, init) => {
        bodies.push(String(init.body));
        return answer();
      },
    }),
  );
  await bulkImport(client, records, { concurrency: 1 });
  return bodies;
}

/** Checks that the batches hold exactly the records, in order; returns each batch's size in bytes. */
export function checkBatches(bodies: string[], records: BulkRecord[]): number[] {
  const elements = bodies.flatMap((body) => (JSON.parse(body) as { type: string; elements: unknown[] }).elements);
  if (elements.length !== records.length) throw new Error(`batches hold ${elements.length} records, not ${records.length}`);
  elements.forEach((element, index) => {
    if (JSON.stringify(element) !== JSON.stringify(records[index])) throw new Error(`record ${index} changed or moved in packing`);
  });
  return bodies.map((body) => Buffer.byteLength(body));
}

export async function benchmarkBulkPacker(options: BulkPackerOptions): Promise<Row[]> {
  const { records: count, rounds, endToEndRounds } = options;
  const records = generateEvents(count);
  const sizes = checkBatches(await capturedBatches(records), records);
  const full = sizes.length > 1 ? sizes.slice(0, -1) : sizes;
  const fill = (full.reduce((sum, size) => sum + size, 0) / full.length / batchLimit) * 100;
  const largest = Math.max(...sizes);

  let serialized = 0;
  await packOnly(records);
  const packing = await alternate(rounds, {
    stringify: () => elapsed(() => (serialized += JSON.stringify(records).length)),
    packer: () => elapsed(() => packOnly(records)),
  });

  const server = await startLoopbackServer();
  try {
    const bodies = await capturedBatches(records);
    const headers = { "Content-Type": "application/json", Authorization: "Basic " + btoa(`${workspaceId}:${dataKey}`), "MOE-APPKEY": workspaceId };
    const url = `${server.url}/v1/transition/${workspaceId}`;
    const checkReceived = (stats: LoopbackStats, who: string) => {
      if (stats.records !== count || stats.batches !== bodies.length || stats.unreadableBatches || stats.largestBatchBytes > batchLimit) {
        throw new Error(`${who}: server received ${stats.records} records in ${stats.batches} batches (largest ${stats.largestBatchBytes} bytes)`);
      }
      return stats;
    };
    const received: LoopbackStats[] = [];
    const run = (who: string, work: () => Promise<void>) => async () => {
      await server.reset();
      const ms = await elapsed(work);
      received.push(checkReceived(await server.stats(), who));
      return ms;
    };
    const endToEnd = await alternate(endToEndRounds, {
      // The same batches, hand-sent with the same concurrency as bulkImport's default (4).
      raw: run("raw fetch", () =>
        runPool(bodies.length, 4, async (index) => {
          const response = await fetch(url, { method: "POST", headers, body: bodies[index] });
          const data = (await response.json()) as { status?: string };
          if (!response.ok || data.status === "fail") throw new Error(`raw fetch failed: HTTP ${response.status}`);
        }),
      ),
      client: run("bulkImport", async () => {
        const result = await bulkImport(createMoEngageClient(clientOptions({ baseUrl: server.url })), records);
        if (result.accepted !== count) throw new Error(`bulkImport accepted ${result.accepted} of ${count} records`, { cause: result.failures[0]?.error });
      }),
    });

    const perSecond = (ms: number) => (count / ms) * 1000;
    const events = `${count.toLocaleString("en-US")} events`;
    const limit = { label: "limit", value: batchLimit, unit: "bytes" as const };
    return [
      {
        benchmark: "Bulk packer",
        figure: `bulkImport packing ${events}, no network`,
        value: perSecond(median(packing.packer)),
        unit: "records/s",
        baseline: { label: "JSON.stringify", value: perSecond(median(packing.stringify)), unit: "records/s" },
        ratio: { value: pairedRatio(packing.stringify, packing.packer), of: "throughput" },
        target: { of: "ratio", at: "least", limit: 0.8 },
        note: `${sizes.length} batches, ${(sizes.reduce((a, b) => a + b, 0) / 1024 / 1024).toFixed(1)} MB; the transport answers at once without reading the body, so the client's send path per batch is included.`,
        details: { records: count, rounds, stringifyMs: packing.stringify, packerMs: packing.packer, serializedChars: serialized },
      },
      {
        benchmark: "Bulk packer",
        figure: "average batch fill (all but the last batch)",
        value: fill,
        unit: "%",
        baseline: limit,
        target: { of: "value", at: "least", limit: 95 },
        details: { batches: sizes.length, sizes },
      },
      {
        benchmark: "Bulk packer",
        figure: "largest batch",
        value: largest,
        unit: "bytes",
        baseline: limit,
        ratio: { value: largest / batchLimit, of: "size" },
        target: { of: "value", at: "most", limit: batchLimit },
      },
      {
        benchmark: "Bulk packer",
        figure: `bulkImport end-to-end, ${events} to loopback`,
        value: perSecond(median(endToEnd.client)),
        unit: "records/s",
        baseline: { label: "raw fetch of the batches", value: perSecond(median(endToEnd.raw)), unit: "records/s" },
        ratio: { value: pairedRatio(endToEnd.client, endToEnd.raw), of: "time" },
        note: "4 batches in flight on both sides; client throttle off, since importBulk's documented 60,000 records a minute would set the pace.",
        details: { rounds: endToEndRounds, rawMs: endToEnd.raw, clientMs: endToEnd.client, server: received.at(-1) },
      },
    ];
  } finally {
    await server.stop();
  }
}
