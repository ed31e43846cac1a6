// Derives, from the request schema alone, a body that the spec refuses: the negative case of every body-taking operation.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { type ContractOperation, type Json, loadBundle, resolve } from "./bundle.js";

const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

export interface InvalidBody {
  /** What was broken, for the test title: `drops required "customer_id"`. */
  why: string;
  /** The top-level field that was broken, when one was. */
  field?: string;
  body: unknown;
}

/** Validates against any schema of the bundle by JSON Pointer, with `$ref`s into components resolved. */
export function createBundleValidator(doc: Json = loadBundle()): (schemaPointer: string) => ValidateFunction {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ ...doc, $id: "bundle.json" });
  const compiled = new Map<string, ValidateFunction>();
  return (schemaPointer) => {
    let validate = compiled.get(schemaPointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `bundle.json#${schemaPointer}` });
      compiled.set(schemaPointer, validate);
    }
    return validate;
  };
}

const typeName = (value: unknown) => (Array.isArray(value) ? "array" : value === null ? "null" : typeof value);

/** A value of another JSON type than `value`. */
function wrongType(value: unknown): unknown {
  switch (typeName(value)) {
    case "string":
      return 12345;
    case "number":
      return "not a number";
    case "boolean":
      return "yes";
    case "array":
      return "not an array";
    default:
      return ["not an object"];
  }
}

/** `required` and `properties` of an object schema, including those stated in its `allOf` members. */
function objectShape(schema: Json, doc: Json): { required: string[]; properties: Record<string, Json> } {
  const resolved = resolve(schema, doc) ?? {};
  const shape = { required: [...(resolved.required ?? [])], properties: { ...resolved.properties } };
  for (const member of resolved.allOf ?? []) {
    const inner = objectShape(member, doc);
    shape.required.push(...inner.required);
    Object.assign(shape.properties, inner.properties);
  }
  return shape;
}

/**
 * Candidate breakages of `example`, most telling first: drop a required field, put a value outside an enum, change a
 * field's type, then send an array instead of the object. Fields the client fills itself (`clientFilled`) are left
 * alone, since the client would put them back.
 */
export function candidateBreakages(schema: Json, example: unknown, clientFilled: string[] = [], doc: Json = loadBundle()): InvalidBody[] {
  const body = example && typeof example == "object" && !Array.isArray(example) ? (example as Record<string, unknown>) : undefined;
  const candidates: InvalidBody[] = [];
  if (body) {
    const { required, properties } = objectShape(schema, doc);
    const fields = Object.keys(body).filter((field) => !clientFilled.includes(field));
    const without = (field: string) => Object.fromEntries(Object.entries(body).filter(([key]) => key != field));
    for (const field of required.filter((field) => fields.includes(field))) {
      candidates.push({ why: `drops required "${field}"`, field, body: without(field) });
    }
    for (const field of fields) {
      if (resolve(properties[field], doc)?.enum) {
        candidates.push({ why: `sets "${field}" outside its enum`, field, body: { ...body, [field]: "not-a-documented-value" } });
      }
    }
    for (const field of fields) {
      const value = body[field];
      candidates.push({
        why: `sends "${field}" as ${typeName(wrongType(value))} instead of ${typeName(value)}`,
        field,
        body: { ...body, [field]: wrongType(value) },
      });
    }
  }
  candidates.push({ why: `sends ${typeName(wrongType(example))} instead of the ${typeName(example)} body`, body: wrongType(example) });
  return candidates;
}

/** The first breakage of the operation's first request example that its schema refuses. */
export function deriveInvalidBody(
  operation: ContractOperation,
  validatorAt: (schemaPointer: string) => ValidateFunction,
  clientFilled: string[] = [],
  doc: Json = loadBundle(),
): InvalidBody {
  const pointer = operation.requestSchemaPointer;
  const example = operation.requestExamples[0];
  if (!pointer || !example) throw new Error(`${operation.operationId} has no JSON request body with an example`);
  const schema = pointer
    .slice(1)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((node: Json, key) => node?.[key], doc);
  const validate = validatorAt(pointer);
  const refused = candidateBreakages(schema, example.value, clientFilled, doc).find((candidate) => !validate(candidate.body));
  if (!refused) throw new Error(`no breakage of ${operation.operationId}'s "${example.name}" example is refused by its schema`);
  return refused;
}
