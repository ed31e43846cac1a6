// What the server tells about one operation: credentials, fills, limits, parameters, body and the write rule.
import { operationTable, type CredentialFamily, type OperationFacts, type OperationId } from "@moekit/client";
import { dereference, pointerSegment, resolve, resolveWithPointer, selfContainedSchema, type Json, type SpecOperation } from "./spec.js";

/** Environment variable that holds each family's key. */
export const keyVariables: Record<CredentialFamily, string> = {
  data: "MOENGAGE_DATA_KEY",
  push: "MOENGAGE_PUSH_KEY",
  inform: "MOENGAGE_INFORM_KEY",
  campaign: "MOENGAGE_CAMPAIGN_KEY",
};

export const familyKeyNames: Record<CredentialFamily, string> = {
  data: "Data API key",
  push: "Push API key",
  inform: "Inform API key",
  campaign: "Campaign report / Business events / Custom templates / Catalog key",
};

export function factsOf(operationId: string): OperationFacts | undefined {
  return Object.hasOwn(operationTable, operationId) ? operationTable[operationId as OperationId] : undefined;
}

/** The key family an operation needs: its Basic scheme, or the key its signature is computed with. */
export function credentialFamily(operationId: string): CredentialFamily | undefined {
  const facts = factsOf(operationId);
  if (facts?.c) return facts.c;
  const part = facts?.f?.flat().find((p) => p.startsWith("credential."));
  return part?.slice("credential.".length) as CredentialFamily | undefined;
}

/** Request fields the client fills in itself (`path.workspace_id`, `header.MOE-APPKEY`, `body.signature` …). */
export function filledByClient(operationId: string): string[] {
  const facts = factsOf(operationId);
  const filled = (facts?.f ?? []).map(([target]) => target!);
  if (facts?.c) filled.unshift("header.Authorization");
  return filled;
}

// MoEngage searches and looks records up with POST bodies, so the method alone cannot tell a read.
const readVerbs = ["get", "list", "search", "fetch", "preview", "download"];

/**
 * The write rule: an operation only reads when its method is GET, or when its operationId starts with a read
 * verb and the spec marks it `x-moe-retry-safe`. Everything else changes data (deletes, upserts and test sends
 * included), and in live mode needs MOENGAGE_ALLOW_WRITES=1.
 */
export function changesData(op: Pick<SpecOperation, "method" | "operationId" | "operation">): boolean {
  if (op.method === "get") return false;
  const verb = /^[a-z]+/.exec(op.operationId)?.[0] ?? "";
  return !(readVerbs.includes(verb) && op.operation["x-moe-retry-safe"] === true);
}

export interface RateWindow {
  requests: number;
  per: "second" | "minute" | "hour" | "day";
  every?: number;
  scope?: string;
  unit?: string;
  bucket?: string;
}

export interface Limits {
  rate: RateWindow[];
  maxBodyBytes?: number;
  maxItems?: number;
}

const number = (n: number) => n.toLocaleString("en-US");

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${number(bytes)} bytes`;
}

export function describeWindow(window: RateWindow): string {
  const period = window.every && window.every > 1 ? `${window.every} ${window.per}s` : window.per;
  const unit = window.unit && window.unit !== "requests" ? window.unit : "requests";
  const shared = window.bucket ? ` (shared ${window.bucket} budget)` : "";
  return `${number(window.requests)} ${unit} per ${period} per ${window.scope ?? "workspace"}${shared}`;
}

/** The operation's `x-moe-limits` in words, one line per limit. */
export function describeLimits(limits: Limits | undefined): string[] {
  if (!limits) return [];
  const lines = limits.rate.length ? limits.rate.map((w) => `Rate limit: ${describeWindow(w)}`) : ["Rate limit: none documented"];
  if (limits.maxBodyBytes !== undefined) {
    lines.push(`Size limit: request body at most ${formatBytes(limits.maxBodyBytes)} (${number(limits.maxBodyBytes)} bytes)`);
  }
  if (limits.maxItems !== undefined) lines.push(`Size limit: at most ${number(limits.maxItems)} items per request`);
  return lines;
}

export interface ParameterInfo {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  description?: string;
  schema: Json;
  example?: unknown;
  /** Pointer of the parameter's schema in the bundle, for validation. */
  schemaPointer: string;
}

/** The parameters a caller passes: the operation's and its path item's, less those the client fills. */
export function callerParameters(spec: Json, op: SpecOperation): ParameterInfo[] {
  const list: ParameterInfo[] = [];
  const seen = new Set<string>();
  const sources: [Json[] | undefined, string][] = [
    [op.operation.parameters, `${op.pointer}/parameters`],
    [op.pathItem.parameters, `#/paths/${pointerSegment(op.path)}/parameters`],
  ];
  for (const [parameters, base] of sources) {
    (parameters ?? []).forEach((raw, index) => {
      const { node: parameter, pointer } = resolveWithPointer(spec, raw, `${base}/${index}`);
      const key = `${parameter.in}:${parameter.name}`;
      if (seen.has(key) || parameter["x-moe-fill"]) return;
      seen.add(key);
      list.push({
        name: parameter.name,
        in: parameter.in,
        required: parameter.required === true,
        description: parameter.description?.trim(),
        schema: dereference(spec, parameter.schema),
        example: parameter.example ?? parameter.schema?.example,
        schemaPointer: `${pointer}/schema`,
      });
    });
  }
  return list;
}

export interface BodyInfo {
  required: boolean;
  contentType: string;
  /** Pointer of the JSON schema in the bundle, for validation. */
  schemaPointer: string;
  /** The schema with the components it uses under `$defs`, once each. */
  schema: Json;
  /** The schema as written, references kept, for walking its fields. */
  rawSchema: Json;
  examples: { name: string; summary?: string; value: unknown }[];
}

export function requestBody(spec: Json, op: SpecOperation): BodyInfo | undefined {
  if (!op.operation.requestBody) return undefined;
  const { node: body, pointer } = resolveWithPointer(spec, op.operation.requestBody, `${op.pointer}/requestBody`);
  const content: Json = body.content ?? {};
  const contentType = Object.keys(content).find((type) => type.includes("json")) ?? Object.keys(content)[0];
  if (!contentType) return undefined;
  const media = content[contentType];
  const examples = media.examples
    ? Object.entries<Json>(media.examples).map(([name, raw]) => {
        const example = resolve(spec, raw);
        return { name, summary: example.summary, value: example.value };
      })
    : media.example !== undefined
      ? [{ name: "example", value: media.example }]
      : [];
  return {
    required: body.required === true,
    contentType,
    schemaPointer: `${pointer}/content/${pointerSegment(contentType)}/schema`,
    schema: selfContainedSchema(spec, media.schema),
    rawSchema: media.schema,
    examples,
  };
}

export interface BodyField {
  /** Dotted path, `[]` for array items: `actions[].platform`. */
  path: string;
  type?: string;
  /** `yes` always, `depends` under a condition (anyOf, oneOf, if/then), `no` otherwise. */
  required: "yes" | "depends" | "no";
  description?: string;
}

const rank = { no: 0, depends: 1, yes: 2 } as const;

/** The fields of a request schema, walked through references, allOf/anyOf/oneOf and arrays, to `maxDepth`. */
export function bodyFields(spec: Json, schema: Json, maxDepth = 4): BodyField[] {
  const fields = new Map<string, BodyField>();
  const walk = (node: Json, prefix: string, depth: number, trail: string[], conditional: boolean) => {
    if (!node || typeof node !== "object" || depth > maxDepth) return;
    if (typeof node.$ref === "string") {
      if (trail.includes(node.$ref)) return;
      walk(resolve(spec, node), prefix, depth, [...trail, node.$ref], conditional);
      return;
    }
    const required: string[] = Array.isArray(node.required) ? node.required : [];
    for (const name of required) {
      const path = prefix ? `${prefix}.${name}` : name;
      const known = fields.get(path);
      const level = conditional ? "depends" : "yes";
      if (known && rank[level] > rank[known.required]) known.required = level;
      else if (!known && !node.properties?.[name]) fields.set(path, { path, required: level });
    }
    for (const [name, raw] of Object.entries<Json>(node.properties ?? {})) {
      const property = resolve(spec, raw);
      const path = prefix ? `${prefix}.${name}` : name;
      const known = fields.get(path);
      const type = Array.isArray(property?.type) ? property.type.join(" | ") : property?.type;
      const level = required.includes(name) ? (conditional ? "depends" : "yes") : "no";
      fields.set(path, {
        path,
        type: known?.type ?? type,
        required: known && rank[known.required] > rank[level] ? known.required : level,
        description: known?.description ?? property?.description?.trim(),
      });
      walk(raw, path, depth + 1, trail, false);
    }
    // Branches after the node's own properties, so fields keep the order the schema lists them in.
    for (const branch of node.allOf ?? []) walk(branch, prefix, depth, trail, conditional);
    for (const key of ["anyOf", "oneOf"]) for (const branch of node[key] ?? []) walk(branch, prefix, depth, trail, true);
    for (const key of ["then", "else"]) if (node[key]) walk(node[key], prefix, depth, trail, true);
    if (node.items) walk(node.items, `${prefix}[]`, depth, trail, conditional);
  };
  walk(schema, "", 0, [], false);
  return [...fields.values()];
}
