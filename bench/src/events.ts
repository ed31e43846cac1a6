import type { BulkRecord } from "@moekit/client";

/** mulberry32: a small seeded generator, so every run packs exactly the same records. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const actions = ["Viewed Product", "Added to Cart", "Purchase", "Searched", "App Opened", "Wishlisted", "Checkout Started"];
// Some names outside ASCII, so that bytes and string lengths differ as they do in real data.
const products = ["Classic T-Shirt", "MacBook Air", "Crème brûlée mix", "Running Shoes", "東京 tote bag", "Chai masala 🍵", "Denim Jacket"];
const categories = ["apparel", "electronics", "grocery", "footwear", "accessories"];
const platforms = ["ANDROID", "iOS", "web"] as const;

/**
 * `count` `/v1/transition` event elements shaped like real traffic: mostly one action, up to three; two to nine
 * attributes per action, some users identified by `user_identifiers` instead of `customer_id`. Valid per the spec.
 */
export function generateEvents(count: number, seed = 20240611): BulkRecord[] {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const records: BulkRecord[] = [];
  const start = 1_717_200_000;
  for (let index = 0; index < count; index++) {
    const user = `user-${(random() * 1e6).toFixed(0).padStart(6, "0")}`;
    const roll = random();
    const eventActions = Array.from({ length: roll < 0.7 ? 1 : roll < 0.9 ? 2 : 3 }, (_, step) => {
      const attributes: Record<string, unknown> = { product: pick(products), price: Math.round(random() * 500_00) / 100 };
      const extra = Math.floor(random() * 8);
      if (extra > 0) attributes.category = pick(categories);
      if (extra > 1) attributes.quantity = 1 + Math.floor(random() * 5);
      if (extra > 2) attributes.currency = "INR";
      if (extra > 3) attributes.in_stock = random() > 0.2;
      if (extra > 4) attributes.tags = [pick(categories), pick(categories)];
      if (extra > 5) attributes.campaign = { source: "newsletter", medium: "email", id: `cmp-${index % 97}` };
      if (extra > 6) attributes.note = "x".repeat(Math.floor(random() * 200));
      return {
        action: pick(actions),
        attributes,
        platform: pick(platforms),
        app_version: "5.12.3",
        current_time: start + index * 3 + step,
        user_timezone_offset: 19800,
      };
    });
    records.push(
      random() < 0.05
        ? { type: "event", user_identifiers: { moe_mobile: `+9198${index.toString().padStart(8, "0")}` }, actions: eventActions }
        : random() < 0.3
          ? { type: "event", customer_id: user, device_id: `device-${index.toString(36)}`, actions: eventActions }
          : { type: "event", customer_id: user, actions: eventActions },
    );
  }
  return records;
}
