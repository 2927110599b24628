import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateListingsStep } from "./steps/update-listings"
import { markStockChangedStep } from "./steps/mark-stock-changed"
import { validateReferencesStep } from "./steps/validate-references"
import type { UpdateListingInput } from "./types"

export const updateListingsWorkflowId = "mkt-update-listings"

/** Updates listings: matching, pack size, overrides, "Disable Stock Update". */
export const updateListingsWorkflow = createWorkflow(updateListingsWorkflowId, (input: { listings: UpdateListingInput[] }) => {
  const references = transform({ input }, ({ input }) => ({
    variant_ids: input.listings.map((l) => l.variant_id).filter((id): id is string => !!id),
  }))
  validateReferencesStep(references)
  const listings = updateListingsStep(input.listings)
  // Matching, pack size, rules or the sync switch may have changed what the channel should show.
  markStockChangedStep(
    transform({ input }, ({ input }) => ({
      trigger: { event: "marketplace.listing.updated" },
      listing_ids: input.listings.map((l) => l.id),
    }))
  )
  return new WorkflowResponse(listings)
})
