import { MoEngageConfigurationError, MoEngageMissingCredentialError, type MoEngageErrorContext } from "./errors.js";
import type { OperationFacts } from "./generated/operations.js";

/** The API keys of the workspace, one per family (Settings → Account → APIs). Configure the ones you use. */
export interface Credentials {
  /** Data API key: Data, Custom Segments, Email Templates (older API). */
  data?: string;
  /** Push API key: Push (signature), Live Activities. */
  push?: string;
  /** Inform API key. */
  inform?: string;
  /** Campaign report / Business events / Custom templates / Catalog key. */
  campaign?: string;
}

export type CredentialFamily = keyof Credentials;

const basic = (workspaceId: string, key: string) => btoa(workspaceId + ":" + key);

/** Checks the workspace id; returns every secret string (keys, Basic values) to keep out of errors and logs. */
export function checkCredentials(workspaceId: unknown, credentials: Credentials = {}): string[] {
  // Letters, digits, _ and - (test workspaces end in _DEBUG); a ":" or "/" would corrupt Basic auth or paths.
  if (typeof workspaceId != "string" || !/^[\w-]+$/.test(workspaceId)) {
    throw new MoEngageConfigurationError(`workspaceId ${JSON.stringify(workspaceId)} is empty or not letters, digits, _ and -`);
  }
  // An empty key counts as not configured: calls that need it fail with MoEngageMissingCredentialError.
  return Object.values(credentials).flatMap((key) => (key ? [key, basic(workspaceId, key)] : []));
}

/** Lowercase hex SHA-256 (Web Crypto, so it runs in every runtime). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => (byte + 256).toString(16).slice(1)).join("");
}

export interface FilledRequest {
  params: Record<"path" | "query" | "header", Record<string, unknown>>;
  body: any;
  /** Signatures computed for this request: secrets too. */
  secrets: string[];
}

/**
 * Fills what the table says the client supplies: the Basic Authorization of the operation's credential family,
 * the workspace id in paths, queries, headers and body fields, and sha256-hex signatures of `parts`.
 */
export async function fillRequest(
  facts: OperationFacts,
  { workspaceId, credentials, params = {}, body }: { workspaceId: string; credentials: Credentials; params?: Record<string, any>; body?: unknown },
  context: MoEngageErrorContext,
): Promise<FilledRequest> {
  const filled: Record<string, any> = { ...params, path: { ...params.path }, query: { ...params.query }, header: { ...params.header }, body };
  const secrets: string[] = [];
  const key = (family: string) => {
    const value = credentials[family as CredentialFamily];
    if (value) return value;
    throw new MoEngageMissingCredentialError(`credentials.${family} is not configured; ${context.operationId} needs it`, {
      ...context,
      credential: "credentials." + family,
    });
  };
  if (facts.c) filled.header.Authorization = "Basic " + basic(workspaceId, key(facts.c));
  for (const [target, ...parts] of facts.f ?? []) {
    let value = workspaceId;
    if (parts[0]) {
      value = await sha256Hex(
        parts
          .map((part) => {
            const [source, name] = part.split(".") as [string, string];
            return source == "workspace-id" ? workspaceId : source == "credential" ? key(name) : (filled[source]?.[name] ?? "");
          })
          .join("|"),
      );
      secrets.push(value);
    }
    const [location, name] = target!.split(".") as [string, string];
    if (location == "body") filled.body = { ...filled.body, [name]: value };
    else filled[location][name] = value;
  }
  const { body: filledBody, ...filledParams } = filled;
  return { params: filledParams as FilledRequest["params"], body: filledBody, secrets };
}
