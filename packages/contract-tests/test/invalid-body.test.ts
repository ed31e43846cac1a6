// The generic breakage of request bodies, on small schemas whose answer is known.
import { describe, expect, it } from "vitest";
import { listOperations } from "../src/bundle.js";
import { candidateBreakages, createBundleValidator, deriveInvalidBody } from "../src/invalid-body.js";
import { clientFilledBodyFields } from "../src/requests.js";

const schema = {
  type: "object",
  required: ["type", "signature"],
  properties: { type: { type: "string", enum: ["customer"] }, signature: { type: "string" }, count: { type: "integer" } },
  allOf: [{ required: ["id"], properties: { id: { type: "string" } } }],
};
const example = { type: "customer", signature: "abc", count: 2, id: "u1" };

describe("candidateBreakages", () => {
  it("drops required fields first (allOf included), then leaves enums, then changes types, then the whole body", () => {
    const whys = candidateBreakages(schema, example, [], { paths: {} }).map((candidate) => candidate.why);
    expect(whys).toEqual([
      'drops required "type"',
      'drops required "signature"',
      'drops required "id"',
      'sets "type" outside its enum',
      'sends "type" as number instead of string',
      'sends "signature" as number instead of string',
      'sends "count" as string instead of number',
      'sends "id" as number instead of string',
      "sends array instead of the object body",
    ]);
  });

  it("leaves alone the fields the client computes itself", () => {
    const candidates = candidateBreakages(schema, example, ["signature"], { paths: {} });
    expect(candidates.map((candidate) => candidate.field)).not.toContain("signature");
    expect(candidates.every((candidate) => (candidate.body as { signature?: string }).signature == "abc" || Array.isArray(candidate.body))).toBe(true);
  });
});

describe("deriveInvalidBody", () => {
  const validatorAt = createBundleValidator();

  it.each(listOperations().filter((operation) => operation.requestSchemaPointer).map((operation) => [operation.operationId, operation] as const))(
    "%s: the derived body is refused by the schema while the documented example is accepted",
    (operationId, operation) => {
      const validate = validatorAt(operation.requestSchemaPointer!);
      expect(validate(operation.requestExamples[0]?.value)).toBe(true);
      const invalid = deriveInvalidBody(operation, validatorAt, clientFilledBodyFields(operationId));
      expect(validate(invalid.body)).toBe(false);
      for (const field of clientFilledBodyFields(operationId)) expect(invalid.field).not.toBe(field);
    },
  );
});
