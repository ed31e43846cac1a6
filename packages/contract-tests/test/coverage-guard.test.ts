// The guard itself: it must name every operation that lacks a passing case, or it proves nothing.
import { describe, expect, it } from "vitest";
import { coverageByFamily, describeCoverageGaps, findCoverageGaps, formatCoverageTable } from "../src/coverage.js";
import type { ExercisedCall } from "../src/exercised.js";

const operations = [
  { operationId: "trackThing", family: "Data", takesBody: true },
  { operationId: "getThing", family: "Data", takesBody: false },
  { operationId: "sendThing", family: "Push", takesBody: true },
];
const fullyExercised: ExercisedCall[] = [
  { operationId: "trackThing", kind: "positive", status: 200 },
  { operationId: "trackThing", kind: "invalid-body", status: 400 },
  { operationId: "getThing", kind: "positive", status: 200 },
  { operationId: "sendThing", kind: "positive", status: 201 },
  { operationId: "sendThing", kind: "invalid-body", status: 422 },
];
const table = ["trackThing", "getThing", "sendThing"];

describe("findCoverageGaps", () => {
  it("finds no gap when every operation was answered and every body-taking one refused", () => {
    const gaps = findCoverageGaps(operations, fullyExercised, table);
    expect(gaps).toEqual({ withoutCase: [], withoutPositive: [], withoutNegative: [], unknownCases: [] });
    expect(describeCoverageGaps(gaps)).toBeUndefined();
  });

  it("names an operation of the spec that no test called", () => {
    const calls = fullyExercised.filter((call) => call.operationId != "sendThing");
    const message = describeCoverageGaps(findCoverageGaps(operations, calls, table));
    expect(message).toContain("without a passing positive contract test: sendThing");
    expect(message).toContain("never refused for a broken one: sendThing");
  });

  it("names an operation added to the spec without a row in the case table, even if something called it", () => {
    const withNewOperation = [...operations, { operationId: "deleteThing", family: "Data", takesBody: true }];
    const calls: ExercisedCall[] = [...fullyExercised, { operationId: "deleteThing", kind: "positive", status: 200 }];
    const gaps = findCoverageGaps(withNewOperation, calls, table);
    expect(gaps.withoutCase).toEqual(["deleteThing"]);
    expect(gaps.withoutNegative).toEqual(["deleteThing"]);
    expect(describeCoverageGaps(gaps)).toMatch(/case table \(src\/cases\.ts\): deleteThing/);
  });

  it("does not count a call that failed, nor a broken body that was accepted, nor a refusal recorded as positive", () => {
    const calls: ExercisedCall[] = [
      { operationId: "trackThing", kind: "positive", status: 500 },
      { operationId: "trackThing", kind: "invalid-body", status: 200 },
      { operationId: "getThing", kind: "documented-error", status: 200 },
      { operationId: "sendThing", kind: "positive", status: 400 },
      { operationId: "sendThing", kind: "missing-credentials", status: 422 },
    ];
    const gaps = findCoverageGaps(operations, calls, table);
    expect(gaps.withoutPositive).toEqual(["trackThing", "getThing", "sendThing"]);
    expect(gaps.withoutNegative).toEqual(["trackThing", "sendThing"]);
  });

  it("names rows of the case table that the spec no longer has", () => {
    const gaps = findCoverageGaps(operations, fullyExercised, [...table, "removedThing"]);
    expect(gaps.unknownCases).toEqual(["removedThing"]);
    expect(describeCoverageGaps(gaps)).toContain("in the case table but not in the spec: removedThing");
  });
});

describe("coverageByFamily", () => {
  it("counts covered operations per family and prints them as a table with a total", () => {
    const rows = coverageByFamily(
      operations.map((operation) => ({ ...operation, errorStatuses: 1, credentialed: operation.operationId != "sendThing" })),
      [
        ...fullyExercised.filter((call) => call.operationId != "sendThing"),
        { operationId: "getThing", kind: "missing-credentials", status: 401 },
        { operationId: "getThing", kind: "documented-error", status: 429 },
      ],
    );
    expect(rows).toEqual([
      { family: "Data", operations: 2, positive: 2, bodyTaking: 1, negative: 1, credentialed: 2, unauthenticated: 1, documentedErrors: 1 },
      { family: "Push", operations: 1, positive: 0, bodyTaking: 1, negative: 0, credentialed: 0, unauthenticated: 0, documentedErrors: 0 },
    ]);
    const lines = formatCoverageTable(rows).split("\n");
    expect(lines[0]).toMatch(/^Family\s+Positive\s+Refused body/);
    expect(lines[1]).toMatch(/^Data\s+2\/2\s+1\/1\s+1\/2\s+1\/2$/);
    expect(lines[2]).toMatch(/^Push\s+0\/1\s+0\/1\s+0\/0\s+0\/1$/);
    expect(lines[3]).toMatch(/^Total\s+2\/3\s+1\/2\s+1\/2\s+1\/3$/);
  });
});
