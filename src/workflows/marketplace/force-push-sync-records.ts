import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { forcePushErroredStep } from "./steps/force-push-errored"

export const forcePushSyncRecordsWorkflowId = "mkt-force-push-sync-records"

/**
 * Force Push from the Sync Log: the listings of errored rows are pushed again with the newest
 * quantity (a new sync record per push), then the errored rows leave Error (into the archive).
 */
export const forcePushSyncRecordsWorkflow = createWorkflow(
  forcePushSyncRecordsWorkflowId,
  (input: { selector: Record<string, unknown>; actor_id?: string | null }) => {
    const pushed = forcePushErroredStep(input)
    return new WorkflowResponse(
      transform({ pushed }, ({ pushed }) => ({ queued: pushed.listing_ids.length, listing_ids: pushed.listing_ids }))
    )
  }
)
