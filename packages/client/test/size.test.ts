import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { expect, test } from "vitest";

const BUDGET = 8192;
const entry = new URL("../dist/index.js", import.meta.url).pathname;

test(`the runtime, openapi-fetch included, minified and gzipped, stays within ${BUDGET} bytes`, async () => {
  expect(existsSync(entry), "run `pnpm --filter @moekit/client build` first").toBe(true);
  const result = await build({ entryPoints: [entry], bundle: true, minify: true, format: "esm", write: false, logLevel: "silent" });
  const bundle = result.outputFiles[0]!.contents;
  const size = gzipSync(bundle, { level: 9 }).length;
  console.log(`size: ${bundle.length} bytes minified, ${size} bytes gzipped (budget ${BUDGET})`);
  // Every feature is in: openapi-fetch, the operation table, bulk import.
  const text = new TextDecoder().decode(bundle);
  for (const marker of ["/v1/transition/{workspace_id}", '{"type":"transition","elements":[', "retry-after", "x-ratelimit-reset", "SHA-256"]) {
    expect(text).toContain(marker);
  }
  expect(size).toBeLessThanOrEqual(BUDGET);
});
