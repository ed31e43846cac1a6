// A short "Limits" paragraph for each operation of the docs bundle, written from x-moe-limits, x-moe-retry-safe,
// x-moe-soft-failure and x-moe-replaced-by, so readers see what the client enforces without reading extensions.

const number = (/** @type {number} */ value) => value.toLocaleString("en-US");

/**
 * 131072 → "128 KB", 5242880 → "5 MB", 1000 → "1,000 bytes" (1 KB = 1024 bytes, as in the spec).
 * @param {number} bytes
 */
export function formatBytes(bytes) {
  if (bytes % (1024 * 1024) === 0) return `${number(bytes / (1024 * 1024))} MB`;
  if (bytes % 1024 === 0) return `${number(bytes / 1024)} KB`;
  return `${number(bytes)} bytes`;
}

/**
 * One rate window in words: "10 requests per 5 minutes per workspace".
 * @param {{ requests: number, per: string, every?: number, scope: string, unit?: string, bucket?: string }} rate
 */
export function formatRate({ requests, per, every = 1, scope, unit = "requests", bucket }) {
  const window = every === 1 ? per : `${number(every)} ${per}s`;
  const shared = bucket ? ` (shared by every \`${bucket}\` operation)` : "";
  return `${number(requests)} ${unit} per ${window} per ${scope}${shared}`;
}

/**
 * Markdown appended to the operation's description in the docs bundle.
 * @param {Record<string, any>} operation
 */
export function limitsNote(operation) {
  const limits = operation["x-moe-limits"] ?? {};
  const rate = limits.rate ?? [];
  const items = [
    rate.length ? `Rate limits: ${rate.map(formatRate).join("; ")}.` : "Rate limits: none documented.",
  ];
  if (limits.maxBodyBytes) items.push(`Largest request body: ${formatBytes(limits.maxBodyBytes)}.`);
  if (limits.maxItems) items.push(`At most ${number(limits.maxItems)} records per request.`);
  items.push(
    operation["x-moe-retry-safe"]
      ? "Safe to retry: `@moekit/client` retries it after a 5xx or a lost connection."
      : "Not safe to retry: `@moekit/client` retries it only after a 429, when nothing was done.",
  );
  const softFailure = operation["x-moe-soft-failure"];
  if (softFailure) {
    const values = softFailure.values.map((value) => `\`${value}\``).join(" or ");
    items.push(`A failure may come with HTTP 200: \`${softFailure.property}\` is ${values}.`);
  }
  const lines = ["", "", "**Limits and behaviour**", "", ...items.map((item) => `- ${item}`)];
  if (operation.deprecated && operation["x-moe-replaced-by"]) {
    lines.push("", `**Deprecated:** use \`${operation["x-moe-replaced-by"]}\` instead.`);
  }
  return lines.join("\n") + "\n";
}
