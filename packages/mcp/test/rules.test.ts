// In-process checks of the rules the server applies: writes, configuration, redaction, validation, the index.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readConfig } from "../src/config.js";
import { changesData } from "../src/operations.js";
import { createRedactor } from "../src/redact.js";
import { loadSearchIndex, searchSpec, specDigest, type SerializedSearchIndex } from "../src/search.js";
import { listOperations, loadSpec, resolve, specFiles } from "../src/spec.js";
import { createValidator } from "../src/validate.js";

const spec = loadSpec();
const operations = listOperations(spec);
const byId = new Map(operations.map((op) => [op.operationId, op]));

describe("the write rule", () => {
  const reads = operations.filter((op) => !changesData(op)).map((op) => op.operationId);

  it("reads: GET, and POST lookups and searches marked retry-safe", () => {
    expect(reads.sort()).toEqual(
      [
        "downloadCampaignReport", "fetchCards", "getCampaignMeta", "getCampaignStats", "getCatalogItems", "getContentBlocks",
        "getLegacyEmailTemplate", "getSegment", "getUser", "listCampaignExecutions", "listLegacyEmailTemplates", "listSegments",
        "previewPersonalization", "searchBusinessEvents", "searchCampaigns", "searchContentBlocks", "searchEmailTemplates",
        "searchInAppTemplates", "searchOsmTemplates", "searchPushTemplates", "searchSmsTemplates",
      ].sort(),
    );
  });

  it("counts retry-safe writes, deletes and test sends as writes", () => {
    for (const id of ["trackUser", "deleteUser", "deleteCards", "updateCampaignStatus", "testCampaign", "archiveSegments", "sendPushV21"]) {
      expect(changesData(byId.get(id)!), id).toBe(true);
    }
  });

  it("never calls an operation that is not retry-safe a read", () => {
    const unsafe = { ...byId.get("getUser")!, operation: { ...byId.get("getUser")!.operation, "x-moe-retry-safe": false } };
    expect(changesData(unsafe)).toBe(true);
  });
});

describe("configuration", () => {
  it("is mock mode without MOENGAGE_DC, and ignores keys then", () => {
    const config = readConfig({ MOENGAGE_DATA_KEY: "secret", MOENGAGE_WORKSPACE_ID: "WS" });
    expect(config.mode).toBe("mock");
    expect(config.credentials).toEqual({});
  });

  it("is live mode with a data center, writes off unless MOENGAGE_ALLOW_WRITES is 1", () => {
    const env = { MOENGAGE_DC: "02", MOENGAGE_WORKSPACE_ID: "WS", MOENGAGE_PUSH_KEY: "p" };
    expect(readConfig(env)).toMatchObject({ mode: "live", dataCenter: "02", credentials: { push: "p" }, allowWrites: false, problems: [] });
    expect(readConfig({ ...env, MOENGAGE_ALLOW_WRITES: "1" }).allowWrites).toBe(true);
    expect(readConfig({ ...env, MOENGAGE_ALLOW_WRITES: "0" }).allowWrites).toBe(false);
  });

  it("reports what is missing or wrong in a live setup", () => {
    expect(readConfig({ MOENGAGE_DC: "07" }).problems).toEqual([expect.stringContaining("MOENGAGE_DC"), "MOENGAGE_WORKSPACE_ID is not set"]);
    expect(readConfig({ MOEKIT_BASE_URL: "http://127.0.0.1:1", MOENGAGE_WORKSPACE_ID: "WS" })).toMatchObject({
      mode: "live",
      problems: ["MOEKIT_BASE_URL needs MOENGAGE_DC as well"],
    });
  });
});

describe("redaction", () => {
  it("replaces keys, their Basic values and signatures added later", () => {
    const redactor = createRedactor("WS", { data: "data-secret", campaign: "campaign-secret" });
    const basic = Buffer.from("WS:data-secret").toString("base64");
    redactor.add("abc123signature");
    expect(redactor.redact(`Basic ${basic} data-secret campaign-secret abc123signature WS`)).toBe(
      "Basic [redacted] [redacted] [redacted] [redacted] WS",
    );
  });
});

describe("validation", () => {
  const validator = createValidator(spec);

  it("accepts every request example of the spec, with what the client fills left out", () => {
    for (const op of operations) {
      const content = resolve(spec, op.operation.requestBody)?.content?.["application/json"];
      if (!content) continue;
      const examples = content.examples ? Object.values<any>(content.examples).map((e) => resolve(spec, e).value) : [content.example];
      const params: Record<string, Record<string, unknown>> = {};
      for (const raw of [...(op.operation.parameters ?? []), ...(op.pathItem.parameters ?? [])]) {
        const parameter = resolve(spec, raw);
        if (parameter.required && !parameter["x-moe-fill"]) {
          (params[parameter.in] ??= {})[parameter.name] = parameter.example ?? parameter.schema?.example ?? parameter.schema?.enum?.[0];
        }
      }
      for (const body of examples) expect(validator.check(op, { params, body }), op.operationId).toEqual([]);
    }
  });

  it("names each wrong field of a body", () => {
    const problems = validator.check(byId.get("trackEvent")!, {
      body: { type: "event", customer_id: "john@example.com", actions: [{ action: "Signed Up", user_timezone_offset: 86400 }] },
    });
    expect(problems).toEqual([expect.stringMatching(/^body\.actions\[0\]\.user_timezone_offset: must be <= 54000/)]);
  });

  it("refuses a body on an operation that takes none", () => {
    expect(validator.check(byId.get("listSegments")!, { body: { a: 1 } })).toEqual(["body: this operation takes no body"]);
  });
});

describe("the built search index", () => {
  const serialized: SerializedSearchIndex = JSON.parse(readFileSync(new URL("../dist/search-index.json", import.meta.url), "utf8"));

  it("was built from the installed spec and names what generated it", () => {
    expect(serialized.specSha256).toBe(specDigest(readFileSync(specFiles.json, "utf8")));
    expect(serialized.generatedBy).toContain("scripts/build-search-index.mjs");
    expect(serialized.documents).toBeGreaterThan(operations.length);
  });

  it("loads with the server's options and ranks by field boosts", () => {
    const index = loadSearchIndex(serialized);
    const [first] = searchSpec(index, "merge duplicate users");
    expect(first).toMatchObject({ operationId: "mergeUsers", family: "Data" });
    // A deprecated operation ranks below its replacement for the same words.
    const push = searchSpec(index, "send a push notification").map((hit) => hit.operationId);
    expect(push.indexOf("sendPushV21")).toBeLessThan(push.indexOf("sendPush"));
  });
});
