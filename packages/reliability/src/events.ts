import type { BulkRecord } from "@moekit/client";

export interface EventOptions {
  /** Extra characters per event (an attribute), to make batches hold fewer records. Default 0. */
  padding?: number;
}

const actions = ["Viewed Product", "Added to Cart", "Purchased", "Searched", "Shared"];
const platforms = ["web", "ANDROID", "iOS"] as const;

/** The id carried by the event at `index`; unique within a run. */
export const eventId = (index: number): string => "evt-" + String(index).padStart(7, "0");

/** The id the fault server files an accepted event under: its `event_id` attribute. */
export const eventKey = (record: unknown): string =>
  String((record as { actions?: { attributes?: { event_id?: unknown } }[] }).actions?.[0]?.attributes?.event_id ?? JSON.stringify(record));

/**
 * Bulk-import event elements, made one at a time so a run of any size holds only what the client has in hand.
 * Deterministic: the same index always gives the same event, so a run can be checked by generating it again.
 */
export function* generateEvents(count: number, { padding = 0 }: EventOptions = {}): Generator<BulkRecord> {
  const note = padding > 0 ? "n".repeat(padding) : undefined;
  for (let index = 0; index < count; index++) {
    yield {
      type: "event",
      customer_id: "user-" + String(index % 9973).padStart(5, "0"),
      actions: [
        {
          action: actions[index % actions.length]!,
          attributes: {
            event_id: eventId(index),
            sku: "SKU-" + ((index * 7919) % 100_000),
            price: ((index * 37) % 10_000) / 100,
            ...(note && { note }),
          },
          platform: platforms[index % platforms.length]!,
          app_version: "3.4.1",
          current_time: 1_767_225_600 + index,
        },
      ],
    };
  }
}
