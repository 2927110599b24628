import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MarketplaceModuleService } from "../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"

/** Soft-deletes channels with their locations and listings; restored on compensation. */
export const deleteChannelsStep = createStep(
  "mkt-delete-channels",
  async (ids: string[], { container }) => {
    const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
    await Promise.all(ids.map((id) => marketplace.retrieveChannel(id, { select: ["id"] })))
    await marketplace.softDeleteChannels(ids)
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (ids?.length) {
      await container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).restoreChannels(ids)
    }
  }
)
