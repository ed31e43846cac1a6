import { build } from "esbuild";
import { relative } from "node:path";
import { gzipSync } from "node:zlib";
import { benchDir, repoDir } from "./measure.js";
import type { Row } from "./report.js";

export interface BundleSize {
  minified: number;
  gzipped: number;
  /** Minified bytes each input file contributes, largest first. */
  inputs: Record<string, number>;
}

/** What a consumer's bundle holds for an entry: esbuild, minified ESM for browsers, then gzip -9. */
export async function bundleSize(entry: string): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: entry, resolveDir: benchDir, sourcefile: "entry.js", loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    legalComments: "none",
    metafile: true,
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  const output = Object.values(result.metafile.outputs)[0]!;
  const inputs = Object.entries(output.inputs)
    .map(([path, { bytesInOutput }]) => [relative(repoDir, path).replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, ""), bytesInOutput] as const)
    .sort((a, b) => b[1] - a[1]);
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, inputs: Object.fromEntries(inputs) };
}

export const bundleEntries = {
  everything: 'export * from "@moekit/client";',
  oneOperation: [
    'import { createMoEngageClient } from "@moekit/client";',
    "export const trackEvent = (options, body) => createMoEngageClient(options).trackEvent({ body });",
  ].join("\n"),
  openapiFetch: 'export { default } from "openapi-fetch";\nexport * from "openapi-fetch";',
};

/** Size budget of the client runtime, min+gz (1 kB = 1024 bytes). */
export const sizeBudget = 8 * 1024;

export async function benchmarkClientSize(): Promise<Row[]> {
  const [everything, oneOperation, openapiFetch] = await Promise.all([
    bundleSize(bundleEntries.everything),
    bundleSize(bundleEntries.oneOperation),
    bundleSize(bundleEntries.openapiFetch),
  ]);
  const baseline = { label: "openapi-fetch", value: openapiFetch.gzipped, unit: "bytes" as const };
  const row = (figure: string, size: BundleSize): Row => ({
    benchmark: "Client size",
    figure,
    value: size.gzipped,
    unit: "bytes",
    baseline,
    ratio: { value: size.gzipped / openapiFetch.gzipped, of: "size" },
    target: { of: "value", at: "most", limit: sizeBudget },
    details: size as unknown as Record<string, unknown>,
  });
  return [
    {
      ...row("every export", everything),
      note: "Minified and gzipped: esbuild --bundle --minify (ESM, browser, es2022), then gzip -9; openapi-fetch is inside both client bundles.",
    },
    row("createMoEngageClient + one operation", oneOperation),
    {
      benchmark: "Client size",
      figure: "openapi-fetch alone (reference)",
      value: openapiFetch.gzipped,
      unit: "bytes",
      details: openapiFetch as unknown as Record<string, unknown>,
    },
  ];
}
