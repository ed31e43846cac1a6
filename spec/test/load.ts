import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";

export const specRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
export const methods = ["get", "put", "post", "patch", "delete"] as const;

// biome-ignore lint: the bundle is plain JSON
export type Json = any;

export const bundle: Json = JSON.parse(readFileSync(join(specRoot, "dist/openapi.json"), "utf8"));

export interface BundledOperation {
  method: (typeof methods)[number];
  path: string;
  operation: Json;
  pathItem: Json;
}

export function operations(doc: Json = bundle): BundledOperation[] {
  const found: BundledOperation[] = [];
  for (const [path, pathItem] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of methods) {
      if (pathItem[method]) found.push({ method, path, operation: pathItem[method], pathItem });
    }
  }
  return found;
}

/** Follows a local `#/…` reference inside the bundle. */
export function resolve(node: Json, doc: Json = bundle): Json {
  let current = node;
  while (current && typeof current === "object" && typeof current.$ref === "string") {
    current = current.$ref
      .slice(2)
      .split("/")
      .map((part: string) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((o: Json, key: string) => o?.[key], doc);
  }
  return current;
}

const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

/** An ajv instance that knows the whole bundle, so `$ref`s into components resolve. */
export function createValidator(doc: Json = bundle) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...doc, $id: "openapi.json" });
  const pointer = (...parts: string[]) =>
    parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
  return {
    ajv,
    compileAt: (...parts: string[]) => ajv.compile({ $ref: `openapi.json#/${pointer(...parts)}` }),
  };
}

export interface InvalidBody {
  operationId: string;
  why: string;
  body: unknown;
}

export function invalidBodies(): InvalidBody[] {
  const dir = join(specRoot, "test/invalid-bodies");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .flatMap((f) => parse(readFileSync(join(dir, f), "utf8")) as InvalidBody[]);
}
