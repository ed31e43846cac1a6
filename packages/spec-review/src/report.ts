// Renders a comparison as the Markdown change report read in review, in spec/dist/api-changes.md and in the preview.
import { operationLabel, type ApiChange, type ApiComparison, type OperationRef, type Severity } from "./compare.js";
import type { TypeScriptChanges } from "./typescript-surface.js";

export interface ReportInput {
  /** What the working tree was compared with; undefined when there is nothing to compare with yet. */
  base?: { label: string; commit: string };
  comparison: ApiComparison;
  typescript: TypeScriptChanges;
  warnings: string[];
}

const CLASS_LABEL: Record<Severity, string> = { breaking: "**breaking**", "non-breaking": "non-breaking", documentation: "documentation" };

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function code(text: string): string {
  return `\`${text}\``;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function countBySeverity(changes: readonly ApiChange[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { breaking: 0, "non-breaking": 0, documentation: 0 };
  for (const change of changes) counts[change.severity] += 1;
  return counts;
}

function operationList(operations: readonly OperationRef[]): string {
  return operations.map((operation) => code(operationLabel(operation))).join("<br>");
}

function changeTable(changes: readonly ApiChange[]): string[] {
  return ["| Class | Change |", "|---|---|", ...changes.map((change) => `| ${CLASS_LABEL[change.severity]} | ${cell(change.message)} |`)];
}

export function renderReport({ base, comparison, typescript, warnings }: ReportInput): string {
  const lines: string[] = ["# API changes", ""];
  if (!base) {
    lines.push("Nothing to compare with: the repository has no commit yet.", "");
    return lines.join("\n");
  }
  lines.push(`Working tree compared with ${code(base.label)} (${code(base.commit.slice(0, 12))}).`, "");

  const { changes, operations } = comparison;
  if (changes.length === 0) {
    lines.push("No changes to the API description.", "");
    appendWarnings(lines, warnings);
    return lines.join("\n");
  }

  const counts = countBySeverity(changes);
  lines.push(
    `${counts.breaking ? `**${plural(counts.breaking, "breaking change")}**` : "No breaking change"}, ` +
      `${plural(counts["non-breaking"], "non-breaking change")}, ${plural(counts.documentation, "documentation change")}. ` +
      `TypeScript: ${typescript.expectCompileErrors ? "**expect compile errors** in code that uses what changed" : "existing code keeps compiling"}.`,
    "",
  );

  const breaking = changes.filter((change) => change.severity === "breaking");
  if (breaking.length) {
    lines.push("## Breaking changes", "");
    for (const change of breaking) {
      const where = change.operation ? code(operationLabel(change.operation)) : "whole document";
      lines.push(`- ${where}: ${change.message}${change.rule ? ` _(rule ${code(change.rule)})_` : ""}`);
    }
    lines.push("");
  }

  if (operations.added.length + operations.removed.length + operations.deprecated.length) {
    lines.push("## Operations", "", "| | Operations |", "|---|---|");
    if (operations.added.length) lines.push(`| added | ${operationList(operations.added)} |`);
    if (operations.removed.length) lines.push(`| removed | ${operationList(operations.removed)} |`);
    if (operations.deprecated.length) lines.push(`| deprecated | ${operationList(operations.deprecated)} |`);
    lines.push("");
  }

  const documentWide = changes.filter((change) => !change.operation);
  if (documentWide.length) lines.push("## Whole document", "", ...changeTable(documentWide), "");

  const byOperation = new Map<string, { operation: OperationRef; changes: ApiChange[] }>();
  for (const change of changes) {
    if (!change.operation) continue;
    const key = `${change.operation.method} ${change.operation.path}`;
    const entry = byOperation.get(key) ?? { operation: change.operation, changes: [] };
    entry.changes.push(change);
    byOperation.set(key, entry);
  }
  if (byOperation.size) {
    lines.push("## Changes by operation", "");
    for (const { operation, changes: own } of byOperation.values()) {
      lines.push(`### ${code(`${operation.method} ${operation.path}`)}${operation.operationId ? ` ${code(operation.operationId)}` : ""}`, "");
      lines.push(...changeTable(own), "");
    }
  }

  lines.push(...renderTypeScript(typescript));
  appendWarnings(lines, warnings);
  return lines.join("\n");
}

function renderTypeScript(typescript: TypeScriptChanges): string[] {
  const lines = ["## TypeScript: `@moekit/client`", ""];
  lines.push(
    typescript.expectCompileErrors
      ? "Code that uses the operations and types below may stop compiling after the upgrade."
      : "No removed or incompatible operation or type: code written against the current client keeps compiling.",
    "",
  );
  const rows: string[] = [];
  const list = (names: readonly string[]) => names.map(code).join(", ");
  if (typescript.operationsRemoved.length) rows.push(`| operations removed | ${list(typescript.operationsRemoved)} |`);
  if (typescript.operationsRenamed.length) {
    rows.push(`| operations renamed | ${typescript.operationsRenamed.map(({ from, to }) => `${code(from)} → ${code(to)}`).join(", ")} |`);
  }
  if (typescript.operationsAdded.length) rows.push(`| operations added | ${list(typescript.operationsAdded)} |`);
  if (typescript.schemasRemoved.length) rows.push(`| schema types removed | ${list(typescript.schemasRemoved)} |`);
  if (typescript.schemasAdded.length) rows.push(`| schema types added | ${list(typescript.schemasAdded)} |`);
  for (const change of typescript.bodyTypesChanged) {
    rows.push(`| ${cell(`${change.operationId} ${change.part} type`)} | ${cell(`${change.from} → ${change.to}`)} |`);
  }
  for (const call of typescript.incompatibleCalls) {
    rows.push(`| calls to ${code(call.operationId)} | ${cell(call.reasons.join("; "))} |`);
  }
  if (rows.length) lines.push("| | |", "|---|---|", ...rows, "");
  return lines;
}

function appendWarnings(lines: string[], warnings: readonly string[]): void {
  if (!warnings.length) return;
  lines.push("## Not compared", "", ...warnings.map((warning) => `- ${warning}`), "");
}
