import { sendSerialized, type MoEngageClient, type SendSerialized } from "./client.js";
import { MoEngageConnectionError, MoEngageError, MoEngageInvalidResponseError, MoEngagePayloadLimitError } from "./errors.js";
import { operationTable } from "./generated/operations.js";
import type { BodyOf, CallOptions } from "./operation-types.js";
import { serialize, utf8Length } from "./payload-limit.js";

/** A user, event or device element of a `/v1/transition` body. */
export type BulkRecord = BodyOf<"importBulk"> extends { elements: (infer R)[] } ? R : Record<string, unknown>;

export interface BulkImportProgress {
  /** Records settled so far: accepted + failed. */
  records: number;
  /** Batches sent and answered (or given up on). */
  batches: number;
  /** UTF-8 bytes of those batches' bodies. */
  bytes: number;
  accepted: number;
  failed: number;
}

export interface BulkImportFailure<R> {
  /** Index of the batch; absent for a single record never sent (too big for any batch, or not JSON). */
  batch?: number;
  /** Position in the input of that single record never sent. */
  index?: number;
  /** The records of the batch, in their input order. */
  records: R[];
  error: unknown;
  /**
   * `failed`: MoEngage did not take the records (refused, or never sent). `unknown`: they may have been taken
   * (5xx, timeout, connection lost after sending, unreadable answer): check before sending them again.
   */
  outcome: "failed" | "unknown";
}

export interface BulkImportResult<R> extends BulkImportProgress {
  failures: BulkImportFailure<R>[];
}

export interface BulkImportOptions extends Pick<CallOptions, "signal" | "timeout" | "maxRetries" | "retry" | "headers"> {
  /** Batches in flight at once (they still pass the throttle in order). Default 4. */
  concurrency?: number;
  /** Called after every batch with the running totals. */
  onProgress?: (progress: BulkImportProgress) => void;
}

/**
 * `failed` when MoEngage refused the batch or it was never sent (checked before sending); `unknown` for anything
 * that may have reached MoEngage: 5xx, connection errors, timeouts, unreadable answers, aborts in flight.
 */
const outcomeOf = (error: unknown): BulkImportFailure<unknown>["outcome"] =>
  error instanceof MoEngageError && !(error instanceof MoEngageConnectionError || error instanceof MoEngageInvalidResponseError) && !(error.status! > 499)
    ? "failed"
    : "unknown";

/**
 * Packs users, events and devices into `/v1/transition` bodies as close to the operation's `maxBodyBytes` as they
 * go (and within `maxItems`), sends them with bounded concurrency under the client's throttle, and accounts for
 * every record: `accepted + failed === records`. Records keep their order within and across batches. Never
 * rejects for a failed batch or record (too big, or not JSON: a `MoEngageSerializationError`); an abort stops
 * reading `records` and reports what was not sent as failed.
 */
export async function bulkImport<R extends BulkRecord>(
  client: MoEngageClient<boolean>,
  records: Iterable<R> | AsyncIterable<R>,
  { concurrency = 4, onProgress, signal, ...callOptions }: BulkImportOptions = {},
): Promise<BulkImportResult<R>> {
  const send = (client as unknown as Record<symbol, SendSerialized>)[sendSerialized]!;
  const { b: limit = Infinity, n: maxItems = Infinity } = operationTable.importBulk;
  const result: BulkImportResult<R> = { records: 0, batches: 0, bytes: 0, accepted: 0, failed: 0, failures: [] };
  const inFlight = new Set<Promise<unknown>>();
  // The batch being packed: its records, their JSON joined by commas, and the body's byte size once wrapped.
  const empty = 35; // the bytes of '{"type":"transition","elements":[' and ']}' (the body template in flush)
  let batch: R[] = [];
  let elements = "";
  let size = empty;
  let index = 0;
  // Records read from the input so far.
  let read = 0;

  const settle = (settled: R[], error: unknown, outcome = outcomeOf(error), batchIndex?: number, bytes = 0, recordIndex?: number) => {
    result.records += settled.length;
    result.bytes += bytes;
    result.batches += +!!bytes;
    if (error === undefined) result.accepted += settled.length;
    else {
      result.failed += settled.length;
      result.failures.push({ batch: batchIndex, index: recordIndex, records: settled, error, outcome });
    }
    onProgress?.(result);
  };

  const flush = async () => {
    const settled = batch;
    const body = `{"type":"transition","elements":[${elements}]}`;
    const bytes = size;
    const batchIndex = index++;
    batch = [];
    elements = "";
    size = empty;
    if (signal?.aborted) return settle(settled, signal.reason, "failed", batchIndex);
    const task: Promise<unknown> = send("importBulk", { ...callOptions, signal, throwOnError: false }, body, settled.length)
      .then(
        ({ error }) => settle(settled, error, undefined, batchIndex, bytes),
        (reason) => settle(settled, reason, "unknown", batchIndex, bytes),
      )
      .then(() => inFlight.delete(task));
    inFlight.add(task);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  };

  // Returns a promise only when a batch goes out, so the common path stays synchronous.
  const add = (record: R): Promise<void> | void => {
    const at = read++;
    let json: string;
    try {
      // A record has the room of a body without the wrapper: it is refused when too big even alone.
      json = serialize(record, "importBulk record " + at, { operationId: "importBulk" }, limit - empty);
    } catch (error) {
      // Not JSON, or too big even alone: reported failed, never dropped.
      return settle([record], error, "failed", undefined, 0, at);
    }
    const bytes = utf8Length(json);
    const pending = batch.length && (size + 1 + bytes > limit || batch.length >= maxItems) ? flush() : undefined;
    const comma = batch.push(record) > 1;
    elements += comma ? "," + json : json;
    size += bytes + +comma;
    return pending;
  };

  try {
    if (Symbol.asyncIterator in records) {
      for await (const record of records) if ((await add(record), signal?.aborted)) break;
    } else {
      for (const record of records) {
        const pending = add(record);
        if (pending) await pending;
        if (signal?.aborted) break;
      }
    }
    if (batch.length) await flush();
  } finally {
    await Promise.all(inFlight);
  }
  return result;
}
