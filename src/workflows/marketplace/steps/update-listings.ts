import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MarketplaceModuleService } from "../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"
import type { UpdateListingInput } from "../types"

const FIELDS = [
  "id", "channel_id", "channel_sku", "channel_product_id", "gtin", "title", "variant_id", "pack_size",
  "rules", "sync_enabled", "disabled_reason", "disabled_note", "metadata",
] as const

/** Updates listings; the compensation writes back their previous values. */
export const updateListingsStep = createStep(
  "mkt-update-listings",
  async (input: UpdateListingInput[], { container }) => {
    const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
    const before = await marketplace.listListings({ id: input.map((l) => l.id) }, { select: [...FIELDS] })
    const missing = input.find((l) => !before.some((b) => b.id === l.id))
    if (missing) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Listing with id: ${missing.id} was not found`)
    }
    for (const change of input.filter((l) => l.channel_sku)) {
      const owner = before.find((b) => b.id === change.id)!
      const clash = await marketplace.listListings(
        { channel_id: owner.channel_id, channel_sku: change.channel_sku, id: { $ne: change.id } },
        { select: ["id"] }
      )
      if (clash.length) {
        throw new MedusaError(
          MedusaError.Types.DUPLICATE_ERROR,
          `Channel ${owner.channel_id} already has a listing with channel_sku "${change.channel_sku}"`
        )
      }
    }
    const updated = await marketplace.updateListings(input)
    const previous = before.map(({ channel_id: _channel, ...rest }) => rest)
    return new StepResponse(updated, previous)
  },
  async (previous, { container }) => {
    if (previous?.length) {
      await container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).updateListings(previous as any)
    }
  }
)
