// Reads the bundled MoEngage spec (@moekit/spec) and walks its operations and guide.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// biome-ignore lint: the bundle is plain JSON
export type Json = any;

const require = createRequire(import.meta.url);

/** Where the installed @moekit/spec bundle lives. */
export const specFiles = {
  json: require.resolve("@moekit/spec/openapi.json"),
  yaml: require.resolve("@moekit/spec/openapi.yaml"),
};

export function loadSpec(path = specFiles.json): Json {
  return JSON.parse(readFileSync(path, "utf8"));
}

const httpMethods = ["get", "put", "post", "patch", "delete"] as const;

export interface SpecOperation {
  operationId: string;
  method: (typeof httpMethods)[number];
  path: string;
  /** The operation's tag: its API family (Data, Push, Catalog …). */
  family: string;
  operation: Json;
  pathItem: Json;
  /** JSON pointer of the operation inside the bundle. */
  pointer: string;
}

/** Escapes one JSON pointer segment. */
export const pointerSegment = (part: string) => part.replace(/~/g, "~0").replace(/\//g, "~1");

export function listOperations(spec: Json): SpecOperation[] {
  const found: SpecOperation[] = [];
  for (const [path, pathItem] of Object.entries<Json>(spec.paths ?? {})) {
    for (const method of httpMethods) {
      const operation = pathItem[method];
      if (!operation?.operationId) continue;
      found.push({
        operationId: operation.operationId,
        method,
        path,
        family: operation.tags?.[0] ?? "Other",
        operation,
        pathItem,
        pointer: `#/paths/${pointerSegment(path)}/${method}`,
      });
    }
  }
  return found;
}

/** Follows local `#/…` references; returns the node and the pointer it was found at. */
export function resolveWithPointer(spec: Json, node: Json, pointer: string): { node: Json; pointer: string } {
  let current = node;
  let at = pointer;
  const seen = new Set<string>();
  while (current && typeof current === "object" && typeof current.$ref === "string" && current.$ref.startsWith("#/")) {
    if (seen.has(current.$ref)) break;
    seen.add(current.$ref);
    at = current.$ref;
    current = current.$ref
      .slice(2)
      .split("/")
      .map((part: string) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((object: Json, key: string) => object?.[key], spec);
  }
  return { node: current, pointer: at };
}

export const resolve = (spec: Json, node: Json): Json => resolveWithPointer(spec, node, "").node;

/**
 * Inlines every `$ref` of a schema so it reads on its own. A schema that contains itself keeps its `$ref`
 * at the second visit, and inlining stops at `maxDepth` nested references.
 */
export function dereference(spec: Json, node: Json, maxDepth = 12, trail: string[] = []): Json {
  if (Array.isArray(node)) return node.map((item) => dereference(spec, item, maxDepth, trail));
  if (!node || typeof node !== "object") return node;
  if (typeof node.$ref === "string") {
    if (trail.includes(node.$ref) || trail.length >= maxDepth) return { $ref: node.$ref };
    const { $ref, ...siblings } = node;
    const target = dereference(spec, resolve(spec, { $ref }), maxDepth, [...trail, $ref]);
    return Object.keys(siblings).length ? { ...target, ...dereference(spec, siblings, maxDepth, trail) } : target;
  }
  const copy: Json = {};
  for (const [key, value] of Object.entries(node)) copy[key] = key === "example" || key === "examples" ? value : dereference(spec, value, maxDepth, trail);
  return copy;
}

/**
 * A schema that stands on its own without repeating itself: every component it references, directly or not, is
 * copied once under `$defs` and referenced as `#/$defs/<name>`. Schema-level examples are left out (the operation's
 * examples are given separately).
 */
export function selfContainedSchema(spec: Json, schema: Json): Json {
  const defs: Record<string, Json> = {};
  const prefix = "#/components/schemas/";
  const rewrite = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (!node || typeof node !== "object") return node;
    const copy: Json = {};
    for (const [key, value] of Object.entries<Json>(node)) {
      if (key === "example" || key === "examples") continue;
      if (key === "$ref" && typeof value === "string" && value.startsWith(prefix)) {
        const name = value.slice(prefix.length);
        if (!(name in defs)) {
          defs[name] = true; // placeholder: stops recursion on schemas that contain themselves
          defs[name] = rewrite(resolve(spec, { $ref: value }));
        }
        copy.$ref = `#/$defs/${name}`;
      } else copy[key] = rewrite(value);
    }
    return copy;
  };
  // The root reads best inline; only what it references goes under $defs.
  const root = rewrite(resolve(spec, schema));
  return Object.keys(defs).length ? { ...root, $defs: defs } : root;
}

export interface GuideSection {
  /** URL-safe name, e.g. `choosing-a-data-center`. */
  slug: string;
  title: string;
  /** The section's markdown, heading included. */
  markdown: string;
}

/** Splits the guide in `info.description` at its `##` headings; the text before the first is the introduction. */
export function guideSections(spec: Json): GuideSection[] {
  const text: string = spec.info?.description ?? "";
  const parts = text.split(/^(?=## )/m);
  return parts
    .map((part, index) => {
      const heading = /^## (.+)$/m.exec(part);
      const title = index === 0 && !part.startsWith("## ") ? "Introduction" : (heading?.[1]?.trim() ?? "Introduction");
      return { slug: slugify(title), title, markdown: part.trim() };
    })
    .filter((section) => section.markdown.length > 0);
}

export const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
