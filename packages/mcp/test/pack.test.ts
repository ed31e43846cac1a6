// `npx @moekit/mcp` in miniature: pack the package, unpack it elsewhere, give it only its declared dependencies,
// and start its bin with the SDK's client.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callTool, cleanEnv, connectStdio, packageRoot, type Connection } from "./helpers.js";

const workDir = mkdtempSync(join(tmpdir(), "moekit-mcp-pack-"));
const unpacked = join(workDir, "package");
let packedManifest: any;
let server: Connection;

beforeAll(async () => {
  // pnpm rewrites workspace: ranges to versions when packing, as it does when publishing.
  execFileSync("pnpm", ["pack", "--pack-destination", workDir], { cwd: packageRoot, stdio: "pipe" });
  const tarball = readdirSync(workDir).find((name) => name.endsWith(".tgz"))!;
  execFileSync("tar", ["-xzf", join(workDir, tarball), "-C", workDir]);
  packedManifest = JSON.parse(readFileSync(join(unpacked, "package.json"), "utf8"));
  // Only what an install from the registry would provide: the declared dependencies, never devDependencies.
  for (const name of Object.keys(packedManifest.dependencies)) {
    const link = join(unpacked, "node_modules", name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(realpathSync(join(packageRoot, "node_modules", name)), link, "dir");
  }
  server = await connectStdio(cleanEnv(), join(unpacked, packedManifest.bin["moekit-mcp"]));
});
afterAll(async () => {
  await server?.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe("the packed package", () => {
  it("holds the built server, its search index and README, with registry versions for every dependency", () => {
    const files = readdirSync(join(unpacked, "dist"));
    expect(files).toEqual(expect.arrayContaining(["bin.js", "index.js", "index.d.ts", "search-index.json"]));
    expect(readdirSync(unpacked)).toContain("README.md");
    expect(JSON.stringify(packedManifest.dependencies)).not.toContain("workspace:");
    expect(packedManifest.dependencies["@moekit/mock-server"]).toBeUndefined();
    expect(readFileSync(join(unpacked, "dist/bin.js"), "utf8").startsWith("#!/usr/bin/env node")).toBe(true);
  });

  it("starts from the unpacked tarball and lists its tools", async () => {
    const { tools } = await server.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(["search_moengage", "describe_operation", "call_operation"]));
  });

  it("runs the embedded mock it bundles", async () => {
    const { json, isError } = await callTool(server.client, "call_operation", {
      operationId: "trackEvent",
      body: { type: "event", customer_id: "john@example.com", actions: [{ action: "Signed Up" }] },
    });
    expect(isError, JSON.stringify(json)).toBe(false);
    expect(json).toMatchObject({ mode: "mock", status: 200, data: { status: "success" } });
  });

  it("stops its mock when the host closes the connection", async () => {
    const mockUrl = /embedded mock listening on (http:\/\/\S+)/.exec(server.stderr())![1]!;
    expect((await fetch(`${mockUrl}/v3/custom-segments`)).status).toBeGreaterThan(0);
    await server.close();
    await expect.poll(() => fetch(`${mockUrl}/v3/custom-segments`).then(() => "listening", () => "stopped"), { timeout: 10_000 }).toBe("stopped");
  });
});
