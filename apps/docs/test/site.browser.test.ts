// Opens the built site in Debian's Chromium, served from dist/ on loopback with every other origin blocked, and
// visits every operation of the bundle the way a reader does: its family in the sidebar, then the operation.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDirectory } from "../scripts/static-server.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");
const results = join(root, "test-results");
const docs = JSON.parse(readFileSync(join(root, "generated", "openapi.docs.json"), "utf8"));

const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const METHODS = ["get", "put", "post", "delete", "patch"];

interface Operation {
  operationId: string;
  summary: string;
  tag: string;
  deprecated: boolean;
}

/** Operations of the bundle in sidebar order: tag groups, their tags, then the operations of each tag. */
function operationsByFamily(): Map<string, Operation[]> {
  const byTag = new Map<string, Operation[]>();
  for (const group of docs["x-tagGroups"]) for (const tag of group.tags) byTag.set(tag, []);
  for (const pathItem of Object.values<Record<string, any>>(docs.paths)) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const tag = operation.tags[0];
      byTag.get(tag)!.push({ operationId: operation.operationId, summary: operation.summary, tag, deprecated: !!operation.deprecated });
    }
  }
  return byTag;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A heading by its text (its accessible name also holds the anchor link's label); deprecated ones carry a badge. */
const summaryHeading = (page: Page, summary: string, deprecated = false) =>
  page.locator("h1, h2").filter({ hasText: new RegExp(`^${escapeRegExp(summary)}${deprecated ? "\\s*deprecated" : ""}$`) });
/** The operation's entry in the sidebar: its summary followed by the method badge. */
const sidebarLink = (page: Page, summary: string) =>
  page.getByRole("link", { name: new RegExp(`^${escapeRegExp(summary)}\\s*(${METHODS.join("|")})$`, "i") });
const isLoopback = (url: string) => {
  const { protocol, hostname } = new URL(url);
  if (protocol === "data:") return true;
  if (protocol === "blob:") return isLoopback(url.slice(5));
  return hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]";
};

let server: { url: string; close(): Promise<void> };
let context: BrowserContext;
let page: Page;
let userDataDir: string;
const outsideRequests: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(dist, "index.html"))) throw new Error("dist/index.html is missing: run `pnpm --filter @moekit/docs build`");
  mkdirSync(results, { recursive: true });
  server = await serveDirectory(dist);
  userDataDir = mkdtempSync(join(tmpdir(), "moekit-docs-chromium-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_FLAGS,
    viewport: { width: 1440, height: 900 },
    // No smooth scrolling between operations: the walk through all of them stays quick.
    reducedMotion: "reduce",
  });
  // Anything for another origin is recorded and refused, so the test itself never leaves the machine.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (isLoopback(url)) return route.continue();
    outsideRequests.push(url);
    return route.abort("blockedbyclient");
  });
  context.on("request", (request) => {
    if (!isLoopback(request.url())) outsideRequests.push(request.url());
  });
  // Waits, not assertions on speed: a busy machine may take a while to render an operation.
  context.setDefaultTimeout(60_000);
  page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  // Chromium's console line for a failed load has no URL; this one does.
  page.on("response", (response) => {
    if (response.status() >= 400) consoleErrors.push(`HTTP ${response.status()} for ${response.url()}`);
  });
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

describe("the reference site, offline", () => {
  it("renders the guide as the landing section, with the families grouped in the sidebar", async () => {
    const started = performance.now();
    await page.goto(server.url);
    await page.getByRole("heading", { level: 1, name: /MoEngage REST API/ }).waitFor({ state: "visible" });
    // The server-rendered page shows "Loading..." in the search box until Redoc has hydrated it and indexed
    // every operation: from then on the whole reference is navigable and searchable.
    await page.waitForFunction(() => document.body.innerText.includes("Search") && !document.body.innerText.includes("Loading..."));
    const interactive = Math.round(performance.now() - started);
    const firstPaint = await page.evaluate(
      () => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Number.NaN,
    );
    console.log(
      `time to first render of the full reference: ${Math.round(firstPaint)} ms to first contentful paint, ` +
        `${interactive} ms until all ${operationCount()} operations are navigable`,
    );

    for (const section of ["Choosing a data center", "Hosts", "Credentials", "Rate limits", "Payload limits", "Errors", "A first request"]) {
      expect(await summaryHeading(page, section).isVisible(), section).toBe(true);
    }
    const sidebarText = await page.locator('[data-component-name="Menu/Menu"]').first().innerText();
    for (const group of docs["x-tagGroups"]) expect(sidebarText).toContain(group.name);
    await page.screenshot({ path: join(results, "landing.png") });
  });

  it("shows every operation's summary heading after clicking its family, then the operation", async () => {
    const visited: string[] = [];
    for (const [tag, operations] of operationsByFamily()) {
      const family = page.getByRole("link", { name: tag, exact: true });
      for (const operation of operations) {
        const link = sidebarLink(page, operation.summary);
        // A family collapses when clicked again: open it only while its operations are hidden.
        if (!(await link.isVisible())) await family.click();
        await link.click();
        await summaryHeading(page, operation.summary, operation.deprecated).waitFor({ state: "visible" });
        visited.push(operation.operationId);
      }
    }
    expect(visited).toHaveLength(operationCount());
  });

  it("shows the curl and TypeScript samples of an operation, and its deep link opens it directly", async () => {
    const summary = "Send a push notification";
    if (!(await sidebarLink(page, summary).isVisible())) await page.getByRole("link", { name: "Push", exact: true }).click();
    await sidebarLink(page, summary).click();
    await summaryHeading(page, summary).waitFor({ state: "visible" });
    const deepLink = page.url();
    expect(deepLink).toMatch(/#\/push\//);

    // Redoc gives the operation's section the id of its route ("#/push/sendpushv21" → "push/sendpushv21").
    const section = page.locator(`[id="${new URL(deepLink).hash.slice(2)}"]`);
    await section.getByText("X-MOE-PushAPI-Signature: $SIGNATURE").first().waitFor({ state: "visible" });
    await page.screenshot({ path: join(results, "operation-sendPushV21.png") });

    await section.getByRole("button", { name: "curl", exact: true }).click();
    await page.getByRole("menuitem", { name: "TypeScript", exact: true }).click();
    await section.getByText("await client.sendPushV21(").first().waitFor({ state: "visible" });
    await page.screenshot({ path: join(results, "operation-sendPushV21-typescript.png") });

    // A fresh load of the deep link, as from a bookmark on a static host.
    await page.goto("about:blank");
    await page.goto(deepLink);
    await summaryHeading(page, summary).waitFor({ state: "visible" });
  });

  it("made no request beyond loopback and logged no console error", () => {
    expect(outsideRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

function operationCount(): number {
  return [...operationsByFamily().values()].reduce((sum, operations) => sum + operations.length, 0);
}
