import { apiCompare } from "api-smart-diff";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compareDocuments, type ApiChange } from "../src/compare.js";
import { fixtureNames, loadPair, type FixtureGroup } from "./fixtures.js";

const contributing = readFileSync(new URL("../../../spec/CONTRIBUTING.md", import.meta.url), "utf8");

/** Rule names listed as `- \`name\`: ...` under the heading that starts with `heading`. */
function listedRules(heading: string): string[] {
  const section = contributing.split(/^## /m).find((part) => part.startsWith(heading)) ?? "";
  return [...section.matchAll(/^- `([a-z-]+)`:/gm)].map((match) => match[1] as string).sort();
}

const summary = (changes: ApiChange[]) =>
  changes.map((change) => `${change.operation?.operationId ?? "document"}: ${change.message}`);

// What each breaking pair must report, all of it and nothing else breaking.
const BREAKING: Record<string, string[]> = {
  "operation-removed": ["mergeUsers: operation removed"],
  "path-parameter-renamed": ["trackEvent: path parameter `workspace_id` renamed to `app_id`"],
  "required-request-field-added": ["trackEvent: request body: required field `actions` added"],
  "request-enum-value-removed": ["trackEvent: request body: value `iOS` removed from `platform`"],
  "response-field-removed": ["mergeUsers: response 200: field `message` removed", "trackEvent: response 200: field `message` removed"],
  "response-enum-value-added": [
    "mergeUsers: response 200: value `partial` added to `status`",
    "trackEvent: response 200: value `partial` added to `status`",
  ],
  "type-changed": [
    "mergeUsers: response 200: field `message`: type changed from `string` to `string | null`",
    "trackEvent: request body: field `user_time`: type changed from `integer` to `string`",
    "trackEvent: response 200: field `message`: type changed from `string` to `string | null`",
  ],
  "server-list-narrowed": ["document: server `https://api-{dc}.moengage.com`: value `02` removed from `{dc}`"],
  "operation-id-renamed": ["trackEvents: operationId changed from `trackEvent` to `trackEvents`"],
  "credential-added": ["trackEvent: now also requires credential `pushKey`"],
  "fill-removed": ["trackEvent: `x-moe-fill` removed (was `workspace-id`)"],
};

const NON_BREAKING: Record<string, string[]> = {
  "operation-added": ["exportUsers: operation added"],
  "optional-request-field-added": ["trackEvent: request body: field `app_version` added"],
  "response-field-added": ["mergeUsers: response 200: field `request_id` added", "trackEvent: response 200: field `request_id` added"],
  "request-enum-value-added": ["trackEvent: request body: value `TV` added to `platform`"],
  "request-type-widened": ["trackEvent: request body: field `user_time`: type changed from `integer` to `integer | string`"],
  "data-center-added": ["document: server `https://api-{dc}.moengage.com`: value `101` added to `{dc}`"],
  "operation-deprecated": ["mergeUsers: operation deprecated"],
  "client-behaviour-changed": ["trackEvent: `x-moe-limits.rate[0].requests` changed from `30000` to `10000`"],
  "documentation-changed": ["trackEvent: documentation changed (1 edit): summary"],
};

// Where api-smart-diff alone sees nothing breaking: the MoEngage rule is what makes the gate fail.
const LIBRARY_MISSES = ["path-parameter-renamed", "response-field-removed", "server-list-narrowed", "operation-id-renamed", "credential-added", "fill-removed"];

describe("spec/CONTRIBUTING.md and the fixtures", () => {
  it.each<[string, FixtureGroup]>([
    ["Breaking changes", "breaking"],
    ["Not breaking", "non-breaking"],
  ])("every rule under '%s' has a fixture pair and every pair a rule", (heading, group) => {
    const rules = listedRules(heading);
    expect(rules.length).toBeGreaterThan(5);
    expect(fixtureNames(group)).toEqual(rules);
  });

  it("every pair has its expected report in this file", () => {
    expect(Object.keys(BREAKING).sort()).toEqual(fixtureNames("breaking"));
    expect(Object.keys(NON_BREAKING).sort()).toEqual(fixtureNames("non-breaking"));
  });
});

describe("breaking rules", () => {
  it.each(Object.entries(BREAKING))("%s is reported as breaking, naming the change", (name, expected) => {
    const { before, after } = loadPair("breaking", name);
    const { changes } = compareDocuments(before, after);
    expect(summary(changes.filter((change) => change.severity === "breaking")).sort()).toEqual([...expected].sort());
  });

  it.each(LIBRARY_MISSES)("%s: api-smart-diff alone reports nothing breaking, our rule does", (name) => {
    const { before, after } = loadPair("breaking", name);
    const library = apiCompare(before, after).diffs.filter((diff) => diff.path[0] !== "components");
    expect(library.length).toBeGreaterThan(0);
    expect(library.filter((diff) => diff.type === "breaking")).toEqual([]);
    const ours = compareDocuments(before, after).changes.filter((change) => change.severity === "breaking");
    expect(ours.map((change) => change.rule)).toContain(name);
  });
});

describe("non-breaking changes", () => {
  it.each(Object.entries(NON_BREAKING))("%s is reported and not breaking", (name, expected) => {
    const { before, after } = loadPair("non-breaking", name);
    const { changes } = compareDocuments(before, after);
    expect(changes.filter((change) => change.severity === "breaking")).toEqual([]);
    expect(summary(changes).sort()).toEqual([...expected].sort());
  });

  it("a request type api-smart-diff calls breaking is not when it only widens", () => {
    const { before, after } = loadPair("non-breaking", "request-type-widened");
    const library = apiCompare(before, after).diffs.filter((diff) => diff.path[0] === "paths");
    expect(library.map((diff) => diff.type)).toContain("breaking");
    expect(compareDocuments(before, after).changes.map((change) => change.severity)).toEqual(["non-breaking"]);
  });
});

describe("comparison details", () => {
  it("an identical document has no change", () => {
    const { before } = loadPair("breaking", "type-changed");
    expect(compareDocuments(before, structuredClone(before))).toEqual({ changes: [], operations: { added: [], removed: [], deprecated: [] } });
  });

  it("lists operations added, removed and deprecated", () => {
    expect(compareDocuments(loadPair("non-breaking", "operation-added").before, loadPair("non-breaking", "operation-added").after).operations.added).toEqual([
      { method: "POST", path: "/v1/customer/export", operationId: "exportUsers" },
    ]);
    const removed = loadPair("breaking", "operation-removed");
    expect(compareDocuments(removed.before, removed.after).operations.removed).toEqual([{ method: "POST", path: "/v1/customer/merge", operationId: "mergeUsers" }]);
    const deprecated = loadPair("non-breaking", "operation-deprecated");
    expect(compareDocuments(deprecated.before, deprecated.after).operations.deprecated.map((operation) => operation.operationId)).toEqual(["mergeUsers"]);
  });

  it("reports a renamed path under its new key", () => {
    const { before, after } = loadPair("breaking", "path-parameter-renamed");
    const [change] = compareDocuments(before, after).changes;
    expect(change?.operation).toEqual({ method: "POST", path: "/v1/event/{app_id}", operationId: "trackEvent" });
  });

  it("treats a replaced enum value as one value removed and one added, each classified", () => {
    const { before } = loadPair("breaking", "request-enum-value-removed");
    const after = structuredClone(before) as { components: { schemas: { TrackEventRequest: { properties: { platform: { enum: string[] } } } } } };
    after.components.schemas.TrackEventRequest.properties.platform.enum = ["ANDROID", "TV", "web"];
    const changes = compareDocuments(before, after as never).changes.map((change) => `${change.severity}: ${change.message}`);
    expect(changes).toEqual(["breaking: request body: value `iOS` removed from `platform`", "non-breaking: request body: value `TV` added to `platform`"]);
  });

  it("names a server host removed from an operation as breaking and one added as not", () => {
    const { before } = loadPair("breaking", "server-list-narrowed");
    const withSandbox = structuredClone(before) as { paths: Record<string, { post: { servers?: object[] } }> };
    const operation = withSandbox.paths["/v1/event/{workspace_id}"]?.post as { servers?: object[] };
    operation.servers = [{ url: "https://api-{dc}.moengage.com" }, { url: "https://sandbox-api-{dc}.moengage.com", "x-moe-environment": "sandbox" }];
    const withoutSandbox = structuredClone(withSandbox);
    (withoutSandbox.paths["/v1/event/{workspace_id}"]?.post.servers as object[]).pop();
    const removed = compareDocuments(withSandbox as never, withoutSandbox as never).changes;
    expect(removed.map((change) => [change.severity, change.message])).toEqual([["breaking", "server `https://sandbox-api-{dc}.moengage.com` removed"]]);
    const added = compareDocuments(withoutSandbox as never, withSandbox as never).changes;
    expect(added.map((change) => [change.severity, change.message])).toEqual([["non-breaking", "server `https://sandbox-api-{dc}.moengage.com` added"]]);
  });
});
