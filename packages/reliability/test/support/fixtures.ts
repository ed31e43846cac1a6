import type { Credentials } from "@moekit/client";

/** Distinctive fake values, so any appearance of them in output is unmistakable. */
export const workspaceId = "RELIABILITY_WS_42";
export const keys = {
  data: "fake-DATA-key-q7Vd2Lk9xW",
  push: "fake-PUSH-key-Hn4wX8s1tE",
  inform: "fake-INFORM-key-Zc5tR0m3pA",
  campaign: "fake-CAMPAIGN-key-Bj6yP2e7uN",
} satisfies Required<Credentials>;

/** Short backoff so retried tests stay quick; server waits (Retry-After) still apply, capped at maxDelay. */
export const quickRetry = { initialDelay: 5, maxDelay: 50 };

/** A valid Track Event body. */
export const signedUp = { type: "event" as const, customer_id: "u-1", actions: [{ action: "Signed Up" }] };
