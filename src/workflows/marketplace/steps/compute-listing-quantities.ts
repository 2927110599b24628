import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { loadListingQuantities } from "../../../lib/stock/load-listing-quantities"

/** Computes what each listing should show on its channel, with the breakdown. Reads only. */
export const computeListingQuantitiesStep = createStep(
  "mkt-compute-listing-quantities",
  async (listingIds: string[], { container }) => {
    return new StepResponse(await loadListingQuantities(container, listingIds))
  }
)
