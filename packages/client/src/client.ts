import createClient, { type Middleware } from "openapi-fetch";
import { checkCredentials, fillRequest, type Credentials } from "./credentials.js";
import { hostResolver, type HostOptions } from "./data-centers.js";
import { apiError, MoEngageError, MoEngageInvalidResponseError } from "./errors.js";
import { defaultHost, operationTable, type OperationId } from "./generated/operations.js";
import type { CallOptions, OperationMethods, PathMethod } from "./operation-types.js";
import { serialize } from "./payload-limit.js";
import { fetchWithRetries, type LogEntry, type RetryOptions } from "./retry.js";
import { createThrottle } from "./throttle.js";

export interface MoEngageClientOptions extends HostOptions {
  /** Workspace ID (formerly App ID), from Settings → Account → APIs. */
  workspaceId: string;
  /** The API keys you use, by family. Calling an operation of a missing family fails before sending. */
  credentials: Credentials;
  /** Throw errors instead of returning `{ error }`. Default false. */
  throwOnError?: boolean;
  /** Use the sandbox host of operations that have one (Inform). Default false. */
  sandbox?: boolean;
  /** Per attempt, in ms. Default 30 000. */
  timeout?: number;
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** `false` disables retries; an object adjusts the policy. */
  retry?: false | RetryOptions;
  /** `false` disables the client-side rate limiter. */
  throttle?: false;
  /** Receives one summary per attempt; never headers, keys or bodies. */
  logger?: (entry: LogEntry) => void;
  /** The fetch to send with, called with a URL and an init (default: the global one, looked up at each call). */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
}

type Throws<O> = O extends { throwOnError: true } ? true : false;

export type MoEngageClient<ClientThrows extends boolean = false> = OperationMethods<ClientThrows> & {
  GET: PathMethod<"get", ClientThrows>;
  PUT: PathMethod<"put", ClientThrows>;
  POST: PathMethod<"post", ClientThrows>;
  DELETE: PathMethod<"delete", ClientThrows>;
  PATCH: PathMethod<"patch", ClientThrows>;
  /** Adds openapi-fetch middleware (`onRequest`, `onResponse`, `onError`); it runs once per call, around the retries. */
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
};

type Result = { data?: unknown; error?: MoEngageError; response?: Response };
type CallInit = CallOptions & { params?: Record<string, any>; body?: unknown };

/** Internal: sends an operation with an already serialized body (bulk import) and its record count. */
export const sendSerialized = Symbol("moekit.send");
export type SendSerialized = (operationId: OperationId, init: CallInit, body: string, records: number) => Promise<Result>;

/** Records a body holds, for windows counted in events: the items of its top-level arrays, at least 1. */
const countRecords = (body: unknown) =>
  Object.values(body ?? {}).reduce((sum: number, value) => sum + (Array.isArray(value) ? value.length : 0), 0) || 1;

export function createMoEngageClient<const O extends MoEngageClientOptions>(options: O): MoEngageClient<Throws<O>> {
  const hostUrl = hostResolver(options);
  const secrets = checkCredentials(options.workspaceId, options.credentials);
  const base = createClient();
  // The typed surface is ours (operation-types.ts); openapi-fetch is driven untyped underneath.
  const request = base.request as (method: string, path: string, init: object) => Promise<Result & { response: Response }>;
  const throttle = createThrottle();
  const client: Record<string | symbol, unknown> = { use: base.use, eject: base.eject };
  const byPath: Record<string, OperationId> = {};

  const send = async (id: OperationId, init: CallInit = {}, text?: string, records?: number): Promise<Result> => {
    const facts = operationTable[id];
    // Call options win over the client's.
    const call = { ...options, ...init };
    const context = { operationId: id, method: facts.m.toUpperCase(), path: facts.p };
    try {
      const filled = await fillRequest(facts, call, context);
      // Refused here, returned or thrown like any other error: a body JSON cannot encode, or over maxBodyBytes.
      // A serialized body from bulk import was packed within the limit already.
      if (text == null && filled.body !== undefined) text = serialize(filled.body, id + " body", context, facts.b);
      const { data, error, response } = await request(facts.m, facts.p, {
        headers: init.headers,
        params: filled.params,
        body: text,
        bodySerializer: String,
        parseAs: facts.t ? "blob" : "text",
        baseUrl: hostUrl(facts.h?.[call.sandbox && facts.h[1] ? 1 : 0] ?? defaultHost),
        fetch: (request: Request) =>
          fetchWithRetries(
            request,
            call,
            facts,
            context,
            secrets.concat(filled.secrets),
            facts.r && call.throttle !== false
              ? () => throttle(facts.k ?? id, facts.r!, records ?? countRecords(filled.body), call.signal)
              : undefined,
          ),
      });
      if (!response.ok) throw apiError(response.status, error, context, response);
      // JSON is parsed here, not by openapi-fetch, so that a body that is not JSON becomes a typed error.
      if (facts.t) return { data, response };
      let parsed: any;
      try {
        parsed = data ? JSON.parse(data as string) : undefined;
      } catch (cause) {
        throw apiError(response.status, data, context, response, MoEngageInvalidResponseError, cause);
      }
      const [property, ...failures] = facts.x ?? [];
      if (property && failures.includes(parsed?.[property])) throw apiError(response.status, parsed, context, response);
      return { data: parsed, response };
    } catch (caught) {
      if (call.throwOnError || !(caught instanceof MoEngageError)) throw caught;
      return { error: caught, response: caught.response };
    }
  };

  for (const id in operationTable) {
    const { m, p } = operationTable[id as OperationId];
    byPath[m + p] = id as OperationId;
    client[id] = (init?: CallInit) => send(id as OperationId, init);
    client[m.toUpperCase()] ??= (path: string, init?: CallInit) => send(byPath[m + path]!, init);
  }
  client[sendSerialized] = send;
  return client as MoEngageClient<Throws<O>>;
}
