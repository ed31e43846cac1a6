// One review of the working tree: bundle the spec at the base and as it is now, compare, and check changesets.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixedGroups, pendingBump, pendingChangesets, SPEC_PACKAGE, versionBump } from "./changesets.js";
import { compareDocuments, type ApiComparison, type OpenApiDocument } from "./compare.js";
import { evaluateGate, type GateResult } from "./gate.js";
import { bundleSpec } from "./redocly.js";
import { renderReport } from "./report.js";
import { exportFolderAt, readFileAt, resolveBase, type BaseRef } from "./repository.js";
import { typeScriptChanges, type TypeScriptChanges } from "./typescript-surface.js";

export interface ReviewOptions {
  repoRoot: string;
  /** Git ref to compare with; by default the latest release tag, else the merge-base of main and HEAD. */
  base?: string;
  /** The spec folder, relative to the repository root. */
  specPath?: string;
}

export interface Review {
  base?: BaseRef;
  before: OpenApiDocument;
  after: OpenApiDocument;
  comparison: ApiComparison;
  typescript: TypeScriptChanges;
  warnings: string[];
  /** `version` of the spec's package.json at the base and in the working tree. */
  versions: { base?: string; working?: string };
  report: string;
}

// A commit never changes, so its bundle is kept for the life of the process (tests review one base many times).
const bundlesByCommit = new Map<string, { document: OpenApiDocument; warnings: string[] }>();

function bundleAt(repoRoot: string, base: BaseRef, specPath: string): { document: OpenApiDocument; warnings: string[] } {
  const key = `${repoRoot}\u0000${base.commit}\u0000${specPath}`;
  const cached = bundlesByCommit.get(key);
  if (cached) return structuredClone(cached);
  const snapshot = mkdtempSync(join(tmpdir(), "moekit-spec-base-"));
  try {
    const bundled = exportFolderAt(repoRoot, base.commit, specPath, snapshot)
      ? bundleSpec(join(snapshot, specPath), base.label)
      : { document: EMPTY_DOCUMENT, warnings: [] };
    bundlesByCommit.set(key, structuredClone(bundled));
    return bundled;
  } finally {
    rmSync(snapshot, { recursive: true, force: true });
  }
}

const EMPTY_DOCUMENT: OpenApiDocument = { openapi: "3.1.0", info: { title: "(no spec)", version: "0.0.0" }, paths: {} };

function packageVersion(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const version = (JSON.parse(text) as { version?: unknown }).version;
  return typeof version === "string" ? version : undefined;
}

export function reviewWorkingTree({ repoRoot, base: requested, specPath = "spec" }: ReviewOptions): Review {
  const base = resolveBase(repoRoot, requested);
  const working = bundleSpec(join(repoRoot, specPath), "working tree");
  const workingPackage = join(repoRoot, specPath, "package.json");
  const versions: Review["versions"] = {
    working: packageVersion(existsSync(workingPackage) ? readFileSync(workingPackage, "utf8") : undefined),
  };
  const warnings = [...working.warnings];

  let before = EMPTY_DOCUMENT;
  if (base) {
    const bundled = bundleAt(repoRoot, base, specPath);
    before = bundled.document;
    warnings.push(...bundled.warnings);
    versions.base = packageVersion(readFileAt(repoRoot, base.commit, `${specPath}/package.json`));
  }

  const comparison: ApiComparison = base
    ? compareDocuments(before, working.document)
    : { changes: [], operations: { added: [], removed: [], deprecated: [] } };
  const typescript = typeScriptChanges(base ? before : working.document, working.document, comparison);
  const report = renderReport({ ...(base ? { base } : {}), comparison, typescript, warnings });
  return { ...(base ? { base } : {}), before, after: working.document, comparison, typescript, warnings, versions, report };
}

/** The gate on the working tree: breaking changes need a major changeset, any other change some changeset. */
export async function checkWorkingTree(options: ReviewOptions): Promise<GateResult & { review: Review }> {
  const review = reviewWorkingTree(options);
  if (!review.base) return { ok: true, lines: ["spec:check: no commit to compare with yet, nothing to check."], review };
  const changesets = await pendingChangesets(options.repoRoot);
  const pending = pendingBump(changesets, SPEC_PACKAGE, fixedGroups(options.repoRoot));
  const released = versionBump(review.versions.base, review.versions.working);
  return { ...evaluateGate({ changes: review.comparison.changes, pending, released }), review };
}
