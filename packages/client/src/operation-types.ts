// Types only: what a call of each operation takes and returns, derived from the generated schema and table.
import type { MoEngageError } from "./errors.js";
import type { FilledByClient, OperationId, OperationIdByPath, SoftFailureBodies } from "./generated/operations.js";
import type { operations } from "./generated/schema.js";
import type { RetryOptions } from "./retry.js";

export type { OperationId };
export type HttpMethod = "get" | "put" | "post" | "delete" | "patch";

/** Options every call takes, besides params and body. */
export interface CallOptions<Throw extends boolean = boolean> {
  /** Throw the `MoEngageError` instead of returning it as `error`. Defaults to the client's `throwOnError`. */
  throwOnError?: Throw;
  /** Send to the sandbox host, for operations that have one (Inform). Defaults to the client's `sandbox`. */
  sandbox?: boolean;
  /** Aborts the call, its queued throttle wait and its retries; the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Per attempt, in ms. */
  timeout?: number;
  /** Retries after the first attempt (0 for none). */
  maxRetries?: number;
  /** `false` disables retries for this call; an object adjusts the policy. */
  retry?: false | RetryOptions;
  /** `false` skips the client-side rate limiter for this call. */
  throttle?: false;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

type Locations = "path" | "query" | "header" | "cookie";
type Filled<K extends OperationId, L extends string> = FilledByClient[K] extends Record<L, infer Name> ? Name : never;
type RequiredKeys<T> = { [P in keyof T]-?: {} extends Pick<T, P> ? never : P }[keyof T];
type OmitFrom<T, Name> = [Name] extends [never] ? T : T extends unknown ? Omit<T, Name & keyof T> : never;

type Parameter<K extends OperationId, L extends Locations> = operations[K] extends { parameters: infer P }
  ? P extends Partial<Record<L, unknown>>
    ? OmitFrom<NonNullable<P[L]>, Filled<K, L>>
    : never
  : never;

/** A location is required when it still has required fields after the client's fills; empty ones disappear. */
type ParamsOf<K extends OperationId> = {
  [L in Locations as [Parameter<K, L>] extends [never]
    ? never
    : RequiredKeys<Parameter<K, L>> extends never
      ? never
      : L]: Parameter<K, L>;
} & {
  [L in Locations as [Parameter<K, L>] extends [never]
    ? never
    : [keyof Parameter<K, L>] extends [never]
      ? never
      : RequiredKeys<Parameter<K, L>> extends never
        ? L
        : never]?: Parameter<K, L>;
};

type ParamsOption<K extends OperationId> = [keyof ParamsOf<K>] extends [never]
  ? { params?: never }
  : RequiredKeys<ParamsOf<K>> extends never
    ? { params?: ParamsOf<K> }
    : { params: ParamsOf<K> };

/** The JSON media type of a content map; `Blob` when it has only other media, `undefined` when none. */
type JsonOf<Content> = [keyof Content] extends [never]
  ? undefined
  : {
        [M in keyof Content]: M extends `${string}json${string}` ? Content[M] : never;
      }[keyof Content] extends infer Json
    ? [Json] extends [never]
      ? Blob
      : Json
    : never;

type RequestBodyOf<K extends OperationId> = operations[K] extends { requestBody?: infer B } ? B : never;
export type BodyOf<K extends OperationId> = OmitFrom<
  JsonOf<NonNullable<RequestBodyOf<K>> extends { content: infer C } ? C : {}>,
  Filled<K, "body">
>;
type BodyOption<K extends OperationId> = [NonNullable<RequestBodyOf<K>>] extends [never]
  ? { body?: never }
  : undefined extends RequestBodyOf<K>
    ? { body?: BodyOf<K> }
    : { body: BodyOf<K> };

/** The second argument of an operation: its params and body without what the client fills, plus call options. */
export type OperationInit<K extends OperationId, Throw extends boolean = boolean> = CallOptions<Throw> &
  ParamsOption<K> &
  BodyOption<K>;

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206 | "2XX";
type Responses<K extends OperationId> = operations[K] extends { responses: infer R } ? R : {};
type SuccessBody<K extends OperationId> = {
  [S in keyof Responses<K>]: S extends SuccessStatus
    ? Responses<K>[S] extends { content?: infer C }
      ? JsonOf<NonNullable<C>>
      : undefined
    : never;
}[keyof Responses<K>];

/** `data` of a successful call: the 2xx body, without the failure bodies MoEngage sends with HTTP 200. */
export type OperationData<K extends OperationId> = K extends keyof SoftFailureBodies
  ? Exclude<SuccessBody<K>, SoftFailureBodies[K]>
  : SuccessBody<K>;

/** What a call resolves to: `{ data, response }`, or `{ error, response }` unless it throws. */
export type MoEngageResult<Data, Throw extends boolean> = Throw extends true
  ? { data: Data; error?: undefined; response: Response }
  :
      | { data: Data; error?: undefined; response: Response }
      | { data?: undefined; error: MoEngageError; response?: Response };

type Args<K extends OperationId, Throw extends boolean> = RequiredKeys<OperationInit<K>> extends never
  ? [init?: OperationInit<K, Throw>]
  : [init: OperationInit<K, Throw>];

export type OperationMethod<K extends OperationId, ClientThrows extends boolean> = <Throw extends boolean = ClientThrows>(
  ...init: Args<K, Throw>
) => Promise<MoEngageResult<OperationData<K>, Throw>>;

type PathsWith<M extends HttpMethod> = {
  [P in keyof OperationIdByPath]: OperationIdByPath[P] extends Record<M, OperationId> ? P : never;
}[keyof OperationIdByPath];
type IdOf<P extends keyof OperationIdByPath, M extends HttpMethod> = OperationIdByPath[P] extends Record<M, infer K extends OperationId>
  ? K
  : never;

export type PathMethod<M extends HttpMethod, ClientThrows extends boolean> = <
  P extends PathsWith<M>,
  Throw extends boolean = ClientThrows,
>(
  path: P,
  ...init: Args<IdOf<P, M>, Throw>
) => Promise<MoEngageResult<OperationData<IdOf<P, M>>, Throw>>;

/** One method per operationId (`client.trackEvent({ body })`). */
export type OperationMethods<ClientThrows extends boolean> = {
  [K in OperationId]: OperationMethod<K, ClientThrows>;
};
