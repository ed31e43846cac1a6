// Compares two bundled OpenAPI documents: api-smart-diff finds and classifies the changes, this module names each
// change in our words, groups it under its operation and applies the MoEngage rules where they differ.
import { apiCompare, type Diff } from "api-smart-diff";
import { ruleFor, enumValueSeverity, type ChangeSite, type Section } from "./moengage-rules.js";

export type Severity = "breaking" | "non-breaking" | "documentation";
export type OpenApiDocument = Record<string, unknown>;

export interface OperationRef {
  method: string;
  path: string;
  operationId?: string;
}

export interface ApiChange {
  severity: Severity;
  section: Section;
  /** Undefined for changes to the whole document (root servers, security schemes, info). */
  operation?: OperationRef;
  message: string;
  /** What changed within the section (`type`, `required`, `enum`, `properties`, `name` ...), when known. */
  keyword?: string;
  /** The body field the change is about, as `actions[].attributes`. */
  field?: string;
  action?: "add" | "remove" | "replace" | "rename";
  /** Id of the MoEngage rule that classified the change, when it is ours rather than the library's. */
  rule?: string;
}

export interface ApiComparison {
  changes: ApiChange[];
  operations: { added: OperationRef[]; removed: OperationRef[]; deprecated: OperationRef[] };
}

type JsonPath = readonly (string | number)[];

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options", "trace"]);
const DOCUMENTATION_KEYS = new Set([
  "description",
  "summary",
  "title",
  "example",
  "examples",
  "externalDocs",
  "tags",
  "x-codeSamples",
  "$comment",
]);
const SEVERITY_ORDER: Record<Severity, number> = { breaking: 0, "non-breaking": 1, documentation: 2 };

export function compareDocuments(before: OpenApiDocument, after: OpenApiDocument): ApiComparison {
  // The usual case (nothing changed) without the full structural diff, which takes a second on the real spec.
  if (JSON.stringify(before) === JSON.stringify(after)) return { changes: [], operations: { added: [], removed: [], deprecated: [] } };
  // The library may annotate its inputs; it works on copies.
  const { diffs, merged } = apiCompare(structuredClone(before), structuredClone(after));
  const changes: ApiChange[] = [];
  const operations: ApiComparison["operations"] = { added: [], removed: [], deprecated: [] };

  // A path whose parameters were renamed is matched to its new key; the merged document and the report use the new
  // key, the library's diff paths the old one.
  const renamedPaths = new Map<unknown, unknown>();
  for (const diff of diffs) {
    if (diff.path.length === 1 && diff.path[0] === "paths" && diff.action === "rename") renamedPaths.set(diff.before, diff.after);
  }

  for (const rawDiff of diffs) {
    const renamed = rawDiff.path[0] === "paths" && rawDiff.path.length > 1 ? renamedPaths.get(rawDiff.path[1]) : undefined;
    const diff: Diff = renamed === undefined ? rawDiff : { ...rawDiff, path: ["paths", renamed as string, ...rawDiff.path.slice(2)] };
    if (diff.path[0] === "paths") {
      if (diff.path.length === 1) continue; // the rename itself: reported as the renamed parameter
      const method = String(diff.path[2] ?? "");
      if (diff.path.length === 2 || !HTTP_METHODS.has(method)) {
        changes.push(...describePathItemChange(diff));
        continue;
      }
      const operation = operationAt(merged, diff.path);
      const rest = diff.path.slice(3);
      if (rest.length === 0) {
        if (diff.action === "add") operations.added.push(operation);
        if (diff.action === "remove") operations.removed.push(operation);
      }
      if (rest[0] === "deprecated" && diff.after === true) operations.deprecated.push(operation);
      for (const change of describeOperationChange(diff, rest, merged)) changes.push({ ...change, operation });
      continue;
    }
    changes.push(...describeDocumentChange(diff, merged));
  }

  return { changes: sortChanges(collapseDocumentation(mergeRequiredAdditions(dedupe(changes)))), operations };
}

// ---- where a change is ---------------------------------------------------------------------------------------

function getIn(root: unknown, path: JsonPath): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function operationAt(merged: unknown, path: JsonPath): OperationRef {
  const operation = getIn(merged, path.slice(0, 3)) as { operationId?: unknown } | undefined;
  const ref: OperationRef = { method: String(path[2]).toUpperCase(), path: String(path[1]) };
  if (typeof operation?.operationId === "string") ref.operationId = operation.operationId;
  return ref;
}

export function operationLabel(operation: OperationRef): string {
  return `${operation.method} ${operation.path}${operation.operationId ? ` (${operation.operationId})` : ""}`;
}

// ---- values in messages ----------------------------------------------------------------------------------------

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return `\`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\``;
}

function typeList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return value === undefined ? [] : [String(value)];
}

function pointer(path: JsonPath): string {
  return path.map((key) => (typeof key === "number" ? `[${key}]` : `.${key}`)).join("").replace(/^\./, "");
}

// ---- messages ---------------------------------------------------------------------------------------------------

interface Described {
  site: ChangeSite;
  message: string;
}

function classify(diff: Diff, { site, message }: Described): Omit<ApiChange, "operation"> {
  const located = {
    section: site.section,
    message,
    action: diff.action,
    ...(site.keyword ? { keyword: site.keyword } : {}),
    ...(site.field ? { field: site.field } : {}),
  };
  const rule = ruleFor(site);
  if (rule) return { ...located, severity: rule.severity, rule: rule.id };
  return { ...located, severity: librarySeverity(diff) };
}

function librarySeverity(diff: Diff): Severity {
  if (diff.type === "breaking") return "breaking";
  if (diff.type === "annotation") return "documentation";
  return "non-breaking"; // non-breaking, deprecated, unclassified
}

function siteOf(diff: Diff, section: Section, keyword: string | undefined, extra: Partial<ChangeSite> = {}): ChangeSite {
  return { section, keyword, action: diff.action, before: diff.before, after: diff.after, ...extra };
}

function describeOperationChange(diff: Diff, rest: JsonPath, merged: unknown): Omit<ApiChange, "operation">[] {
  const [head] = rest;
  if (rest.length === 0) {
    const message = diff.action === "add" ? "operation added" : diff.action === "remove" ? "operation removed" : "operation replaced";
    return [classify(diff, { site: siteOf(diff, "operation", undefined), message })];
  }
  if (head === "operationId") {
    return [classify(diff, { site: siteOf(diff, "operation", "operationId"), message: `operationId changed from ${show(diff.before)} to ${show(diff.after)}` })];
  }
  if (head === "deprecated") {
    const message = diff.after === true ? "operation deprecated" : "operation no longer deprecated";
    return [{ severity: "non-breaking", section: "operation", message }];
  }
  if (head === "parameters") return describeParameterChange(diff, rest, merged);
  if (head === "requestBody") return describeRequestChange(diff, rest.slice(1));
  if (head === "responses") return describeResponseChange(diff, rest.slice(1));
  if (head === "servers") return describeServerChange(diff, rest.slice(1), getIn(merged, diff.path.slice(0, 3)));
  if (head === "security") return describeSecurityChange(diff, rest.slice(1));
  if (typeof head === "string" && head.startsWith("x-")) return [describeExtension(diff, rest)];
  if (typeof head === "string" && DOCUMENTATION_KEYS.has(head)) return [documentation(head)];
  return [classify(diff, { site: siteOf(diff, "operation", String(head)), message: `${pointer(rest)} ${verb(diff)}` })];
}

function verb(diff: Diff): string {
  if (diff.action === "add") return `added (${show(diff.after)})`;
  if (diff.action === "remove") return `removed (was ${show(diff.before)})`;
  return `changed from ${show(diff.before)} to ${show(diff.after)}`;
}

function documentation(keyword: string): Omit<ApiChange, "operation"> {
  return { severity: "documentation", section: "documentation", message: keyword };
}

function describeExtension(diff: Diff, rest: JsonPath, section: Section = "behaviour"): Omit<ApiChange, "operation"> {
  const name = String(rest[0]);
  const message = rest.length === 1 ? `\`${name}\` ${verb(diff)}` : `\`${pointer(rest)}\` ${verb(diff)}`;
  return classify(diff, { site: siteOf(diff, section, name, { extension: name }), message });
}

function describeParameterChange(diff: Diff, rest: JsonPath, merged: unknown): Omit<ApiChange, "operation">[] {
  const parameter = (getIn(merged, diff.path.slice(0, 5)) ?? diff.after ?? diff.before) as { name?: string; in?: string };
  const whole = (diff.action === "add" ? diff.after : diff.before) as { name?: string; in?: string; required?: boolean } | undefined;
  const location = parameter?.in ?? whole?.in ?? "";
  const label = `${location} parameter \`${parameter?.name ?? whole?.name ?? "?"}\``;
  const inner = rest.slice(2);
  const extra = { parameterIn: location };
  if (inner.length === 0) {
    const required = whole?.required === true ? "required " : "";
    const message = diff.action === "add" ? `${required}${label} added` : diff.action === "remove" ? `${label} removed` : `${label} replaced`;
    return [classify(diff, { site: siteOf(diff, "parameters", undefined, extra), message })];
  }
  const [key] = inner;
  if (key === "name") {
    const message = `${location} parameter ${show(diff.before)} renamed to ${show(diff.after)}`;
    return [classify(diff, { site: siteOf(diff, "parameters", "name", extra), message })];
  }
  if (key === "required") {
    const message = diff.after === true ? `${label} is now required` : `${label} is no longer required`;
    return [classify(diff, { site: siteOf(diff, "parameters", "required", extra), message })];
  }
  if (key === "schema") return describeSchemaChange(diff, inner.slice(1), "parameters", label, extra);
  if (typeof key === "string" && key.startsWith("x-")) return [describeExtension(diff, inner, "parameters")];
  if (typeof key === "string" && DOCUMENTATION_KEYS.has(key)) return [documentation(`${label} ${key}`)];
  return [classify(diff, { site: siteOf(diff, "parameters", String(key), extra), message: `${label}: ${pointer(inner)} ${verb(diff)}` })];
}

function describeRequestChange(diff: Diff, rest: JsonPath): Omit<ApiChange, "operation">[] {
  const site = (keyword: string | undefined) => siteOf(diff, "request", keyword);
  if (rest.length === 0) {
    return [classify(diff, { site: site(undefined), message: diff.action === "add" ? "request body added" : diff.action === "remove" ? "request body removed" : "request body replaced" })];
  }
  const [key, media, part] = rest;
  if (key === "required") {
    return [classify(diff, { site: site("required"), message: diff.after === true ? "request body is now required" : "request body is now optional" })];
  }
  if (key === "content" && media !== undefined && part === undefined) {
    return [classify(diff, { site: site("content"), message: `request media type \`${media}\` ${diff.action === "add" ? "added" : diff.action === "remove" ? "removed" : "changed"}` })];
  }
  if (key === "content" && part === "schema") return describeSchemaChange(diff, rest.slice(3), "request", "request body");
  if (key === "content" && typeof part === "string" && DOCUMENTATION_KEYS.has(part)) return [documentation(`request ${part}`)];
  if (typeof key === "string" && DOCUMENTATION_KEYS.has(key)) return [documentation(`request ${key}`)];
  return [classify(diff, { site: site(String(key)), message: `request body: ${pointer(rest)} ${verb(diff)}` })];
}

function describeResponseChange(diff: Diff, rest: JsonPath): Omit<ApiChange, "operation">[] {
  const [code, key, name, part] = rest;
  const label = `response ${code}`;
  const site = (keyword: string | undefined) => siteOf(diff, "responses", keyword, { statusCode: String(code) });
  if (rest.length === 1) {
    const message = `status ${code} ${diff.action === "add" ? "added" : diff.action === "remove" ? "removed" : "replaced"}`;
    return [classify(diff, { site: site("status"), message })];
  }
  if (key === "content" && name !== undefined && part === undefined) {
    return [classify(diff, { site: site("content"), message: `${label}: media type \`${name}\` ${diff.action === "add" ? "added" : diff.action === "remove" ? "removed" : "changed"}` })];
  }
  if (key === "content" && part === "schema") return describeSchemaChange(diff, rest.slice(4), "responses", label, { statusCode: String(code) });
  if (key === "headers" && name !== undefined) {
    if (rest.length === 3) {
      return [classify(diff, { site: site("header"), message: `${label}: header \`${name}\` ${diff.action === "add" ? "added" : diff.action === "remove" ? "removed" : "changed"}` })];
    }
    if (typeof part === "string" && DOCUMENTATION_KEYS.has(part)) return [documentation(`${label} header ${part}`)];
    return [classify(diff, { site: site("header"), message: `${label}: header \`${name}\` ${pointer(rest.slice(3))} ${verb(diff)}` })];
  }
  if (typeof key === "string" && DOCUMENTATION_KEYS.has(key)) return [documentation(`${label} ${key}`)];
  if (key === "content" && typeof part === "string" && DOCUMENTATION_KEYS.has(part)) return [documentation(`${label} ${part}`)];
  return [classify(diff, { site: site(String(key)), message: `${label}: ${pointer(rest.slice(1))} ${verb(diff)}` })];
}

/** Names the field a schema change is in: `actions[].attributes` from properties/actions/items/properties/attributes. */
function schemaLocation(path: JsonPath): { field: string; keyword?: string; tail: JsonPath } {
  let field = "";
  let index = 0;
  while (index < path.length) {
    const key = path[index];
    if (key === "properties" && index + 1 < path.length) {
      field += `${field ? "." : ""}${String(path[index + 1])}`;
      index += 2;
    } else if (key === "items") {
      field += "[]";
      index += 1;
    } else if ((key === "anyOf" || key === "oneOf" || key === "allOf") && typeof path[index + 1] === "number") {
      index += 2; // the branch a field sits in does not change what a caller sends or reads
    } else if (key === "additionalProperties") {
      field += `${field ? "." : ""}*`;
      index += 1;
    } else {
      return { field, keyword: String(key), tail: path.slice(index + 1) };
    }
  }
  return { field, tail: [] };
}

function describeSchemaChange(
  diff: Diff,
  path: JsonPath,
  section: Section,
  where: string,
  extra: Partial<ChangeSite> = {},
): Omit<ApiChange, "operation">[] {
  const { field, keyword, tail } = schemaLocation(path);
  const named = (name: string) => `\`${name}\``;
  const subject = field ? `${where}: field ${named(field)}` : where;
  const site = (key: string | undefined, more: Partial<ChangeSite> = {}) => siteOf(diff, section, key, { ...extra, field, ...more });

  if (keyword === undefined) {
    const kind = path[path.length - 2] === "properties" ? "field" : "schema";
    const message = `${subject} ${diff.action === "add" ? "added" : diff.action === "remove" ? "removed" : "replaced"}`;
    return [classify(diff, { site: site(kind === "field" ? "properties" : undefined), message })];
  }
  if (keyword === "required") {
    const names = tail.length ? [diff.action === "remove" ? diff.before : diff.after] : typeList(diff.action === "remove" ? diff.before : diff.after);
    const full = names.map((name) => (field ? `${field}.${String(name)}` : String(name)));
    if (diff.action === "replace" && tail.length) {
      const previous = field ? `${field}.${String(diff.before)}` : String(diff.before);
      return [classify(diff, { site: site("required", { field: full[0] ?? "" }), message: `${where}: field ${named(full[0] ?? "")} is now required instead of ${named(previous)}` })];
    }
    const list = `${full.length === 1 ? "field" : "fields"} ${full.map(named).join(", ")}`;
    const message = diff.action === "remove" ? `${where}: ${list} no longer required` : `${where}: ${list} now required`;
    return [classify(diff, { site: site("required", full.length === 1 ? { field: full[0] ?? "" } : {}), message })];
  }
  if (keyword === "enum" && tail.length) {
    // Enums are sets: a replaced item is one value removed and another added, each classified on its own.
    const label = field ? named(field) : "the value";
    const parts: Omit<ApiChange, "operation">[] = [];
    if (diff.action !== "add") {
      const severity = enumValueSeverity(section, "remove");
      parts.push({ ...severity, section, keyword: "enum", message: `${where}: value ${show(diff.before)} removed from ${label}` });
    }
    if (diff.action !== "remove") {
      const severity = enumValueSeverity(section, "add");
      parts.push({ ...severity, section, keyword: "enum", message: `${where}: value ${show(diff.after)} added to ${label}` });
    }
    return parts;
  }
  if (keyword === "type" && tail.length === 0) {
    const from = typeList(diff.before).join(" | ") || "any";
    const to = typeList(diff.after).join(" | ") || "any";
    return [classify(diff, { site: site("type"), message: `${subject}: type changed from \`${from}\` to \`${to}\`` })];
  }
  if (keyword.startsWith("x-")) {
    return [classify(diff, { site: site(keyword, { extension: keyword }), message: `${subject}: \`${keyword}\` ${verb(diff)}` })];
  }
  if (DOCUMENTATION_KEYS.has(keyword)) return [documentation(`${where} ${keyword}`)];
  if (keyword === "deprecated") return [{ severity: "non-breaking", section, message: `${subject} ${diff.after === true ? "deprecated" : "no longer deprecated"}` }];
  const detail = tail.length ? `${keyword}${pointer(tail).startsWith("[") ? "" : "."}${pointer(tail)}` : keyword;
  return [classify(diff, { site: site(keyword), message: `${subject}: \`${detail}\` ${verb(diff)}` })];
}

function describeServerChange(diff: Diff, rest: JsonPath, owner: unknown): Omit<ApiChange, "operation">[] {
  const servers = (owner as { servers?: { url?: string }[] } | undefined)?.servers;
  const [index, key, variable, part] = rest;
  const url = typeof index === "number" ? servers?.[index]?.url ?? (diff.before as { url?: string })?.url : undefined;
  const site = (keyword: string | undefined, extra: Partial<ChangeSite> = {}) => siteOf(diff, "servers", keyword, extra);
  if (rest.length === 0) {
    const urls = (value: unknown) => (Array.isArray(value) ? value.map((server) => show(server?.url)).join(", ") : show(value));
    const message = diff.action === "add" ? `own servers added: ${urls(diff.after)}` : diff.action === "remove" ? `own servers removed: ${urls(diff.before)}` : "servers replaced";
    return [classify(diff, { site: site("servers"), message })];
  }
  if (rest.length === 1) {
    const server = (diff.action === "add" ? diff.after : diff.before) as { url?: string } | undefined;
    return [classify(diff, { site: site("server"), message: `server ${show(server?.url)} ${diff.action === "add" ? "added" : diff.action === "remove" ? "removed" : "replaced"}` })];
  }
  if (key === "url") {
    return [classify(diff, { site: site("url"), message: `server URL changed from ${show(diff.before)} to ${show(diff.after)}` })];
  }
  if (key === "variables" && part === "enum" && rest.length === 5) {
    const parts: Omit<ApiChange, "operation">[] = [];
    if (diff.action !== "add") {
      parts.push({ ...enumValueSeverity("servers", "remove"), section: "servers", message: `server ${show(url)}: value ${show(diff.before)} removed from \`{${String(variable)}}\`` });
    }
    if (diff.action !== "remove") {
      parts.push({ ...enumValueSeverity("servers", "add"), section: "servers", message: `server ${show(url)}: value ${show(diff.after)} added to \`{${String(variable)}}\`` });
    }
    return parts;
  }
  if (key === "variables" && part === "enum" && rest.length === 4) {
    const message = diff.action === "add" ? `server ${show(url)}: \`{${String(variable)}}\` now limited to ${show(diff.after)}` : `server ${show(url)}: \`{${String(variable)}}\` no longer limited to a list`;
    return [classify(diff, { site: site("variable-enum"), message })];
  }
  if (typeof key === "string" && key.startsWith("x-")) {
    return [classify(diff, { site: site(key, { extension: key }), message: `server ${show(url)}: \`${key}\` ${verb(diff)}` })];
  }
  const last = rest[rest.length - 1];
  if (typeof last === "string" && DOCUMENTATION_KEYS.has(last)) return [documentation(`server ${last}`)];
  const keyword = key === "variables" && part !== undefined ? String(part) : String(key);
  return [classify(diff, { site: site(keyword), message: `server ${show(url)}: ${pointer(rest.slice(1))} ${verb(diff)}` })];
}

function describeSecurityChange(diff: Diff, rest: JsonPath): Omit<ApiChange, "operation">[] {
  const site = (keyword: string) => siteOf(diff, "security", keyword);
  const schemes = (value: unknown) => Object.keys((value as Record<string, unknown>) ?? {}).map((name) => `\`${name}\``).join(" + ");
  if (rest.length === 0) {
    return [classify(diff, { site: site("security"), message: `security ${diff.action === "add" ? "added" : diff.action === "remove" ? "removed" : "replaced"}` })];
  }
  if (rest.length === 1) {
    const message = diff.action === "add" ? `security alternative ${schemes(diff.after)} added` : diff.action === "remove" ? `security alternative ${schemes(diff.before)} removed` : "security alternative replaced";
    return [classify(diff, { site: site("requirement"), message })];
  }
  const scheme = String(rest[1]);
  if (rest.length === 2) {
    const message = diff.action === "add" ? `now also requires credential \`${scheme}\`` : diff.action === "remove" ? `no longer requires credential \`${scheme}\`` : `credential \`${scheme}\` changed`;
    return [classify(diff, { site: site("scheme"), message })];
  }
  return [classify(diff, { site: site("scopes"), message: `credential \`${scheme}\` scopes ${verb(diff)}` })];
}

/** A change to a path item that is not under one method (rare: api-smart-diff moves path-level keys into operations). */
function describePathItemChange(diff: Diff): ApiChange[] {
  const path = String(diff.path[1]);
  if (diff.path.length === 2) {
    const item = (diff.action === "add" ? diff.after : diff.before) as Record<string, unknown> | undefined;
    const methods = Object.keys(item ?? {}).filter((key) => HTTP_METHODS.has(key));
    return methods.map((method) => ({
      ...classify(diff, { site: siteOf(diff, "operation", undefined), message: diff.action === "add" ? "operation added" : "operation removed" }),
      operation: { method: method.toUpperCase(), path, ...operationIdOf(item?.[method]) },
    }));
  }
  const rest = diff.path.slice(2);
  const key = String(rest[0]);
  if (DOCUMENTATION_KEYS.has(key)) return [documentation(`path ${path} ${key}`)];
  return [classify(diff, { site: siteOf(diff, "operation", key), message: `path ${path}: ${pointer(rest)} ${verb(diff)}` })];
}

function operationIdOf(value: unknown): { operationId?: string } {
  const id = (value as { operationId?: unknown } | undefined)?.operationId;
  return typeof id === "string" ? { operationId: id } : {};
}

function describeDocumentChange(diff: Diff, merged: unknown): ApiChange[] {
  const [head, name] = diff.path;
  if (head === "servers") return describeServerChange(diff, diff.path.slice(1), merged);
  if (head === "components" && name === "securitySchemes") {
    const scheme = diff.path[2];
    const site = (keyword: string | undefined, extra: Partial<ChangeSite> = {}) => siteOf(diff, "security", keyword, extra);
    if (diff.path.length === 3) {
      return [classify(diff, { site: site("security-scheme"), message: `security scheme \`${String(scheme)}\` ${diff.action === "add" ? "added" : diff.action === "remove" ? "removed" : "replaced"}` })];
    }
    const field = String(diff.path[3]);
    if (DOCUMENTATION_KEYS.has(field)) return [documentation(`security scheme ${field}`)];
    if (field.startsWith("x-")) {
      return [classify(diff, { site: site(field, { extension: field }), message: `security scheme \`${String(scheme)}\`: \`${field}\` ${verb(diff)}` })];
    }
    return [classify(diff, { site: site(field), message: `security scheme \`${String(scheme)}\`: ${pointer(diff.path.slice(3))} ${verb(diff)}` })];
  }
  // Schemas, parameters and responses under components are reported where operations use them.
  if (head === "components") return [];
  return [documentation(String(head))];
}

// ---- tidying --------------------------------------------------------------------------------------------------

function keyOf(change: ApiChange): string {
  const operation = change.operation ? `${change.operation.method} ${change.operation.path}` : "";
  return `${operation}\u0000${change.severity}\u0000${change.message}`;
}

function dedupe(changes: ApiChange[]): ApiChange[] {
  const seen = new Map<string, ApiChange>();
  for (const change of changes) if (!seen.has(keyOf(change))) seen.set(keyOf(change), change);
  return [...seen.values()];
}

function sameSpot(a: ApiChange, b: ApiChange): boolean {
  return a.operation?.method === b.operation?.method && a.operation?.path === b.operation?.path && a.section === b.section && a.field === b.field;
}

/** A field added and required in the same change is one change: "required field added". */
function mergeRequiredAdditions(changes: ApiChange[]): ApiChange[] {
  const absorbed = new Set<ApiChange>();
  for (const added of changes) {
    if (added.keyword !== "properties" || added.action !== "add" || !added.field) continue;
    const required = changes.find((other) => other.keyword === "required" && other.action === "add" && sameSpot(other, added));
    if (!required) continue;
    absorbed.add(required);
    added.message = added.message.replace(/field (`[^`]*`) added$/, "required field $1 added");
    added.severity = "breaking";
    if (required.rule && !added.rule) added.rule = required.rule;
  }
  return changes.filter((change) => !absorbed.has(change));
}

/** Documentation edits are many and small: one line per operation lists what was touched. */
function collapseDocumentation(changes: ApiChange[]): ApiChange[] {
  const result: ApiChange[] = [];
  const byOperation = new Map<string, { change: ApiChange; topics: Set<string>; count: number }>();
  for (const change of changes) {
    if (change.severity !== "documentation") {
      result.push(change);
      continue;
    }
    const key = change.operation ? `${change.operation.method} ${change.operation.path}` : "";
    const entry = byOperation.get(key);
    if (entry) {
      entry.topics.add(change.message);
      entry.count += 1;
    } else {
      const collapsed: ApiChange = { severity: "documentation", section: "documentation", message: "" };
      if (change.operation) collapsed.operation = change.operation;
      byOperation.set(key, { change: collapsed, topics: new Set([change.message]), count: 1 });
    }
  }
  for (const { change, topics, count } of byOperation.values()) {
    change.message = `documentation changed (${count} ${count === 1 ? "edit" : "edits"}): ${[...topics].join(", ")}`;
    result.push(change);
  }
  return result;
}

function sortChanges(changes: ApiChange[]): ApiChange[] {
  return changes
    .map((change, index) => ({ change, index }))
    .sort((a, b) => {
      const first = a.change.operation ? 1 : 0;
      const second = b.change.operation ? 1 : 0;
      if (first !== second) return first - second; // document-wide changes first
      const byPath = (a.change.operation?.path ?? "").localeCompare(b.change.operation?.path ?? "");
      if (byPath) return byPath;
      const byMethod = (a.change.operation?.method ?? "").localeCompare(b.change.operation?.method ?? "");
      if (byMethod) return byMethod;
      return SEVERITY_ORDER[a.change.severity] - SEVERITY_ORDER[b.change.severity] || a.index - b.index;
    })
    .map(({ change }) => change);
}
