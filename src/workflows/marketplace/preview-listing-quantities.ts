import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { computeListingQuantitiesStep } from "./steps/compute-listing-quantities"

export const previewListingQuantitiesWorkflowId = "mkt-preview-listing-quantities"

/** What each listing would show on its channel right now, and why. Pushes nothing. */
export const previewListingQuantitiesWorkflow = createWorkflow(
  previewListingQuantitiesWorkflowId,
  (input: { listing_ids: string[] }) => new WorkflowResponse(computeListingQuantitiesStep(input.listing_ids))
)
