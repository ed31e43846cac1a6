// Prints the operations of the bundled document by family: what `pnpm demo` shows until the example app exists.
import { readFileSync } from "node:fs";

const doc = JSON.parse(readFileSync(new URL("../dist/openapi.json", import.meta.url), "utf8"));
const byTag = new Map();
for (const [path, item] of Object.entries(doc.paths)) {
  for (const method of ["get", "post", "put", "patch", "delete"]) {
    const op = item[method];
    if (!op) continue;
    const tag = op.tags?.[0] ?? "Other";
    if (!byTag.has(tag)) byTag.set(tag, []);
    byTag.get(tag).push(`${method.toUpperCase().padEnd(6)} ${path.padEnd(58)} ${op.operationId}${op.deprecated ? " (deprecated)" : ""}`);
  }
}
let total = 0;
for (const [tag, lines] of byTag) {
  console.log(`\n${tag} (${lines.length})`);
  for (const line of lines) console.log(`  ${line}`);
  total += lines.length;
}
console.log(`\n${total} operations in ${doc.info.title} ${doc.info.version}, bundled from spec/ to spec/dist/openapi.json`);
