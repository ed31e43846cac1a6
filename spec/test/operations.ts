// The operations the document must describe: one row per operation, by family.
export interface ExpectedOperation {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  operationId: string;
  tag: string;
}

const row = (tag: string) => (method: ExpectedOperation["method"], path: string, operationId: string): ExpectedOperation => ({ method, path, operationId, tag });

const data = row("Data");
const push = row("Push");
const inform = row("Inform");
const campaigns = row("Campaigns");
const cards = row("Cards");
const liveActivities = row("Live Activities");
const businessEvents = row("Business Events");
const catalog = row("Catalog");
const templates = row("Templates");
const emailTemplates = row("Email Templates");
const contentBlocks = row("Content Blocks");
const segments = row("Custom Segments");

export const expectedOperations: ExpectedOperation[] = [
  data("post", "/v1/customer/{workspace_id}", "trackUser"),
  data("post", "/v1/customers/export", "getUser"),
  data("post", "/v1/customer/merge", "mergeUsers"),
  data("post", "/v1/customer/delete", "deleteUser"),
  data("post", "/v1/customer/delete/bulk", "deleteUserLegacy"),
  data("post", "/v1/event/{workspace_id}", "trackEvent"),
  data("post", "/v1/device/{workspace_id}", "trackDevice"),
  data("post", "/v1/transition/{workspace_id}", "importBulk"),
  data("post", "/v1/devices/manage", "updateDeviceOptOut"),
  push("post", "/v2/transaction/sendpush", "sendPush"),
  push("post", "/v2.1/transaction/sendpush", "sendPushV21"),
  inform("post", "/v1.0/alerts/send", "sendAlert"),
  campaigns("post", "/core-services/v1/campaigns", "createCampaign"),
  campaigns("patch", "/core-services/v1/campaigns/{campaign_id}", "updateCampaign"),
  campaigns("post", "/core-services/v1/campaigns/search", "searchCampaigns"),
  campaigns("post", "/core-services/v1/campaigns/test", "testCampaign"),
  campaigns("post", "/core-services/v1/campaigns/meta", "getCampaignMeta"),
  campaigns("post", "/core-services/v1/campaigns/status", "updateCampaignStatus"),
  campaigns("post", "/core-services/v1/campaigns/{parent_campaign_id}/executions", "listCampaignExecutions"),
  campaigns("post", "/core-services/v1/campaign-stats", "getCampaignStats"),
  campaigns("post", "/core-services/v1/personalization/preview", "previewPersonalization"),
  campaigns("put", "/core-services/v1/global-control-group/users", "updateGlobalControlGroup"),
  campaigns("get", "/campaign_reports/rest_api/{workspace_id}/{filename}", "downloadCampaignReport"),
  cards("post", "/v1/cards/fetch", "fetchCards"),
  cards("delete", "/v1/cards/delete", "deleteCards"),
  liveActivities("post", "/v1.0/live-activity/broadcast/start", "startLiveActivity"),
  liveActivities("post", "/v1.0/live-activity/broadcast/update", "updateLiveActivity"),
  liveActivities("post", "/v1.0/live-activity/broadcast/end", "endLiveActivity"),
  businessEvents("post", "/v1.0/business_event", "createBusinessEvent"),
  businessEvents("post", "/v1.0/business_event/trigger", "triggerBusinessEvent"),
  businessEvents("post", "/v1.0/business_event/search", "searchBusinessEvents"),
  catalog("post", "/v1/catalog", "createCatalog"),
  catalog("patch", "/v1/catalog/{catalog_id}/attributes", "addCatalogAttributes"),
  catalog("post", "/v1/catalog/{catalog_id}/items", "ingestCatalogItems"),
  catalog("patch", "/v1/catalog/{catalog_id}/items", "updateCatalogItems"),
  catalog("post", "/v1/catalog/{catalog_id}/items/bulk-delete", "deleteCatalogItems"),
  catalog("post", "/v1/catalog/{catalog_id}/items/search", "getCatalogItems"),
  templates("post", "/v1.0/custom-templates/push", "createPushTemplate"),
  templates("put", "/v1.0/custom-templates/push", "updatePushTemplate"),
  templates("post", "/v1.0/custom-templates/push/search", "searchPushTemplates"),
  templates("post", "/v1.0/custom-templates/sms", "createSmsTemplate"),
  templates("put", "/v1.0/custom-templates/sms", "updateSmsTemplate"),
  templates("post", "/v1.0/custom-templates/sms/search", "searchSmsTemplates"),
  templates("post", "/v1.0/custom-templates/inapp", "createInAppTemplate"),
  templates("put", "/v1.0/custom-templates/inapp", "updateInAppTemplate"),
  templates("post", "/v1.0/custom-templates/inapp/search", "searchInAppTemplates"),
  templates("post", "/v1.0/custom-templates/osm", "createOsmTemplate"),
  templates("put", "/v1.0/custom-templates/osm", "updateOsmTemplate"),
  templates("post", "/v1.0/custom-templates/osm/search", "searchOsmTemplates"),
  templates("post", "/v1.0/custom-templates/email", "createEmailTemplate"),
  templates("put", "/v1.0/custom-templates/email", "updateEmailTemplate"),
  templates("post", "/v1.0/custom-templates/email/search", "searchEmailTemplates"),
  emailTemplates("post", "/v2/email-templates", "createLegacyEmailTemplate"),
  emailTemplates("get", "/v2/email-templates", "listLegacyEmailTemplates"),
  emailTemplates("get", "/v2/email-templates/{template_id}", "getLegacyEmailTemplate"),
  emailTemplates("put", "/v2/email-templates/{template_id}", "updateLegacyEmailTemplate"),
  emailTemplates("put", "/v2/bulk/email-templates", "upsertLegacyEmailTemplates"),
  contentBlocks("post", "/v1/external/campaigns/content-blocks", "createContentBlock"),
  contentBlocks("put", "/v1/external/campaigns/content-blocks", "updateContentBlock"),
  contentBlocks("post", "/v1/external/campaigns/content-blocks/get-by-ids", "getContentBlocks"),
  contentBlocks("post", "/v1/external/campaigns/content-blocks/search", "searchContentBlocks"),
  segments("post", "/v2/custom-segments/file-segment", "createFileSegment"),
  segments("put", "/v2/custom-segments/file-segment/add-users", "addFileSegmentUsers"),
  segments("put", "/v2/custom-segments/file-segment/remove-users", "removeFileSegmentUsers"),
  segments("put", "/v2/custom-segments/file-segment/replace", "replaceFileSegmentUsers"),
  segments("patch", "/v2/custom-segments/archive", "archiveSegments"),
  segments("patch", "/v2/custom-segments/unarchive", "unarchiveSegments"),
  segments("post", "/v3/custom-segments", "createFilterSegment"),
  segments("get", "/v3/custom-segments", "listSegments"),
  segments("get", "/v3/custom-segments/{segment_id}", "getSegment"),
  segments("patch", "/v3/custom-segments/{segment_id}", "updateFilterSegment"),
];
