/** Replaces every occurrence of a secret (API key, Basic value, signature) so it never reaches an error or a log. */
export function redact(text: string, secrets: readonly string[]): string {
  for (const secret of secrets) text = text.replaceAll(secret, "[redacted]");
  return text;
}
