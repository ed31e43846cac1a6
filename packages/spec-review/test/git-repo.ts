// Throwaway git repositories for tests: real git, an identity of their own, removed afterwards.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TempRepo {
  root: string;
  git(...args: string[]): string;
  commit(message: string): string;
  remove(): void;
}

export function tempRepo(): TempRepo {
  const root = mkdtempSync(join(tmpdir(), "moekit-spec-review-repo-"));
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=spec review test", "-c", "user.email=review@example.com", "-c", "commit.gpgsign=false", ...args], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }).trim();
  git("init", "--quiet", "--initial-branch=main");
  return {
    root,
    git,
    commit(message) {
      git("add", "--all");
      git("commit", "--quiet", "--allow-empty", "-m", message);
      return git("rev-parse", "HEAD");
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
