// Runs Prism on the bundled MoEngage spec as a child process bound to loopback.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";

const require = createRequire(import.meta.url);
const prismCli = require.resolve("@stoplight/prism-cli/dist/index.js");
export const bundledSpecPath = require.resolve("@moekit/spec/openapi.yaml");

/** Children still running, killed if this process exits without stopping them. */
const running = new Set();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Asks the OS for a free loopback port. */
export function freePort(host = "127.0.0.1") {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `prism mock` (or `prism proxy` when `upstream` is set) and resolves once it listens.
 * @param {import("./index.js").MockServerOptions} [options]
 */
export async function startMockServer(options = {}) {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? (await freePort(host));
  const spec = options.spec ?? bundledSpecPath;
  const args = options.upstream
    ? [prismCli, "proxy", spec, options.upstream, "--errors"]
    : [prismCli, "mock", spec];
  args.push("-h", host, "-p", String(port));
  if (options.dynamic) args.push("--dynamic");

  const child = spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  running.add(child);
  const output = [];
  const remember = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
    options.onLog?.(chunk.toString());
  };
  child.stdout.on("data", remember);
  child.stderr.on("data", remember);

  const exited = new Promise((resolve) => child.once("exit", (code, signal) => {
    running.delete(child);
    resolve({ code, signal });
  }));

  await new Promise((resolve, reject) => {
    const timeoutMs = options.startTimeoutMs ?? 120_000;
    const timer = setTimeout(() => fail(new Error(`Prism did not start within ${timeoutMs} ms:\n${output.join("").slice(-2000)}`)), timeoutMs);
    const onData = (chunk) => {
      if (chunk.toString().includes("Prism is listening")) done();
    };
    const onExit = ({ code, signal }) => fail(new Error(`Prism exited (${code ?? signal}) before listening:\n${output.join("").slice(-2000)}`));
    function cleanup() {
      clearTimeout(timer);
      child.stdout.off("data", onData);
    }
    function done() {
      cleanup();
      resolve();
    }
    function fail(error) {
      cleanup();
      child.kill("SIGKILL");
      reject(error);
    }
    child.stdout.on("data", onData);
    exited.then(onExit);
  });

  return {
    url: `http://${host}:${port}`,
    port,
    pid: child.pid,
    output: () => output.join(""),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
