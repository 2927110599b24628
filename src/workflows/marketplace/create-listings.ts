import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createListingsStep } from "./steps/create-listings"
import { markStockChangedStep } from "./steps/mark-stock-changed"
import { validateReferencesStep } from "./steps/validate-references"
import type { ListingInput } from "./types"

export const createListingsWorkflowId = "mkt-create-listings"

/** Creates one or many listings, all or none. */
export const createListingsWorkflow = createWorkflow(createListingsWorkflowId, (input: { listings: ListingInput[] }) => {
  const references = transform({ input }, ({ input }) => ({
    variant_ids: input.listings.map((l) => l.variant_id).filter((id): id is string => !!id),
  }))
  validateReferencesStep(references)
  const listings = createListingsStep(input.listings)
  markStockChangedStep(
    transform({ listings }, ({ listings }) => ({
      trigger: { event: "marketplace.listing.created" },
      listing_ids: listings.filter((l) => l.variant_id).map((l) => l.id),
    }))
  )
  return new WorkflowResponse(listings)
})
