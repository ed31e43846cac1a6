// The built bin over stdio, in its default mode: search, describe, reference pages and calls to the embedded mock.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpec, listOperations, specFiles } from "../src/spec.js";
import { callTool, cleanEnv, connectStdio, type Connection } from "./helpers.js";

let server: Connection;
const spec = loadSpec();

async function readText(uri: string): Promise<{ text: string; mimeType?: string }> {
  const { contents } = await server.client.readResource({ uri });
  const [first] = contents;
  return { text: first && "text" in first ? first.text : "", mimeType: first?.mimeType };
}

beforeAll(async () => {
  server = await connectStdio(cleanEnv());
});
afterAll(async () => {
  await server?.close();
});

describe("tools", () => {
  it("lists search, list, describe and call, each with a description and an input schema", async () => {
    const { tools } = await server.client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(["call_operation", "describe_operation", "list_operations", "search_moengage"]);
    for (const tool of tools) {
      expect(tool.description?.length, tool.name).toBeGreaterThan(40);
      expect(tool.inputSchema.type).toBe("object");
    }
    const call = tools.find((tool) => tool.name === "call_operation")!;
    expect(Object.keys(call.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(["operationId", "params", "body"]));
    expect(call.description).toContain("mock mode");
  });
});

describe("search_moengage", () => {
  // Each query with the results that answer it; the first of them must rank in the top 3, and the top result
  // must be one of them.
  const expectations: [query: string, answers: string[]][] = [
    ["track an event", ["operation:trackEvent"]],
    ["bulk import size limit", ["operation:importBulk", "guide:payload-limits"]],
    ["which data center for the EU", ["guide:choosing-a-data-center"]],
    ["push signature", ["operation:sendPushV21", "operation:sendPush", "guide:credentials"]],
    ["catalog rate limit", ["guide:rate-limits", "family:Catalog"]],
  ];
  const key = (hit: any) => (hit.kind === "guide" ? `guide:${hit.uri.split("/").pop()}` : `operation:${hit.operationId}`);
  const answers = (hit: any, accepted: string[]) => accepted.includes(key(hit)) || (hit.family && accepted.includes(`family:${hit.family}`));

  it.each(expectations)("%s: finds the right operation or guide section first", async (query, accepted) => {
    const { json, isError } = await callTool(server.client, "search_moengage", { query });
    expect(isError).toBe(false);
    const hits = json.results;
    expect(answers(hits[0], accepted), `top result ${key(hits[0])}`).toBe(true);
    const firstAnswer = accepted[0]!;
    expect(hits.slice(0, 3).some((hit: any) => answers(hit, [firstAnswer])), `${firstAnswer} in the top 3`).toBe(true);
  });

  it("returns ranked results with operationId, method, path, family and an excerpt of the match", async () => {
    const { json } = await callTool(server.client, "search_moengage", { query: "push signature", limit: 3 });
    expect(json.results).toHaveLength(3);
    expect(json.results.map((hit: any) => hit.rank)).toEqual([1, 2, 3]);
    expect(json.results[0].score).toBeGreaterThanOrEqual(json.results[1].score);
    expect(json.results[0]).toMatchObject({
      kind: "operation",
      operationId: "sendPushV21",
      method: "POST",
      path: "/v2.1/transaction/sendpush",
      family: "Push",
      uri: "moengage://operations/sendPushV21",
    });
    expect(json.results[0].excerpt.toLowerCase()).toContain("signature");
    expect(json.results[0].excerpt.length).toBeLessThanOrEqual(240);
  });

  it("finds an operation by words of its request body fields", async () => {
    const { json } = await callTool(server.client, "search_moengage", { query: "user_timezone_offset" });
    expect(json.results.slice(0, 3).map((hit: any) => hit.operationId)).toContain("trackEvent");
  });
});

describe("describe_operation", () => {
  it("gives trackEvent's credential family, limits, schema and a valid example call", async () => {
    const { json, isError } = await callTool(server.client, "describe_operation", { operationId: "trackEvent" });
    expect(isError).toBe(false);
    expect(json).toMatchObject({
      operationId: "trackEvent",
      method: "POST",
      path: "/v1/event/{workspace_id}",
      family: "Data",
      changesData: true,
      retrySafe: false,
      credential: { family: "data", environmentVariable: "MOENGAGE_DATA_KEY" },
    });
    expect(json.credential.filledByServer).toEqual(expect.arrayContaining(["header.Authorization", "path.workspace_id", "header.MOE-APPKEY"]));
    expect(json.limits.summary).toContain("Rate limit: 30,000 events per minute per workspace");
    expect(json.limits.maxBodyBytes).toBe(131072);
    expect(json.requestBody.schema.properties.actions.type).toBe("array");
    // Every reference points into the schema's own $defs, so it reads without the spec.
    const refs = [...JSON.stringify(json.requestBody.schema).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(json.requestBody.schema.$defs[ref.replace("#/$defs/", "")], ref).toBeDefined();
    expect(json.parameters.map((p: any) => p.name)).not.toContain("workspace_id");
    expect(json.exampleCall.body.type).toBe("event");
  });

  it("keeps the largest operation's description within a context window", async () => {
    const { text, json } = await callTool(server.client, "describe_operation", { operationId: "createCampaign" });
    expect(json.requestBody.schema.$defs).toBeDefined();
    expect(text.length).toBeLessThan(80_000);
  });

  it("says that Push v2.1 is signed with the push key, filled in by the server", async () => {
    const { json } = await callTool(server.client, "describe_operation", { operationId: "sendPushV21" });
    expect(json.credential).toMatchObject({ family: "push", environmentVariable: "MOENGAGE_PUSH_KEY" });
    expect(json.credential.filledByServer).toEqual(expect.arrayContaining(["body.signature", "header.X-MOE-PushAPI-Signature"]));
  });

  it("answers an unknown operationId with a tool error and suggestions", async () => {
    const { isError, text } = await callTool(server.client, "describe_operation", { operationId: "trackEvents" });
    expect(isError).toBe(true);
    expect(text).toContain("Unknown operationId");
    expect(text).toContain("trackEvent");
  });
});

describe("list_operations", () => {
  it("lists every operation of the spec, and those of one family", async () => {
    const all = await callTool(server.client, "list_operations", {});
    expect(all.json.count).toBe(listOperations(spec).length);
    const catalog = await callTool(server.client, "list_operations", { family: "catalog" });
    expect(catalog.json.operations.map((op: any) => op.operationId)).toEqual(
      expect.arrayContaining(["createCatalog", "ingestCatalogItems", "getCatalogItems"]),
    );
    expect(catalog.json.operations.every((op: any) => op.family === "Catalog")).toBe(true);
    expect(catalog.json.operations.find((op: any) => op.operationId === "getCatalogItems").changesData).toBe(false);
  });
});

describe("call_operation on the embedded mock", () => {
  it("sends trackEvent through the client and returns the mock's answer", async () => {
    const { json, isError } = await callTool(server.client, "call_operation", {
      operationId: "trackEvent",
      body: { type: "event", customer_id: "john@example.com", actions: [{ action: "Signed Up", platform: "web" }] },
    });
    expect(isError).toBe(false);
    expect(json).toMatchObject({ operationId: "trackEvent", mode: "mock", status: 200, data: { status: "success" } });
    expect(server.stderr()).toMatch(/trackEvent POST \/v1\/event\/\{workspace_id\} attempt 1: 200/);
  });

  it("refuses an invalid body before sending, naming the field", async () => {
    const before = server.stderr().match(/attempt/g)?.length ?? 0;
    const platform = await callTool(server.client, "call_operation", {
      operationId: "trackEvent",
      body: { type: "event", customer_id: "john@example.com", actions: [{ action: "Signed Up", platform: "Symbian" }] },
    });
    expect(platform.isError).toBe(true);
    expect(platform.json.problems.join("\n")).toContain("body.actions[0].platform");
    expect(platform.json.sent).toBe(false);

    const missing = await callTool(server.client, "call_operation", {
      operationId: "trackEvent",
      body: { customer_id: "john@example.com", actions: [{ action: "Signed Up" }] },
    });
    expect(missing.isError).toBe(true);
    expect(missing.json.problems).toContain("body.type: is required");
    expect(server.stderr().match(/attempt/g)?.length ?? 0).toBe(before);
  });

  it("names a missing required header parameter", async () => {
    const { isError, json } = await callTool(server.client, "call_operation", {
      operationId: "sendPushV21",
      body: {},
    });
    expect(isError).toBe(true);
    expect(json.problems).toContain("params.header.X-MOE-Query-Type: is required");
    expect(json.problems).toContain("body.campaignName: is required");
  });

  it("sends a read with a path parameter", async () => {
    const { json, isError } = await callTool(server.client, "call_operation", {
      operationId: "getSegment",
      params: { path: { segment_id: "64f0c2a1b3e4d5f6a7b8c9d0" } },
    });
    expect(isError, JSON.stringify(json)).toBe(false);
    expect(json).toMatchObject({ operationId: "getSegment", status: 200, changesData: false });
  });
});

describe("resources", () => {
  it("lists the spec, one reference page per operation and the guide sections", async () => {
    const { resources } = await server.client.listResources();
    const uris = resources.map((resource) => resource.uri);
    expect(uris).toEqual(expect.arrayContaining(["moengage://spec/openapi.json", "moengage://spec/openapi.yaml"]));
    const pages = uris.filter((uri) => uri.startsWith("moengage://operations/"));
    expect(pages).toHaveLength(listOperations(spec).length);
    expect(uris).toEqual(expect.arrayContaining(["moengage://guide/choosing-a-data-center", "moengage://guide/rate-limits", "moengage://guide/errors"]));
  });

  it("serves the bundled spec as it is published", async () => {
    const { text } = await readText("moengage://spec/openapi.json");
    expect(text).toBe(readFileSync(specFiles.json, "utf8"));
  });

  it("renders an operation's reference page in markdown", async () => {
    const { text: page, mimeType } = await readText("moengage://operations/importBulk");
    expect(mimeType).toBe("text/markdown");
    expect(page).toMatch(/^# Import users, events and devices in bulk/);
    expect(page).toContain("`POST /v1/transition/{workspace_id}`");
    expect(page).toContain("Size limit: request body at most 100 KB (102,400 bytes)");
    expect(page).toContain("## Request body");
    expect(page).toContain("```json");
  });

  it("tells required fields from those a condition requires", async () => {
    const { text: page } = await readText("moengage://operations/sendPushV21");
    expect(page).toContain("| `campaignName` | string | yes |");
    expect(page).toContain("| `customSegmentName` | string | depends |");
    expect(page).toContain("| `campaignTags` | array | no |");
    expect(page).toContain("Filled in by the client:");
  });

  it("serves a guide section", async () => {
    const { text } = await readText("moengage://guide/choosing-a-data-center");
    expect(text).toContain("European Union");
  });
});
