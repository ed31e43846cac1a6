// Executes call_operation: write guard, schema check, then @moekit/client against the mock or MoEngage.
import { startMockServer, type MockServer } from "@moekit/mock-server";
import {
  createMoEngageClient,
  MoEngageError,
  MoEngageMissingCredentialError,
  type CredentialFamily,
  type Credentials,
  type LogEntry,
  type MoEngageClient,
} from "@moekit/client";
import type { ServerConfig } from "./config.js";
import { changesData, keyVariables } from "./operations.js";
import type { Redactor } from "./redact.js";
import type { SpecOperation } from "./spec.js";
import type { CallInput, Validator } from "./validate.js";

export interface CallOutcome {
  ok: boolean;
  /** What the agent reads: the response, or why nothing (or an error) came back. */
  result: Record<string, unknown>;
}

// Prism checks that credentials are present, never their values; real keys never go to the mock.
const mockWorkspaceId = "moekit-mock";
const mockCredentials: Required<Credentials> = {
  data: "mock-data-key",
  push: "mock-push-key",
  inform: "mock-inform-key",
  campaign: "mock-campaign-key",
};

const textTypes = /^(text\/|application\/(json|xml|csv))/;
const maxTextChars = 20_000;

export interface Caller {
  call(op: SpecOperation, input: CallInput & { sandbox?: boolean }): Promise<CallOutcome>;
  /** Stops the embedded mock, if it was started. */
  close(): Promise<void>;
}

export function createCaller(config: ServerConfig, validator: Validator, redactor: Redactor, log: (line: string) => void): Caller {
  let mock: Promise<MockServer> | undefined;
  let client: Promise<MoEngageClient> | undefined;

  const logAttempt = (entry: LogEntry) =>
    log(
      `${entry.operationId} ${entry.method} ${entry.path} attempt ${entry.attempt}: ${entry.status ?? entry.error ?? "no response"} in ${entry.durationMs} ms` +
        (entry.retryInMs !== undefined ? `, retrying in ${entry.retryInMs} ms` : ""),
    );

  const createClient = async (): Promise<MoEngageClient> => {
    const common = { logger: logAttempt };
    let created: MoEngageClient;
    if (config.mode === "mock") {
      // Prism parses the whole spec at start: seconds when idle, far longer on a loaded machine.
      mock ??= startMockServer({ startTimeoutMs: 120_000 });
      const server = await mock;
      log(`embedded mock listening on ${server.url}`);
      created = createMoEngageClient({ ...common, baseUrl: server.url, workspaceId: mockWorkspaceId, credentials: mockCredentials });
    } else {
      created = createMoEngageClient({
        ...common,
        dataCenter: config.dataCenter as never,
        ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
        workspaceId: config.workspaceId!,
        credentials: config.credentials,
      });
    }
    // Signatures are computed per request: remember each one so no output or log can show it.
    created.use({
      async onRequest({ request }) {
        for (const header of ["Authorization", "X-MOE-PushAPI-Signature", "Signature"]) {
          const value = request.headers.get(header);
          if (value) redactor.add(value, value.replace(/^Basic /, ""));
        }
        if (request.body) {
          const signature = /"signature"\s*:\s*"([^"]+)"/.exec(await request.clone().text())?.[1];
          if (signature) redactor.add(signature);
        }
        return request;
      },
    });
    return created;
  };

  return {
    async call(op, input) {
      const writes = changesData(op);
      if (config.mode === "live" && writes && !config.allowWrites) {
        return {
          ok: false,
          result: {
            refused: true,
            operationId: op.operationId,
            reason:
              `${op.operationId} (${op.method.toUpperCase()} ${op.path}) changes data in your MoEngage workspace, and writes are off. ` +
              "Nothing was sent. To allow writes, restart the server with MOENGAGE_ALLOW_WRITES=1.",
          },
        };
      }
      if (config.mode === "live" && config.problems.length) {
        return { ok: false, result: { operationId: op.operationId, error: "ConfigurationError", problems: config.problems, sent: false } };
      }
      const problems = validator.check(op, input);
      if (problems.length) {
        return {
          ok: false,
          result: { operationId: op.operationId, error: "ValidationError", message: `The request does not match the spec: ${problems.join("; ")}`, problems, sent: false },
        };
      }
      client ??= createClient();
      let api: MoEngageClient;
      try {
        api = await client;
      } catch (error) {
        // Start afresh on the next call rather than repeating this failure.
        client = undefined;
        mock = undefined;
        return { ok: false, result: { operationId: op.operationId, error: "StartError", message: (error as Error).message, sent: false } };
      }
      const call = (api as unknown as Record<string, (init: object) => Promise<{ data?: unknown; error?: MoEngageError; response?: Response }>>)[
        op.operationId
      ]!;
      const { data, error, response } = await call({
        ...(input.params ? { params: input.params } : {}),
        ...(input.body !== undefined ? { body: input.body } : {}),
        ...(input.sandbox ? { sandbox: true } : {}),
      });
      const meta = { operationId: op.operationId, mode: config.mode, changesData: writes };
      if (error) {
        // Only the error's enumerable fields: never its response or request.
        const details: Record<string, unknown> = Object.assign({ name: error.name, message: error.message }, error as object);
        if (error instanceof MoEngageMissingCredentialError) {
          const family = error.credential?.replace("credentials.", "") as CredentialFamily;
          details.message = `${op.operationId} needs the ${family} key: set ${keyVariables[family] ?? "its key variable"}. Nothing was sent.`;
        }
        return { ok: false, result: { ...meta, ...(error.body !== undefined ? { body: error.body } : {}), ...details } };
      }
      return { ok: true, result: { ...meta, status: response?.status, data: await describeData(data) } };
    },
    async close() {
      const running = mock;
      mock = undefined;
      client = undefined;
      if (running) await (await running.catch(() => undefined))?.stop();
    },
  };
}

/** JSON as is; a file (campaign report) as its type, size and text when it is text. */
async function describeData(data: unknown): Promise<unknown> {
  if (!(data instanceof Blob)) return data;
  const described: Record<string, unknown> = { contentType: data.type, bytes: data.size };
  if (textTypes.test(data.type) || !data.type) {
    const text = await data.text();
    described.text = text.length > maxTextChars ? `${text.slice(0, maxTextChars)}… (${text.length - maxTextChars} more characters)` : text;
  }
  return described;
}
