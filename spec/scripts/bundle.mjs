// Bundles the split document into dist/openapi.yaml and dist/openapi.json with Redocly.
// Extra arguments go to `redocly bundle` (e.g. --force while a change is half done).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
mkdirSync(dist, { recursive: true });

const redocly = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");
const result = spawnSync(
  process.execPath,
  [redocly, "bundle", "openapi.yaml", "--config", "redocly.yaml", "-o", join(dist, "openapi.yaml"), ...process.argv.slice(2)],
  { cwd: root, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, REDOCLY_TELEMETRY: "off" } },
);
if (result.status !== 0) process.exit(result.status ?? 1);

const document = parse(readFileSync(join(dist, "openapi.yaml"), "utf8"));
writeFileSync(join(dist, "openapi.json"), JSON.stringify(document, null, 2) + "\n");
console.log(`bundled ${Object.keys(document.paths ?? {}).length} paths to dist/openapi.{yaml,json}`);
