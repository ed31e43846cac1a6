// Runs the spec package's own Redocly CLI: `bundle` for each side of a comparison, `build-docs` for the preview.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { OpenApiDocument } from "./compare.js";

/** The spec package of this workspace: the same Redocly version that lints and bundles the spec. */
const workspaceSpec = fileURLToPath(new URL("../../../spec/package.json", import.meta.url));

// Redoc's sidebar logo is the page's only remote resource: an empty inline image keeps the page offline.
const CDN_LOGOS = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;
const EMPTY_IMAGE = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E";

export function redoclyCli(): string {
  return createRequire(workspaceSpec).resolve("@redocly/cli/bin/cli.js");
}

function runRedocly(args: string[], cwd: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [redoclyCli(), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, REDOCLY_TELEMETRY: "off", NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

export interface BundleResult {
  document: OpenApiDocument;
  /** Path items whose files did not resolve (a family still being written): left out of the comparison. */
  warnings: string[];
}

/**
 * Bundles `<specDir>/openapi.yaml` with the folder's own `redocly.yaml`. `--force` keeps a half-written side
 * comparable; the spec's own build and lint are what refuse unresolved references.
 */
export function bundleSpec(specDir: string, label: string): BundleResult {
  const work = mkdtempSync(join(tmpdir(), "moekit-spec-bundle-"));
  try {
    const output = join(work, "openapi.json");
    const config = existsSync(join(specDir, "redocly.yaml")) ? ["--config", "redocly.yaml"] : [];
    const { output: log } = runRedocly(["bundle", "openapi.yaml", ...config, "--force", "-o", output], specDir);
    if (!existsSync(output)) throw new Error(`redocly could not bundle the spec in ${label}:\n${log.slice(-2000)}`);
    const document = JSON.parse(readFileSync(output, "utf8")) as OpenApiDocument;
    const warnings: string[] = [];
    const paths = (document.paths ?? {}) as Record<string, { $ref?: unknown }>;
    for (const [path, item] of Object.entries(paths)) {
      if (typeof item?.$ref === "string" && !item.$ref.startsWith("#")) {
        warnings.push(`${label}: \`${path}\` left out, its file \`${item.$ref}\` does not resolve`);
        delete paths[path];
      }
    }
    return { document, warnings };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Writes a self-contained Redoc page for `document` (no CDN script, no remote logo). */
export function buildDocsPage(document: OpenApiDocument, outputFile: string, title: string): void {
  const work = mkdtempSync(join(tmpdir(), "moekit-spec-docs-"));
  try {
    const input = join(work, "openapi.json");
    writeFileSync(input, JSON.stringify(document));
    const { status, output } = runRedocly(["build-docs", input, "--inlineBundle", "--title", title, "-o", outputFile], work);
    if (status !== 0 || !existsSync(outputFile)) throw new Error(`redocly build-docs failed:\n${output.slice(-2000)}`);
    writeFileSync(outputFile, readFileSync(outputFile, "utf8").replace(CDN_LOGOS, EMPTY_IMAGE));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
