// The contract cases, one explicit row per operation. The suite runs the rows, not the bundle's operation list, so an
// operation added to the spec has no test until someone writes its row, and the coverage guard names it until then.
import type { OperationId } from "@moekit/client";

export interface OperationCase {
  /**
   * `read` changes nothing in the workspace; `write` creates, changes, deletes or sends something. Live mode sends
   * writes to a real data center only with MOENGAGE_LIVE_WRITES=1.
   */
  effect: "read" | "write";
}

const read: OperationCase = { effect: "read" };
const write: OperationCase = { effect: "write" };

export const operationCases = {
  // Data
  trackUser: write,
  getUser: read,
  mergeUsers: write,
  deleteUser: write,
  deleteUserLegacy: write,
  trackEvent: write,
  trackDevice: write,
  importBulk: write,
  updateDeviceOptOut: write,
  // Push
  sendPush: write,
  sendPushV21: write,
  // Inform
  sendAlert: write,
  // Campaigns (testCampaign sends real messages to test devices and addresses)
  createCampaign: write,
  updateCampaign: write,
  searchCampaigns: read,
  testCampaign: write,
  getCampaignMeta: read,
  updateCampaignStatus: write,
  listCampaignExecutions: read,
  getCampaignStats: read,
  previewPersonalization: read,
  updateGlobalControlGroup: write,
  downloadCampaignReport: read,
  // Cards
  fetchCards: read,
  deleteCards: write,
  // Live Activities
  startLiveActivity: write,
  updateLiveActivity: write,
  endLiveActivity: write,
  // Business Events
  createBusinessEvent: write,
  triggerBusinessEvent: write,
  searchBusinessEvents: read,
  // Catalog
  createCatalog: write,
  addCatalogAttributes: write,
  ingestCatalogItems: write,
  updateCatalogItems: write,
  deleteCatalogItems: write,
  getCatalogItems: read,
  // Templates
  createPushTemplate: write,
  updatePushTemplate: write,
  searchPushTemplates: read,
  createSmsTemplate: write,
  updateSmsTemplate: write,
  searchSmsTemplates: read,
  createInAppTemplate: write,
  updateInAppTemplate: write,
  searchInAppTemplates: read,
  createOsmTemplate: write,
  updateOsmTemplate: write,
  searchOsmTemplates: read,
  createEmailTemplate: write,
  updateEmailTemplate: write,
  searchEmailTemplates: read,
  // Email Templates (older API)
  createLegacyEmailTemplate: write,
  listLegacyEmailTemplates: read,
  getLegacyEmailTemplate: read,
  updateLegacyEmailTemplate: write,
  upsertLegacyEmailTemplates: write,
  // Content Blocks
  createContentBlock: write,
  updateContentBlock: write,
  getContentBlocks: read,
  searchContentBlocks: read,
  // Custom Segments
  createFileSegment: write,
  listSegments: read,
  createFilterSegment: write,
  getSegment: read,
  updateFilterSegment: write,
  addFileSegmentUsers: write,
  removeFileSegmentUsers: write,
  replaceFileSegmentUsers: write,
  archiveSegments: write,
  unarchiveSegments: write,
} satisfies Record<OperationId, OperationCase>;

export type CasedOperationId = keyof typeof operationCases;
