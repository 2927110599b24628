import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MarketplaceModuleService } from "../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"

/** Soft-deletes listings (their sync log stays); restored on compensation. */
export const deleteListingsStep = createStep(
  "mkt-delete-listings",
  async (ids: string[], { container }) => {
    const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
    const found = await marketplace.listListings({ id: ids }, { select: ["id"] })
    const missing = ids.find((id) => !found.some((f) => f.id === id))
    if (missing) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Listing with id: ${missing} was not found`)
    }
    await marketplace.softDeleteListings(ids)
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (ids?.length) {
      await container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).restoreListings(ids)
    }
  }
)
