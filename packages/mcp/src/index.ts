export { readConfig, describeConfig, type ServerConfig } from "./config.js";
export { startHttpServer, type HttpServer } from "./http.js";
export { changesData } from "./operations.js";
export { describeOperation, renderReferencePage, type OperationDescription } from "./reference.js";
export { buildSearchDocuments, searchSpec, serializeSearchIndex, type SearchHit, type SerializedSearchIndex } from "./search.js";
export {
  createMoEngageMcpServer,
  createServerContext,
  serverName,
  serverVersion,
  type ContextOptions,
  type ServerContext,
} from "./server.js";
export { loadSpec, listOperations, specFiles } from "./spec.js";
