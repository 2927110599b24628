import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MarketplaceModuleService } from "../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"
import type { ListingInput } from "../types"
import { SKU_MISMATCH_NOTE } from "./update-listings"

/**
 * Creates listings in one transaction after checking their channels exist and that no SKU is
 * taken twice on a channel (in the input or already). Compensation deletes what it created.
 */
export const createListingsStep = createStep(
  "mkt-create-listings",
  async (input: ListingInput[], { container }) => {
    const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
    const channelIds = [...new Set(input.map((l) => l.channel_id))]
    const channels = await marketplace.listChannels({ id: channelIds }, { select: ["id"] })
    const unknown = channelIds.find((id) => !channels.some((c) => c.id === id))
    if (unknown) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Channel ${unknown} does not exist`)
    }
    const seen = new Set<string>()
    input.forEach((listing, index) => {
      const key = `${listing.channel_id}\u0000${listing.channel_sku}`
      if (seen.has(key)) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `listings[${index}].channel_sku "${listing.channel_sku}" appears twice for channel ${listing.channel_id}`)
      }
      seen.add(key)
    })
    const taken = await marketplace.listListings(
      { $or: input.map((l) => ({ channel_id: l.channel_id, channel_sku: l.channel_sku })) },
      { select: ["channel_id", "channel_sku"] }
    )
    if (taken.length) {
      throw new MedusaError(
        MedusaError.Types.DUPLICATE_ERROR,
        `Channel ${taken[0].channel_id} already has a listing with channel_sku "${taken[0].channel_sku}"`
      )
    }
    // A listing that matches no variant starts with stock updates off, saying why (seed 002).
    const created = await marketplace.createListings(
      input.map((listing) =>
        listing.variant_id || listing.sync_enabled !== undefined
          ? listing
          : { ...listing, sync_enabled: false, disabled_reason: "sku_mismatch" as const, disabled_note: SKU_MISMATCH_NOTE }
      )
    )
    return new StepResponse(created, created.map((l) => l.id))
  },
  async (ids, { container }) => {
    if (ids?.length) {
      await container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).deleteListings(ids)
    }
  }
)
