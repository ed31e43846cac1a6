// Git side of the review: which commit to compare with, and the spec's files as they were at that commit.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";

export const RELEASE_TAG_PREFIX = "@moekit/spec@";

export interface BaseRef {
  /** What the user or the default picked: a tag, a ref, or "merge-base of main and HEAD". */
  label: string;
  commit: string;
}

function tryGit(repoRoot: string, args: string[], trim = true): string | undefined {
  const result = spawnSync("git", args, { cwd: repoRoot, encoding: "utf8" });
  if (result.status !== 0) return undefined;
  return trim ? result.stdout.trim() : result.stdout;
}

function commitOf(repoRoot: string, ref: string): string | undefined {
  return tryGit(repoRoot, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
}

function versionOf(tag: string): number[] | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(tag.slice(RELEASE_TAG_PREFIX.length));
  return match ? match.slice(1).map(Number) : undefined;
}

function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < 3; index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference) return difference;
  }
  return 0;
}

/** The highest `@moekit/spec@x.y.z` tag that HEAD contains. */
export function latestReleaseTag(repoRoot: string): string | undefined {
  const tags = (tryGit(repoRoot, ["tag", "--merged", "HEAD", "--list", `${RELEASE_TAG_PREFIX}*`]) ?? "").split("\n");
  let best: { tag: string; version: number[] } | undefined;
  for (const tag of tags) {
    const version = versionOf(tag);
    if (version && (!best || compareVersions(version, best.version) > 0)) best = { tag, version };
  }
  return best?.tag;
}

/**
 * The commit the working tree is compared with: the ref asked for, else the latest release tag, else the merge-base
 * of main and HEAD (HEAD itself on main). Undefined while the repository has no commit.
 */
export function resolveBase(repoRoot: string, requested?: string): BaseRef | undefined {
  if (requested) {
    const commit = commitOf(repoRoot, requested);
    if (!commit) throw new Error(`--base ${requested} is not a commit in ${repoRoot}`);
    return { label: requested, commit };
  }
  const head = commitOf(repoRoot, "HEAD");
  if (!head) return undefined;
  const tag = latestReleaseTag(repoRoot);
  if (tag) return { label: tag, commit: commitOf(repoRoot, tag) as string };
  for (const main of ["main", "origin/main"]) {
    if (!commitOf(repoRoot, main)) continue;
    const mergeBase = tryGit(repoRoot, ["merge-base", main, "HEAD"]);
    if (mergeBase) return { label: mergeBase === head ? "HEAD" : `merge-base of ${main} and HEAD`, commit: mergeBase };
  }
  return { label: "HEAD", commit: head };
}

/** Writes the folder `specPath` as it is at `commit` into `target`; false when the folder did not exist then. */
export function exportFolderAt(repoRoot: string, commit: string, specPath: string, target: string): boolean {
  if (!tryGit(repoRoot, ["ls-tree", "-d", commit, specPath])) return false;
  mkdirSync(target, { recursive: true });
  const archive = spawnSync("git", ["archive", "--format=tar", commit, specPath], { cwd: repoRoot, maxBuffer: 512 * 1024 * 1024 });
  if (archive.status !== 0) throw new Error(`git archive ${commit} ${specPath} failed: ${archive.stderr.toString()}`);
  const unpack = spawnSync("tar", ["-x", "-C", target], { input: archive.stdout });
  if (unpack.status !== 0) throw new Error(`unpacking ${specPath} at ${commit} failed: ${unpack.stderr.toString()}`);
  return true;
}

/** A file's text at `commit`, or undefined when it did not exist. */
export function readFileAt(repoRoot: string, commit: string, path: string): string | undefined {
  return tryGit(repoRoot, ["show", `${commit}:${path}`], false);
}

export function repositoryRoot(start: string): string | undefined {
  return tryGit(start, ["rev-parse", "--show-toplevel"]);
}
