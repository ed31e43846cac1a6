import { createHash } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { startMockServer, type MockServer } from "@moekit/mock-server";
import { hashSeed, pick, seededRandom } from "./random.js";
import { loadSpecOperations, type SpecOperation, type SpecOperations } from "./spec-operations.js";

/** Every way the server can misbehave, in the order shares are drawn. */
export const faultKinds = [
  "rate-limit",
  "server-error",
  "soft-failure",
  "html-error",
  "truncated-json",
  "stall",
  "reset",
  "oversized",
] as const;
export type FaultKind = (typeof faultKinds)[number];

/** One request's fault, drawn from the shares or chosen by `decide`. */
export interface FaultPlan {
  kind: FaultKind;
  /** Status of the answer (server-error, html-error). */
  status?: number;
  /**
   * Whether the server takes the records before failing, as MoEngage may have done when a gateway times out or a
   * connection breaks: the client cannot know, so it must report such records as "unknown". Only the kinds whose
   * outcome is unknown commit (server-error, html-error, truncated-json, stall, reset, oversized success/endless).
   */
  commit?: boolean;
  /** rate-limit: the header that says how long to wait, and its value. */
  rateLimitHeader?: ["retry-after" | "x-ratelimit-reset", string];
  /** truncated-json: `cut` drops the connection mid-body; `short` sends a complete answer whose JSON stops halfway. */
  truncation?: "cut" | "short";
  /** oversized: a padded success, a huge HTML page, an error envelope with a huge message, or a body that never ends. */
  oversized?: "success" | "html" | "envelope" | "endless";
}

export interface RequestInfo {
  /** 1-based position of the request since the server started (or was cleared). */
  seq: number;
  operation: SpecOperation;
  /** 1 for the first request with this operation and body, 2 for its first retry … */
  attempt: number;
  /** The parsed JSON body, if any. */
  body: unknown;
  headers: IncomingHttpHeaders;
}

export interface RecordedRequest {
  seq: number;
  /** Undefined when the path and method are not in the spec (answered 404). */
  operationId?: string;
  method: string;
  /** URL path without the query. */
  path: string;
  /** UTF-8 bytes of the request body. */
  bytes: number;
  /** SHA-1 of method, path and body: requests with the same digest are attempts of the same request. */
  digest: string;
  attempt: number;
  fault?: FaultKind;
  plan?: FaultPlan;
  /** Status sent, when a status line was sent. */
  status?: number;
  /** Records this request added to `accepted`. */
  committed: number;
  /** Set when the client went away before the answer was complete. */
  clientClosed?: boolean;
}

export interface FaultServerOptions {
  /** Base URL of the server that answers requests let through; default: a Prism mock of the bundled spec, started here. */
  upstream?: string;
  /** Seed of the fault draw. The draw depends on the seed, the operation, the body and the attempt, never on timing. */
  seed?: number;
  /** Share of requests per fault kind, from 0 to 1; the shares add up to at most 1. */
  shares?: Partial<Record<FaultKind, number>>;
  /** How long a stalled answer is held before the server gives up on it; the client's timeout must be shorter. */
  stallMs?: number;
  /** Longest wait a 429 asks for, in seconds. Default 1. */
  maxRetryAfterSeconds?: number;
  /** Size of the padding of an `oversized` answer, in bytes. Default 4 MiB. */
  oversizedBytes?: number;
  /** The identity of an accepted record. Default: its JSON text. */
  recordKey?: (record: unknown) => string;
  /** Fault bodies repeat the request's Authorization and signatures, as a careless gateway might. */
  echoSecrets?: boolean;
}

export interface FaultServer {
  url: string;
  /** Every request received, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Records the server took (its "database"): key → how many times. A count above 1 is a duplicate. */
  readonly accepted: Map<string, number>;
  /** Chooses a request's fault instead of the seeded draw: a plan, `null` for none, `undefined` to draw. */
  decide?: (request: RequestInfo) => FaultPlan | null | undefined;
  /** Requests received per operation. */
  count(operationId?: string): number;
  /** Forgets requests, attempts and accepted records. */
  clear(): void;
  stop(): Promise<void>;
}

/** The records a body carries: the elements of a bulk import, else the body itself. */
const recordsOf = (body: any): unknown[] =>
  Array.isArray(body?.elements) ? body.elements : body && typeof body == "object" ? [body] : [];

const hopByHop = new Set(["host", "connection", "content-length", "keep-alive", "transfer-encoding"]);
const reasons: Record<number, string> = { 200: "OK", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout" };

/** Appends `echo` to the message of an error envelope, whatever the family's shape. */
function withEcho(body: unknown, echo: string): unknown {
  const copy: any = body && typeof body == "object" && !Array.isArray(body) ? structuredClone(body) : {};
  const target = copy.error && typeof copy.error == "object" ? copy.error : copy;
  const field = ["message", "Error_Message", "reason", "description"].find((name) => typeof target[name] == "string");
  if (field) target[field] += ` (${echo})`;
  else if (typeof copy.error == "string") copy.error += ` (${echo})`;
  else target.message = echo;
  return copy;
}

const htmlPage = (status: number, extra = "") =>
  `<!DOCTYPE html><html><head><title>${status} ${reasons[status] ?? "Error"}</title></head><body>` +
  `<center><h1>${status} ${reasons[status] ?? "Error"}</h1></center>${extra}<hr><center>nginx</center></body></html>`;

/** Draws a request's fault from the shares; undefined when it gets none. */
export function drawFault(
  random: () => number,
  shares: Partial<Record<FaultKind, number>>,
  maxRetryAfterSeconds = 1,
): FaultPlan | undefined {
  let threshold = random();
  const kind = faultKinds.find((candidate) => (threshold -= shares[candidate] ?? 0) < 0);
  const coin = () => random() < 0.5;
  switch (kind) {
    case undefined:
      return undefined;
    case "rate-limit": {
      const seconds = Math.floor(random() * (maxRetryAfterSeconds + 1));
      const style = pick(random, ["seconds", "date", "epoch", "delta"] as const);
      const value =
        style == "seconds"
          ? String(seconds)
          : style == "date"
            ? new Date(Date.now() + seconds * 1000).toUTCString()
            : style == "epoch"
              ? String(Math.ceil(Date.now() / 1000) + seconds)
              : String(seconds);
      return { kind, rateLimitHeader: [style == "seconds" || style == "date" ? "retry-after" : "x-ratelimit-reset", value] };
    }
    case "server-error":
      return { kind, status: pick(random, [500, 502, 503, 504]), commit: coin() };
    case "html-error":
      return { kind, status: pick(random, [200, 500, 502, 503, 504]), commit: coin() };
    case "truncated-json":
      return { kind, truncation: pick(random, ["cut", "short"] as const), commit: true };
    case "stall":
    case "reset":
      return { kind, commit: coin() };
    case "soft-failure":
      return { kind, commit: false };
    case "oversized": {
      const oversized = pick(random, ["success", "html", "envelope", "endless"] as const);
      return { kind, oversized, commit: oversized == "success" || oversized == "endless" };
    }
  }
}

/**
 * A loopback HTTP server that speaks the spec's operations and misbehaves on purpose: it answers a seeded share of
 * requests with faults and lets the rest through to a Prism mock of the spec (which validates them). It records
 * every request and every record it accepted, so a test can compare what the client reported with what arrived.
 */
export async function startFaultServer(options: FaultServerOptions = {}): Promise<FaultServer> {
  const {
    seed = 1,
    shares = {},
    stallMs = 60_000,
    maxRetryAfterSeconds = 1,
    oversizedBytes = 4 * 1024 * 1024,
    recordKey = JSON.stringify,
    echoSecrets = false,
  } = options;
  const total = Object.values(shares).reduce((sum, share) => sum + share, 0);
  if (total > 1) throw new Error(`fault shares add up to ${total}, more than 1`);

  const spec: SpecOperations = loadSpecOperations();
  const mock: MockServer | undefined = options.upstream ? undefined : await startMockServer();
  const upstream = options.upstream ?? mock!.url;
  const requests: RecordedRequest[] = [];
  const accepted = new Map<string, number>();
  let attempts = new Map<string, number>();
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const readBody = (request: IncomingMessage) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => resolve(Buffer.concat(chunks)));
      request.on("error", reject);
    });

  /** Sends the request on to the upstream mock as it came. */
  const forward = async (request: IncomingMessage, body: Buffer) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined && !hopByHop.has(name)) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const answer = await fetch(upstream + request.url, {
      method: request.method,
      headers,
      body: request.method == "GET" || request.method == "HEAD" ? undefined : new Uint8Array(body),
    });
    const text = await answer.text();
    const passHeaders: Record<string, string> = { "content-type": answer.headers.get("content-type") ?? "application/json" };
    const violations = answer.headers.get("sl-violations");
    if (violations) passHeaders["sl-violations"] = violations;
    return { status: answer.status, headers: passHeaders, text };
  };

  /** Takes the body's records when the upstream accepted them (2xx and not a soft failure). */
  const commit = (operation: SpecOperation, parsed: unknown, answer: { status: number; text: string }, entry: RecordedRequest) => {
    if (answer.status < 200 || answer.status > 299) return;
    let reply: any;
    try {
      reply = answer.text ? JSON.parse(answer.text) : undefined;
    } catch {
      return;
    }
    const rule = operation.softFailure;
    if (rule && rule.values.includes(reply?.[rule.property])) return;
    for (const record of recordsOf(parsed)) {
      const key = recordKey(record);
      accepted.set(key, (accepted.get(key) ?? 0) + 1);
      entry.committed++;
    }
  };

  const echoOf = (request: IncomingMessage, parsed: any): string => {
    const { authorization, signature } = request.headers;
    const push = request.headers["x-moe-pushapi-signature"];
    const seen = [authorization, push, signature, parsed?.signature].filter((value) => typeof value == "string" && value);
    return seen.length ? "received " + seen.join(" ") : "";
  };

  const sendJson = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(body ?? {});
    response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
    response.end(text);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const method = request.method ?? "GET";
    const body = await readBody(request);
    const digest = createHash("sha1").update(method + " " + url.pathname + "\n").update(body).digest("hex");
    const operation = spec.match(method, url.pathname);
    const attemptKey = (operation?.operationId ?? "") + digest;
    const attempt = (attempts.get(attemptKey) ?? 0) + 1;
    attempts.set(attemptKey, attempt);
    const entry: RecordedRequest = {
      seq: requests.length + 1,
      operationId: operation?.operationId,
      method,
      path: url.pathname,
      bytes: body.length,
      digest,
      attempt,
      committed: 0,
    };
    requests.push(entry);
    response.once("close", () => {
      if (!response.writableFinished) entry.clientClosed = true;
    });
    const status = (code: number) => (entry.status = code);

    if (!operation) {
      sendJson(response, status(404), { code: 404, status: "error", reason: "Page not found. Please recheck the URL" });
      return;
    }
    let parsed: any;
    try {
      parsed = body.length ? JSON.parse(body.toString("utf8")) : undefined;
    } catch {
      parsed = undefined;
    }
    // The documented body limit, enforced as MoEngage does: refused, nothing taken.
    if (operation.maxBodyBytes && body.length > operation.maxBodyBytes) {
      sendJson(response, status(413), spec.example(operation, 413) ?? { status: "fail", error: { type: "PayloadTooLarge" } });
      return;
    }

    const decided = server.decide?.({ seq: entry.seq, operation, attempt, body: parsed, headers: request.headers });
    const random = seededRandom(hashSeed(seed, operation.operationId, digest, attempt));
    let plan = decided === undefined ? drawFault(random, shares, maxRetryAfterSeconds) : (decided ?? undefined);
    // A 200 failure body only means something for operations that document one.
    if (plan?.kind == "soft-failure" && !operation.softFailure) plan = undefined;
    entry.fault = plan?.kind;
    entry.plan = plan;
    const echo = echoSecrets ? echoOf(request, parsed) : "";
    const envelope = (code: number, fallback: unknown = { message: reasons[code] ?? "error" }) => {
      const documented = spec.example(operation, code) ?? spec.example(operation, 500) ?? fallback;
      return echo ? withEcho(documented, echo) : documented;
    };

    const answer = !plan || plan.commit ? await forward(request, body) : undefined;
    if (answer) commit(operation, parsed, answer, entry);

    if (!plan) {
      response.writeHead(status(answer!.status), { ...answer!.headers, "content-length": Buffer.byteLength(answer!.text) });
      response.end(answer!.text);
      return;
    }
    switch (plan.kind) {
      case "rate-limit": {
        const [header, value] = plan.rateLimitHeader ?? ["retry-after", "0"];
        sendJson(response, status(429), envelope(429), { [header]: value });
        return;
      }
      case "server-error":
        sendJson(response, status(plan.status ?? 500), envelope(plan.status ?? 500));
        return;
      case "soft-failure": {
        const failure = spec.softFailureBody(operation);
        sendJson(response, status(200), echo ? withEcho(failure, echo) : failure);
        return;
      }
      case "html-error": {
        const page = htmlPage(plan.status ?? 502, echo && `<p>${echo}</p>`);
        response.writeHead(status(plan.status ?? 502), { "content-type": "text/html", "content-length": Buffer.byteLength(page) });
        response.end(page);
        return;
      }
      case "truncated-json": {
        // The echo goes first and the cut falls after it, so a cut never splits a secret in two.
        const head = echo ? `{"echo":${JSON.stringify(echo)},` : "{";
        const full = (answer?.text ?? "{}").replace(/^\s*\{/, head);
        const cut = head.length + Math.floor((full.length - head.length) / 2);
        const part = full.slice(0, cut);
        const length = Buffer.byteLength(plan.truncation == "cut" ? full : part);
        response.writeHead(status(answer?.status ?? 200), { "content-type": "application/json", "content-length": length });
        if (plan.truncation == "cut") response.write(part, () => request.socket.destroy());
        else response.end(part);
        return;
      }
      case "stall": {
        // Held until the client gives up (its timeout) or stallMs passes.
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (answer) {
            response.writeHead(status(answer.status), answer.headers);
            response.end(answer.text);
          } else sendJson(response, status(504), envelope(504));
        }, stallMs);
        timers.add(timer);
        response.once("close", () => {
          clearTimeout(timer);
          timers.delete(timer);
        });
        return;
      }
      case "reset":
        request.socket.resetAndDestroy();
        return;
      case "oversized":
        return sendOversized(response, plan.oversized ?? "success", answer, envelope, status);
    }
  };

  const sendOversized = (
    response: ServerResponse,
    variant: NonNullable<FaultPlan["oversized"]>,
    answer: { status: number; text: string } | undefined,
    envelope: (code: number) => unknown,
    status: (code: number) => number,
  ) => {
    if (variant == "html") {
      const page = htmlPage(502, "<p>upstream error</p>".repeat(Math.ceil(oversizedBytes / 21)));
      response.writeHead(status(502), { "content-type": "text/html", "content-length": Buffer.byteLength(page) });
      response.end(page);
    } else if (variant == "envelope") {
      sendJson(response, status(500), withEcho(envelope(500), "x".repeat(oversizedBytes)));
    } else if (variant == "success") {
      const reply = answer?.text ? JSON.parse(answer.text) : {};
      sendJson(response, status(answer?.status ?? 200), { ...reply, padding: "x".repeat(oversizedBytes) });
    } else {
      // A body that never ends, written slowly enough that the client's buffer stays small, until the client leaves.
      response.writeHead(status(200), { "content-type": "application/json" });
      response.write('{"status":"success","padding":"');
      const chunk = "x".repeat(16 * 1024);
      const timer = setInterval(() => response.write(chunk), 10);
      timers.add(timer);
      response.once("close", () => {
        clearInterval(timer);
        timers.delete(timer);
      });
    }
  };

  const http = createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      if (!response.headersSent) sendJson(response, 500, { message: `fault server: ${error.message}` });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));

  const server: FaultServer = {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    requests,
    accepted,
    count: (operationId) => (operationId ? requests.filter((entry) => entry.operationId == operationId).length : requests.length),
    clear() {
      requests.length = 0;
      accepted.clear();
      attempts = new Map();
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await mock?.stop();
    },
  };
  return server;
}
