// The MCP server: tools (search, list, describe, call) and resources (spec, reference pages, guide).
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type MiniSearch from "minisearch";
import { z } from "zod";
import { createCaller, type Caller } from "./caller.js";
import { describeConfig, readConfig, type ServerConfig } from "./config.js";
import { changesData } from "./operations.js";
import { createRedactor, type Redactor } from "./redact.js";
import { describeOperation, renderReferencePage } from "./reference.js";
import {
  loadSearchIndex,
  searchSpec,
  serializeSearchIndex,
  specDigest,
  type SearchDocument,
  type SerializedSearchIndex,
} from "./search.js";
import { guideSections, listOperations, specFiles, type GuideSection, type Json, type SpecOperation } from "./spec.js";
import { createValidator } from "./validate.js";

export const serverName = "moekit-mcp";
// dist/ and src/ both sit one level below package.json.
export const serverVersion: string = createRequire(import.meta.url)("../package.json").version;

export interface ContextOptions {
  env?: NodeJS.ProcessEnv;
  /** A prebuilt index; by default `search-index.json` beside the built module. */
  searchIndex?: SerializedSearchIndex;
  /** Where log lines go (already redacted). Default: stderr. */
  log?: (line: string) => void;
}

/** What every session shares: the spec, its index, one client (so throttling spans calls) and the mock. */
export interface ServerContext {
  config: ServerConfig;
  spec: Json;
  specText: string;
  operations: Map<string, SpecOperation>;
  guide: GuideSection[];
  index: MiniSearch<SearchDocument>;
  caller: Caller;
  redactor: Redactor;
  log: (line: string) => void;
  close(): Promise<void>;
}

function readIndex(specText: string, spec: Json, log: (line: string) => void, given?: SerializedSearchIndex): SerializedSearchIndex {
  if (given) return given;
  const file = new URL("./search-index.json", import.meta.url);
  if (!existsSync(file)) throw new Error(`The search index ${file.pathname} is missing: build the package (pnpm --filter @moekit/mcp build).`);
  const serialized: SerializedSearchIndex = JSON.parse(readFileSync(file, "utf8"));
  if (serialized.specSha256 !== specDigest(specText)) {
    log("the search index was built from another version of the spec; indexing the installed spec instead");
    return serializeSearchIndex(spec, specText);
  }
  return serialized;
}

export function createServerContext(options: ContextOptions = {}): ServerContext {
  const config = readConfig(options.env ?? process.env);
  const redactor = createRedactor(config.workspaceId, config.credentials);
  const write = options.log ?? ((line: string) => process.stderr.write(`${serverName}: ${line}\n`));
  const log = (line: string) => write(redactor.redact(line));
  const specText = readFileSync(specFiles.json, "utf8");
  const spec = JSON.parse(specText);
  const operations = new Map(listOperations(spec).map((op) => [op.operationId, op]));
  const index = loadSearchIndex(readIndex(specText, spec, log, options.searchIndex));
  const caller = createCaller(config, createValidator(spec), redactor, log);
  log(describeConfig(config));
  for (const problem of config.problems) log(`configuration: ${problem}`);
  return { config, spec, specText, operations, guide: guideSections(spec), index, caller, redactor, log, close: () => caller.close() };
}

const paramsShape = z
  .object({
    path: z.record(z.string(), z.unknown()).optional().describe("Path parameters, e.g. {\"catalog_id\": \"…\"}"),
    query: z.record(z.string(), z.unknown()).optional().describe("Query parameters"),
    header: z.record(z.string(), z.unknown()).optional().describe("Header parameters, e.g. {\"X-MOE-Query-Type\": \"ALL\"}"),
  })
  .optional();

const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

/** A new MCP server over a shared context: one per connection (stdio) or HTTP session. */
export function createMoEngageMcpServer(context: ServerContext): McpServer {
  const { spec, operations, index, caller, redactor, config } = context;
  const server = new McpServer(
    { name: serverName, version: serverVersion },
    {
      instructions:
        "MoEngage REST API from its OpenAPI description. Find operations and guide sections with search_moengage, read " +
        "describe_operation before calling, then call_operation. Calls go to an embedded mock unless the server runs " +
        "in live mode; in live mode, operations that change data need MOENGAGE_ALLOW_WRITES=1.",
    },
  );

  const reply = (value: unknown, isError = false): CallToolResult => {
    let text = typeof value === "string" ? value : JSON.stringify(value, null, 2);
    // Indentation doubles the largest schemas (campaigns); those go compact to spare the context window.
    if (typeof value !== "string" && text.length > 20_000) text = JSON.stringify(value);
    return { content: [{ type: "text", text: redactor.redact(text) }], ...(isError ? { isError: true } : {}) };
  };

  const findOperation = (operationId: string): { op: SpecOperation } | { unknown: CallToolResult } => {
    const op = operations.get(operationId);
    if (op) return { op };
    const suggestions = searchSpec(index, operationId.replace(/([a-z])([A-Z])/g, "$1 $2"), 10)
      .filter((hit) => hit.operationId)
      .slice(0, 3)
      .map((hit) => hit.operationId);
    return {
      unknown: reply(`Unknown operationId ${JSON.stringify(operationId)}. Did you mean: ${suggestions.join(", ")}? Use search_moengage or list_operations.`, true),
    };
  };

  server.registerTool(
    "search_moengage",
    {
      title: "Search the MoEngage API",
      description:
        "Full-text search over the MoEngage API description: operations (summary, description, parameters, body fields, " +
        "limits) and guide sections (data centers, hosts, credentials, rate and payload limits, errors). Returns ranked " +
        "results with operationId, method, path, family and an excerpt.",
      inputSchema: {
        query: z.string().min(1).describe("What you are looking for, e.g. \"track an event\" or \"catalog rate limit\""),
        limit: z.number().int().min(1).max(20).optional().describe("Most results to return (default 5)"),
      },
      annotations: readOnly,
    },
    async ({ query, limit }) => {
      const results = searchSpec(index, query, limit ?? 5);
      return reply({ query, results });
    },
  );

  server.registerTool(
    "list_operations",
    {
      title: "List MoEngage operations",
      description: "Every operation of the spec, optionally of one family (Data, Push, Inform, Campaigns, Cards, Catalog …), with whether it changes data.",
      inputSchema: { family: z.string().optional().describe("API family (the spec's tag), case-insensitive") },
      annotations: readOnly,
    },
    async ({ family }) => {
      const list = [...operations.values()]
        .filter((op) => !family || op.family.toLowerCase() === family.toLowerCase())
        .map((op) => ({
          operationId: op.operationId,
          method: op.method.toUpperCase(),
          path: op.path,
          family: op.family,
          summary: op.operation.summary,
          changesData: changesData(op),
          ...(op.operation.deprecated ? { deprecated: true } : {}),
        }));
      if (!list.length) {
        const families = [...new Set([...operations.values()].map((op) => op.family))];
        return reply(`No operations in family ${JSON.stringify(family)}. Families: ${families.join(", ")}.`, true);
      }
      return reply({ count: list.length, operations: list });
    },
  );

  server.registerTool(
    "describe_operation",
    {
      title: "Describe a MoEngage operation",
      description:
        "Everything needed to call one operation: method, path, host, credential family and the environment variable of its key, " +
        "what the server fills in (workspace id, signatures), limits, whether it changes data, parameters, the request JSON " +
        "schema and an example call_operation input.",
      inputSchema: { operationId: z.string().min(1).describe("e.g. trackEvent") },
      annotations: readOnly,
    },
    async ({ operationId }) => {
      const found = findOperation(operationId);
      return "op" in found ? reply(describeOperation(spec, found.op)) : found.unknown;
    },
  );

  server.registerTool(
    "call_operation",
    {
      title: "Call a MoEngage operation",
      description:
        `Sends one operation through the moekit client (hosts, keys, signatures, retries, throttling and payload limits apply) ` +
        `after checking params and body against the spec. Now in ${config.mode} mode: ` +
        (config.mode === "mock"
          ? "calls go to an embedded mock of the spec and change nothing. "
          : `calls go to MoEngage; operations that change data are ${config.allowWrites ? "allowed" : "refused (MOENGAGE_ALLOW_WRITES is not set)"}. `) +
        "Do not pass the workspace id, Authorization or signatures: the server fills them in.",
      inputSchema: {
        operationId: z.string().min(1).describe("e.g. trackEvent"),
        params: paramsShape,
        body: z.unknown().optional().describe("The JSON request body, as in describe_operation's exampleCall"),
        sandbox: z.boolean().optional().describe("Use the sandbox host (Inform only)"),
      },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: config.mode === "live" },
    },
    async ({ operationId, params, body, sandbox }) => {
      const found = findOperation(operationId);
      if (!("op" in found)) return found.unknown;
      try {
        const outcome = await caller.call(found.op, { params: params as never, body, sandbox });
        return reply(outcome.result, !outcome.ok);
      } catch (error) {
        return reply({ operationId, error: (error as Error).name, message: (error as Error).message }, true);
      }
    },
  );

  server.registerResource(
    "openapi.json",
    "moengage://spec/openapi.json",
    { title: "MoEngage OpenAPI document (JSON)", description: "The bundled OpenAPI 3.1 description this server is built from.", mimeType: "application/json" },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: "application/json", text: context.specText }] }),
  );
  server.registerResource(
    "openapi.yaml",
    "moengage://spec/openapi.yaml",
    { title: "MoEngage OpenAPI document (YAML)", mimeType: "application/yaml" },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: "application/yaml", text: readFileSync(specFiles.yaml, "utf8") }] }),
  );

  server.registerResource(
    "operation",
    new ResourceTemplate("moengage://operations/{operationId}", {
      list: async () => ({
        resources: [...operations.values()].map((op) => ({
          uri: `moengage://operations/${op.operationId}`,
          name: op.operationId,
          title: op.operation.summary,
          description: `${op.method.toUpperCase()} ${op.path} (${op.family})`,
          mimeType: "text/markdown",
        })),
      }),
      complete: { operationId: (value) => [...operations.keys()].filter((id) => id.startsWith(value)) },
    }),
    { title: "Operation reference page", description: "One operation's reference, rendered from the spec.", mimeType: "text/markdown" },
    async (uri, { operationId }) => {
      const op = operations.get(String(operationId));
      if (!op) throw new Error(`Unknown operation ${String(operationId)}`);
      return { contents: [{ uri: uri.href, mimeType: "text/markdown", text: renderReferencePage(spec, op) }] };
    },
  );

  server.registerResource(
    "guide",
    new ResourceTemplate("moengage://guide/{section}", {
      list: async () => ({
        resources: context.guide.map((section) => ({
          uri: `moengage://guide/${section.slug}`,
          name: section.slug,
          title: section.title,
          mimeType: "text/markdown",
        })),
      }),
    }),
    { title: "Guide section", description: "A section of the API guide: data centers, hosts, credentials, limits, errors.", mimeType: "text/markdown" },
    async (uri, { section }) => {
      const found = context.guide.find((s) => s.slug === String(section));
      if (!found) throw new Error(`Unknown guide section ${String(section)}`);
      return { contents: [{ uri: uri.href, mimeType: "text/markdown", text: found.markdown + "\n" }] };
    },
  );

  return server;
}
