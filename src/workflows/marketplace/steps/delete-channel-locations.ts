import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MarketplaceModuleService } from "../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"

/** Soft-deletes locations of one channel; restored on compensation. */
export const deleteChannelLocationsStep = createStep(
  "mkt-delete-channel-locations",
  async ({ channel_id, ids }: { channel_id: string; ids: string[] }, { container }) => {
    const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
    const found = await marketplace.listChannelLocations({ id: ids, channel_id }, { select: ["id"] })
    const missing = ids.find((id) => !found.some((f) => f.id === id))
    if (missing) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Channel location ${missing} not found on channel ${channel_id}`)
    }
    await marketplace.softDeleteChannelLocations(ids)
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (ids?.length) {
      await container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).restoreChannelLocations(ids)
    }
  }
)
