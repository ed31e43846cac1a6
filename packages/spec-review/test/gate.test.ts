import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixedGroups, pendingBump, pendingChangesets, SPEC_PACKAGE, versionBump, type PendingBump } from "../src/changesets.js";
import { compareDocuments, type ApiChange } from "../src/compare.js";
import { evaluateGate } from "../src/gate.js";
import { fixturesDir, loadPair, type FixtureGroup } from "./fixtures.js";

function changesOf(group: FixtureGroup, ...names: string[]): ApiChange[] {
  return names.flatMap((name) => {
    const { before, after } = loadPair(group, name);
    return compareDocuments(before, after).changes;
  });
}

async function pendingIn(folder: string): Promise<PendingBump> {
  const root = join(fixturesDir, "changesets", folder);
  return pendingBump(await pendingChangesets(root), SPEC_PACKAGE, fixedGroups(root));
}

const breaking = () => changesOf("breaking", "operation-removed", "required-request-field-added");
const additions = () => changesOf("non-breaking", "optional-request-field-added", "operation-added");

describe("pending changesets", () => {
  it("reads the bump for @moekit/spec from .changeset/*.md, ignoring README.md", async () => {
    expect(await pendingIn("major")).toEqual({ bump: "major", sources: ["brave-owls-sing"] });
    expect(await pendingIn("minor")).toEqual({ bump: "minor", sources: ["quiet-lamps-glow", "small-fix"] });
    expect(await pendingIn("none")).toEqual({ bump: "none", sources: [] });
  });

  it("counts a bump of @moekit/client, released together with the spec (fixed group)", async () => {
    expect(await pendingIn("client-major")).toEqual({ bump: "major", sources: ["tidy-cats-run"] });
  });

  it("ignores changesets of other packages", async () => {
    expect(await pendingIn("other-package")).toEqual({ bump: "none", sources: [] });
  });

  it("reads a version already raised since the base as a bump", () => {
    expect(versionBump("1.4.2", "2.0.0")).toBe("major");
    expect(versionBump("1.4.2", "1.5.0")).toBe("minor");
    expect(versionBump("1.4.2", "1.4.3")).toBe("patch");
    expect(versionBump("1.4.2", "1.4.2")).toBe("none");
    expect(versionBump(undefined, "1.0.0")).toBe("none");
  });
});

describe("the gate", () => {
  it("fails on breaking changes without a changeset, naming each", async () => {
    const result = evaluateGate({ changes: breaking(), pending: await pendingIn("none") });
    expect(result.ok).toBe(false);
    expect(result.lines[0]).toBe("spec:check: 2 breaking changes need a major changeset for @moekit/spec:");
    expect(result.lines).toContain("  - POST /v1/customer/merge (mergeUsers): operation removed");
    expect(result.lines).toContain("  - POST /v1/event/{workspace_id} (trackEvent): request body: required field `actions` added");
  });

  it("passes breaking changes with a major changeset", async () => {
    const result = evaluateGate({ changes: breaking(), pending: await pendingIn("major") });
    expect(result).toEqual({
      ok: true,
      lines: ["spec:check: 2 breaking changes, released as a major bump of @moekit/spec (.changeset/brave-owls-sing.md)."],
    });
  });

  it("passes breaking changes with a major changeset for the client, released with the spec", async () => {
    expect(evaluateGate({ changes: breaking(), pending: await pendingIn("client-major") }).ok).toBe(true);
  });

  it("fails breaking changes whose changesets bump less than major, and says so", async () => {
    const result = evaluateGate({ changes: breaking(), pending: await pendingIn("minor") });
    expect(result.ok).toBe(false);
    expect(result.lines[0]).toContain("(pending changesets bump it by minor only: .changeset/quiet-lamps-glow.md, .changeset/small-fix.md)");
  });

  it("fails a non-breaking change without any changeset with a one-line hint", async () => {
    const result = evaluateGate({ changes: additions(), pending: await pendingIn("none") });
    expect(result.ok).toBe(false);
    expect(result.lines).toEqual([
      "spec:check: the API description changed (2 non-breaking changes) but no changeset bumps @moekit/spec: run `pnpm changeset` (minor for additions, patch for fixes).",
    ]);
  });

  it("does not count another package's changeset for a spec change", async () => {
    expect(evaluateGate({ changes: additions(), pending: await pendingIn("other-package") }).ok).toBe(false);
  });

  it("passes a non-breaking change with a minor changeset", async () => {
    const result = evaluateGate({ changes: additions(), pending: await pendingIn("minor") });
    expect(result.ok).toBe(true);
    expect(result.lines[0]).toMatch(/^spec:check: 2 non-breaking changes, released as a minor bump/);
  });

  it("asks a documentation-only change for a changeset too (the published bundle changes)", async () => {
    const changes = changesOf("non-breaking", "documentation-changed");
    expect(evaluateGate({ changes, pending: await pendingIn("none") }).ok).toBe(false);
  });

  it("passes when nothing changed, changeset or not", async () => {
    expect(evaluateGate({ changes: [], pending: await pendingIn("none") })).toEqual({ ok: true, lines: ["spec:check: no change to the API description."] });
  });

  it("passes breaking changes once the version is already raised by a major (between `changeset version` and the tag)", async () => {
    const pending = await pendingIn("none");
    expect(evaluateGate({ changes: breaking(), pending, released: "major" }).ok).toBe(true);
    expect(evaluateGate({ changes: breaking(), pending, released: "minor" }).ok).toBe(false);
  });
});
