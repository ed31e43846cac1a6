// Reads the environment: mock or live mode, the workspace, keys and the write switch.
import { dataCenters, type CredentialFamily, type Credentials } from "@moekit/client";
import { keyVariables } from "./operations.js";

export interface ServerConfig {
  /** `mock` (the default) answers from an embedded Prism mock; `live` calls MoEngage. */
  mode: "mock" | "live";
  dataCenter?: string;
  workspaceId?: string;
  credentials: Credentials;
  /** Replaces every MoEngage host (a proxy, or a loopback server in tests). */
  baseUrl?: string;
  /** Live calls of operations that change data are refused unless this is set. */
  allowWrites: boolean;
  /** What is wrong with a live configuration; calls fail with these, search and reference keep working. */
  problems: string[];
}

const truthy = (value: string | undefined) => value === "1" || value?.toLowerCase() === "true";

/**
 * Live mode starts when MOENGAGE_DC (or MOEKIT_BASE_URL) is set; keys without a data center stay unused, so
 * an incomplete setup never reaches MoEngage by accident.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const dataCenter = env.MOENGAGE_DC?.trim() || undefined;
  const baseUrl = env.MOEKIT_BASE_URL?.trim() || undefined;
  const mode = dataCenter || baseUrl ? "live" : "mock";
  const credentials: Credentials = {};
  for (const [family, variable] of Object.entries(keyVariables) as [CredentialFamily, string][]) {
    const key = env[variable]?.trim();
    if (key) credentials[family] = key;
  }
  const workspaceId = env.MOENGAGE_WORKSPACE_ID?.trim() || undefined;
  const problems: string[] = [];
  if (mode === "live") {
    if (dataCenter && !(dataCenters as readonly string[]).includes(dataCenter)) {
      problems.push(`MOENGAGE_DC=${JSON.stringify(dataCenter)} is not a data center (${dataCenters.join(", ")})`);
    }
    if (!dataCenter && baseUrl) problems.push("MOEKIT_BASE_URL needs MOENGAGE_DC as well");
    if (!workspaceId) problems.push("MOENGAGE_WORKSPACE_ID is not set");
    if (baseUrl && !/^https?:\/\/[^\s]+$/.test(baseUrl)) problems.push("MOEKIT_BASE_URL is not an http(s) URL");
  }
  return {
    mode,
    dataCenter,
    workspaceId,
    credentials: mode === "live" ? credentials : {},
    baseUrl,
    allowWrites: truthy(env.MOENGAGE_ALLOW_WRITES),
    problems,
  };
}

/** One line for the log; never a key. */
export function describeConfig(config: ServerConfig): string {
  if (config.mode === "mock") return "mode mock: calls go to an embedded Prism mock of the spec (no network)";
  const keys = Object.keys(config.credentials).join(", ") || "none";
  return [
    `mode live: data center ${config.dataCenter ?? "?"}`,
    `workspace ${config.workspaceId ?? "?"}`,
    `keys configured: ${keys}`,
    config.baseUrl ? `base URL overridden` : undefined,
    `writes ${config.allowWrites ? "allowed" : "refused (set MOENGAGE_ALLOW_WRITES=1 to allow)"}`,
  ]
    .filter(Boolean)
    .join(", ");
}
