// Keeps keys, Basic credentials and signatures out of every tool result and log line.
import type { Credentials } from "@moekit/client";

export interface Redactor {
  add(...secrets: string[]): void;
  redact(text: string): string;
}

export function createRedactor(workspaceId: string | undefined, credentials: Credentials): Redactor {
  const secrets = new Set<string>();
  const redactor: Redactor = {
    add(...values) {
      for (const value of values) if (value) secrets.add(value);
    },
    redact(text) {
      // Longest first, so a Basic value is replaced whole rather than around a key inside it.
      for (const secret of [...secrets].sort((a, b) => b.length - a.length)) text = text.replaceAll(secret, "[redacted]");
      return text;
    },
  };
  for (const key of Object.values(credentials)) {
    if (!key) continue;
    redactor.add(key, Buffer.from(`${workspaceId ?? ""}:${key}`).toString("base64"));
  }
  return redactor;
}
