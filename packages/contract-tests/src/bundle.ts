// Reads the operations of the bundled spec: the only source of truth the contract tests compare the client with.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// biome-ignore lint: the bundle is plain JSON
export type Json = any;

export const methods = ["get", "put", "post", "patch", "delete"] as const;
export type Method = (typeof methods)[number];

export interface NamedExample {
  /** The key under `examples`, or `"example"` for a single `example`. */
  name: string;
  /** False for a single `example`: Prism then has no name to select it by (`Prefer: example=…`). */
  named: boolean;
  value: unknown;
}

export interface DocumentedResponse {
  /** As written in the spec: `"200"`, `"404"`, `"5XX"`. */
  status: string;
  /** First media type, when the response has a body. */
  mediaType?: string;
  examples: NamedExample[];
}

export interface ContractOperation {
  operationId: string;
  method: Method;
  path: string;
  /** The operation's tag: one per API family. */
  family: string;
  deprecated: boolean;
  parameters: Json[];
  /** JSON Pointer (inside the bundle) of the JSON request body schema, when the operation takes a body. */
  requestSchemaPointer?: string;
  requestExamples: NamedExample[];
  /** The success response Prism answers with: the lowest 2xx. */
  success: DocumentedResponse;
  /** Every documented response outside 2xx. */
  errors: DocumentedResponse[];
  /** Headers that carry a credential (Basic `Authorization`, workspace and signature headers). */
  credentialHeaders: string[];
  softFailure?: { property: string; values: unknown[] };
}

const require = createRequire(import.meta.url);
export const bundlePath = require.resolve("@moekit/spec/openapi.json");

let cached: Json;
export function loadBundle(): Json {
  cached ??= JSON.parse(readFileSync(bundlePath, "utf8"));
  return cached;
}

const escapePointer = (part: string) => part.replace(/~/g, "~0").replace(/\//g, "~1");
export const pointer = (...parts: string[]) => "/" + parts.map(escapePointer).join("/");

/** Follows local `#/…` references. */
export function resolve(node: Json, doc: Json = loadBundle()): Json {
  let current = node;
  while (current && typeof current == "object" && typeof current.$ref == "string") {
    current = current.$ref
      .slice(2)
      .split("/")
      .map((part: string) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((node: Json, key: string) => node?.[key], doc);
  }
  return current;
}

/** Named examples of a media type object (`examples`, else a single `example`). */
export function examplesOf(media: Json, doc: Json = loadBundle()): NamedExample[] {
  if (!media) return [];
  if (media.examples) {
    return Object.entries<Json>(media.examples).map(([name, example]) => ({ name, named: true, value: resolve(example, doc).value }));
  }
  return media.example === undefined ? [] : [{ name: "example", named: false, value: media.example }];
}

function documentedResponse(status: string, response: Json, doc: Json): DocumentedResponse {
  const resolved = resolve(response, doc);
  const [mediaType, media] = Object.entries<Json>(resolved?.content ?? {})[0] ?? [];
  return { status, mediaType, examples: examplesOf(media, doc) };
}

const isSuccess = (status: string) => /^2(\d\d|XX)$/.test(status);

export function listOperations(doc: Json = loadBundle()): ContractOperation[] {
  const found: ContractOperation[] = [];
  for (const [path, pathItem] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of methods) {
      const operation = pathItem[method];
      if (!operation?.operationId) continue;
      const media = resolve(operation.requestBody, doc)?.content?.["application/json"];
      const statuses = Object.keys(operation.responses ?? {});
      // Prism answers a valid request with the lowest documented 2xx.
      const successStatus = statuses.filter(isSuccess).sort()[0];
      if (!successStatus) throw new Error(`${operation.operationId} documents no 2xx response`);
      const schemes = doc.components?.securitySchemes ?? {};
      const credentialHeaders = new Set<string>();
      for (const requirement of operation.security ?? doc.security ?? []) {
        for (const name of Object.keys(requirement)) {
          const scheme = resolve(schemes[name], doc);
          if (scheme?.type == "http") credentialHeaders.add("Authorization");
          else if (scheme?.type == "apiKey" && scheme.in == "header") credentialHeaders.add(scheme.name);
        }
      }
      found.push({
        operationId: operation.operationId,
        method,
        path,
        family: operation.tags?.[0] ?? "(untagged)",
        deprecated: operation.deprecated === true,
        // Operation parameters override path-level ones of the same name and location.
        parameters: [
          ...new Map(
            [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]
              .map((parameter: Json) => resolve(parameter, doc))
              .map((parameter: Json) => [`${parameter.in} ${parameter.name}`, parameter] as const),
          ).values(),
        ],
        requestSchemaPointer: media ? pointer("paths", path, method, "requestBody", "content", "application/json", "schema") : undefined,
        requestExamples: examplesOf(media, doc),
        success: documentedResponse(successStatus, operation.responses[successStatus], doc),
        errors: statuses.filter((status) => !isSuccess(status)).map((status) => documentedResponse(status, operation.responses[status], doc)),
        credentialHeaders: [...credentialHeaders],
        softFailure: operation["x-moe-soft-failure"],
      });
    }
  }
  return found;
}

/** The success response examples that MoEngage sends with HTTP 200 although they are failures. */
export const isSoftFailure = (operation: ContractOperation, body: unknown): boolean =>
  !!operation.softFailure &&
  operation.softFailure.values.includes((body as Record<string, unknown> | undefined)?.[operation.softFailure.property]);
