import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateListingsStep } from "./steps/update-listings"
import { markStockChangedStep } from "./steps/mark-stock-changed"
import { validateReferencesStep } from "./steps/validate-references"
import { releaseStagedOrdersStep } from "./steps/release-staged-orders"
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
  // Staged channel orders waiting for a listing matched just now may be complete.
  releaseStagedOrdersStep(
    transform({ input }, ({ input }) => ({ listing_ids: input.listings.filter((l) => l.variant_id).map((l) => l.id) }))
  )
  return new WorkflowResponse(listings)
})
