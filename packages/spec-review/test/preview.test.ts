// Builds a preview with the real Redocly build-docs and reads it in Debian's Chromium, as a reviewer would.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareDocuments } from "../src/compare.js";
import { withChangeReport, writePreview } from "../src/preview.js";
import { renderReport } from "../src/report.js";
import { typeScriptChanges } from "../src/typescript-surface.js";
import { loadPair } from "./fixtures.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let workDir: string;
let page: string;
let browser: Browser;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), "moekit-spec-preview-"));
  const { before, after } = loadPair("breaking", "operation-removed");
  const comparison = compareDocuments(before, after);
  const report = renderReport({
    base: { label: "HEAD", commit: "0123456789abcdef0123456789abcdef01234567" },
    comparison,
    typescript: typeScriptChanges(before, after, comparison),
    warnings: [],
  });
  page = join(workDir, "preview", "index.html");
  writePreview(after, report, page);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe("the review preview", () => {
  it("puts the report before the document's own introduction", () => {
    const { after } = loadPair("breaking", "operation-removed");
    const info = withChangeReport(after, "# API changes\n\nOne change.\n").info as { description: string };
    expect(info.description).toBe("# API changes\n\nOne change.\n\nTwo Data operations, enough to show one change.\n");
    expect((after.info as { description: string }).description).toBe("Two Data operations, enough to show one change.");
  });

  it("is one self-contained file with no remote logo", () => {
    expect(existsSync(page)).toBe(true);
    const html = readFileSync(page, "utf8");
    expect(html).not.toContain("cdn.redoc.ly");
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
  });

  it("opens on the change report, then lets the reviewer browse the operations, offline", async () => {
    const context = await browser.newContext();
    const remote: string[] = [];
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (/^(file|data|blob):/.test(url)) return route.continue();
      remote.push(url);
      return route.abort();
    });
    const tab = await context.newPage();
    await tab.goto(pathToFileURL(page).href);

    // Redoc renders the description's headings as the first sections of the landing page and of its menu.
    await tab.locator("h2").filter({ hasText: "API changes" }).first().waitFor();
    const menu = await tab.getByTestId("menu-item-label").allTextContents();
    expect(menu.slice(0, 2)).toEqual(["Fixture", "API changes"]);
    expect(menu.some((label) => label.startsWith("Track events"))).toBe(true);
    const headings = await tab.locator("h2").allTextContents();
    expect(headings.slice(0, 3)).toEqual(["API changes", "Breaking changes", "Operations"]);
    await expect(tab.getByText("operation removed").first().isVisible()).resolves.toBe(true);

    // The reviewer can still open the reference itself.
    await tab.getByTestId("menu-item-label").filter({ hasText: "Track events" }).click();
    await tab.locator("h2").filter({ hasText: "Track events" }).waitFor();
    expect(remote).toEqual([]);
    await context.close();
  });
});
