import { createHash } from "node:crypto";
import { createMoEngageClient, type MoEngageClientOptions } from "../../src/index.js";

export const WORKSPACE = "DAO6UGZ73D9RTK8B5W96TPYN";
export const KEYS = {
  data: "data-key-0123456789abcdef",
  push: "push-key-0123456789abcdef",
  inform: "inform-key-0123456789abcdef",
  campaign: "campaign-key-0123456789abcdef",
};

/** Computed independently of the client, with node:crypto. */
export const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
export const basicValue = (key: string) => Buffer.from(`${WORKSPACE}:${key}`).toString("base64");

/** A client against a test server, retries fast and the given options on top. */
export function testClient<const O extends Partial<MoEngageClientOptions>>(url: string, options?: O) {
  return createMoEngageClient({
    baseUrl: url,
    workspaceId: WORKSPACE,
    credentials: KEYS,
    retry: { initialDelay: 1, maxDelay: 50 },
    ...options,
  } as MoEngageClientOptions & O);
}

export const event = (name = "Signed Up") => ({
  type: "event" as const,
  customer_id: "john@example.com",
  actions: [{ action: name, platform: "web" }],
});
