// Pending changesets and the release they ask for. Files are read by @changesets/read (the parser `changeset
// version` uses); only the `fixed` groups of .changeset/config.json are read here, because a package in the same
// fixed group as @moekit/spec releases it with the same bump.
import readChangesets from "@changesets/read";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const SPEC_PACKAGE = "@moekit/spec";

export type Bump = "none" | "patch" | "minor" | "major";
const BUMP_RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

export interface Changeset {
  id: string;
  releases: readonly { name: string; type: Bump }[];
}

export interface PendingBump {
  bump: Bump;
  /** Changeset ids that bump the package (or a package released together with it). */
  sources: string[];
}

export function higherBump(a: Bump, b: Bump): Bump {
  return BUMP_RANK[a] >= BUMP_RANK[b] ? a : b;
}

export function bumpAtLeast(bump: Bump, wanted: Bump): boolean {
  return BUMP_RANK[bump] >= BUMP_RANK[wanted];
}

/** The bump the changesets give `packageName`, counting packages in its fixed group. */
export function pendingBump(changesets: readonly Changeset[], packageName: string, fixedGroups: readonly (readonly string[])[] = []): PendingBump {
  const together = new Set([packageName, ...fixedGroups.filter((group) => group.includes(packageName)).flat()]);
  let bump: Bump = "none";
  const sources: string[] = [];
  for (const changeset of changesets) {
    const own = changeset.releases.filter((release) => together.has(release.name) && release.type !== "none");
    if (!own.length) continue;
    sources.push(changeset.id);
    for (const release of own) bump = higherBump(bump, release.type);
  }
  return { bump, sources };
}

export function fixedGroups(repoRoot: string): string[][] {
  const file = join(repoRoot, ".changeset", "config.json");
  if (!existsSync(file)) return [];
  const config = JSON.parse(readFileSync(file, "utf8")) as { fixed?: unknown };
  return Array.isArray(config.fixed) ? config.fixed.filter(Array.isArray).map((group) => group.map(String)) : [];
}

/** Changesets waiting in `<repoRoot>/.changeset` (none when the folder does not exist). */
export async function pendingChangesets(repoRoot: string): Promise<Changeset[]> {
  if (!existsSync(join(repoRoot, ".changeset"))) return [];
  const changesets = await readChangesets(repoRoot);
  return changesets.map(({ id, releases }) => ({ id, releases: releases.map(({ name, type }) => ({ name, type })) }));
}

/** The bump from one `x.y.z` version to another: a release already recorded in package.json. */
export function versionBump(from: string | undefined, to: string | undefined): Bump {
  const parse = (version: string | undefined) => /^(\d+)\.(\d+)\.(\d+)/.exec(version ?? "")?.slice(1).map(Number);
  const a = parse(from);
  const b = parse(to);
  if (!a || !b) return "none";
  const [major = 0, minor = 0, patch = 0] = a;
  const [nextMajor = 0, nextMinor = 0, nextPatch = 0] = b;
  if (nextMajor !== major) return nextMajor > major ? "major" : "none";
  if (nextMinor !== minor) return nextMinor > minor ? "minor" : "none";
  return nextPatch > patch ? "patch" : "none";
}
