// End to end on a copy of the real spec in a throwaway repository: git, Redocly, api-smart-diff and changesets.
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import type { OpenApiDocument } from "../src/compare.js";
import { bundleSpec } from "../src/redocly.js";
import { checkWorkingTree, reviewWorkingTree } from "../src/review.js";
import { tempRepo, type TempRepo } from "./git-repo.js";

const workspace = fileURLToPath(new URL("../../../", import.meta.url));
const LEFT_OUT = new Set(["node_modules", "dist", "test-results", ".turbo"]);

let repo: TempRepo;
let removed: { path: string; method: string; operationId: string };
let target: { path: string; method: string; operationId: string; schemaFile: string };

function findFile(dir: string, name: string): string | undefined {
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      const found = findFile(full, name);
      if (found) return found;
    } else if (entry === name) return full;
  }
  return undefined;
}

function editYaml(file: string, edit: (document: ReturnType<typeof parseDocument>) => void): void {
  const document = parseDocument(readFileSync(file, "utf8"));
  edit(document);
  writeFileSync(file, String(document));
}

function writeChangeset(name: string, bump: string): void {
  writeFileSync(join(repo.root, ".changeset", `${name}.md`), `---\n"@moekit/spec": ${bump}\n---\n\nA test change.\n`);
}

/** Picks, from the copied spec itself, an operation to remove and another whose object request body gets a field. */
function pickTargets(document: OpenApiDocument): void {
  const paths = document.paths as Record<string, Record<string, { operationId: string; requestBody?: unknown }>>;
  const schemas = (document.components as { schemas: Record<string, { type?: string; properties?: object; anyOf?: unknown; oneOf?: unknown }> }).schemas;
  const entries = Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ["get", "post", "put", "patch", "delete"].includes(method))
      .map(([method, operation]) => ({ path, method, operation, methods: Object.keys(item).length })),
  );
  const withObjectBody = entries.find(({ operation }) => {
    const ref = (operation.requestBody as { content?: Record<string, { schema?: { $ref?: string } }> } | undefined)?.content?.["application/json"]?.schema?.$ref;
    const schema = ref ? schemas[ref.slice(ref.lastIndexOf("/") + 1)] : undefined;
    return schema?.type === "object" && schema.properties && !schema.anyOf && !schema.oneOf;
  });
  if (!withObjectBody) throw new Error("the spec has no operation with an object request body to edit");
  const ref = (withObjectBody.operation.requestBody as { content: Record<string, { schema: { $ref: string } }> }).content["application/json"]?.schema.$ref as string;
  const schemaFile = findFile(join(repo.root, "spec", "components", "schemas"), `${ref.slice(ref.lastIndexOf("/") + 1)}.yaml`);
  if (!schemaFile) throw new Error(`no file for ${ref}`);
  target = { path: withObjectBody.path, method: withObjectBody.method, operationId: withObjectBody.operation.operationId, schemaFile };

  const single = entries.find((entry) => entry.methods === 1 && entry.path !== target.path);
  if (!single) throw new Error("the spec has no second path to remove");
  removed = { path: single.path, method: single.method, operationId: single.operation.operationId };
}

function label(operation: { method: string; path: string; operationId: string }): string {
  return `${operation.method.toUpperCase()} ${operation.path} (${operation.operationId})`;
}

beforeAll(() => {
  repo = tempRepo();
  cpSync(join(workspace, "spec"), join(repo.root, "spec"), {
    recursive: true,
    filter: (source) => !LEFT_OUT.has(source.slice(source.lastIndexOf("/") + 1)),
  });
  mkdirSync(join(repo.root, ".changeset"));
  cpSync(join(workspace, ".changeset", "config.json"), join(repo.root, ".changeset", "config.json"));
  repo.commit("the spec as it is");
  pickTargets(bundleSpec(join(repo.root, "spec"), "copy").document);
});

afterAll(() => repo?.remove());

describe("spec review of a working tree", () => {
  it("finds nothing to report when the working tree equals HEAD", async () => {
    const result = await checkWorkingTree({ repoRoot: repo.root });
    expect(result.lines).toEqual(["spec:check: no change to the API description."]);
    expect(result.ok).toBe(true);
    expect(result.review.report).toContain("No changes to the API description.");
  });

  it("fails on a removed operation and a new required field, naming both, until a major changeset exists", async () => {
    editYaml(join(repo.root, "spec", "openapi.yaml"), (document) => document.deleteIn(["paths", removed.path]));
    editYaml(target.schemaFile, (document) => {
      document.setIn(["properties", "review_reason"], document.createNode({ type: "string", description: "Why." }));
      if (document.has("required")) document.addIn(["required"], "review_reason");
      else document.set("required", document.createNode(["review_reason"]));
    });

    const failing = await checkWorkingTree({ repoRoot: repo.root });
    expect(failing.ok).toBe(false);
    expect(failing.lines[0]).toMatch(/^spec:check: \d+ breaking changes? need a major changeset for @moekit\/spec:$/);
    expect(failing.lines).toContain(`  - ${label(removed)}: operation removed`);
    expect(failing.lines).toContain(`  - ${label(target)}: request body: required field \`review_reason\` added`);
    expect(failing.review.typescript.operationsRemoved).toContain(removed.operationId);
    expect(failing.review.typescript.incompatibleCalls.map((call) => call.operationId)).toContain(target.operationId);

    writeChangeset("remove-and-require", "major");
    const passing = await checkWorkingTree({ repoRoot: repo.root });
    expect(passing.ok).toBe(true);
    expect(passing.lines[0]).toContain("released as a major bump of @moekit/spec (.changeset/remove-and-require.md)");
  });

  it("reports a new optional field and a new operation as non-breaking, and wants a changeset for them", async () => {
    repo.git("checkout", "--quiet", "--", ".");
    repo.git("clean", "--quiet", "-fd");
    editYaml(target.schemaFile, (document) => document.setIn(["properties", "review_note"], document.createNode({ type: "string", description: "A note." })));
    mkdirSync(join(repo.root, "spec", "paths", "review"), { recursive: true });
    writeFileSync(
      join(repo.root, "spec", "paths", "review", "v1_review_probe.yaml"),
      [
        "get:",
        "  operationId: getReviewProbe",
        "  summary: Read the review probe",
        "  description: An operation added by the test.",
        "  tags: [Data]",
        "  security: [{ dataKey: [], workspaceHeader: [] }]",
        "  x-moe-limits: { rate: [] }",
        "  x-moe-retry-safe: true",
        "  responses:",
        "    '200': { description: The probe. }",
        "",
      ].join("\n"),
    );
    editYaml(join(repo.root, "spec", "openapi.yaml"), (document) =>
      document.setIn(["paths", "/v1/review/probe"], document.createNode({ $ref: "paths/review/v1_review_probe.yaml" })),
    );

    const withoutChangeset = await checkWorkingTree({ repoRoot: repo.root });
    const { review } = withoutChangeset;
    const changes = review.comparison.changes.map((change) => `${change.severity}: ${change.operation?.operationId}: ${change.message}`);
    expect(changes).toContain(`non-breaking: ${target.operationId}: request body: field \`review_note\` added`);
    expect(changes).toContain("non-breaking: getReviewProbe: operation added");
    expect(review.comparison.changes.filter((change) => change.severity === "breaking")).toEqual([]);
    expect(review.comparison.operations.added).toEqual([{ method: "GET", path: "/v1/review/probe", operationId: "getReviewProbe" }]);
    expect(review.typescript.operationsAdded).toEqual(["getReviewProbe"]);
    expect(review.typescript.expectCompileErrors).toBe(false);
    expect(review.report).toContain("No breaking change");

    expect(withoutChangeset.ok).toBe(false);
    expect(withoutChangeset.lines).toHaveLength(1);
    expect(withoutChangeset.lines[0]).toContain("no changeset bumps @moekit/spec: run `pnpm changeset`");

    writeChangeset("add-probe", "minor");
    expect((await checkWorkingTree({ repoRoot: repo.root })).ok).toBe(true);
  });

  it("compares with HEAD once the change is committed, and with an older commit when asked", () => {
    repo.commit("add the probe");
    expect(reviewWorkingTree({ repoRoot: repo.root }).comparison.changes).toEqual([]);
    const older = reviewWorkingTree({ repoRoot: repo.root, base: "HEAD~1" });
    expect(older.base?.label).toBe("HEAD~1");
    expect(older.comparison.operations.added.map((operation) => operation.operationId)).toEqual(["getReviewProbe"]);
  });
});

describe("a repository without commits", () => {
  it("passes the check with nothing to compare", async () => {
    const empty = tempRepo();
    try {
      cpSync(join(workspace, "spec"), join(empty.root, "spec"), {
        recursive: true,
        filter: (source) => !LEFT_OUT.has(source.slice(source.lastIndexOf("/") + 1)),
      });
      const result = await checkWorkingTree({ repoRoot: empty.root });
      expect(result).toMatchObject({ ok: true, lines: ["spec:check: no commit to compare with yet, nothing to check."] });
      expect(result.review.report).toContain("Nothing to compare with");
    } finally {
      empty.remove();
    }
  });
});
