// The coverage guard and the per-family report: pure functions over the bundle's operations and the recorded calls.
import type { ExercisedCall } from "./exercised.js";

export interface GuardedOperation {
  operationId: string;
  family: string;
  /** Operations with a request body must also be refused once with a broken body. */
  takesBody: boolean;
}

export interface CoverageGaps {
  /** Operations of the spec that have no row in the explicit case table. */
  withoutCase: string[];
  /** Operations never answered with a 2xx to a documented request. */
  withoutPositive: string[];
  /** Body-taking operations never refused (400 or 422) for a broken body. */
  withoutNegative: string[];
  /** Operations of the case table that the bundle does not have (a stale row). */
  unknownCases: string[];
}

const isPositive = (call: ExercisedCall) => call.kind == "positive" && call.status >= 200 && call.status < 300;
const isRefusal = (call: ExercisedCall) => call.kind == "invalid-body" && (call.status == 400 || call.status == 422);

/**
 * Compares the bundle's operations with the calls the tests made (and, when given, the explicit case table).
 * A new operation in the spec shows up in `withoutPositive` until a case for it is written and passes.
 */
export function findCoverageGaps(operations: GuardedOperation[], calls: ExercisedCall[], caseTable?: string[]): CoverageGaps {
  const answered = new Set(calls.filter(isPositive).map((call) => call.operationId));
  const refused = new Set(calls.filter(isRefusal).map((call) => call.operationId));
  const known = new Set(operations.map((operation) => operation.operationId));
  const tabled = caseTable && new Set(caseTable);
  return {
    withoutCase: tabled ? operations.filter((operation) => !tabled.has(operation.operationId)).map((operation) => operation.operationId) : [],
    withoutPositive: operations.filter((operation) => !answered.has(operation.operationId)).map((operation) => operation.operationId),
    withoutNegative: operations
      .filter((operation) => operation.takesBody && !refused.has(operation.operationId))
      .map((operation) => operation.operationId),
    unknownCases: (caseTable ?? []).filter((operationId) => !known.has(operationId)),
  };
}

/** One message naming every gap, or undefined when there is none. */
export function describeCoverageGaps(gaps: CoverageGaps): string | undefined {
  const lines = [
    gaps.withoutCase.length && `without a row in the contract case table (src/cases.ts): ${gaps.withoutCase.join(", ")}`,
    gaps.withoutPositive.length && `without a passing positive contract test: ${gaps.withoutPositive.join(", ")}`,
    gaps.withoutNegative.length && `taking a body but never refused for a broken one: ${gaps.withoutNegative.join(", ")}`,
    gaps.unknownCases.length && `in the case table but not in the spec: ${gaps.unknownCases.join(", ")}`,
  ].filter(Boolean);
  return lines.length ? `Contract coverage is incomplete. Operations ${lines.join("; ")}.` : undefined;
}

export interface FamilyCoverage {
  family: string;
  operations: number;
  positive: number;
  bodyTaking: number;
  negative: number;
  /** Operations that take credential headers (Push v2 signs its body instead). */
  credentialed: number;
  /** Of those, operations whose missing credentials were answered with 401. */
  unauthenticated: number;
  /** Operations for which every documented error status was reached. */
  documentedErrors: number;
}

export function coverageByFamily(
  operations: (GuardedOperation & { errorStatuses: number; credentialed: boolean })[],
  calls: ExercisedCall[],
): FamilyCoverage[] {
  const byOperation = new Map<string, ExercisedCall[]>();
  for (const call of calls) byOperation.set(call.operationId, [...(byOperation.get(call.operationId) ?? []), call]);
  const families = new Map<string, FamilyCoverage>();
  for (const operation of operations) {
    const row = families.get(operation.family) ?? {
      family: operation.family,
      operations: 0,
      positive: 0,
      bodyTaking: 0,
      negative: 0,
      credentialed: 0,
      unauthenticated: 0,
      documentedErrors: 0,
    };
    const own = byOperation.get(operation.operationId) ?? [];
    const errorStatuses = new Set(own.filter((call) => call.kind == "documented-error").map((call) => call.status));
    row.operations++;
    if (own.some(isPositive)) row.positive++;
    if (operation.takesBody) row.bodyTaking++;
    if (operation.takesBody && own.some(isRefusal)) row.negative++;
    if (operation.credentialed) row.credentialed++;
    if (operation.credentialed && own.some((call) => call.kind == "missing-credentials" && call.status == 401)) row.unauthenticated++;
    if (errorStatuses.size >= operation.errorStatuses) row.documentedErrors++;
    families.set(operation.family, row);
  }
  return [...families.values()];
}

/** The sums of every family's row. */
export function totalCoverage(rows: FamilyCoverage[]): FamilyCoverage {
  const total: FamilyCoverage = { family: "Total", operations: 0, positive: 0, bodyTaking: 0, negative: 0, credentialed: 0, unauthenticated: 0, documentedErrors: 0 };
  for (const row of rows) {
    for (const key of Object.keys(total) as (keyof FamilyCoverage)[]) if (key != "family") total[key] += row[key];
  }
  return total;
}

/** The report as an aligned text table, with a total line. */
export function formatCoverageTable(rows: FamilyCoverage[]): string {
  const total = totalCoverage(rows);
  const header = ["Family", "Positive", "Refused body", "401 w/o credentials", "All error statuses"];
  const cells = [...rows, total].map((row) => [
    row.family,
    `${row.positive}/${row.operations}`,
    `${row.negative}/${row.bodyTaking}`,
    `${row.unauthenticated}/${row.credentialed}`,
    `${row.documentedErrors}/${row.operations}`,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column]!.length)));
  const line = (cell: string[]) => cell.map((text, column) => (column ? text.padStart(widths[column]!) : text.padEnd(widths[column]!))).join("  ");
  return [line(header), ...cells.map(line)].join("\n");
}

/** The guard's view of the bundle's operations. */
export const guardedOperations = (
  operations: { operationId: string; family: string; requestSchemaPointer?: string; errors: unknown[]; credentialHeaders: string[] }[],
) =>
  operations.map((operation) => ({
    operationId: operation.operationId,
    family: operation.family,
    takesBody: !!operation.requestSchemaPointer,
    errorStatuses: operation.errors.length,
    credentialed: operation.credentialHeaders.length > 0,
  }));
