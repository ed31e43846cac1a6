import { MoEngageConnectionError, MoEngageTimeoutError, type MoEngageErrorContext } from "./errors.js";
import { redact } from "./redact.js";

export interface RetryOptions {
  /** Backoff before the first retry (doubled each time, full jitter), in ms. Default 500. */
  initialDelay?: number;
  /** Longest wait between attempts, a server's Retry-After included, in ms. Default 30 000. */
  maxDelay?: number;
  /** No retry starts later than this many ms after the first attempt. Default 60 000. */
  maxElapsed?: number;
}

export interface RetryPolicy extends Required<RetryOptions> {
  /** Retries after the first attempt. Default 2. */
  maxRetries: number;
}

export const defaultRetry: RetryPolicy = { maxRetries: 2, initialDelay: 500, maxDelay: 30_000, maxElapsed: 60_000 };

/**
 * The retry rule: a 429 was refused, so repeating it is always safe. 502, 503, 504, timeouts and network failures
 * may have reached MoEngage, so they are retried only for operations marked `x-moe-retry-safe`.
 * `status` is undefined when no status arrived.
 */
export const isRetryable = (status: number | false | undefined, retrySafe: boolean): boolean =>
  status == 429 || (retrySafe && (!status || status == 502 || status == 503 || status == 504));

/** The wait a server asks for: `Retry-After` (seconds or HTTP date), else `x-ratelimit-reset` (epoch seconds or delta). */
export function serverDelay(headers: Headers, now = Date.now()): number | undefined {
  const after = headers.get("retry-after");
  const reset = +(headers.get("x-ratelimit-reset") || NaN);
  const ms = after
    ? +after >= 0
      ? +after * 1000
      : Date.parse(after) - now
    : // Above 1e9 it is epoch seconds, else seconds from now.
      reset * 1000 - (reset > 1e9 ? now : 0);
  return ms >= 0 ? ms : ms < 0 ? 0 : undefined;
}

/** Exponential backoff with full jitter: uniform in [0, min(maxDelay, initialDelay · 2^retry)). */
export const backoff = (retry: number, policy: RetryOptions & { initialDelay: number; maxDelay: number }, random = Math.random): number =>
  random() * Math.min(policy.maxDelay, policy.initialDelay * 2 ** retry);

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", stop);
      resolve();
    }, ms);
    if (signal?.aborted) stop();
    signal?.addEventListener("abort", stop);
  });

/** One line per attempt for the `logger` option. Never holds headers or bodies. */
export interface LogEntry {
  operationId: string;
  method: string;
  /** Path template of the operation (the workspace id and other values are not filled in). */
  path: string;
  attempt: number;
  status?: number;
  durationMs: number;
  /** Name and message of the failure, when the attempt failed without a usable response. */
  error?: string;
  /** Set when another attempt follows after this many ms. */
  retryInMs?: number;
}

export interface AttemptOptions {
  /** Default: the global fetch, looked up at each attempt. Called with the URL and an init holding method, headers, body, signal. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Per attempt, in ms. Default 30 000. */
  timeout?: number;
  maxRetries?: number;
  retry?: false | RetryOptions;
  signal?: AbortSignal;
  logger?: (entry: LogEntry) => void;
}

/**
 * The custom `fetch` given to openapi-fetch: attempts with a fresh timer each, the body read inside the timer
 * (so a stalled or cut body is a failed attempt) as text with `secrets` redacted (bytes for a success when
 * `facts.t`), retries by `isRetryable` (`facts.s`: retry-safe), and `beforeAttempt` (the throttle) awaited before
 * every attempt.
 */
export async function fetchWithRetries(
  request: Request,
  options: AttemptOptions,
  facts: { s?: 1; t?: 1 },
  context: MoEngageErrorContext,
  secrets: string[],
  beforeAttempt?: () => Promise<void>,
): Promise<Response> {
  const { signal, retry, timeout = 30_000 } = options;
  const policy = { ...defaultRetry, ...retry, maxRetries: retry === false ? 0 : (options.maxRetries ?? defaultRetry.maxRetries) };
  const started = Date.now();
  // Read once and sent as a string by every attempt: cheaper than cloning the request's stream each time.
  const body = request.body ? await request.text() : undefined;
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    await beforeAttempt?.();
    // A fresh timer for every attempt, combined with the caller's signal.
    const timer = AbortSignal.timeout(timeout);
    const began = Date.now();
    let response: Response | undefined;
    let failure: Error | undefined;
    let status: number | undefined;
    try {
      response = await (options.fetch ?? fetch)(request.url, {
        method: request.method,
        headers: request.headers,
        body,
        signal: signal ? AbortSignal.any([signal, timer]) : timer,
      });
      status = response.status;
      // Error answers of binary operations are read as text too, so that they are redacted like any other.
      const answer = facts.t && response.ok ? await response.blob() : redact(await response.text(), secrets);
      response = new Response((answer as Blob).size ?? (answer as string).length ? answer : null, response);
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      // No usable response: the status is kept when it arrived before the body broke off.
      failure = new (timer.aborted ? MoEngageTimeoutError : MoEngageConnectionError)(
        `${timer.aborted ? "timed out" : "connection failed"} [${context.operationId}]`,
        { ...context, status, cause },
      );
    }
    const entry = {
      ...(context as Required<MoEngageErrorContext>),
      attempt,
      status,
      durationMs: Date.now() - began,
      error: failure && String(failure),
    };
    const wait = Math.min(policy.maxDelay, (response && serverDelay(response.headers)) ?? backoff(attempt - 1, policy));
    const again =
      attempt <= policy.maxRetries && isRetryable(!failure && status, !!facts.s) && Date.now() - started + wait <= policy.maxElapsed;
    options.logger?.(again ? { ...entry, retryInMs: wait } : entry);
    if (again) await sleep(wait, signal);
    else if (failure) throw failure;
    else return response!;
  }
}
