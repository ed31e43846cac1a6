// Checks params and body against the operation's schemas with ajv before anything is sent.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { callerParameters, factsOf, requestBody } from "./operations.js";
import type { Json, SpecOperation } from "./spec.js";

const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

export interface CallInput {
  params?: Partial<Record<"path" | "query" | "header", Record<string, unknown>>>;
  body?: unknown;
}

export interface Validator {
  /** Problems with the input, each naming its field (`body.actions[0].platform: …`); empty when valid. */
  check(op: SpecOperation, input: CallInput): string[];
}

// Stand-ins for values the client fills into the body, so a schema that requires them still passes.
const bodyPlaceholder = (parts: string[]) => (parts.length ? "0".repeat(64) : "workspace-id");

export function createValidator(spec: Json): Validator {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ ...spec, $id: "openapi.json" });
  const compiled = new Map<string, ValidateFunction & { locations: string[] }>();

  const compile = (op: SpecOperation): ValidateFunction & { locations: string[] } => {
    const cached = compiled.get(op.operationId);
    if (cached) return cached;
    const locations: Record<string, { type: "object"; properties: Json; required: string[] }> = {};
    for (const parameter of callerParameters(spec, op)) {
      if (parameter.in === "cookie") continue;
      const location = (locations[parameter.in] ??= { type: "object", properties: {}, required: [] });
      location.properties[parameter.name] = { $ref: `openapi.json${parameter.schemaPointer}` };
      if (parameter.required) location.required.push(parameter.name);
    }
    const body = requestBody(spec, op);
    const schema: Json = {
      type: "object",
      properties: {
        params: { type: "object", properties: locations, additionalProperties: false },
        ...(body?.contentType.includes("json") ? { body: { $ref: `openapi.json${body.schemaPointer}` } } : {}),
      },
      required: body?.required ? ["body"] : [],
    };
    // Missing locations count as empty, so errors name the parameter rather than `params.header`.
    const validate = Object.assign(ajv.compile(schema), { locations: Object.keys(locations) });
    compiled.set(op.operationId, validate);
    return validate;
  };

  return {
    check(op, input) {
      if (input.body !== undefined && !requestBody(spec, op)) return ["body: this operation takes no body"];
      const body = fillPlaceholders(op.operationId, input.body);
      const validate = compile(op);
      const params: Record<string, unknown> = Object.fromEntries(validate.locations.map((location) => [location, {}]));
      Object.assign(params, input.params);
      if (validate({ params, ...(body === undefined ? {} : { body }) })) return [];
      return describeErrors(validate.errors ?? []);
    },
  };
}

function fillPlaceholders(operationId: string, body: unknown): unknown {
  const fills = (factsOf(operationId)?.f ?? []).filter(([target]) => target!.startsWith("body."));
  if (!fills.length || !body || typeof body !== "object" || Array.isArray(body)) return body;
  const filled: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const [target, ...parts] of fills) filled[target!.slice(5)] ??= bodyPlaceholder(parts);
  return filled;
}

/** `/body/actions/0/platform` → `body.actions[0].platform` */
function fieldName(instancePath: string, extra?: string): string {
  const parts = instancePath.split("/").slice(1);
  if (extra !== undefined) parts.push(extra);
  const decoded = parts.map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
  const name = decoded.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), "");
  return name || "input";
}

function describeErrors(errors: ErrorObject[]): string[] {
  const lines = new Set<string>();
  for (const error of errors) {
    // anyOf/oneOf/if only summarize the branch errors listed next to them.
    if (["anyOf", "oneOf", "if"].includes(error.keyword) && errors.length > 1) continue;
    const params = error.params as Record<string, unknown>;
    if (error.keyword === "required") lines.add(`${fieldName(error.instancePath, String(params.missingProperty))}: is required`);
    else if (error.keyword === "additionalProperties") {
      lines.add(`${fieldName(error.instancePath, String(params.additionalProperty))}: is not a known field here`);
    } else if (error.keyword === "enum") {
      lines.add(`${fieldName(error.instancePath)}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`);
    } else lines.add(`${fieldName(error.instancePath)}: ${error.message}`);
  }
  return [...lines].slice(0, 12);
}
