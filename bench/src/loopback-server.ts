import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/** What the loopback server received since it started or was last reset. */
export interface LoopbackStats {
  requests: number;
  /** TCP connections opened: with keep-alive, at most the concurrency of the run. */
  connections: number;
  withoutAuthorization: number;
  /** `/v1/transition` requests, the records in them and their body sizes. */
  batches: number;
  records: number;
  batchBytes: number;
  largestBatchBytes: number;
  unreadableBatches: number;
}

export interface LoopbackServer {
  url: string;
  stats(): Promise<LoopbackStats>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

// The same relative path from src/ (tests) and dist/ (built benchmarks).
const serverScript = fileURLToPath(new URL("../server/loopback-server.mjs", import.meta.url));

const reply = <T>(child: ChildProcess, key: string): Promise<T> =>
  new Promise((resolve, reject) => {
    const onMessage = (message: Record<string, unknown>) => {
      if (!(key in message)) return;
      child.off("message", onMessage);
      child.off("exit", onExit);
      resolve(message[key] as T);
    };
    const onExit = (code: number | null) => reject(new Error(`loopback server exited (${code}) before answering "${key}"`));
    child.on("message", onMessage);
    child.once("exit", onExit);
  });

/** Forks the loopback server and resolves once it listens on 127.0.0.1. */
export async function startLoopbackServer(): Promise<LoopbackServer> {
  const child = fork(serverScript, [], { stdio: ["ignore", "inherit", "inherit", "ipc"], execArgv: [] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const port = await reply<number>(child, "port");
  return {
    url: `http://127.0.0.1:${port}`,
    async stats() {
      const answer = reply<LoopbackStats>(child, "stats");
      child.send("stats");
      return answer;
    },
    async reset() {
      const answer = reply<boolean>(child, "reset");
      child.send("reset");
      await answer;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send("stop");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
