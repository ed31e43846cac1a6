// Runs after every contract test (vitest project "coverage", a later group): the spec's operations against the calls
// those tests recorded and the explicit case table. A new operation without its case turns this red, naming it.
import { describe, expect, it } from "vitest";
import { listOperations } from "../src/bundle.js";
import { operationCases } from "../src/cases.js";
import { describeCoverageGaps, findCoverageGaps, guardedOperations } from "../src/coverage.js";
import { readExercised } from "../src/exercised.js";

const operations = guardedOperations(listOperations());
const calls = readExercised();
const caseTable = Object.keys(operationCases);

describe("contract coverage of the bundled spec", () => {
  it("gives every operation a row, a passing positive call and, when it takes a body, a refused broken body", () => {
    expect(describeCoverageGaps(findCoverageGaps(operations, calls, caseTable))).toBeUndefined();
  });

  it("would name an operation added to the spec without a contract case", () => {
    const added = { operationId: "trackSomethingNew", family: "Data", takesBody: true };
    const gaps = findCoverageGaps([...operations, added], calls, caseTable);
    expect(gaps.withoutCase).toEqual(["trackSomethingNew"]);
    expect(gaps.withoutPositive).toContain("trackSomethingNew");
    expect(gaps.withoutNegative).toContain("trackSomethingNew");
  });
});
