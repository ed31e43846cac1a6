// The job a service engineer does with the client, one step per API family, each call printed as it returns.
import { bulkImport, operationTable, type CredentialFamily, type MoEngageClient, type MoEngageError, type OperationId } from "@moekit/client";
import { keyVariables, type DemoConfig } from "./config.js";
import { demoRecords } from "./records.js";
import { count, createProgress, duration, size } from "./report.js";

export interface ScenarioOptions {
  client: MoEngageClient;
  config: DemoConfig;
  /** Records for the bulk import. */
  records: number;
  /** Requests are printed, not sent: answers are empty. */
  dryRun: boolean;
  /** Draw a live progress bar (stdout is a terminal). */
  liveProgress: boolean;
  /** Host of the last request, for the steps where the host is the point. */
  lastHost: () => string;
}

type Answer<Data> =
  | { data: Data; error?: undefined; response: Response }
  | { data?: undefined; error: MoEngageError; response?: Response };

interface Step {
  title: string;
  needs: CredentialFamily;
  /** A setting besides the key that the step needs on a real data center. */
  setting?: { name: string; value: string | undefined };
  run(): Promise<void>;
}

/** Runs every step; returns how many calls failed (a bulk import that lost records counts as one). */
export async function runScenario({ client, config, records, dryRun, liveProgress, lastHost }: ScenarioOptions): Promise<number> {
  let failures = 0;

  /** Sends one call, prints its operation, status, time and what came back; `undefined` when it failed. */
  async function call<Data>(id: OperationId, send: () => Promise<Answer<Data>>, describe: (data: Data) => string) {
    const { m, p } = operationTable[id];
    const started = performance.now();
    const { data, error, response } = await send();
    const took = duration(performance.now() - started);
    const what = `${id.padEnd(20)} ${m.toUpperCase().padEnd(5)} ${p}`;
    if (error) {
      failures++;
      console.log(`  ✗ ${what} → ${response?.status ?? "no answer"} in ${took}\n      ${error.message}`);
      return undefined;
    }
    console.log(dryRun ? `  ✓ ${what} → not sent` : `  ✓ ${what} → ${response.status} in ${took}  ${describe(data)}`);
    return data;
  }

  const ada = { id: "moekit-demo-ada", first_name: "Ada", last_name: "Lovelace", plan: "pro" };
  const alan = { id: "moekit-demo-alan", first_name: "Alan", last_name: "Turing", plan: "starter" };
  // Names a real workspace must not have seen yet (catalog names are unique); the same shape on the mock.
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);

  const steps: Step[] = [
    {
      title: "Create or update two users",
      needs: "data",
      async run() {
        for (const user of [ada, alan]) {
          await call(
            "trackUser",
            () =>
              client.trackUser({
                body: {
                  type: "customer",
                  customer_id: user.id,
                  attributes: {
                    name: `${user.first_name} ${user.last_name}`,
                    first_name: user.first_name,
                    last_name: user.last_name,
                    email: `${user.id}@example.com`,
                    plan: user.plan,
                    platforms: [{ platform: "ANDROID", active: "true" }],
                  },
                },
              }),
            (data) => `${user.id}: ${data.status}`,
          );
        }
      },
    },
    {
      title: "Track a few events",
      needs: "data",
      async run() {
        const now = new Date().toISOString().slice(0, 19) + "Z";
        const events = [
          { user: ada, actions: ["Added to Cart", "Purchased"] },
          { user: alan, actions: ["Viewed Product"] },
        ];
        for (const { user, actions } of events) {
          await call(
            "trackEvent",
            () =>
              client.trackEvent({
                body: {
                  type: "event",
                  customer_id: user.id,
                  actions: actions.map((action) => ({
                    action,
                    attributes: { product: "Trail Shoes", price: 89.5 },
                    platform: "ANDROID",
                    current_time: now,
                  })),
                },
              }),
            (data) => `${actions.join(", ")} for ${user.id}: ${data.status}`,
          );
        }
      },
    },
    {
      title: `Import ${count(records)} generated users and events in bulk`,
      needs: "data",
      async run() {
        const { m, p, b: limit = 0 } = operationTable.importBulk;
        console.log(`  bulkImport → importBulk ${m.toUpperCase()} ${p}, bodies of at most ${size(limit)}, 4 in flight`);
        const progress = createProgress(records, liveProgress && !dryRun);
        const started = performance.now();
        const result = await bulkImport(client, demoRecords(records), { onProgress: progress.update });
        progress.stop();
        const took = performance.now() - started;
        const users = Math.ceil(records / 2);
        console.log(`  records ${dryRun ? "packed" : "sent  "} ${count(result.records)} (${count(users)} users, ${count(records - users)} events)`);
        if (!dryRun) {
          console.log(`  accepted       ${count(result.accepted)}`);
          console.log(`  failed         ${count(result.failed)}`);
        }
        console.log(`  batches        ${count(result.batches)} (${size(result.bytes / Math.max(result.batches, 1))} on average, at most ${size(limit)})`);
        console.log(`  bytes          ${count(result.bytes)} (${size(result.bytes)})`);
        if (!dryRun) console.log(`  time           ${duration(took)} (${count(Math.round((result.records / took) * 1000))} records/s)`);
        for (const failure of result.failures.slice(0, 3)) {
          const error = failure.error instanceof Error ? failure.error.message : String(failure.error);
          console.log(`  ✗ batch ${failure.batch ?? "(not sent)"}: ${count(failure.records.length)} records ${failure.outcome}: ${error}`);
        }
        if (result.failures.length > 3) console.log(`  … and ${result.failures.length - 3} more failed batches`);
        if (result.failed) failures++;
      },
    },
    {
      title: "Send a transactional push",
      needs: "push",
      async run() {
        console.log("  the client signs it: SHA-256 of workspace id | campaign name | push key (never printed)");
        await call(
          "sendPushV21",
          () =>
            client.sendPushV21({
              params: { header: { "X-MOE-Query-Type": "user" } },
              body: {
                campaignName: "moekit demo: order shipped",
                requestType: "push",
                targetPlatform: ["ANDROID"],
                targetAudience: "User",
                targetUserAttributes: { attribute: "USER_ATTRIBUTE_UNIQUE_ID", comparisonParameter: "is", attributeValue: ada.id, isCustom: false },
                payload: { ANDROID: { title: "Order shipped", message: "Your trail shoes are on their way" } },
                campaignDelivery: { type: "soon" },
              },
            }),
          (data) => `${data.status}, campaign ${data.cid ?? "?"} on ${lastHost()}`,
        );
      },
    },
    {
      title: "Send an Inform alert on the sandbox host",
      needs: "inform",
      setting: { name: "MOENGAGE_INFORM_ALERT_ID", value: config.informAlertId },
      async run() {
        await call(
          "sendAlert",
          () =>
            client.sendAlert({
              sandbox: true,
              body: {
                alert_id: config.informAlertId!,
                user_id: ada.id,
                // MoEngage refuses a second alert with the same transaction id for 5 minutes: one per run.
                transaction_id: `moekit-demo-${stamp}`,
                payloads: { SMS: { recipient: "+15555550100" } },
              },
            }),
          (data) => `${data.message} on ${lastHost()}`,
        );
      },
    },
    {
      title: "Create a catalog and ingest items",
      needs: "campaign",
      async run() {
        const created = await call(
          "createCatalog",
          () =>
            client.createCatalog({
              body: {
                name: `moekit_demo_${stamp}`,
                price_currency: "USD",
                attributes: [
                  { name: "id", type: "string" },
                  { name: "title", type: "string" },
                  { name: "link", type: "string" },
                  { name: "image_link", type: "string" },
                  { name: "price", type: "double" },
                  { name: "in_stock", type: "bool" },
                ],
              },
            }),
          (data) => `catalog ${data.catalog_id}`,
        );
        // A dry run has no answer to take the id from.
        const catalogId = created?.catalog_id ?? (dryRun ? "000000000000000000000000" : undefined);
        if (!catalogId) {
          console.log("  – ingestCatalogItems skipped: no catalog");
          return;
        }
        const products = ["Trail Shoes", "Rain Jacket", "Headlamp", "Water Bottle", "Day Pack"];
        await call(
          "ingestCatalogItems",
          () =>
            client.ingestCatalogItems({
              params: { path: { catalog_id: catalogId } },
              body: {
                items: products.map((title, index) => ({
                  id: `sku-${1001 + index}`,
                  title,
                  link: `https://shop.example.com/products/sku-${1001 + index}`,
                  image_link: `https://shop.example.com/images/sku-${1001 + index}.jpg`,
                  price: 20 + index * 15,
                  in_stock: index != 2,
                })),
              },
            }),
          (data) => `${products.length} items sent; valid ${data.message.valid.count}, invalid ${data.message.invalid.count}`,
        );
      },
    },
    {
      title: "Search push templates",
      needs: "campaign",
      async run() {
        await call(
          "searchPushTemplates",
          () => client.searchPushTemplates({ body: { page: 1, entries: 15 } }),
          (data) =>
            `${data.data.length} on page 1` +
            (data.data[0] ? `, first: ${data.data[0].meta_info?.template_name ?? data.data[0].external_template_id}` : ""),
        );
      },
    },
    {
      title: "Trigger a business event",
      needs: "campaign",
      setting: { name: "MOENGAGE_BUSINESS_EVENT", value: config.businessEvent },
      async run() {
        await call(
          "triggerBusinessEvent",
          () =>
            client.triggerBusinessEvent({
              body: { event_name: config.businessEvent!, event_attributes: { product_id: "sku-1001", new_price: 79.5 } },
            }),
          (data) => `${config.businessEvent}: ${data.message ?? "triggered"}`,
        );
      },
    },
  ];

  for (const [index, step] of steps.entries()) {
    const heading = `[${index + 1}/${steps.length}] ${step.title}`;
    const missingKey = config.credentials[step.needs] ? undefined : keyVariables[step.needs];
    const missing = missingKey ?? (step.setting && !step.setting.value ? step.setting.name : undefined);
    if (missing) {
      console.log(`\n${heading}\n  – skipped: set ${missing} to enable it`);
      continue;
    }
    console.log(`\n${heading}`);
    await step.run();
  }
  return failures;
}
