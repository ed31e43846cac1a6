import { describe, expect, it } from "vitest";
import { createValidator, invalidBodies, operations, resolve } from "./load.js";

const all = operations();
const fixtures = invalidBodies();
const { compileAt } = createValidator();

describe("request schemas reject what MoEngage rejects", () => {
  it("has at least one invalid body for every operation that takes a body", () => {
    const covered = new Set(fixtures.map((f) => f.operationId));
    const missing = all.filter((op) => resolve(op.operation.requestBody) && !covered.has(op.operation.operationId)).map((op) => op.operation.operationId);
    expect(missing).toEqual([]);
  });

  it.each(fixtures.map((f) => [`${f.operationId}: ${f.why}`, f] as const))("%s", (_name, fixture) => {
    const op = all.find((o) => o.operation.operationId === fixture.operationId);
    expect(op, `operation ${fixture.operationId}`).toBeDefined();
    const validate = compileAt("paths", op!.path, op!.method, "requestBody", "content", "application/json", "schema");
    expect(validate(fixture.body)).toBe(false);
  });
});
