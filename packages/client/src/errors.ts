/** Where an error happened: set on every error raised while calling an operation. */
export interface MoEngageErrorContext {
  operationId?: string;
  /** HTTP method, upper case. */
  method?: string;
  /** Path template of the operation, e.g. `/v1/event/{workspace_id}`. */
  path?: string;
}

export interface MoEngageErrorFields extends MoEngageErrorContext {
  status?: number;
  /** The family's error code or type (`MissingAttributeError`, `err_code`, `error-code`, …). */
  code?: string;
  requestId?: string;
  /** The request field the error is about (`attribute`, or `target` in Campaigns). */
  attribute?: string;
  details?: unknown;
}

interface ErrorInit extends MoEngageErrorFields {
  response?: Response;
  body?: unknown;
  cause?: unknown;
  [field: string]: unknown;
}

/**
 * Every error the client raises. Only the fields above are enumerable, so `JSON.stringify(error)` and
 * `util.inspect(error)` show them and never the request, the response or its body.
 */
export class MoEngageError extends Error {
  declare status?: number;
  declare code?: string;
  declare requestId?: string;
  declare attribute?: string;
  declare details?: unknown;
  declare operationId?: string;
  declare method?: string;
  declare path?: string;
  /** The HTTP response, when there was one (not enumerable). */
  declare readonly response?: Response;
  /** The parsed error body, secrets redacted (not enumerable). */
  declare readonly body?: unknown;

  constructor(message: string, { response, body, cause, ...fields }: ErrorInit = {}) {
    super(message, cause ? { cause } : undefined);
    for (const key in fields) if (fields[key] !== undefined) (this as Record<string, unknown>)[key] = fields[key];
    Object.defineProperties(this, { response: { value: response }, body: { value: body } });
  }
}

/** MoEngage answered with an error status, or with HTTP 200 and a failure body (`x-moe-soft-failure`). */
export class MoEngageAPIError extends MoEngageError {
  declare status: number;
}
export class MoEngageBadRequestError extends MoEngageAPIError {}
export class MoEngageAuthenticationError extends MoEngageAPIError {}
export class MoEngagePermissionDeniedError extends MoEngageAPIError {}
export class MoEngageNotFoundError extends MoEngageAPIError {}
export class MoEngageConflictError extends MoEngageAPIError {}
export class MoEngagePayloadTooLargeError extends MoEngageAPIError {}
export class MoEngageUnsupportedMediaTypeError extends MoEngageAPIError {}
export class MoEngageRateLimitError extends MoEngageAPIError {}
export class MoEngageServerError extends MoEngageAPIError {}
/** No usable response: the connection failed, or broke before the body was complete (`status` is set then). */
export class MoEngageConnectionError extends MoEngageError {}
/** An attempt took longer than `timeout`. */
export class MoEngageTimeoutError extends MoEngageConnectionError {}
/** A body that is not the JSON promised: HTML, truncated, garbage. */
export class MoEngageInvalidResponseError extends MoEngageError {}
/** Raised by `createMoEngageClient` for options it cannot work with. */
export class MoEngageConfigurationError extends MoEngageError {}
/** The operation needs a credential family that is not configured; nothing was sent. */
export class MoEngageMissingCredentialError extends MoEngageError {
  /** e.g. `"credentials.campaign"` */
  declare credential: string;
}
/** The body (or a bulk import record) is not something JSON can encode: a BigInt, a cycle; nothing was sent. */
export class MoEngageSerializationError extends MoEngageError {}
/** The body is larger than the operation's `maxBodyBytes`; nothing was sent. */
export class MoEngagePayloadLimitError extends MoEngageError {
  /** UTF-8 bytes of the serialized body. */
  declare size: number;
  declare limit: number;
}

const byStatus: Record<number, typeof MoEngageAPIError> = {
  400: MoEngageBadRequestError,
  401: MoEngageAuthenticationError,
  403: MoEngagePermissionDeniedError,
  404: MoEngageNotFoundError,
  409: MoEngageConflictError,
  413: MoEngagePayloadTooLargeError,
  415: MoEngageUnsupportedMediaTypeError,
  429: MoEngageRateLimitError,
};

// Names go on the prototype (not per instance, not from class.name) so they survive minifiers and stay out of JSON.
for (const [name, ErrorClass] of Object.entries({
  MoEngageError,
  MoEngageAPIError,
  MoEngageBadRequestError,
  MoEngageAuthenticationError,
  MoEngagePermissionDeniedError,
  MoEngageNotFoundError,
  MoEngageConflictError,
  MoEngagePayloadTooLargeError,
  MoEngageUnsupportedMediaTypeError,
  MoEngageRateLimitError,
  MoEngageServerError,
  MoEngageConnectionError,
  MoEngageTimeoutError,
  MoEngageInvalidResponseError,
  MoEngageConfigurationError,
  MoEngageMissingCredentialError,
  MoEngagePayloadLimitError,
  MoEngageSerializationError,
})) {
  ErrorClass.prototype.name = name;
}

const text = (value: unknown): string | undefined =>
  value == null || typeof value == "string" ? (value as undefined) : JSON.stringify(value);

/** `text` cut to `max` characters, with an ellipsis when it was longer. */
const clip = (text: string, max: number): string => (text.length > max ? text.slice(0, max) + "…" : text);

/** A short, single-line excerpt of a body that is not JSON (or of an error message). */
export const excerpt = (body: string): string => clip(body.replace(/\s+/g, " "), 160);

/**
 * One shape out of every family's envelope: Data `{status, error: {type, message, attribute, request_id}}`,
 * Campaigns and Live Activities `{error: {code, message, target, details}}`, Cards `{error: "…", request_id}`,
 * `{title, description}`, Push `{Error_Message, requestId}` and `{code, reason}`, Inform `{message, err_code}`,
 * Catalog `{"error-code", message}`, RFC 7807 problems `{type, title, detail}` (Prism); `[]`, empty and non-JSON
 * bodies carry no fields.
 */
export function normalizeEnvelope(body: unknown): MoEngageErrorFields & { message?: string } {
  // Object() turns null into {} and leaves strings and arrays without any of these fields.
  const outer = Object(body);
  const inner = Object(outer.error) === outer.error ? outer.error : outer;
  return {
    code: text(inner.code ?? inner.type ?? inner.err_code ?? inner["error-code"] ?? outer.title),
    message: text(inner.message ?? inner.reason ?? inner.Error_Message ?? inner.description ?? inner.detail ?? outer.error ?? outer.title),
    requestId: text(inner.request_id ?? inner.requestId ?? outer.request_id ?? outer.requestId),
    attribute: text(inner.attribute ?? inner.target),
    details: inner.details,
  };
}

/**
 * The error for an HTTP status (and a 200 failure body): the class by status, the envelope normalized. Message:
 * `MoEngage 400 MissingAttributeError: actions can not be empty Array [trackEvent POST /v1/event/{workspace_id}]`,
 * what comes from the body cut at 300 characters (the whole body stays on `error.body`).
 */
export function apiError(
  status: number,
  body: unknown,
  context: MoEngageErrorContext,
  response?: Response,
  ErrorClass: typeof MoEngageError = byStatus[status] ?? (status > 499 ? MoEngageServerError : MoEngageAPIError),
  cause?: unknown,
): MoEngageError {
  const { message, ...fields } = normalizeEnvelope(body);
  return new ErrorClass(
    clip(
      `MoEngage ${status}${fields.code ? " " + fields.code : ""}: ${
        message ?? (typeof body == "string" && body ? "non-JSON body: " + excerpt(body) : "no message")
      }`,
      300,
    ) + ` [${context.operationId} ${context.method} ${context.path}]`,
    { ...context, ...fields, status, response, body, cause },
  );
}
