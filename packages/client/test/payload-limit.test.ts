import { afterAll, beforeAll, expect, test } from "vitest";
import { MoEngageError, MoEngagePayloadLimitError, MoEngageSerializationError } from "../src/index.js";
import { utf8Length } from "../src/payload-limit.js";
import { testClient } from "./helpers/fixtures.js";
import { startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

test("utf8Length agrees with Buffer.byteLength, surrogate pairs and long strings included", () => {
  const samples = ["", "plain ascii", "é", "€uro", "😀 smile", "a\u0000b", "日本語テキスト", "x".repeat(70_000) + "ü", "😀".repeat(40_000)];
  for (const sample of samples) expect(utf8Length(sample)).toBe(Buffer.byteLength(sample, "utf8"));
});

/** A trackEvent body whose serialized JSON is exactly `bytes` UTF-8 bytes, padded with `filler`. */
const eventOfSize = (bytes: number, filler = "a") => {
  const base = { type: "event" as const, customer_id: "u", actions: [{ action: "A", attributes: { pad: "" } }] };
  const overhead = Buffer.byteLength(JSON.stringify(base));
  const unit = Buffer.byteLength(filler);
  base.actions[0]!.attributes.pad = filler.repeat(Math.floor((bytes - overhead) / unit)) + "a".repeat((bytes - overhead) % unit);
  expect(Buffer.byteLength(JSON.stringify(base))).toBe(bytes);
  return base;
};

test("a body at the limit is sent", async () => {
  const { error } = await testClient(server.url).trackEvent({ body: eventOfSize(131_072) });
  expect(error).toBeUndefined();
  expect(server.requests.at(-1)!.bytes).toBe(131_072);
});

test("a body over maxBodyBytes is refused before sending, with both sizes and the operation", async () => {
  const before = server.requests.length;
  const { error } = await testClient(server.url).trackEvent({ body: eventOfSize(131_073) });
  expect(error).toBeInstanceOf(MoEngagePayloadLimitError);
  expect(error).toMatchObject({ size: 131_073, limit: 131_072, operationId: "trackEvent" });
  expect(error!.message).toBe("trackEvent body is 131073 bytes, over its 131072-byte limit");
  expect(server.requests).toHaveLength(before);
});

test("bytes, not characters: a multibyte body under the limit in characters is still refused", async () => {
  const before = server.requests.length;
  const body = eventOfSize(131_074, "€");
  expect(JSON.stringify(body).length).toBeLessThan(131_072);
  const { error } = await testClient(server.url).trackEvent({ body });
  expect(error).toMatchObject({ size: 131_074, limit: 131_072 });
  expect(server.requests).toHaveLength(before);
});

test("Live Activities' 5120-byte limit, thrown in throwOnError mode", async () => {
  const moe = testClient(server.url, { throwOnError: true });
  await expect(moe.startLiveActivity({ body: { pad: "x".repeat(6000) } as never })).rejects.toBeInstanceOf(MoEngagePayloadLimitError);
});

test("a body JSON cannot encode (a BigInt, a cycle) is a typed error, returned or thrown, and nothing is sent", async () => {
  const before = server.requests.length;
  const withBigInt = { type: "event" as const, customer_id: "u", actions: [{ action: "Paid", attributes: { cents: 10n } }] };
  const { data, error } = await testClient(server.url).trackEvent({ body: withBigInt as never });
  expect(data).toBeUndefined();
  expect(error).toBeInstanceOf(MoEngageSerializationError);
  expect(error).toBeInstanceOf(MoEngageError);
  expect(error).toMatchObject({ operationId: "trackEvent", method: "POST", path: "/v1/event/{workspace_id}" });
  expect(error!.message).toBe("trackEvent body cannot be encoded as JSON: Do not know how to serialize a BigInt");
  expect(error!.cause).toBeInstanceOf(TypeError);

  const cycle: Record<string, unknown> = { type: "customer", customer_id: "u" };
  cycle.self = cycle;
  const thrown = testClient(server.url, { throwOnError: true }).trackUser({ body: cycle as never });
  await expect(thrown).rejects.toBeInstanceOf(MoEngageSerializationError);
  await expect(thrown).rejects.toThrow(/^trackUser body cannot be encoded as JSON: Converting circular structure to JSON /);
  // and per call
  await expect(testClient(server.url).trackUser({ body: cycle as never, throwOnError: true })).rejects.toBeInstanceOf(MoEngageSerializationError);
  expect(server.requests).toHaveLength(before);
});
