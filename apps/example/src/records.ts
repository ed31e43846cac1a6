// Made-up users and their events for the bulk import: the same on every run, valid against the spec.
import type { BulkRecord } from "@moekit/client";

const firstNames = ["Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Dennis"];
const lastNames = ["Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Hamilton", "Ritchie"];
const plans = ["free", "starter", "pro", "enterprise"];
const products = ["Trail Shoes", "Rain Jacket", "Headlamp", "Water Bottle", "Day Pack"];
const platforms = ["ANDROID", "iOS", "web"] as const;

/** `moekit-demo-000042`: recognisable in a real workspace, and sorted by number. */
export const demoCustomerId = (index: number) => `moekit-demo-${String(index).padStart(6, "0")}`;

/** `count` records alternating a user and one event of that user (an odd count ends on a user). */
export function* demoRecords(count: number, now = Date.UTC(2025, 0, 15, 12)): Generator<BulkRecord> {
  for (let index = 0; index < count; index++) {
    const user = index >> 1;
    const customer_id = demoCustomerId(user);
    const first_name = firstNames[user % firstNames.length]!;
    const last_name = lastNames[(user >> 3) % lastNames.length]!;
    if (index % 2 == 0) {
      yield {
        type: "customer",
        customer_id,
        attributes: {
          name: `${first_name} ${last_name}`,
          first_name,
          last_name,
          email: `${customer_id}@example.com`,
          plan: plans[user % plans.length],
          platforms: [{ platform: platforms[user % platforms.length]!, active: "true" }],
        },
      };
    } else {
      yield {
        type: "event",
        customer_id,
        actions: [
          {
            action: "Viewed Product",
            attributes: { product: products[user % products.length], price: 20 + (user % 80) },
            platform: platforms[user % platforms.length],
            current_time: new Date(now - user * 60_000).toISOString().slice(0, 19) + "Z",
          },
        ],
      };
    }
  }
}
