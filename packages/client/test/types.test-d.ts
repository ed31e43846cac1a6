// Compile-time checks, run by `vitest` typecheck: wrong bodies and missing fields must not compile.
import { describe, expectTypeOf, test } from "vitest";
import { bulkImport, createMoEngageClient, type BulkRecord, type components, type MoEngageError } from "../src/index.js";

const moe = createMoEngageClient({ dataCenter: "01", workspaceId: "W", credentials: { data: "k" } });
const strict = createMoEngageClient({ dataCenter: "01", workspaceId: "W", credentials: { data: "k" }, throwOnError: true });
const body = { type: "event" as const, customer_id: "u1", actions: [{ action: "Signed Up" }] };
const push = { campaignName: "c", requestType: "push", targetPlatform: ["ANDROID" as const], targetAudience: "All Users" as const, payload: {} };

describe("bodies and required fields", () => {
  test("operationId style", () => {
    moe.trackEvent({ body });
    // @ts-expect-error `type` must be "event"
    moe.trackEvent({ body: { ...body, type: "customer" } });
    // @ts-expect-error `actions` is required
    moe.trackEvent({ body: { type: "event", customer_id: "u1" } });
    // @ts-expect-error an action needs its name
    moe.trackEvent({ body: { ...body, actions: [{ platform: "web" }] } });
    // @ts-expect-error a misspelt field
    moe.trackEvent({ body: { ...body, custmer_id: "u1" } });
    // @ts-expect-error the body is required
    moe.trackEvent({});
    // @ts-expect-error and so is the argument
    moe.trackEvent();
  });

  test("path style", () => {
    moe.POST("/v1/event/{workspace_id}", { body });
    // @ts-expect-error wrong body
    moe.POST("/v1/event/{workspace_id}", { body: { type: "event" } });
    // @ts-expect-error no such POST path
    moe.POST("/v1/events", { body });
    // @ts-expect-error the path exists, but not for GET
    moe.GET("/v1/event/{workspace_id}");
    moe.GET("/v3/custom-segments/{segment_id}", { params: { path: { segment_id: "s" } } });
    // @ts-expect-error segment_id is required
    moe.GET("/v3/custom-segments/{segment_id}", {});
  });
});

describe("what the client fills is left out of the types", () => {
  test("workspace ids in paths and queries", () => {
    moe.trackEvent({ body });
    // @ts-expect-error workspace_id is filled by the client
    moe.trackEvent({ body, params: { path: { workspace_id: "W" } } });
    moe.getUser({ body: { identity_type: "customer_id", identities: [{ identity: "u1" }] } as never });
    // @ts-expect-error app_id is filled by the client
    moe.getUser({ body: {} as never, params: { query: { app_id: "W" } } });
  });

  test("the Push signature, but not the headers the caller must give", () => {
    moe.sendPushV21({ body: push, params: { header: { "X-MOE-Query-Type": "all users" } } });
    // @ts-expect-error the signature is computed by the client
    moe.sendPushV21({ body: { ...push, signature: "abc" }, params: { header: { "X-MOE-Query-Type": "all users" } } });
    // @ts-expect-error X-MOE-Query-Type is still required
    moe.sendPushV21({ body: push });
    // @ts-expect-error catalog_id is still required
    moe.ingestCatalogItems({ body: {} as never });
  });
});

describe("results", () => {
  test("data without the HTTP 200 failure body, error a MoEngageError", async () => {
    const result = await moe.trackEvent({ body });
    if (result.error) {
      expectTypeOf(result.error).toEqualTypeOf<MoEngageError>();
      expectTypeOf(result.data).toEqualTypeOf<undefined>();
    } else {
      expectTypeOf(result.data).toEqualTypeOf<components["schemas"]["DataSuccess"]>();
    }
  });

  test("throwOnError (client or call) leaves no error in the result", async () => {
    const thrown = await strict.trackEvent({ body });
    expectTypeOf(thrown.data).toEqualTypeOf<components["schemas"]["DataSuccess"]>();
    expectTypeOf(thrown.error).toEqualTypeOf<undefined>();
    const perCall = await moe.trackEvent({ body, throwOnError: true });
    expectTypeOf(perCall.data).toEqualTypeOf<components["schemas"]["DataSuccess"]>();
    const back = await strict.trackEvent({ body, throwOnError: false });
    expectTypeOf(back.error).toEqualTypeOf<MoEngageError | undefined>();
  });

  test("a download is a Blob", async () => {
    const { data } = await strict.downloadCampaignReport({ params: { path: { filename: "r.zip" } } });
    expectTypeOf(data).toEqualTypeOf<Blob>();
  });
});

test("bulk import takes users, events and devices", () => {
  expectTypeOf<BulkRecord>().toEqualTypeOf<
    components["schemas"]["TrackUserRequest"] | components["schemas"]["TrackEventRequest"] | components["schemas"]["TrackDeviceRequest"]
  >();
  void bulkImport(moe, [body]);
  // @ts-expect-error not a record of the transition API
  void bulkImport(moe, [{ type: "transition" }]);
});
