import { describe, expect, it } from "vitest";
import { compareDocuments, type OpenApiDocument } from "../src/compare.js";
import { renderReport } from "../src/report.js";
import { typeScriptChanges } from "../src/typescript-surface.js";
import { loadPair, type FixtureGroup } from "./fixtures.js";

const base = { label: "@moekit/spec@1.2.0", commit: "0123456789abcdef0123456789abcdef01234567" };

function reportFor(group: FixtureGroup, name: string, warnings: string[] = []): string {
  const { before, after } = loadPair(group, name);
  const comparison = compareDocuments(before, after);
  return renderReport({ base, comparison, typescript: typeScriptChanges(before, after, comparison), warnings });
}

function schemas(document: OpenApiDocument): Record<string, Record<string, unknown>> {
  return (document.components as { schemas: Record<string, Record<string, unknown>> }).schemas;
}

describe("the change report", () => {
  it("says when there is nothing to compare with, or nothing changed", () => {
    const { before } = loadPair("breaking", "operation-removed");
    const comparison = compareDocuments(before, before);
    const typescript = typeScriptChanges(before, before, comparison);
    expect(renderReport({ comparison, typescript, warnings: [] })).toBe(
      "# API changes\n\nNothing to compare with: the repository has no commit yet.\n",
    );
    const unchanged = renderReport({ base, comparison, typescript, warnings: [] });
    expect(unchanged).toContain("Working tree compared with `@moekit/spec@1.2.0` (`0123456789ab`).");
    expect(unchanged).toContain("No changes to the API description.");
    expect(unchanged).not.toContain("## ");
  });

  it("leads with the breaking changes, then operations, changes per operation and TypeScript", () => {
    const report = reportFor("breaking", "operation-removed");
    expect(report).toContain("**1 breaking change**, 0 non-breaking changes, 0 documentation changes.");
    expect(report).toContain("TypeScript: **expect compile errors**");
    const sections = [...report.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
    expect(sections).toEqual(["Breaking changes", "Operations", "Changes by operation", "TypeScript: `@moekit/client`"]);
    expect(report).toContain("- `POST /v1/customer/merge (mergeUsers)`: operation removed\n");
    expect(report).toContain("| removed | `POST /v1/customer/merge (mergeUsers)` |");
    expect(report).toContain("| operations removed | `mergeUsers` |");
    expect(report).toContain("| schema types removed | `MergeUsersRequest` |");
  });

  it("names the MoEngage rule behind a breaking change", () => {
    expect(reportFor("breaking", "server-list-narrowed")).toContain(
      "- whole document: server `https://api-{dc}.moengage.com`: value `02` removed from `{dc}` _(rule `server-list-narrowed`)_",
    );
  });

  it("keeps table cells intact when a change contains a pipe", () => {
    expect(reportFor("non-breaking", "request-type-widened")).toContain(
      "| non-breaking | request body: field `user_time`: type changed from `integer` to `integer \\| string` |",
    );
  });

  it("tells a service owner that additions keep compiling", () => {
    const report = reportFor("non-breaking", "operation-added");
    expect(report).toContain("No breaking change, 1 non-breaking change, 0 documentation changes. TypeScript: existing code keeps compiling.");
    expect(report).toContain("| operations added | `exportUsers` |");
  });

  it("lists what could not be compared", () => {
    expect(reportFor("non-breaking", "operation-added", ["working tree: `/v9/x` left out"])).toMatch(/## Not compared\n\n- working tree: `\/v9\/x` left out\n$/);
  });
});

describe("TypeScript-visible changes", () => {
  it("reports a renamed operationId as a rename, not a removal and an addition", () => {
    const { before, after } = loadPair("breaking", "operation-id-renamed");
    const changes = typeScriptChanges(before, after, compareDocuments(before, after));
    expect(changes).toMatchObject({ operationsRenamed: [{ from: "trackEvent", to: "trackEvents" }], operationsRemoved: [], operationsAdded: [] });
    expect(changes.expectCompileErrors).toBe(true);
  });

  it("reports a request body type that now has another name", () => {
    const { before } = loadPair("breaking", "operation-removed");
    const after = structuredClone(before);
    const all = schemas(after);
    all.TrackEventsRequest = all.TrackEventRequest as Record<string, unknown>;
    delete all.TrackEventRequest;
    const paths = after.paths as Record<string, { post: { requestBody: { content: Record<string, { schema: { $ref: string } }> } } }>;
    (paths["/v1/event/{workspace_id}"]?.post.requestBody.content["application/json"] as { schema: { $ref: string } }).schema.$ref =
      "#/components/schemas/TrackEventsRequest";
    const changes = typeScriptChanges(before, after, compareDocuments(before, after));
    expect(changes.bodyTypesChanged).toEqual([{ operationId: "trackEvent", part: "request", from: "TrackEventRequest", to: "TrackEventsRequest" }]);
    expect(changes.schemasRemoved).toEqual(["TrackEventRequest"]);
    expect(changes.schemasAdded).toEqual(["TrackEventsRequest"]);
    expect(changes.expectCompileErrors).toBe(true);
  });

  it("does not expect compile errors from a breaking change types cannot see (a new maxLength)", () => {
    const { before } = loadPair("breaking", "operation-removed");
    const after = structuredClone(before);
    const properties = schemas(after).TrackEventRequest?.properties as Record<string, Record<string, unknown>>;
    (properties.customer_id as Record<string, unknown>).maxLength = 64;
    const comparison = compareDocuments(before, after);
    expect(comparison.changes.map((change) => change.severity)).toEqual(["breaking"]);
    expect(typeScriptChanges(before, after, comparison)).toMatchObject({ incompatibleCalls: [], expectCompileErrors: false });
  });
});
