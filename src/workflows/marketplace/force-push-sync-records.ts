import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { archiveErroredRecordsStep } from "./steps/archive-errored-records"
import { markStockChangedStep } from "./steps/mark-stock-changed"

export const forcePushSyncRecordsWorkflowId = "mkt-force-push-sync-records"

/**
 * Force Push from the Sync Log: errored rows leave Error and their listings are pushed again
 * with the newest quantity (a new sync record per push).
 */
export const forcePushSyncRecordsWorkflow = createWorkflow(
  forcePushSyncRecordsWorkflowId,
  (input: { selector: Record<string, unknown>; actor_id?: string | null }) => {
    const archived = archiveErroredRecordsStep(input.selector)
    markStockChangedStep(
      transform({ archived, input }, ({ archived, input }) => ({
        trigger: { event: "manual.force_push", id: input.actor_id ?? null },
        listing_ids: archived.listing_ids,
        force: true,
      }))
    )
    return new WorkflowResponse(
      transform({ archived }, ({ archived }) => ({ queued: archived.listing_ids.length, listing_ids: archived.listing_ids }))
    )
  }
)
