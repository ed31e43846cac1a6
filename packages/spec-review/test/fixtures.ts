// Loads the before/after document pairs under test/fixtures.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { OpenApiDocument } from "../src/compare.js";

export const fixturesDir = fileURLToPath(new URL("./fixtures/", import.meta.url));
export type FixtureGroup = "breaking" | "non-breaking";

export function fixtureNames(group: FixtureGroup): string[] {
  return readdirSync(join(fixturesDir, group)).sort();
}

export function loadPair(group: FixtureGroup, name: string): { before: OpenApiDocument; after: OpenApiDocument } {
  const read = (side: string) => parse(readFileSync(join(fixturesDir, group, name, `${side}.yaml`), "utf8")) as OpenApiDocument;
  return { before: read("before"), after: read("after") };
}
