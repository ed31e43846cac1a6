import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, relative } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { alternate, median, pairedRatio, repoDir } from "./measure.js";
import type { Row } from "./report.js";

export interface DocsOptions {
  /** The built site. Its rows are skipped when the folder does not exist. */
  distDir: string;
  /** The bundled spec the site renders: its title and tags are what the page must show. */
  specPath: string;
  /** Alternated page loads per page. */
  rounds: number;
  chromiumPath?: string;
}

/** Headless flags for Chromium as root, offline (playwright gives each launch a fresh profile folder). */
export const chromiumFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
};

/** Serves `dir` on loopback, plus one page held in memory at `/__baseline.html`. */
async function serveStatic(dir: string, baselinePage: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    if (path === "/__baseline.html") return response.writeHead(200, { "content-type": contentTypes[".html"] }).end(baselinePage);
    const file = normalize(join(dir, path.endsWith("/") ? path + "index.html" : path));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) return response.writeHead(404).end();
    response.writeHead(200, { "content-type": contentTypes[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/**
 * Installed before any page script: on every animation frame, checks whether the page shows the API title and
 * every tag, and records the time (ms since navigation start) of the first frame that does.
 */
function watchFirstRender(texts: string[]) {
  const wanted = texts.map((text) => text.toLowerCase());
  const poll = () => {
    const shown = document.body?.innerText.toLowerCase();
    if (shown && wanted.every((text) => shown.includes(text))) (window as unknown as { renderedAt: number }).renderedAt = performance.now();
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

interface PageLoad {
  renderedMs: number;
  loadMs: number;
  outsideRequests: string[];
}

/** One cold load in a fresh browser context (empty cache), with every request off loopback refused and counted. */
async function loadPage(browser: Browser, url: string, texts: string[]): Promise<PageLoad> {
  const context = await browser.newContext();
  try {
    const outsideRequests: string[] = [];
    await context.route(
      (target) => target.hostname !== "127.0.0.1",
      (route) => {
        outsideRequests.push(new URL(route.request().url()).host);
        return route.abort();
      },
    );
    await context.addInitScript(watchFirstRender, texts);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "load", timeout: 120_000 });
    const renderedMs = (await (await page.waitForFunction(() => (window as unknown as { renderedAt?: number }).renderedAt, null, { timeout: 120_000 })).jsonValue()) as number;
    const loadMs = await page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd);
    return { renderedMs, loadMs, outsideRequests };
  } finally {
    await context.close();
  }
}

export async function benchmarkDocs(options: DocsOptions): Promise<Row[]> {
  const { distDir, specPath, rounds } = options;
  const siteName = relative(repoDir, distDir) || distDir;
  if (!existsSync(distDir)) {
    const note = `${siteName} is not built: run \`pnpm build\` before \`pnpm bench\` to include the docs.`;
    return [
      { benchmark: "Docs", figure: "built site size", value: null, unit: "bytes", note },
      { benchmark: "Docs", figure: "first render of the reference", value: null, unit: "ms" },
      { benchmark: "Docs", figure: "reference loaded (load event)", value: null, unit: "ms" },
    ];
  }
  const files = filesUnder(distDir);
  const siteBytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  const specBytes = statSync(specPath).size;
  // The full reference is the largest page: it carries the whole spec and the renderer.
  const pages = files.filter((file) => file.endsWith(".html")).sort((a, b) => statSync(b).size - statSync(a).size);
  if (!pages[0]) throw new Error(`${siteName} holds no HTML page`);
  const reference = "/" + relative(distDir, pages[0]).split("\\").join("/");

  const spec = JSON.parse(readFileSync(specPath, "utf8")) as { info: { title: string }; tags?: { name: string }[] };
  const texts = [spec.info.title, ...(spec.tags ?? []).map((tag) => tag.name)];
  const baselinePage = `<!doctype html><html><head><meta charset="utf-8"><title>${spec.info.title}</title></head><body><h1>${spec.info.title}</h1><ul>${texts
    .slice(1)
    .map((text) => `<li>${text}</li>`)
    .join("")}</ul></body></html>`;

  const { url, server } = await serveStatic(distDir, baselinePage);
  const browser = await chromium.launch({ executablePath: options.chromiumPath ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumFlags });
  try {
    const loads: Record<"baseline" | "reference", PageLoad[]> = { baseline: [], reference: [] };
    const timed = (name: keyof typeof loads, path: string) => async () => {
      const load = await loadPage(browser, url + path, texts);
      loads[name].push(load);
      return load.renderedMs;
    };
    await loadPage(browser, url + reference, texts);
    const samples = await alternate(rounds, { baseline: timed("baseline", "/__baseline.html"), reference: timed("reference", reference) });
    const loadTimes = { reference: loads.reference.map((load) => load.loadMs), baseline: loads.baseline.map((load) => load.loadMs) };
    const outside = [...new Set(loads.reference.flatMap((load) => load.outsideRequests))];
    return [
      {
        benchmark: "Docs",
        figure: `built site size (${siteName}, ${files.length} file${files.length === 1 ? "" : "s"})`,
        value: siteBytes,
        unit: "bytes",
        baseline: { label: "openapi.json", value: specBytes, unit: "bytes" },
        ratio: { value: siteBytes / specBytes, of: "size" },
      },
      {
        benchmark: "Docs",
        figure: `first render of the reference (${reference.slice(1)})`,
        value: median(samples.reference),
        unit: "ms",
        baseline: { label: "minimal page", value: median(samples.baseline), unit: "ms" },
        ratio: { value: pairedRatio(samples.reference, samples.baseline), of: "time" },
        note:
          "Headless Chromium, a cold context per load, pages served on loopback: the first frame that shows the API title and every tag." +
          (outside.length ? ` Requests off loopback were refused: ${outside.join(", ")}.` : " No request left loopback."),
        details: { rounds, referenceMs: samples.reference, baselineMs: samples.baseline, outsideRequests: outside },
      },
      {
        benchmark: "Docs",
        figure: "reference loaded (load event)",
        value: median(loadTimes.reference),
        unit: "ms",
        baseline: { label: "minimal page", value: median(loadTimes.baseline), unit: "ms" },
        ratio: { value: pairedRatio(loadTimes.reference, loadTimes.baseline), of: "time" },
        details: { referenceMs: loadTimes.reference, baselineMs: loadTimes.baseline },
      },
    ];
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
