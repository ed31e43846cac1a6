import { inspect } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { MoEngageError, type LogEntry } from "../src/index.js";
import { redact } from "../src/redact.js";
import { basicValue, event, KEYS, sha256, testClient, WORKSPACE } from "./helpers/fixtures.js";
import { delay, json, startServer, type Handler, type TestServer } from "./helpers/server.js";

const signature = sha256(`${WORKSPACE}|Leak test|${KEYS.push}`);
const SECRETS = [...Object.values(KEYS), ...Object.values(KEYS).map(basicValue), signature];

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

test("redact replaces every occurrence", () => {
  expect(redact("a KEY b KEY", ["KEY"])).toBe("a [redacted] b [redacted]");
});

test("no key, Basic value or signature in any error, its JSON, its inspection, or the log", async () => {
  // A server that echoes everything it received, in the message, the details and a header.
  server.handle((request, response) => {
    const echo = `${request.headers.authorization} ${request.headers["x-moe-pushapi-signature"]} ${request.body} ${Object.values(KEYS).join(" ")}`;
    json(response, 400, { status: "fail", error: { type: "Echo", message: echo, attribute: echo, details: { echo }, request_id: "r" } }, {
      "x-echo": encodeURIComponent(echo).slice(0, 200),
    });
  });
  const log: LogEntry[] = [];
  const moe = testClient(server.url, { logger: (entry) => log.push(entry), retry: false });
  const errors: unknown[] = [];
  errors.push((await moe.trackEvent({ body: event() })).error);
  errors.push((await moe.searchCampaigns({ body: {} as never })).error);
  errors.push(
    (
      await moe.sendPushV21({
        body: { campaignName: "Leak test", requestType: "push", targetPlatform: ["ANDROID"], targetAudience: "All Users", payload: {} },
        params: { header: { "X-MOE-Query-Type": "all users" } },
      })
    ).error,
  );
  // 200 soft failure echoing the signature, an HTML page echoing the key, a timeout and a missing credential.
  server.handle((request, response) => json(response, 200, { status: "Fail", Error_Message: `bad ${request.headers["x-moe-pushapi-signature"]}` }));
  errors.push(
    (
      await moe.sendPushV21({
        body: { campaignName: "Leak test", requestType: "push", targetPlatform: ["ANDROID"], targetAudience: "All Users", payload: {} },
        params: { header: { "X-MOE-Query-Type": "all users" } },
      })
    ).error,
  );
  server.handle((request, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    response.end(`<html>${request.headers.authorization}</html>`);
  });
  errors.push((await moe.trackEvent({ body: event() })).error);
  server.handle(async (_request, response) => {
    await delay(200);
    if (!response.destroyed) json(response, 200, {});
  });
  errors.push((await moe.trackEvent({ body: event(), timeout: 20 })).error);
  errors.push((await testClient(server.url, { credentials: { data: KEYS.data } }).searchCampaigns({ body: {} as never })).error);

  expect(errors).toHaveLength(7);
  for (const error of errors) {
    expect(error).toBeInstanceOf(MoEngageError);
    const views = [
      (error as Error).message,
      String(error),
      (error as Error).stack ?? "",
      JSON.stringify(error),
      inspect(error, { depth: 10 }),
      JSON.stringify((error as MoEngageError).body ?? null),
    ];
    for (const view of views) for (const secret of SECRETS) expect(view).not.toContain(secret);
  }
  // The echo really happened: the redaction marker is where the secrets were.
  expect(JSON.stringify((errors[0] as MoEngageError).body)).toContain("[redacted]");
  expect(log.length).toBeGreaterThanOrEqual(6);
  const lines = log.map((entry) => JSON.stringify(entry) + inspect(entry));
  for (const line of lines) for (const secret of SECRETS) expect(line).not.toContain(secret);
});

test("a binary operation's error answers are redacted too: the report Signature echoed in JSON and HTML bodies", async () => {
  const filename = "report-2026-01-01.zip";
  const reportSignature = sha256(`${WORKSPACE}|${filename}|${KEYS.campaign}`);
  const secrets = [...SECRETS, reportSignature];
  const echo = (request: { headers: Record<string, unknown>; url: string }) =>
    `${request.headers.signature} ${request.headers.authorization} ${KEYS.campaign} ${basicValue(KEYS.campaign)} ${request.url}`;
  const answers: Handler[] = [
    (request, response) => json(response, 500, { status: "fail", error: { message: echo(request), details: { echo: echo(request) } } }),
    (request, response) => json(response, 404, { code: 404, reason: echo(request) }),
    (request, response) => {
      response.writeHead(403, { "content-type": "text/html" });
      response.end(`<html><body>${echo(request)}</body></html>`);
    },
  ];
  const moe = testClient(server.url, { retry: false });
  for (const answer of answers) {
    server.handle(answer);
    const { data, error } = await moe.downloadCampaignReport({ params: { path: { filename } } });
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(MoEngageError);
    expect(server.requests.at(-1)!.headers.signature).toBe(reportSignature);
    // The echo arrived, and was redacted.
    expect(error!.message).toContain("[redacted]");
    const views = [
      error!.message,
      String(error),
      error!.stack ?? "",
      JSON.stringify(error),
      inspect(error, { depth: 10 }),
      JSON.stringify(error!.body ?? null),
    ];
    for (const view of views) for (const secret of secrets) expect(view).not.toContain(secret);
  }
  // A successful download is still the bytes, untouched.
  server.handle((_request, response) => {
    response.writeHead(200, { "content-type": "application/zip" });
    response.end(Buffer.from([0x50, 0x4b, 0xff, 0x00]));
  });
  const { data } = await moe.downloadCampaignReport({ params: { path: { filename } } });
  expect([...new Uint8Array(await (data as Blob).arrayBuffer())]).toEqual([0x50, 0x4b, 0xff, 0x00]);
});
