// Where api-smart-diff's classification is wrong for MoEngage and for our generated client, these rules decide.
// Each rule is one line of spec/CONTRIBUTING.md; every other change keeps the library's classification.

export type Section = "operation" | "parameters" | "request" | "responses" | "servers" | "security" | "behaviour" | "documentation";
type Action = "add" | "remove" | "replace" | "rename";
type Severity = "breaking" | "non-breaking";

/** One change, located: what part of the API, which keyword, and the values on both sides. */
export interface ChangeSite {
  section: Section;
  keyword: string | undefined;
  action: Action;
  before: unknown;
  after: unknown;
  parameterIn?: string;
  statusCode?: string;
  field?: string;
  extension?: string;
}

export interface MoengageRule {
  id: string;
  /** Decides the severity, or leaves the change to the library (undefined). */
  classify(site: ChangeSite): Severity | undefined;
}

function typeSet(value: unknown): Set<string> {
  if (Array.isArray(value)) return new Set(value.map(String));
  return value === undefined ? new Set() : new Set([String(value)]);
}

/** True when every type in `inner` is also accepted by `outer` (no type at all accepts everything). */
function acceptsAll(outer: Set<string>, inner: Set<string>): boolean {
  if (outer.size === 0) return true;
  if (inner.size === 0) return false;
  return [...inner].every((type) => outer.has(type) || (type === "integer" && outer.has("number")));
}

export const moengageRules: readonly MoengageRule[] = [
  {
    // The library calls this an annotation, but the operationId is the client's operation name.
    id: "operation-id-renamed",
    classify: (site) => (site.section === "operation" && site.keyword === "operationId" && site.action !== "add" ? "breaking" : undefined),
  },
  {
    // The library maps the old path onto the new one as a harmless rename; the client's typed path params change.
    id: "path-parameter-renamed",
    classify: (site) =>
      site.section === "parameters" && site.keyword === "name" && site.parameterIn === "path" ? "breaking" : undefined,
  },
  {
    // The library treats a response as free to shrink; services read those fields and the typed data loses them.
    id: "response-field-removed",
    classify: (site) => (site.section === "responses" && site.keyword === "properties" && site.action === "remove" ? "breaking" : undefined),
  },
  {
    // The library calls a changed response type non-breaking and any changed request type breaking.
    id: "type-changed",
    classify(site) {
      if (site.keyword !== "type") return undefined;
      const before = typeSet(site.before);
      const after = typeSet(site.after);
      if (site.section === "request" || site.section === "parameters") return acceptsAll(after, before) ? "non-breaking" : "breaking";
      if (site.section === "responses") return acceptsAll(before, after) ? "non-breaking" : "breaking";
      return undefined;
    },
  },
  {
    // The library treats servers as annotations; a host or data center that disappears strands its workspaces.
    id: "server-list-narrowed",
    classify(site) {
      if (site.section !== "servers") return undefined;
      if (site.keyword === "server") return site.action === "add" ? "non-breaking" : "breaking";
      if (site.keyword === "url" || site.keyword === "servers") return "breaking";
      if (site.keyword === "variable-enum") return site.action === "remove" ? "non-breaking" : "breaking";
      if (site.keyword === "default") return "non-breaking";
      return undefined;
    },
  },
  {
    // The library calls an added scheme non-breaking; a request without the new credential is refused.
    id: "credential-added",
    classify: (site) => (site.section === "security" && site.keyword === "scheme" && site.action === "add" ? "breaking" : undefined),
  },
  {
    // Without `x-moe-fill` the client stops supplying the value and callers must pass it.
    id: "fill-removed",
    classify: (site) => (site.extension === "x-moe-fill" && site.action !== "add" ? "breaking" : undefined),
  },
  {
    // The library sees vendor extensions as annotations; ours change what the client does (limits, retries,
    // soft failures, signatures), so they are releases, not documentation.
    id: "client-behaviour",
    classify: (site) => (site.extension?.startsWith("x-moe-") ? "non-breaking" : undefined),
  },
];

export function ruleFor(site: ChangeSite): { id: string; severity: Severity } | undefined {
  for (const rule of moengageRules) {
    const severity = rule.classify(site);
    if (severity) return { id: rule.id, severity };
  }
  return undefined;
}

/**
 * Enum values are compared as sets (the library pairs them by index): a request or server list that loses a value
 * refuses what worked before; a response that gains one can hand callers a value their code does not handle.
 */
export function enumValueSeverity(section: Section, action: "add" | "remove"): { severity: Severity; rule?: string } {
  if (section === "servers") return { severity: action === "remove" ? "breaking" : "non-breaking", rule: "server-list-narrowed" };
  if (section === "responses") return { severity: action === "add" ? "breaking" : "non-breaking" };
  if (action === "remove") return { severity: "breaking", rule: "request-enum-value-removed" };
  return { severity: "non-breaking" };
}
