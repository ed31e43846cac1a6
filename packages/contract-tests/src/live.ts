// Live mode: the same cases sent through `prism proxy --errors` to the real data center, when credentials are set.
import { dataCenters, type Credentials, type DataCenter, type HostName } from "@moekit/client";
import { loadBundle, type Json } from "./bundle.js";

export interface LiveConfig {
  dataCenter: DataCenter;
  workspaceId: string;
  credentials: Required<Credentials>;
  /** MOENGAGE_LIVE_WRITES=1: also send operations that change the workspace or send messages. */
  writes: boolean;
}

export const liveVariables = [
  "MOENGAGE_DC",
  "MOENGAGE_WORKSPACE_ID",
  "MOENGAGE_DATA_KEY",
  "MOENGAGE_PUSH_KEY",
  "MOENGAGE_INFORM_KEY",
  "MOENGAGE_CAMPAIGN_KEY",
] as const;

export const liveNotConfiguredTitle =
  `live mode not configured: set ${liveVariables.join(", ")} (and MOENGAGE_LIVE_WRITES=1 for write operations) ` +
  "to run every case through prism proxy --errors against your data center";

/** The live configuration, or the names of the variables still missing. Never holds more than the environment gave. */
export function readLiveConfig(env: Record<string, string | undefined>): { config?: LiveConfig; missing: string[] } {
  const missing = liveVariables.filter((name) => !env[name]?.trim());
  if (missing.length) return { missing };
  const dataCenter = env.MOENGAGE_DC!.trim() as DataCenter;
  if (!dataCenters.includes(dataCenter)) throw new Error(`MOENGAGE_DC must be one of ${dataCenters.join(", ")}`);
  return {
    missing: [],
    config: {
      dataCenter,
      workspaceId: env.MOENGAGE_WORKSPACE_ID!.trim(),
      credentials: {
        data: env.MOENGAGE_DATA_KEY!.trim(),
        push: env.MOENGAGE_PUSH_KEY!.trim(),
        inform: env.MOENGAGE_INFORM_KEY!.trim(),
        campaign: env.MOENGAGE_CAMPAIGN_KEY!.trim(),
      },
      writes: env.MOENGAGE_LIVE_WRITES == "1",
    },
  };
}

/**
 * The real hosts of a data center, by client host name (`api`, `pushapi`), from the servers the spec declares.
 * Sandbox servers are left out: the suite never asks the client for the sandbox.
 */
export function liveUpstreams(dataCenter: DataCenter, doc: Json = loadBundle()): Partial<Record<HostName, string>> {
  const servers: Json[] = [...(doc.servers ?? [])];
  for (const pathItem of Object.values<Json>(doc.paths ?? {})) {
    servers.push(...(pathItem.servers ?? []));
    for (const operation of Object.values<Json>(pathItem)) if (operation?.servers) servers.push(...operation.servers);
  }
  const upstreams: Partial<Record<HostName, string>> = {};
  for (const server of servers) {
    if (server["x-moe-environment"] == "sandbox") continue;
    const url: string = server.url;
    const host = url.slice(url.indexOf("//") + 2, url.indexOf("-{dc}")) as HostName;
    upstreams[host] = url.replace("{dc}", dataCenter);
  }
  return upstreams;
}

/** How a live answer looked, as the client returned it. */
export interface LiveAnswer {
  /** Undefined when no response came back (connection failure, timeout). */
  status?: number;
  headers?: Headers;
  /** The parsed body of an error answer. */
  errorBody?: unknown;
}

/** Statuses the spec documents for the operation, with `4XX`-style ranges kept as patterns. */
const documents = (statuses: string[], status: number) =>
  statuses.some((documented) => documented == String(status) || (/^\dXX$/i.test(documented) && documented[0] == String(status)[0]));

/**
 * What is wrong with a live answer that came through `prism proxy --errors`: a request or response that breaks the
 * spec (Prism reports it in `sl-violations` or answers with its own problem document), or a status the spec does not
 * list. An empty list means both directions agree with the spec.
 */
export function liveContractProblems(documentedStatuses: string[], answer: LiveAnswer): string[] {
  if (answer.status === undefined) return ["no response came back"];
  const problems: string[] = [];
  const violations = answer.headers?.get("sl-violations");
  if (violations) problems.push(`Prism found violations: ${violations}`);
  const body = answer.errorBody as { type?: unknown; validation?: unknown } | undefined;
  if (typeof body?.type == "string" && body.type.startsWith("https://stoplight.io/prism/errors#")) {
    problems.push(`Prism answered ${body.type.split("#")[1]}: ${JSON.stringify(body.validation ?? [])}`);
  }
  if (!documents(documentedStatuses, answer.status)) problems.push(`status ${answer.status} is not documented (${documentedStatuses.join(", ")})`);
  return problems;
}
