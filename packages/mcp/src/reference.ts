// One operation described for an agent (describe_operation) and as a markdown reference page (resource).
import {
  bodyFields,
  callerParameters,
  changesData,
  credentialFamily,
  describeLimits,
  familyKeyNames,
  filledByClient,
  keyVariables,
  requestBody,
  type Limits,
} from "./operations.js";
import { resolve, type Json, type SpecOperation } from "./spec.js";

export interface OperationDescription {
  operationId: string;
  summary: string;
  family: string;
  method: string;
  path: string;
  hosts: string[];
  description: string;
  deprecated?: { replacedBy?: string };
  /** True when call_operation needs MOENGAGE_ALLOW_WRITES=1 in live mode. */
  changesData: boolean;
  retrySafe: boolean;
  credential: { family?: string; key?: string; environmentVariable?: string; filledByServer: string[] };
  limits: { rate: Limits["rate"]; maxBodyBytes?: number; maxItems?: number; summary: string[] };
  parameters: { name: string; in: string; required: boolean; description?: string; schema: Json }[];
  requestBody?: { required: boolean; contentType: string; schema: Json };
  /** Arguments for call_operation, from the spec's first example. */
  exampleCall: { operationId: string; params?: Record<string, Record<string, unknown>>; body?: unknown };
  responses: { status: string; description: string }[];
  reference: string;
}

function hostsOf(spec: Json, op: SpecOperation): string[] {
  const servers: Json[] = op.operation.servers ?? op.pathItem.servers ?? spec.servers ?? [];
  return servers.map((server) => (server["x-moe-environment"] ? `${server.url} (${server["x-moe-environment"]})` : server.url));
}

export function describeOperation(spec: Json, op: SpecOperation): OperationDescription {
  const limits: Limits = op.operation["x-moe-limits"] ?? { rate: [] };
  const family = credentialFamily(op.operationId);
  const parameters = callerParameters(spec, op);
  const body = requestBody(spec, op);
  const exampleParams: Record<string, Record<string, unknown>> = {};
  for (const parameter of parameters) {
    const value = parameter.example ?? parameter.schema?.default ?? parameter.schema?.enum?.[0];
    if (!parameter.required || value === undefined) continue;
    (exampleParams[parameter.in] ??= {})[parameter.name] = value;
  }
  const example = body?.examples[0]?.value;
  return {
    operationId: op.operationId,
    summary: op.operation.summary ?? "",
    family: op.family,
    method: op.method.toUpperCase(),
    path: op.path,
    hosts: hostsOf(spec, op),
    description: (op.operation.description ?? "").trim(),
    ...(op.operation.deprecated ? { deprecated: { replacedBy: op.operation["x-moe-replaced-by"] } } : {}),
    changesData: changesData(op),
    retrySafe: op.operation["x-moe-retry-safe"] === true,
    credential: {
      family,
      key: family && familyKeyNames[family],
      environmentVariable: family && keyVariables[family],
      filledByServer: filledByClient(op.operationId),
    },
    limits: { ...limits, summary: describeLimits(limits) },
    parameters: parameters.map(({ name, in: location, required, description, schema }) => ({ name, in: location, required, description, schema })),
    ...(body ? { requestBody: { required: body.required, contentType: body.contentType, schema: body.schema } } : {}),
    exampleCall: {
      operationId: op.operationId,
      ...(Object.keys(exampleParams).length ? { params: exampleParams } : {}),
      ...(example !== undefined ? { body: example } : {}),
    },
    responses: Object.entries<Json>(op.operation.responses ?? {}).map(([status, raw]) => ({
      status,
      description: String(resolve(spec, raw)?.description ?? "").trim().replace(/\s+/g, " "),
    })),
    reference: `moengage://operations/${op.operationId}`,
  };
}

const cell = (text: unknown) => String(text ?? "").replace(/\s+/g, " ").replace(/\|/g, "\\|");
const typeOf = (schema: Json): string =>
  !schema ? "" : schema.enum ? schema.enum.map((v: unknown) => JSON.stringify(v)).join(" | ") : Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "");

/** The reference page of one operation, in markdown. */
export function renderReferencePage(spec: Json, op: SpecOperation): string {
  const info = describeOperation(spec, op);
  const body = requestBody(spec, op);
  const lines: string[] = [
    `# ${info.summary}`,
    "",
    `\`${info.method} ${info.path}\` · ${info.family} · operationId \`${info.operationId}\``,
    "",
  ];
  if (info.deprecated) lines.push(`> Deprecated${info.deprecated.replacedBy ? `: use \`${info.deprecated.replacedBy}\`` : ""}.`, "");
  lines.push(info.description, "", "## Host and credentials", "");
  lines.push(`- Host: ${info.hosts.map((h) => `\`${h}\``).join(", ")}`);
  if (info.credential.family) lines.push(`- Credential: ${info.credential.key} (\`${info.credential.environmentVariable}\`)`);
  if (info.credential.filledByServer.length) {
    lines.push(`- Filled in by the client: ${info.credential.filledByServer.map((f) => `\`${f}\``).join(", ")}`);
  }
  lines.push("", "## Limits and safety", "", ...info.limits.summary.map((l) => `- ${l}`));
  lines.push(`- ${info.changesData ? "Changes data: in live mode, call_operation needs `MOENGAGE_ALLOW_WRITES=1`." : "Reads only."}`);
  lines.push(`- ${info.retrySafe ? "Retry-safe: retried after an unknown outcome (5xx, lost connection)." : "Not retry-safe: retried only after a 429."}`);
  if (info.parameters.length) {
    lines.push("", "## Parameters", "", "| Name | In | Required | Type | Description |", "|---|---|---|---|---|");
    for (const p of info.parameters) lines.push(`| \`${p.name}\` | ${p.in} | ${p.required ? "yes" : "no"} | ${cell(typeOf(p.schema))} | ${cell(p.description)} |`);
  }
  if (body) {
    lines.push("", `## Request body (${body.contentType}${body.required ? ", required" : ""})`, "");
    const fields = bodyFields(spec, body.rawSchema);
    if (fields.length) {
      lines.push("| Field | Type | Required | Description |", "|---|---|---|---|");
      for (const f of fields) lines.push(`| \`${f.path}\` | ${cell(f.type)} | ${f.required} | ${cell(f.description)} |`);
    }
    for (const example of body.examples.slice(0, 2)) {
      lines.push("", `Example${example.summary ? `: ${example.summary}` : ""}`, "", "```json", JSON.stringify(example.value, null, 2), "```");
    }
  }
  lines.push("", "## Responses", "", "| Status | Description |", "|---|---|");
  for (const r of info.responses) lines.push(`| ${r.status} | ${cell(r.description)} |`);
  return lines.join("\n") + "\n";
}
