// Renders generated/openapi.docs.json into dist/index.html with `redocly build-docs --inlineBundle`: one file
// holding Redoc, the definition and the styles, so that it can be served by any static host and loads nothing
// from another origin.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const input = join(root, "generated", "openapi.docs.json");
const output = join(dist, "index.html");
const redocly = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");

// The "API docs by Redocly" badge loads its logo from Redocly's CDN; an inline wordmark keeps the credit.
const CDN_LOGO = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;
const WORDMARK =
  "data:image/svg+xml," +
  encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="56" height="16" viewBox="0 0 56 16">` +
      `<text x="0" y="12" font-family="sans-serif" font-size="12" font-weight="600" fill="#0044d4">Redocly</text></svg>`,
  );

/** Rewrites what would make the page reach another origin; throws when the Redoc output changed shape. */
export function makeSelfContained(html) {
  if (!html.match(CDN_LOGO)) throw new Error("the Redocly badge logo was not found: check the Redoc output for CDN images");
  const page = html.replace(CDN_LOGO, WORDMARK);
  const external = page.match(/<(?:script|link|img)\b[^>]*\b(?:src|href)=["']?(?:https?:)?\/\/[^>]*>/gi);
  if (external) throw new Error(`the page still loads from another origin: ${external.join(", ")}`);
  if (/cdn\.redoc\.ly/.test(page)) throw new Error("the page still names cdn.redoc.ly");
  return page;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { info } = JSON.parse(readFileSync(input, "utf8"));
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  const result = spawnSync(
    process.execPath,
    [
      redocly,
      "build-docs",
      input,
      "--config",
      join(root, "redocly.yaml"),
      "--template",
      join(root, "template.hbs"),
      "--templateOptions.description",
      info.summary ?? info.title,
      "--inlineBundle",
      "-o",
      output,
    ],
    { cwd: root, stdio: ["ignore", "inherit", "pipe"], encoding: "utf8", env: { ...process.env, REDOCLY_TELEMETRY: "off" } },
  );
  // Redocly prints a boxed Node 20 end-of-life notice on stderr; keep every other line.
  const messages = result.stderr.split("\n").filter((line) => line.trim() && !/^\s*[║╔╚]/.test(line));
  if (messages.length) console.error(messages.join("\n"));
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(output, makeSelfContained(readFileSync(output, "utf8")));
  console.log(`wrote dist/index.html (${Math.round(readFileSync(output).length / 1024)} KiB, self-contained)`);
}
