import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MarketplaceModuleService } from "../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"
import type { UpdateListingInput } from "../types"

const FIELDS = [
  "id", "channel_id", "channel_sku", "channel_product_id", "gtin", "title", "variant_id", "pack_size",
  "rules", "sync_enabled", "disabled_reason", "disabled_note", "metadata",
] as const

export const SKU_MISMATCH_NOTE = "The channel SKU matches no variant: stock updates stay off until it is matched"

/**
 * The seed systems' rule for SKUs that match nothing: unmatching a listing turns "Disable Stock
 * Update" on with the reason `sku_mismatch` (the channel keeps what it shows, and the listing says
 * why); matching it again turns it back off. An explicit `sync_enabled` in the change wins.
 */
function withMatchRule(change: UpdateListingInput, before: { variant_id: string | null; disabled_reason: string | null }): UpdateListingInput {
  if (change.sync_enabled !== undefined || change.variant_id === undefined) {
    return change
  }
  if (change.variant_id === null && before.variant_id !== null) {
    return { ...change, sync_enabled: false, disabled_reason: "sku_mismatch", disabled_note: SKU_MISMATCH_NOTE }
  }
  if (change.variant_id && before.disabled_reason === "sku_mismatch") {
    return { ...change, sync_enabled: true, disabled_reason: null, disabled_note: null, match_suggestion: null }
  }
  if (change.variant_id) {
    return { ...change, match_suggestion: null }
  }
  return change
}

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
    const updated = await marketplace.updateListings(input.map((change) => withMatchRule(change, before.find((b) => b.id === change.id)!)))
    const previous = before.map(({ channel_id: _channel, ...rest }) => rest)
    return new StepResponse(updated, previous)
  },
  async (previous, { container }) => {
    if (previous?.length) {
      await container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).updateListings(previous as any)
    }
  }
)
