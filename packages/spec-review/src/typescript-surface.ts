// What a change to the spec does to @moekit/client's generated types: its operation table is keyed by operationId
// and its schema types by component name, so both come straight from the two bundles.
import type { ApiChange, ApiComparison, OpenApiDocument } from "./compare.js";

export interface BodyTypeChange {
  operationId: string;
  /** `request` or `response 200` */
  part: string;
  from: string;
  to: string;
}

export interface TypeScriptChanges {
  operationsAdded: string[];
  operationsRemoved: string[];
  operationsRenamed: { from: string; to: string }[];
  schemasAdded: string[];
  schemasRemoved: string[];
  bodyTypesChanged: BodyTypeChange[];
  /** Operations whose request or response types change in a way existing calls may not compile against. */
  incompatibleCalls: { operationId: string; reasons: string[] }[];
  expectCompileErrors: boolean;
}

const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
// Changes that alter a property, its type or its presence: validators (maxLength, pattern ...) do not touch types.
const TYPED_KEYWORDS = new Set(["properties", "required", "type", "enum", "name", "content"]);
const TYPED_SECTIONS = new Set(["parameters", "request", "responses"]);

interface OperationShape {
  id: string;
  key: string;
  bodies: Map<string, string>;
}

function schemaName(schema: unknown): string {
  const ref = (schema as { $ref?: unknown } | undefined)?.$ref;
  return typeof ref === "string" ? ref.slice(ref.lastIndexOf("/") + 1) : "an inline type";
}

function resolve(document: OpenApiDocument, value: unknown): unknown {
  let node = value;
  for (let depth = 0; depth < 20; depth++) {
    const ref = (node as { $ref?: unknown } | undefined)?.$ref;
    if (typeof ref !== "string" || !ref.startsWith("#/")) return node;
    node = ref
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((parent, key) => (parent as Record<string, unknown> | undefined)?.[key], document);
  }
  return node;
}

function operationsOf(document: OpenApiDocument): OperationShape[] {
  const shapes: OperationShape[] = [];
  for (const [path, rawItem] of Object.entries((document.paths as Record<string, unknown>) ?? {})) {
    const item = resolve(document, rawItem) as Record<string, unknown> | undefined;
    for (const method of HTTP_METHODS) {
      const operation = item?.[method] as Record<string, unknown> | undefined;
      if (typeof operation?.operationId !== "string") continue;
      const bodies = new Map<string, string>();
      const request = resolve(document, operation.requestBody) as { content?: Record<string, { schema?: unknown }> } | undefined;
      const requestJson = request?.content?.["application/json"];
      if (requestJson?.schema) bodies.set("request", schemaName(requestJson.schema));
      for (const [code, rawResponse] of Object.entries((operation.responses as Record<string, unknown>) ?? {})) {
        const response = resolve(document, rawResponse) as { content?: Record<string, { schema?: unknown }> } | undefined;
        const json = response?.content?.["application/json"];
        if (json?.schema) bodies.set(`response ${code}`, schemaName(json.schema));
      }
      // Parameter names do not matter to the key: a renamed path parameter is still the same operation.
      shapes.push({ id: operation.operationId, key: `${method} ${path.replace(/\{[^}]*\}/g, "{}")}`, bodies });
    }
  }
  return shapes;
}

function schemaNames(document: OpenApiDocument): Set<string> {
  const components = document.components as { schemas?: Record<string, unknown> } | undefined;
  return new Set(Object.keys(components?.schemas ?? {}));
}

function affectsTypes(change: ApiChange): boolean {
  if (change.severity !== "breaking" || !change.operation?.operationId) return false;
  if (!TYPED_SECTIONS.has(change.section)) return false;
  return change.keyword === undefined || TYPED_KEYWORDS.has(change.keyword);
}

export function typeScriptChanges(before: OpenApiDocument, after: OpenApiDocument, comparison: ApiComparison): TypeScriptChanges {
  const old = operationsOf(before);
  const now = operationsOf(after);
  const oldById = new Map(old.map((operation) => [operation.id, operation]));
  const nowById = new Map(now.map((operation) => [operation.id, operation]));
  const nowByKey = new Map(now.map((operation) => [operation.key, operation]));

  const operationsRenamed: TypeScriptChanges["operationsRenamed"] = [];
  const operationsRemoved: string[] = [];
  const counterpart = new Map<string, OperationShape>();
  for (const operation of old) {
    const same = nowById.get(operation.id);
    if (same) {
      counterpart.set(operation.id, same);
      continue;
    }
    const moved = nowByKey.get(operation.key);
    if (moved && !oldById.has(moved.id)) {
      operationsRenamed.push({ from: operation.id, to: moved.id });
      counterpart.set(operation.id, moved);
    } else {
      operationsRemoved.push(operation.id);
    }
  }
  const renamedTo = new Set(operationsRenamed.map((rename) => rename.to));
  const operationsAdded = now.filter((operation) => !oldById.has(operation.id) && !renamedTo.has(operation.id)).map((operation) => operation.id);

  const bodyTypesChanged: BodyTypeChange[] = [];
  for (const operation of old) {
    const next = counterpart.get(operation.id);
    if (!next) continue;
    for (const [part, from] of operation.bodies) {
      const to = next.bodies.get(part);
      if (to !== undefined && to !== from) bodyTypesChanged.push({ operationId: next.id, part, from, to });
    }
  }

  const oldSchemas = schemaNames(before);
  const nowSchemas = schemaNames(after);
  const schemasAdded = [...nowSchemas].filter((name) => !oldSchemas.has(name));
  const schemasRemoved = [...oldSchemas].filter((name) => !nowSchemas.has(name));

  const reasons = new Map<string, string[]>();
  for (const change of comparison.changes) {
    if (!affectsTypes(change)) continue;
    const id = change.operation?.operationId as string;
    if (operationsRemoved.includes(id)) continue;
    reasons.set(id, [...(reasons.get(id) ?? []), change.message]);
  }
  const incompatibleCalls = [...reasons].map(([operationId, list]) => ({ operationId, reasons: list }));

  return {
    operationsAdded,
    operationsRemoved,
    operationsRenamed,
    schemasAdded,
    schemasRemoved,
    bodyTypesChanged,
    incompatibleCalls,
    expectCompileErrors:
      operationsRemoved.length + operationsRenamed.length + schemasRemoved.length + incompatibleCalls.length > 0,
  };
}
