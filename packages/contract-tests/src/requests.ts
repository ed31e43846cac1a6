// Builds a call of an operation from what the spec documents: parameter examples and request examples.
import { operationTable, type OperationId } from "@moekit/client";
import type { ContractOperation, Json } from "./bundle.js";

export type ParamLocation = "path" | "query" | "header";
export type CallParams = Partial<Record<ParamLocation, Record<string, unknown>>>;

/**
 * Every documented parameter with its example, except those the client fills (workspace id). A required parameter
 * without an example is an error: the spec must say what to send.
 */
export function documentedParams(operation: ContractOperation): CallParams {
  const params: CallParams = {};
  for (const parameter of operation.parameters as Json[]) {
    if (parameter["x-moe-fill"] || !["path", "query", "header"].includes(parameter.in)) continue;
    const example =
      parameter.example ?? (Object.values<Json>(parameter.examples ?? {})[0]?.value as unknown) ?? parameter.schema?.default;
    if (example === undefined) {
      if (parameter.required) throw new Error(`${operation.operationId}: required ${parameter.in} parameter "${parameter.name}" has no example`);
      continue;
    }
    (params[parameter.in as ParamLocation] ??= {})[parameter.name] = example;
  }
  return params;
}

/** Top-level body fields the client computes itself (the Push signature), read from the client's operation table. */
export function clientFilledBodyFields(operationId: string): string[] {
  const facts = operationTable[operationId as OperationId];
  return (facts?.f ?? []).map(([target]) => target ?? "").filter((target) => target.startsWith("body.")).map((target) => target.slice(5));
}

/** The request id an error envelope example carries, wherever the family puts it (top level or under `error`). */
export function documentedRequestId(body: unknown): string | undefined {
  if (!body || typeof body != "object") return undefined;
  const outer = body as Record<string, unknown>;
  const inner = outer.error && typeof outer.error == "object" ? (outer.error as Record<string, unknown>) : {};
  const found = inner.request_id ?? inner.requestId ?? outer.request_id ?? outer.requestId;
  return typeof found == "string" ? found : undefined;
}

/** A concrete status for `Prefer: code=…`: range keys such as `5XX` are asked for as their first code. */
export const concreteStatus = (status: string): number => Number(status.replace(/XX$/i, "00"));
