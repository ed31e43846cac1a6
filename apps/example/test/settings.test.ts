import { describe, expect, it } from "vitest";
import { basicAuth, pushSignature, runDemo, summaryRow } from "./run-demo.js";

const workspaceId = "TESTWS_DEBUG";
const keys = {
  MOENGAGE_DATA_KEY: "dataKeyS3cretA1",
  MOENGAGE_PUSH_KEY: "pushKeyS3cretB2",
  MOENGAGE_INFORM_KEY: "informKeyS3cretC3",
  MOENGAGE_CAMPAIGN_KEY: "campaignKeyS3cretD4",
};
const live = { MOENGAGE_DC: "02", MOENGAGE_WORKSPACE_ID: workspaceId };

/** Every string that would let someone act as the workspace: keys, their Basic values, the push signature. */
const secretsOf = (settings: Record<string, string>) =>
  Object.entries(settings)
    .filter(([name]) => name.endsWith("_KEY"))
    .flatMap(([, key]) => [key, basicAuth(workspaceId, key)])
    .concat(pushSignature(workspaceId, "moekit demo: order shipped", keys.MOENGAGE_PUSH_KEY));

describe("bad configuration", () => {
  it.each([
    ["an unknown data center", { ...live, ...keys, MOENGAGE_DC: "09" }, /^MOENGAGE_DC \(from environment\) is "09", not a MoEngage data center: use one of 01, 02/],
    ["a key with a space in it", { ...live, MOENGAGE_DATA_KEY: "dataKey S3cretA1" }, /^MOENGAGE_DATA_KEY \(from environment\) is malformed/],
    ["a malformed workspace id", { ...keys, MOENGAGE_DC: "01", MOENGAGE_WORKSPACE_ID: "ws/1" }, /^MOENGAGE_WORKSPACE_ID \(from environment\) is malformed/],
    ["keys without a data center", { MOENGAGE_DATA_KEY: keys.MOENGAGE_DATA_KEY }, /^MOENGAGE_DATA_KEY \(from environment\) is set but MOENGAGE_DC is not/],
    ["a data center without keys", live, /^no API key is set: set at least one of MOENGAGE_DATA_KEY/],
  ])("%s ends with one message naming the setting and exit code 2", async (_case, settings, message) => {
    const run = await runDemo([], settings);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^moekit example: /);
    expect(lines[0]!.slice("moekit example: ".length)).toMatch(message);
    // The message names the variable but never repeats a key, not even a broken one.
    expect(run.stderr).not.toContain("S3cret");
  });

  it("reads a malformed key from .env and says so", async () => {
    const run = await runDemo([], {}, `MOENGAGE_DC=01\nMOENGAGE_WORKSPACE_ID=${workspaceId}\nMOENGAGE_PUSH_KEY="<your push key>"\n`);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^moekit example: MOENGAGE_PUSH_KEY \(from \.env\) is malformed/);
  });

  it("refuses an unknown option", async () => {
    const run = await runDemo(["--dryrun"]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe("moekit example: Unknown option '--dryrun' (see --help)");
  });
});

describe("--dry-run against a real data center", () => {
  it("prints each request with its real host and redacted credentials, sends nothing and skips steps without a key", async () => {
    const settings = { ...live, MOENGAGE_DATA_KEY: keys.MOENGAGE_DATA_KEY, MOENGAGE_PUSH_KEY: keys.MOENGAGE_PUSH_KEY, MOENGAGE_INFORM_KEY: keys.MOENGAGE_INFORM_KEY, MOENGAGE_INFORM_ALERT_ID: "65f0c0ffee" };
    const run = await runDemo(["--dry-run", "--records", "3000"], settings);
    expect(run.stderr).toBe("");
    expect(run.code, run.stdout).toBe(0);

    const requests = [...run.stdout.matchAll(/^  (POST) (\S+)\n {6}(.+)\n {6}body ([\d,]+) bytes$/gm)].map(([, method, url, headers, body]) => ({
      method,
      url: url!,
      headers: headers!,
      bytes: Number(body!.replace(/,/g, "")),
    }));
    const urls = requests.map((request) => request.url);
    expect(urls.filter((url) => url == `https://api-02.moengage.com/v1/customer/${workspaceId}`)).toHaveLength(2);
    expect(urls.filter((url) => url == `https://api-02.moengage.com/v1/event/${workspaceId}`)).toHaveLength(2);
    expect(urls).toContain("https://pushapi-02.moengage.com/v2.1/transaction/sendpush");
    // Inform goes to the sandbox host because the step asks for it.
    expect(urls).toContain("https://sandbox-api-02.moengage.com/v1.0/alerts/send");
    const imports = requests.filter((request) => request.url == `https://api-02.moengage.com/v1/transition/${workspaceId}`);
    expect(imports.length).toBeGreaterThan(1);
    for (const batch of imports) expect(batch.bytes).toBeLessThanOrEqual(100 * 1024);
    expect(summaryRow(run.stdout, "importBulk")).toEqual({ method: "POST", requests: imports.length, status: "not sent" });

    for (const request of requests.filter((request) => !request.url.startsWith("https://pushapi-"))) {
      expect(request.headers).toMatch(/authorization: \[redacted\]/);
      expect(request.headers).toMatch(`moe-appkey: ${workspaceId}`);
    }
    expect(requests.find((request) => request.url.includes("/sendpush"))!.headers).toMatch(/x-moe-pushapi-signature: \[redacted\]/);
    for (const secret of secretsOf(settings)) expect(run.stdout + run.stderr).not.toContain(secret);

    for (const step of ["Create a catalog and ingest items", "Search push templates", "Trigger a business event"]) {
      expect(run.stdout).toContain(`${step}\n  – skipped: set MOENGAGE_CAMPAIGN_KEY to enable it`);
    }
    expect(run.stdout).toMatch(/\ndry run complete in /);
  });

  it("takes settings from .env, with the environment winning", async () => {
    const envFile = Object.entries({ ...keys, MOENGAGE_DC: "09", MOENGAGE_WORKSPACE_ID: workspaceId, MOENGAGE_BUSINESS_EVENT: "price_drop" })
      .map(([name, value]) => `${name}=${value}`)
      .join("\n");
    const run = await runDemo(["--dry-run", "--records", "10"], { MOENGAGE_DC: "05" }, envFile);
    expect(run.stderr).toBe("");
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/^moekit example → data center 05 \(settings from \.env\)/);
    expect(run.stdout).toContain("https://api-05.moengage.com/v1.0/business_event/trigger");
    expect(run.stdout).toContain(`https://api-05.moengage.com/v1/catalog/000000000000000000000000/items`);
    expect(run.stdout).toMatch(/skipped: set MOENGAGE_INFORM_ALERT_ID to enable it/);
    for (const secret of secretsOf(keys)) expect(run.stdout).not.toContain(secret);
  });
});
