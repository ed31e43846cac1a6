export { createMoEngageClient, type MoEngageClient, type MoEngageClientOptions } from "./client.js";
export { bulkImport, type BulkImportFailure, type BulkImportOptions, type BulkImportProgress, type BulkImportResult, type BulkRecord } from "./bulk-import.js";
export { sha256Hex, type CredentialFamily, type Credentials } from "./credentials.js";
export { dataCenters, type DataCenter, type HostName, type HostOptions } from "./data-centers.js";
export {
  MoEngageAPIError,
  MoEngageAuthenticationError,
  MoEngageBadRequestError,
  MoEngageConfigurationError,
  MoEngageConflictError,
  MoEngageConnectionError,
  MoEngageError,
  MoEngageInvalidResponseError,
  MoEngageMissingCredentialError,
  MoEngageNotFoundError,
  MoEngagePayloadLimitError,
  MoEngagePayloadTooLargeError,
  MoEngagePermissionDeniedError,
  MoEngageRateLimitError,
  MoEngageSerializationError,
  MoEngageServerError,
  MoEngageTimeoutError,
  MoEngageUnsupportedMediaTypeError,
  type MoEngageErrorContext,
  type MoEngageErrorFields,
} from "./errors.js";
export { operationTable, type OperationFacts } from "./generated/operations.js";
export type { components, operations, paths } from "./generated/schema.js";
export type {
  BodyOf,
  CallOptions,
  MoEngageResult,
  OperationData,
  OperationId,
  OperationInit,
} from "./operation-types.js";
export type { LogEntry, RetryOptions } from "./retry.js";
export type { Middleware } from "openapi-fetch";
