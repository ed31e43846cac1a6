import type { MoEngageClient, MoEngageError, OperationId } from "@moekit/client";
import { loadSpecOperations } from "../../src/spec-operations.js";

const spec = loadSpecOperations();

/** Parameters the caller supplies for the operations these tests call (the client fills the rest). */
const params: Partial<Record<OperationId, object>> = {
  sendPushV21: { header: { "X-MOE-Query-Type": "user" } },
  downloadCampaignReport: { path: { filename: "report-2026-01-01.zip" } },
  ingestCatalogItems: { path: { catalog_id: "catalog-1" } },
};

/** One operation of each credential family and signature kind, with its documented request example. */
export const familyOperations = [
  "trackEvent",
  "trackUser",
  "sendPushV21",
  "sendPush",
  "startLiveActivity",
  "sendAlert",
  "searchCampaigns",
  "ingestCatalogItems",
  "downloadCampaignReport",
] as const satisfies readonly OperationId[];

export type CallResult = { data?: unknown; error?: MoEngageError; response?: Response };

/** Calls an operation by id with its documented example body, bypassing the types (the operation varies at run time). */
export function callExample(client: MoEngageClient<boolean>, operationId: OperationId, options: object = {}): Promise<CallResult> {
  const body = spec.byId(operationId).requestExample;
  const method = (client as unknown as Record<string, (init: object) => Promise<CallResult>>)[operationId]!;
  return method({ ...(params[operationId] && { params: params[operationId] }), ...(body !== undefined && { body }), ...options });
}

export function exampleBody(operationId: OperationId): any {
  return structuredClone(spec.byId(operationId).requestExample);
}
