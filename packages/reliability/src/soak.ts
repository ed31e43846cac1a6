import {
  bulkImport,
  createMoEngageClient,
  MoEngageError,
  operationTable,
  type BulkImportResult,
  type BulkRecord,
  type MoEngageClientOptions,
} from "@moekit/client";
import { eventKey, generateEvents } from "./events.js";
import { faultKinds, startFaultServer, type FaultKind, type RecordedRequest } from "./fault-server.js";

export interface SoakOptions {
  /** Events to import. */
  records: number;
  /** Share of requests per fault kind. */
  shares: Partial<Record<FaultKind, number>>;
  seed?: number;
  /** Batches in flight. Default 4. */
  concurrency?: number;
  /** The client's per-attempt timeout, in ms; stalled answers outlast it. Default 2 000. */
  timeout?: number;
  /** The client's retry bound. Default 2. */
  maxRetries?: number;
  /** Extra characters per event; larger events mean more, smaller batches. Default 0. */
  padding?: number;
  /** Size of `oversized` answers, in bytes. */
  oversizedBytes?: number;
  /** Leave the client's rate limiter on (it holds the import to MoEngage's 60 000 events a minute). Default true. */
  throttle?: boolean;
  /** Base URL of a running Prism mock to forward to; default: one started for the run. */
  upstream?: string;
  /** The fetch the client sends with (a test can wrap it to misbehave on purpose). */
  fetch?: MoEngageClientOptions["fetch"];
}

/** Records that break an invariant: how many, and the first few ids. */
export interface Breach {
  count: number;
  sample: string[];
}

export interface SoakReport {
  records: number;
  /** Records the client reported accepted. */
  accepted: number;
  /** Records reported failed with outcome "failed": not taken. */
  failed: number;
  /** Records reported failed with outcome "unknown": the answer was lost, they may have been taken. */
  unknown: number;
  /** Of the unknown records, those the server did take. */
  unknownTaken: number;
  /** Batches the client built (distinct bodies the server saw). */
  batches: number;
  requests: number;
  /** Requests beyond each batch's first, counted by the server. */
  retries: number;
  /** Retries the client announced in its log. */
  loggedRetries: number;
  /** Most attempts any one batch got. */
  maxAttempts: number;
  largestBodyBytes: number;
  faults: Record<FaultKind | "none", number>;
  /** Error class of each failure (by batch). */
  errors: Record<string, number>;
  breaches: {
    /** Reported accepted, but the server never took it. */
    lost: Breach;
    /** Taken more than once. */
    duplicated: Breach;
    /** Reported failed (outcome "failed"), yet taken. */
    failedButTaken: Breach;
    /** In more than one failure. */
    reportedTwice: Breach;
    /** Failures whose error is not a MoEngageError. */
    untypedErrors: Breach;
    /** Attempts that followed an answer other than 429 (importBulk is not retry-safe). */
    unsafeRetries: Breach;
    /** Records the server took that were never in the input. */
    foreign: Breach;
  };
  /** Most records pulled from the generator but not yet settled, and the most the client may hold by design. */
  maxLead: number;
  leadBound: number;
  elapsedMs: number;
  peakHeapBytes: number;
  peakRssBytes: number;
}

const breach = (): Breach => ({ count: 0, sample: [] });
const note = (target: Breach, id: string) => {
  target.count++;
  if (target.sample.length < 5) target.sample.push(id);
};

/**
 * Bulk-imports generated events through the real client against the fault server, then checks every record
 * against what the server took. Returns the figures and every breach found; the caller asserts.
 */
export async function runBulkImportSoak(options: SoakOptions): Promise<SoakReport> {
  const { records, shares, seed = 1, concurrency = 4, timeout = 2000, maxRetries = 2, padding = 0, throttle = true } = options;
  const server = await startFaultServer({ seed, shares, recordKey: eventKey, oversizedBytes: options.oversizedBytes, upstream: options.upstream });
  let peakHeapBytes = 0;
  let peakRssBytes = 0;
  const sample = () => {
    const { heapUsed, rss } = process.memoryUsage();
    peakHeapBytes = Math.max(peakHeapBytes, heapUsed);
    peakRssBytes = Math.max(peakRssBytes, rss);
  };
  const sampler = setInterval(sample, 20);
  try {
    let loggedRetries = 0;
    const client = createMoEngageClient({
      workspaceId: "soak_workspace",
      credentials: { data: "soak-data-key" },
      baseUrl: server.url,
      timeout,
      maxRetries,
      ...(throttle ? {} : { throttle: false as const }),
      ...(options.fetch && { fetch: options.fetch }),
      logger: (entry) => {
        if (entry.retryInMs !== undefined) loggedRetries++;
      },
    });

    // Streams the input and measures how far the generator runs ahead of the settled records.
    let produced = 0;
    let settled = 0;
    let maxLead = 0;
    let smallestRecord = Infinity;
    function* input(): Generator<BulkRecord> {
      for (const record of generateEvents(records, { padding })) {
        maxLead = Math.max(maxLead, produced - settled);
        smallestRecord = Math.min(smallestRecord, JSON.stringify(record).length);
        produced++;
        yield record;
      }
    }

    const started = performance.now();
    const result: BulkImportResult<BulkRecord> = await bulkImport(client, input(), {
      concurrency,
      onProgress: (progress) => (settled = progress.records),
    });
    const elapsedMs = performance.now() - started;
    sample();
    peakRssBytes = Math.max(peakRssBytes, process.resourceUsage().maxRSS * 1024);

    const limit = operationTable.importBulk.b ?? Infinity;
    const perBatch = Math.ceil(limit / (smallestRecord + 1));
    const report = check(result, server.requests, server.accepted, { records, padding });
    return {
      ...report,
      loggedRetries,
      maxLead,
      leadBound: (concurrency + 1) * perBatch + 1,
      elapsedMs,
      peakHeapBytes,
      peakRssBytes,
    };
  } finally {
    clearInterval(sampler);
    await server.stop();
  }
}

function check(
  result: BulkImportResult<BulkRecord>,
  requests: readonly RecordedRequest[],
  accepted: ReadonlyMap<string, number>,
  { records, padding }: { records: number; padding: number },
) {
  const breaches: SoakReport["breaches"] = {
    lost: breach(),
    duplicated: breach(),
    failedButTaken: breach(),
    reportedTwice: breach(),
    untypedErrors: breach(),
    unsafeRetries: breach(),
    foreign: breach(),
  };
  const errors: Record<string, number> = {};
  const outcomes = new Map<string, "failed" | "unknown">();
  let failed = 0;
  let unknown = 0;
  for (const failure of result.failures) {
    const name = failure.error instanceof Error ? failure.error.name : typeof failure.error;
    errors[name] = (errors[name] ?? 0) + 1;
    if (!(failure.error instanceof MoEngageError)) note(breaches.untypedErrors, name);
    for (const record of failure.records) {
      const key = eventKey(record);
      if (outcomes.has(key)) note(breaches.reportedTwice, key);
      outcomes.set(key, failure.outcome);
      if (failure.outcome == "failed") failed++;
      else unknown++;
    }
  }

  // Generates the input again (it is deterministic) rather than keeping 100 000 records in memory.
  let takenFromInput = 0;
  let unknownTaken = 0;
  for (const record of generateEvents(records, { padding })) {
    const key = eventKey(record);
    const taken = accepted.get(key) ?? 0;
    const outcome = outcomes.get(key);
    outcomes.delete(key);
    if (taken) takenFromInput++;
    if (taken > 1) note(breaches.duplicated, key);
    if (outcome === undefined && taken == 0) note(breaches.lost, key);
    if (outcome == "failed" && taken) note(breaches.failedButTaken, key);
    if (outcome == "unknown" && taken) unknownTaken++;
  }
  // Failures left over name records that were never in the input.
  for (const key of outcomes.keys()) note(breaches.foreign, key);
  for (let extra = accepted.size - takenFromInput; extra > 0; extra--) note(breaches.foreign, "(taken, not in the input)");

  const bulk = requests.filter((request) => request.operationId == "importBulk");
  const attemptsOf = new Map<string, RecordedRequest[]>();
  for (const request of bulk) attemptsOf.set(request.digest, [...(attemptsOf.get(request.digest) ?? []), request]);
  for (const attempts of attemptsOf.values()) {
    attempts.sort((a, b) => a.attempt - b.attempt);
    for (let i = 1; i < attempts.length; i++) {
      if (attempts[i - 1]!.status != 429) note(breaches.unsafeRetries, `batch ${attempts[0]!.digest.slice(0, 8)} attempt ${i + 1}`);
    }
  }
  const faults = Object.fromEntries([...faultKinds, "none"].map((kind) => [kind, 0])) as SoakReport["faults"];
  for (const request of bulk) faults[request.fault ?? "none"]++;

  return {
    records: result.records,
    accepted: result.accepted,
    failed,
    unknown,
    unknownTaken,
    batches: attemptsOf.size,
    requests: bulk.length,
    retries: bulk.length - attemptsOf.size,
    maxAttempts: Math.max(0, ...bulk.map((request) => request.attempt)),
    largestBodyBytes: Math.max(0, ...bulk.map((request) => request.bytes)),
    faults,
    errors,
    breaches,
  };
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0) + " MiB";

/** The figures of a run, one per line. */
export function formatSoakReport(report: SoakReport): string {
  const faults = Object.entries(report.faults)
    .filter(([, count]) => count)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(", ");
  return [
    `records   ${report.records}`,
    `accepted  ${report.accepted}`,
    `failed    ${report.failed}  (refused, not taken)`,
    `unknown   ${report.unknown}  (answer lost; ${report.unknownTaken} of them had been taken)`,
    `batches   ${report.batches}, requests ${report.requests}, retries ${report.retries} (most attempts of one batch: ${report.maxAttempts})`,
    `answers   ${faults}`,
    `largest   ${report.largestBodyBytes} bytes per request`,
    `time      ${(report.elapsedMs / 1000).toFixed(1)} s`,
    `memory    peak heap ${mib(report.peakHeapBytes)}, peak RSS ${mib(report.peakRssBytes)}; at most ${report.maxLead} records in hand`,
  ].join("\n");
}
