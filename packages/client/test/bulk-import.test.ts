import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import {
  bulkImport,
  MoEngageBadRequestError,
  MoEngagePayloadLimitError,
  MoEngageSerializationError,
  type BulkImportProgress,
  type BulkRecord,
} from "../src/index.js";
import { operationTable } from "../src/generated/operations.js";
import { testClient, WORKSPACE } from "./helpers/fixtures.js";
import { json, ok, startServer, type Handler, type TestServer } from "./helpers/server.js";

const LIMIT = operationTable.importBulk.b!;

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.maxConcurrent = 0;
  server.handle(ok);
});

/** Deterministic pseudo-random records: users, events and devices, some with multibyte text, each numbered. */
function makeRecords(count: number, seed = 7): BulkRecord[] {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: count }, (_, seq) => {
    const text = (random() < 0.2 ? "Grüße 😀 " : "plain text ").repeat(1 + Math.floor(random() * 200));
    const kind = seq % 3;
    if (kind === 0) return { type: "customer", customer_id: `u${seq}`, attributes: { seq, note: text } } as BulkRecord;
    if (kind === 1) return { type: "event", customer_id: `u${seq}`, actions: [{ action: "Viewed", attributes: { seq, note: text } }] } as BulkRecord;
    return { type: "device", customer_id: `u${seq}`, device_id: `d${seq}`, attributes: { platform: "ANDROID", push_id: `p${seq}`, seq, note: text } } as BulkRecord;
  });
}

const seqOf = (element: any): number => (element.attributes?.seq ?? element.actions?.[0]?.attributes?.seq) as number;
const bodies = () => server.requests.map((request) => ({ bytes: request.bytes, elements: JSON.parse(request.body).elements as any[] }));

describe("packing", () => {
  test("no body over maxBodyBytes, every batch as full as the next record allows, order kept, exact accounting", async () => {
    const records = makeRecords(3000);
    const result = await bulkImport(testClient(server.url), records, { concurrency: 4 });

    const batches = bodies().sort((a, b) => seqOf(a.elements[0]) - seqOf(b.elements[0]));
    for (const request of server.requests) {
      expect(request.url).toBe(`/v1/transition/${WORKSPACE}`);
      expect(JSON.parse(request.body).type).toBe("transition");
    }
    for (const batch of batches) expect(batch.bytes).toBeLessThanOrEqual(LIMIT);
    // Records in input order, within and across batches, none missing or repeated.
    expect(batches.flatMap((batch) => batch.elements)).toEqual(records);
    // Greedy: the first record of the next batch would not have fitted.
    for (let i = 0; i + 1 < batches.length; i++) {
      const next = Buffer.byteLength(JSON.stringify(batches[i + 1]!.elements[0]));
      expect(batches[i]!.bytes + 1 + next).toBeGreaterThan(LIMIT);
    }
    const fill = batches.slice(0, -1).reduce((sum, batch) => sum + batch.bytes / LIMIT, 0) / (batches.length - 1);
    expect(fill).toBeGreaterThan(0.9);

    expect(result).toMatchObject({ records: 3000, accepted: 3000, failed: 0, failures: [], batches: batches.length });
    expect(result.bytes).toBe(batches.reduce((sum, batch) => sum + batch.bytes, 0));
    expect(server.maxConcurrent).toBeLessThanOrEqual(4);
  });

  test("an async iterable is read lazily, in order, with progress after every batch", async () => {
    let pulled = 0;
    async function* source() {
      for (const record of makeRecords(600, 3)) {
        pulled++;
        yield record;
      }
    }
    const progress: BulkImportProgress[] = [];
    const result = await bulkImport(testClient(server.url), source(), {
      concurrency: 1,
      onProgress: ({ records, batches, bytes, accepted, failed }) => progress.push({ records, batches, bytes, accepted, failed }),
    });
    expect(pulled).toBe(600);
    expect(bodies().flatMap((batch) => batch.elements)).toEqual(makeRecords(600, 3));
    expect(progress).toHaveLength(server.requests.length);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.records).toBeGreaterThan(progress[i - 1]!.records);
      expect(progress[i]!.batches).toBe(i + 1);
    }
    expect(progress.at(-1)).toEqual({ records: 600, batches: result.batches, bytes: result.bytes, accepted: 600, failed: 0 });
  });

  test("a record too big for any batch is reported failed, never dropped, and the rest go through", async () => {
    const records = makeRecords(50);
    const huge = { type: "customer", customer_id: "huge", attributes: { blob: "x".repeat(LIMIT) } } as BulkRecord;
    records.splice(20, 0, huge);
    const result = await bulkImport(testClient(server.url), records);
    expect(result).toMatchObject({ records: 51, accepted: 50, failed: 1 });
    expect(result.failures).toHaveLength(1);
    const [failure] = result.failures;
    expect(failure!.records).toEqual([huge]);
    expect(failure!.batch).toBeUndefined();
    expect(failure!.index).toBe(20);
    expect(failure!.outcome).toBe("failed");
    expect(failure!.error).toBeInstanceOf(MoEngagePayloadLimitError);
    // A record's limit is the room of a body without its 35-byte wrapper ('{"type":"transition","elements":[' and ']}').
    const size = Buffer.byteLength(JSON.stringify(huge));
    expect(failure!.error).toMatchObject({ limit: LIMIT - 35, size, operationId: "importBulk" });
    expect((failure!.error as Error).message).toBe(`importBulk record 20 is ${size} bytes, over its ${LIMIT - 35}-byte limit`);
    expect(bodies().flatMap((batch) => batch.elements)).toEqual(records.filter((record) => record !== huge));
  });

  test("a record JSON cannot encode (a BigInt, a cycle) is reported failed with its index, never dropped, and the rest go through", async () => {
    const records = makeRecords(600, 13);
    const withBigInt = { type: "event", customer_id: "big", actions: [{ action: "Paid", attributes: { cents: 10n } }] } as unknown as BulkRecord;
    const cycle: any = { type: "customer", customer_id: "cycle", attributes: {} };
    cycle.attributes.self = cycle;
    // After several batches have gone out, and one at the very start.
    records.splice(400, 0, withBigInt);
    records.splice(0, 0, cycle);
    const progress: number[] = [];
    const result = await bulkImport(testClient(server.url), records, { concurrency: 2, onProgress: ({ records }) => progress.push(records) });

    expect(result).toMatchObject({ records: 602, accepted: 600, failed: 2 });
    expect(result.batches).toBe(server.requests.length);
    expect(result.failures).toHaveLength(2);
    const [first, second] = result.failures;
    expect(first).toMatchObject({ index: 0, records: [cycle], outcome: "failed" });
    expect(second).toMatchObject({ index: 401, records: [withBigInt], outcome: "failed" });
    for (const failure of result.failures) expect(failure.batch).toBeUndefined();
    expect(first!.error).toBeInstanceOf(MoEngageSerializationError);
    expect(first!.error).toMatchObject({ operationId: "importBulk", message: expect.stringMatching(/^importBulk record 0 cannot be encoded as JSON: Converting circular/) });
    expect(second!.error).toMatchObject({ message: "importBulk record 401 cannot be encoded as JSON: Do not know how to serialize a BigInt" });
    expect(bodies().flatMap((batch) => batch.elements)).toEqual(records.filter((record) => record !== cycle && record !== withBigInt));
    expect(progress.at(-1)).toBe(602);
  });
});

describe("accounting under failures", () => {
  test("refused batches are failed; batches that may have landed are unknown; 429 is retried", async () => {
    const answers: Record<number, Handler> = {
      1: (_request, response) => json(response, 400, { status: "fail", error: { type: "ValidationError", message: "bad element" } }),
      2: (_request, response) => json(response, 200, { status: "fail", error: { message: "refused with 200" } }),
      3: (_request, response) => response.socket?.destroy(),
      4: (_request, response) => json(response, 500, { status: "fail", error: { message: "boom" } }),
      5: (_request, response) => {
        response.writeHead(200, { "content-type": "application/json", "content-length": "500" });
        response.write("{", () => response.socket?.destroy());
      },
      6: (_request, response) => json(response, 429, { status: "fail", error: { message: "slow down" } }, { "retry-after": "0" }),
    };
    server.handle((request, response, index) => (answers[index] ?? ok)(request, response, index));
    const records = makeRecords(2000, 11);
    const result = await bulkImport(testClient(server.url), records, { concurrency: 1 });

    // Request 6 (429) was retried as request 7: one more request than batches.
    expect(server.requests).toHaveLength(result.batches + 1);
    const sent = bodies().map((batch) => batch.elements);
    expect(result.failures.map((failure) => [failure.batch, failure.outcome])).toEqual([
      [1, "failed"],
      [2, "failed"],
      [3, "unknown"],
      [4, "unknown"],
      [5, "unknown"],
    ]);
    for (const failure of result.failures) expect(failure.records).toEqual(sent[failure.batch!]);
    expect(result.failures[0]!.error).toBeInstanceOf(MoEngageBadRequestError);
    const failed = result.failures.reduce((sum, failure) => sum + failure.records.length, 0);
    expect(result).toMatchObject({ records: 2000, failed, accepted: 2000 - failed });
    // Every record is either accepted or in exactly one failure.
    const failedRecords = new Set(result.failures.flatMap((failure) => failure.records));
    expect(records.filter((record) => !failedRecords.has(record))).toHaveLength(result.accepted);
  });

  test("an abort stops reading the input; what was read is accounted for", async () => {
    let pulled = 0;
    function* source() {
      for (const record of makeRecords(5000, 5)) {
        pulled++;
        yield record;
      }
    }
    const controller = new AbortController();
    server.handle((request, response, index) => {
      if (index === 1) controller.abort(new Error("stop"));
      ok(request, response, index);
    });
    const result = await bulkImport(testClient(server.url), source(), { concurrency: 1, signal: controller.signal });
    expect(pulled).toBeLessThan(5000);
    expect(result.records).toBe(pulled);
    expect(result.accepted + result.failed).toBe(pulled);
    for (const failure of result.failures) expect(failure.error).toMatchObject({ message: "stop" });
  });
});
