import { arch, availableParallelism, cpus, loadavg, platform, totalmem } from "node:os";
import { createRequire } from "node:module";
import { join } from "node:path";
import { benchmarkBulkPacker, type BulkPackerOptions } from "./bulk-packer.js";
import { benchmarkClientOverhead, type ClientOverheadOptions } from "./client-overhead.js";
import { benchmarkClientSize } from "./client-size.js";
import { benchmarkConsumerTypecheck, type ConsumerTypecheckOptions } from "./consumer-typecheck.js";
import { benchmarkDocs, type DocsOptions } from "./docs-render.js";
import { repoDir } from "./measure.js";
import { judge, type Row } from "./report.js";

export interface SuiteOptions {
  clientOverhead: ClientOverheadOptions;
  bulkPacker: BulkPackerOptions;
  consumerTypecheck: ConsumerTypecheckOptions;
  docs: DocsOptions;
}

/** The sizes `pnpm bench` runs; the smoke test runs the same suite with tiny ones. */
export const fullSuite: SuiteOptions = {
  clientOverhead: { requests: 20_000, blocks: 10, concurrency: 1, warmup: 1_000 },
  bulkPacker: { records: 100_000, rounds: 3, endToEndRounds: 3 },
  consumerTypecheck: { rounds: 3, exampleDir: join(repoDir, "apps/example") },
  docs: { distDir: join(repoDir, "apps/docs/dist"), specPath: createRequire(import.meta.url).resolve("@moekit/spec/openapi.json"), rounds: 3 },
};

export interface Machine {
  nproc: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  os: string;
  /** 1-minute load average when the run started and ended: other work on the machine shows here. */
  load: { start: number; end: number };
}

export interface Results {
  startedAt: string;
  durationMs: number;
  machine: Machine;
  rows: Row[];
}

const gib = (bytes: number) => Math.round((bytes / 1024 ** 3) * 10) / 10;

/** Runs every benchmark in turn (never two at once: they would slow each other). */
export async function runSuite(options: SuiteOptions, progress: (message: string) => void = () => {}): Promise<Results> {
  const startedAt = new Date();
  const loadAtStart = loadavg()[0]!;
  const steps: [string, () => Promise<Row[]>][] = [
    ["Client overhead", () => benchmarkClientOverhead(options.clientOverhead)],
    ["Client size", () => benchmarkClientSize()],
    ["Bulk packer", () => benchmarkBulkPacker(options.bulkPacker)],
    ["Consumer type-check", () => benchmarkConsumerTypecheck(options.consumerTypecheck)],
    ["Docs", () => benchmarkDocs(options.docs)],
  ];
  const rows: Row[] = [];
  for (const [name, step] of steps) {
    const started = performance.now();
    try {
      rows.push(...(await step()).map(judge));
    } catch (caught) {
      // One broken benchmark must not hide the others' figures; the run still fails at the end.
      const error = caught instanceof Error ? caught : new Error(String(caught));
      rows.push({ benchmark: name, figure: "failed", value: null, unit: "ms", note: error.message.split("\n").slice(0, 2).join(" "), error: error.stack ?? error.message });
    }
    progress(`${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return {
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(Date.now() - startedAt.getTime()),
    machine: {
      nproc: availableParallelism(),
      cpu: cpus()[0]?.model.trim() ?? "unknown",
      memoryGiB: gib(totalmem()),
      node: process.version,
      os: `${platform()} ${arch()}`,
      load: { start: Math.round(loadAtStart * 100) / 100, end: Math.round(loadavg()[0]! * 100) / 100 },
    },
    rows,
  };
}

export const describeMachine = ({ nproc, cpu, memoryGiB, node, os, load }: Machine) =>
  `${nproc} cores (${cpu}), ${memoryGiB} GiB memory, Node ${node}, ${os}; 1-minute load average ${load.start} at start, ${load.end} at end`;
