/** What a figure is measured in; the table formats each unit its own way. */
export type Unit = "req/s" | "records/s" | "bytes" | "ms" | "%";

/** A bound on a row's ratio or value. */
export interface Target {
  of: "ratio" | "value";
  at: "most" | "least";
  limit: number;
}

export interface Row {
  benchmark: string;
  /** What was measured, in a few words. */
  figure: string;
  /** `null` when the row was skipped; `note` says why. */
  value: number | null;
  unit: Unit;
  baseline?: { label: string; value: number; unit: Unit };
  /** The figure relative to its baseline: time, throughput or size divided by the baseline's. */
  ratio?: { value: number; of: "time" | "throughput" | "size" };
  target?: Target;
  /** Set by `judge`: whether the target holds; absent when there is no target or the row was skipped. */
  met?: boolean;
  note?: string;
  /** Set when the benchmark failed: its error and stack. */
  error?: string;
  /** Raw samples and checks, kept in results.json only. */
  details?: Record<string, unknown>;
}

/** Fills `met` from the target: the only place a figure is compared with its bound. */
export function judge(row: Row): Row {
  const measured = row.target?.of === "ratio" ? row.ratio?.value : row.value;
  if (!row.target || measured === undefined || measured === null) return row;
  const met = row.target.at === "most" ? measured <= row.target.limit : measured >= row.target.limit;
  return { ...row, met };
}

const grouped = (value: number, digits = 0) =>
  value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function formatValue(value: number, unit: Unit): string {
  switch (unit) {
    case "bytes":
      return value >= 1024 * 1024 ? `${grouped(value / 1024 / 1024, 2)} MB` : value >= 1024 ? `${grouped(value / 1024, 2)} kB` : `${value} B`;
    case "ms":
      return value >= 1000 ? `${grouped(value / 1000, 2)} s` : `${grouped(value, value < 10 ? 1 : 0)} ms`;
    case "%":
      return `${grouped(value, 1)} %`;
    default:
      return `${grouped(value)} ${unit}`;
  }
}

export function formatTarget(row: Row): string {
  const target = row.target;
  if (!target) return "—";
  const bound = target.at === "most" ? "≤" : "≥";
  return target.of === "ratio" ? `${bound} ${target.limit}× ${row.ratio?.of ?? ""}`.trim() : `${bound} ${formatValue(target.limit, row.unit)}`;
}

const metText = (row: Row) => (row.error ? "FAILED" : row.value === null ? "skipped" : row.met === undefined ? "—" : row.met ? "yes" : "NO");

const cellsOf = (row: Row): string[] => [
  row.value === null ? "—" : formatValue(row.value, row.unit),
  row.baseline ? `${row.baseline.label}: ${formatValue(row.baseline.value, row.baseline.unit)}` : "—",
  row.ratio ? `${row.ratio.value.toFixed(2)}× ${row.ratio.of}` : "—",
  formatTarget(row),
  metText(row),
];

/** The same table in Markdown, for the README's Performance section. */
export function renderMarkdown(rows: Row[]): string {
  const escape = (text: string) => text.replace(/\|/g, "\\|");
  return [
    "| Benchmark | Figure | Value | Baseline | Ratio | Target | Met |",
    "|---|---|---|---|---|---|---|",
    ...rows.map((row) => `| ${[row.benchmark, row.figure, ...cellsOf(row)].map(escape).join(" | ")} |`),
  ].join("\n");
}

/** One plain-text table: a column per field, a blank line between benchmarks, notes below. */
export function renderTable(rows: Row[]): string {
  const header = ["Benchmark", "Figure", "Value", "Baseline", "Ratio", "Target", "Met"];
  const notes: string[] = [];
  const lines = rows.map((row) => {
    let figure = row.figure;
    if (row.note) {
      notes.push(row.note);
      figure += ` [${notes.length}]`;
    }
    return [row.benchmark, figure, ...cellsOf(row)];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const format = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd();
  const out = [format(header), widths.map((width) => "─".repeat(width)).join("  ")];
  lines.forEach((line, index) => {
    if (index > 0 && rows[index - 1]!.benchmark !== rows[index]!.benchmark) out.push("");
    out.push(format(line));
  });
  if (notes.length) out.push("", ...notes.map((note, index) => `[${index + 1}] ${note}`));
  return out.join("\n");
}
