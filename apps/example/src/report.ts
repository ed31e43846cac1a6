// Everything the demo prints besides the step lines: sizes, the bulk progress, dry-run requests, the closing table.
import cliProgress from "cli-progress";
import type { BulkImportProgress, LogEntry } from "@moekit/client";

export const count = (value: number) => value.toLocaleString("en-US");
export const duration = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);
const oneDecimal = (value: number) => value.toFixed(1).replace(/\.0$/, "");
export const size = (bytes: number) =>
  bytes < 1024 ? `${Math.round(bytes)} B` : bytes < 1024 * 1024 ? `${oneDecimal(bytes / 1024)} KB` : `${oneDecimal(bytes / 1024 / 1024)} MB`;

export interface Progress {
  update(progress: BulkImportProgress): void;
  stop(): void;
}

/** A live bar on a terminal; in a pipe or a log, one plain line per quarter so the output stays readable. */
export function createProgress(total: number, live: boolean): Progress {
  if (live) {
    const bar = new cliProgress.SingleBar(
      {
        format: "  {bar} {percentage}% | {value}/{total} records | batches {batches} | {bytes}",
        stream: process.stdout,
        hideCursor: true,
        formatValue: (value, _options, type) => (type == "value" || type == "total" ? count(value) : String(value)),
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { batches: 0, bytes: size(0) });
    return {
      update: (progress) => bar.update(progress.records, { batches: progress.batches, bytes: size(progress.bytes) }),
      stop: () => bar.stop(),
    };
  }
  let printed = 0;
  return {
    update(progress) {
      const quarter = Math.floor((progress.records / total) * 4);
      if (quarter <= printed) return;
      printed = quarter;
      console.log(
        `  ${count(progress.records)} / ${count(total)} records (${quarter * 25}%), ${count(progress.batches)} batch${progress.batches == 1 ? "" : "es"}, ${size(progress.bytes)}`,
      );
    },
    stop() {},
  };
}

/** Headers whose values prove identity; the rest (content type, workspace id) are safe to show. */
const secretHeader = /authorization|signature/i;

/** Prints a request as it would go out: method, URL, headers with credentials replaced, body size. */
export async function describeRequest(url: string, init: RequestInit, secrets: string[]): Promise<string> {
  const request = new Request(url, init);
  const headers = [...request.headers]
    .map(([name, value]) => `${name}: ${secretHeader.test(name) || secrets.some((secret) => value.includes(secret)) ? "[redacted]" : value}`)
    .join(", ");
  const body = request.body ? (await request.arrayBuffer()).byteLength : 0;
  return `  ${request.method} ${request.url}\n      ${headers}\n      body ${count(body)} bytes`;
}

/** The closing table: one row per operation, from the client's log of every attempt it made. */
export function summaryTable(attempts: LogEntry[], dryRun: boolean): string {
  const rows = new Map<string, { method: string; requests: number; statuses: Map<string, number>; total: number; slowest: number }>();
  for (const attempt of attempts) {
    const row = rows.get(attempt.operationId) ?? { method: attempt.method, requests: 0, statuses: new Map(), total: 0, slowest: 0 };
    const status = dryRun ? "not sent" : String(attempt.status ?? "no answer");
    row.requests++;
    row.statuses.set(status, (row.statuses.get(status) ?? 0) + 1);
    row.total += attempt.durationMs;
    row.slowest = Math.max(row.slowest, attempt.durationMs);
    rows.set(attempt.operationId, row);
  }
  const header = ["operation", "method", "requests", "status", "average", "slowest"];
  const body = [...rows].map(([operationId, row]) => [
    operationId,
    row.method,
    count(row.requests),
    [...row.statuses].map(([status, times]) => (row.statuses.size > 1 ? `${status} ×${times}` : status)).join(", "),
    duration(row.total / row.requests),
    duration(row.slowest),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column]!.length)));
  // Numbers line up on the right, words on the left.
  const numeric = new Set([2, 4, 5]);
  const format = (cells: string[]) =>
    "  " + cells.map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join("  ").trimEnd();
  return [format(header), format(widths.map((width) => "─".repeat(width))), ...body.map(format)].join("\n");
}
