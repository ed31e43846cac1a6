// The real @moekit/client, pointed at Prism, with a middleware that records every answered call for the guard.
import { createMoEngageClient, type Credentials, type HostName, type Middleware, type MoEngageClient, type MoEngageResult } from "@moekit/client";
import { loadBundle, listOperations, type Json } from "./bundle.js";
import { recordExercised, type ExerciseKind } from "./exercised.js";

/** Made-up credentials for the mock: Prism checks that credentials are present, never their values. */
export const mockWorkspace = {
  workspaceId: "MOEKIT_CONTRACT_WS",
  credentials: {
    data: "contract-data-key-5a8f",
    push: "contract-push-key-2c71",
    inform: "contract-inform-key-9e04",
    campaign: "contract-campaign-key-7d36",
  } satisfies Credentials,
};

export interface ContractClientOptions {
  /** One base URL for every host (the mock), or one per host (live proxies). */
  baseUrl?: string;
  hostUrls?: Partial<Record<HostName, string>>;
  workspaceId?: string;
  credentials?: Credentials;
  /** What the calls of this client are meant to prove; recorded with each answer. */
  kind: ExerciseKind;
  /** Headers removed from every request before it is sent (to prove that Prism asks for credentials). */
  stripHeaders?: string[];
  /** Keep the client's rate limiter (live mode); the mock has no limits to respect. */
  throttle?: boolean;
}

const operationIdByRoute = new Map(listOperations(loadBundle()).map((operation) => [`${operation.method.toUpperCase()} ${operation.path}`, operation.operationId]));

/** Records `{operationId, kind, status}` of every response; the operation is looked up by method and path template. */
export function recordingMiddleware(kind: ExerciseKind): Middleware {
  return {
    onResponse({ request, response, schemaPath }) {
      const operationId = operationIdByRoute.get(`${request.method} ${schemaPath}`);
      if (operationId) recordExercised({ operationId, kind, status: response.status });
    },
  };
}

/** Removes headers that the client has already filled in (credentials, workspace headers, signatures). */
export function strippingMiddleware(headers: string[]): Middleware {
  return {
    onRequest({ request }) {
      const stripped = new Headers(request.headers);
      for (const header of headers) stripped.delete(header);
      return new Request(request, { headers: stripped });
    },
  };
}

export function contractClient(options: ContractClientOptions): MoEngageClient {
  const client = createMoEngageClient({
    baseUrl: options.baseUrl,
    hostUrls: options.hostUrls,
    workspaceId: options.workspaceId ?? mockWorkspace.workspaceId,
    credentials: options.credentials ?? mockWorkspace.credentials,
    // Every answer is final: a retried 429 or 5xx would hide which response the test asked Prism for.
    retry: false,
    ...(options.throttle ? {} : { throttle: false as const }),
  });
  client.use(recordingMiddleware(options.kind));
  if (options.stripHeaders) client.use(strippingMiddleware(options.stripHeaders));
  return client;
}

/**
 * Calls an operation by its operationId, the way an application would (`client.trackUser({ body })`). The table of
 * cases is data, so the typed per-operation signature is widened to the common result shape here.
 */
export function callOperation(client: MoEngageClient, operationId: string, init: Json): Promise<MoEngageResult<unknown, false>> {
  const method = (client as unknown as Record<string, (init: Json) => Promise<MoEngageResult<unknown, false>>>)[operationId];
  if (typeof method != "function") throw new Error(`the client has no method ${operationId}`);
  return method(init);
}
