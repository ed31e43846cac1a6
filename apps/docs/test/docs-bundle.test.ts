// The docs bundle: a curl and a TypeScript sample on every operation, derived from the spec, with the source
// spec left without samples; and every TypeScript sample compiles against @moekit/client.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { describeOperations } from "../scripts/code-samples.mjs";
import { bundlePath, docsBundle, sampleHeader } from "../scripts/generate-docs-bundle.mjs";
import { formatBytes, formatRate, limitsNote } from "../scripts/operation-notes.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const generated = join(root, "generated");
const readSpec = () => JSON.parse(readFileSync(bundlePath, "utf8"));
const spec = readSpec();
const { docs, typescript } = docsBundle(spec);
const operations = describeOperations(docs);
const operationIds = operations.map((operation) => operation.operationId);
const WORKSPACE_EXAMPLE = "DAO6UGZ73D9RTK8B5W96TPYN";

const samplesOf = (operationId: string) => {
  const operation = operations.find((described) => described.operationId === operationId)!;
  const samples = operation.operation["x-codeSamples"] as { lang: string; label: string; source: string }[];
  return { operation, curl: samples.find((sample) => sample.label === "curl")!.source, ts: samples.find((sample) => sample.lang === "TypeScript")!.source };
};

/** The JSON body of a curl sample, with the shell quoting undone and the variables it splices in kept as text. */
function curlBody(curl: string): unknown {
  const quoted = curl.match(/-d '([\s\S]*)'/)?.[1];
  if (quoted === undefined) return undefined;
  return JSON.parse(quoted.replace(/'"(\$[A-Z_]+)"'/g, "$1").replaceAll(`'\\''`, "'"));
}

describe("docs bundle", () => {
  it("puts a curl and a TypeScript sample on every operation of the spec, and nothing in the spec itself", () => {
    expect(JSON.stringify(spec)).not.toContain("x-codeSamples");
    expect(readSpec()).toEqual(spec);
    expect(operationIds).toHaveLength(describeOperations(spec).length);
    expect(operationIds.length).toBeGreaterThan(0);
    for (const { operation } of operations) {
      expect(operation["x-codeSamples"].map((sample: { label: string }) => sample.label)).toEqual(["curl", "TypeScript"]);
    }
  });

  it("is what generated/ holds, so the site shows the spec as it is now", () => {
    expect(JSON.parse(readFileSync(join(generated, "openapi.docs.json"), "utf8"))).toEqual(docs);
    const files = readdirSync(join(generated, "samples")).sort();
    expect(files).toEqual(operationIds.map((id) => `${id}.ts`).sort());
    for (const id of operationIds) {
      expect(readFileSync(join(generated, "samples", `${id}.ts`), "utf8")).toBe(`${sampleHeader(id)}\n${typescript[id]}`);
    }
  });

  it.each(operationIds)("%s: curl uses the real host, the right key and headers, and the documented example", (id) => {
    const { operation, curl } = samplesOf(id);
    const host = operation.host.replace("{dc}", "$DC");
    expect(curl).toMatch(new RegExp(`curl (-X ${operation.method.toUpperCase()} )?"${host.replace(/[.$]/g, "\\$&")}/`));
    expect(host).toMatch(/^https:\/\/[a-z-]+-\$DC\.moengage\.com$/);
    expect(curl).not.toContain(WORKSPACE_EXAMPLE);

    const basic = operation.schemes.filter((scheme: any) => scheme.type === "http");
    expect(curl.match(/-u "[^"]*"/g) ?? []).toEqual(
      basic.map((scheme: any) => `-u "$WORKSPACE_ID:$${scheme["x-moe-credential"].toUpperCase()}_API_KEY"`),
    );
    for (const scheme of operation.schemes.filter((scheme: any) => scheme["x-moe-fill"] === "workspace-id")) {
      expect(curl).toContain(`-H "${scheme.name}: $WORKSPACE_ID"`);
    }
    for (const parameter of operation.parameters.filter((parameter: any) => parameter["x-moe-fill"] === "workspace-id")) {
      expect(curl).toMatch(parameter.in === "path" ? /\/\$WORKSPACE_ID\b/ : new RegExp(`[?&]${parameter.name}=\\$WORKSPACE_ID\\b`));
    }

    // The documented example, with the fields the client would fill sent as $WORKSPACE_ID or $SIGNATURE.
    const example = operation.body?.example;
    const expectedBody = Array.isArray(example) ? example : example && { ...example, ...operation.bodyFills };
    expect(curlBody(curl)).toEqual(expectedBody);
    const signed = operation.operation["x-moe-body-signature"]?.property;
    if (signed) expect(operation.bodyFills[signed]).toBe("$SIGNATURE");
    if (operation.body) expect(curl).toContain(`-H "Content-Type: application/json"`);

    const syntax = spawnSync("bash", ["-n"], { input: curl, encoding: "utf8" });
    expect(syntax.stderr).toBe("");
  });

  it("signs Push requests in the curl samples: in the body and, on v2.1, in X-MOE-PushAPI-Signature", () => {
    const campaignOf = (id: string) => (curlBody(samplesOf(id).curl) as { campaignName: string }).campaignName;
    const signature = `SIGNATURE=$(printf '%s' "$WORKSPACE_ID|${campaignOf("sendPushV21")}|$PUSH_API_KEY" | sha256sum | cut -d' ' -f1)`;
    const v21 = samplesOf("sendPushV21").curl;
    expect(v21).toContain(signature);
    expect(v21).toContain(`-H "X-MOE-PushAPI-Signature: $SIGNATURE"`);
    expect(v21).toContain(`-H "X-MOE-APPKEY: $WORKSPACE_ID"`);
    expect(v21).toContain(`"signature": "'"$SIGNATURE"'"`);

    // v2 signs the body's appId (the Workspace ID), and sends no credential header at all.
    const v2 = samplesOf("sendPush").curl;
    expect(v2).toContain(`SIGNATURE=$(printf '%s' "$WORKSPACE_ID|${campaignOf("sendPush")}|$PUSH_API_KEY"`);
    expect(v2).toContain(`"appId": "'"$WORKSPACE_ID"'"`);
    expect(v2).toContain(`"signature": "'"$SIGNATURE"'"`);
    expect(v2).not.toMatch(/-u |X-MOE-APPKEY|PushAPI-Signature/);

    const report = samplesOf("downloadCampaignReport").curl;
    expect(report).toContain(`"$WORKSPACE_ID|Report_-_test_20210217.zip|$CAMPAIGN_API_KEY"`);
    expect(report).toContain(`-H "Signature: $SIGNATURE"`);
    expect(report).toContain(`-o "Report_-_test_20210217.zip"`);
  });

  it.each(operationIds)("%s: the TypeScript sample passes only what the caller provides", (id) => {
    const { operation, ts } = samplesOf(id);
    expect(ts).toContain(`import { createMoEngageClient } from "@moekit/client";`);
    expect(ts).toContain(`await client.${id}(`);
    const families = ts.match(/credentials: \{ (.*) \}/)?.[1]?.match(/\w+(?=: process\.env)/g);
    expect(families).toEqual(operation.families);
    expect(ts).not.toMatch(/\bworkspace_id\b|\bapp_id\b|\bsignature:|Authorization|MOE-APPKEY|MOE-DBNAME|PushAPI-Signature/);
    expect(ts).not.toContain(WORKSPACE_EXAMPLE);
    for (const filled of Object.keys(operation.bodyFills)) expect(ts).not.toMatch(new RegExp(`\\b${filled}:`));
    for (const parameter of operation.parameters.filter((parameter: any) => parameter.required && !parameter["x-moe-fill"])) {
      expect(ts).toContain(/^[A-Za-z_$][\w$]*$/.test(parameter.name) ? `${parameter.name}: ` : `"${parameter.name}": `);
    }
  });
});

describe("TypeScript samples against @moekit/client", () => {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const errorsByFile = new Map<string, string[]>();

  beforeAll(() => {
    const result = spawnSync(process.execPath, [tsc, "--noEmit", "--pretty", "false", "-p", join(root, "tsconfig.samples.json")], {
      cwd: root,
      encoding: "utf8",
    });
    for (const line of result.stdout.split("\n")) {
      const file = line.match(/^generated\/samples\/(\w+)\.ts\(/)?.[1];
      if (file) errorsByFile.set(file, [...(errorsByFile.get(file) ?? []), line]);
      else if (line.startsWith("error") || /^\S+\(\d+,\d+\): error/.test(line)) errorsByFile.set("(other)", [line]);
    }
  });

  it("leaves no error outside the samples (tsconfig.samples.json is sound)", () => {
    expect(errorsByFile.get("(other)") ?? []).toEqual([]);
  });

  it.each(operationIds)("%s compiles", (id) => {
    expect(errorsByFile.get(id) ?? []).toEqual([]);
  });

  it("fails on a sample that would not compile", () => {
    const folder = join(root, "test-results", "broken-sample");
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "trackEvent.ts"), typescript.trackEvent!.replace(`type: "event"`, `type: 42`));
    writeFileSync(
      join(folder, "tsconfig.json"),
      JSON.stringify({ extends: "../../tsconfig.samples.json", include: ["trackEvent.ts"] }),
    );
    const result = spawnSync(process.execPath, [tsc, "--noEmit", "--pretty", "false", "-p", folder], { cwd: root, encoding: "utf8" });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toMatch(/trackEvent\.ts\(\d+,\d+\): error TS2322/);
  });
});

describe("limits paragraph", () => {
  it("writes sizes in the spec's units and windows in words", () => {
    expect(formatBytes(131072)).toBe("128 KB");
    expect(formatBytes(5 * 1024 * 1024)).toBe("5 MB");
    expect(formatBytes(1000)).toBe("1,000 bytes");
    expect(formatRate({ requests: 10, per: "minute", every: 5, scope: "workspace" })).toBe("10 requests per 5 minutes per workspace");
    expect(formatRate({ requests: 30000, per: "minute", scope: "workspace", unit: "events" })).toBe("30,000 events per minute per workspace");
    expect(formatRate({ requests: 100, per: "minute", scope: "workspace", bucket: "catalog" })).toBe(
      "100 requests per minute per workspace (shared by every `catalog` operation)",
    );
  });

  it("states retry safety, HTTP-200 failures and the replacement of a deprecated operation", () => {
    const note = limitsNote({
      deprecated: true,
      "x-moe-replaced-by": "sendPushV21",
      "x-moe-limits": { rate: [], maxItems: 50 },
      "x-moe-retry-safe": false,
      "x-moe-soft-failure": { property: "status", values: ["Fail"] },
    });
    expect(note).toContain("- Rate limits: none documented.");
    expect(note).toContain("- At most 50 records per request.");
    expect(note).toContain("- Not safe to retry");
    expect(note).toContain("`status` is `Fail`");
    expect(note).toContain("**Deprecated:** use `sendPushV21` instead.");
    expect(limitsNote({ "x-moe-limits": { rate: [] }, "x-moe-retry-safe": true })).toContain("- Safe to retry");
  });

  it("is appended to every operation's description in the docs bundle only", () => {
    for (const { operation, operationId } of operations) {
      expect(operation.description).toContain("**Limits and behaviour**");
      const source = describeOperations(spec).find((described) => described.operationId === operationId)!;
      expect(source.operation.description).not.toContain("**Limits and behaviour**");
    }
  });
});
