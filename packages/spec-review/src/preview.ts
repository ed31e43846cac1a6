// The review preview: the working spec's reference page with the change report as its first section.
import type { OpenApiDocument } from "./compare.js";
import { buildDocsPage } from "./redocly.js";

/** A copy of `document` whose landing text starts with `report` (Redoc shows info.description first). */
export function withChangeReport(document: OpenApiDocument, report: string): OpenApiDocument {
  const copy = structuredClone(document);
  const info = (copy.info ?? {}) as Record<string, unknown>;
  const description = typeof info.description === "string" ? info.description : "";
  copy.info = { ...info, description: `${report.trimEnd()}\n\n${description}`.trimEnd() + "\n" };
  return copy;
}

export function writePreview(document: OpenApiDocument, report: string, outputFile: string): void {
  const title = ((document.info as { title?: unknown } | undefined)?.title as string | undefined) ?? "API";
  buildDocsPage(withChangeReport(document, report), outputFile, `${title}: changes under review`);
}
