import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { exportFolderAt, latestReleaseTag, readFileAt, resolveBase } from "../src/repository.js";
import { tempRepo, type TempRepo } from "./git-repo.js";

let repo: TempRepo;
afterEach(() => repo?.remove());

function write(path: string, text: string): void {
  mkdirSync(join(repo.root, path, ".."), { recursive: true });
  writeFileSync(join(repo.root, path), text);
}

describe("resolveBase", () => {
  it("has nothing to compare with before the first commit", () => {
    repo = tempRepo();
    expect(resolveBase(repo.root)).toBeUndefined();
  });

  it("compares with HEAD on main", () => {
    repo = tempRepo();
    write("spec/openapi.yaml", "openapi: 3.1.0\n");
    const head = repo.commit("first");
    expect(resolveBase(repo.root)).toEqual({ label: "HEAD", commit: head });
  });

  it("compares a branch with where it left main", () => {
    repo = tempRepo();
    const forkPoint = repo.commit("on main");
    repo.git("checkout", "--quiet", "-b", "feature");
    repo.commit("on the branch");
    repo.commit("again on the branch");
    expect(resolveBase(repo.root)).toEqual({ label: "merge-base of main and HEAD", commit: forkPoint });
  });

  it("prefers the highest release tag HEAD contains, comparing versions as numbers", () => {
    repo = tempRepo();
    repo.commit("1.9.0");
    repo.git("tag", "@moekit/spec@1.9.0");
    const release = repo.commit("1.10.0");
    repo.git("tag", "@moekit/spec@1.10.0");
    repo.git("tag", "@moekit/client@7.0.0");
    repo.commit("after the release");
    repo.git("checkout", "--quiet", "-b", "elsewhere", "HEAD~2");
    repo.commit("not in main");
    repo.git("tag", "@moekit/spec@9.0.0");
    repo.git("checkout", "--quiet", "main");
    expect(latestReleaseTag(repo.root)).toBe("@moekit/spec@1.10.0");
    expect(resolveBase(repo.root)).toEqual({ label: "@moekit/spec@1.10.0", commit: release });
  });

  it("takes the ref it is given, and refuses one that does not exist", () => {
    repo = tempRepo();
    const first = repo.commit("first");
    repo.commit("second");
    expect(resolveBase(repo.root, "HEAD~1")).toEqual({ label: "HEAD~1", commit: first });
    expect(() => resolveBase(repo.root, "no-such-ref")).toThrow(/--base no-such-ref is not a commit/);
  });
});

describe("files at a commit", () => {
  it("exports a folder as committed, leaving out later edits, and says when the folder did not exist", () => {
    repo = tempRepo();
    const empty = repo.commit("before the spec");
    write("spec/openapi.yaml", "openapi: 3.1.0\n");
    write("spec/paths/a.yaml", "get: {}\n");
    const withSpec = repo.commit("the spec");
    write("spec/openapi.yaml", "changed in the working tree\n");

    const target = mkdtempSync(join(tmpdir(), "moekit-spec-export-"));
    try {
      expect(exportFolderAt(repo.root, withSpec, "spec", target)).toBe(true);
      expect(readFileSync(join(target, "spec/openapi.yaml"), "utf8")).toBe("openapi: 3.1.0\n");
      expect(existsSync(join(target, "spec/paths/a.yaml"))).toBe(true);
      expect(exportFolderAt(repo.root, empty, "spec", join(target, "none"))).toBe(false);
    } finally {
      rmSync(target, { recursive: true, force: true });
    }
    expect(readFileAt(repo.root, withSpec, "spec/openapi.yaml")).toBe("openapi: 3.1.0\n");
    expect(readFileAt(repo.root, empty, "spec/openapi.yaml")).toBeUndefined();
  });
});
