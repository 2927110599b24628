import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { releaseStagedOrders } from "../../../lib/orders/receive-order"
import type { MarketplaceModuleService } from "../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"

/**
 * After listings were matched: staged channel orders waiting for them are looked at again; one
 * whose every line matches now becomes a Medusa order. A release that fails leaves its order
 * staged with the reason (it never undoes the match).
 */
export const releaseStagedOrdersStep = createStep(
  "mkt-release-staged-orders",
  async (input: { listing_ids: string[] }, { container }) => {
    const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
    const staged = await marketplace.channelOrders.stagedWithListings(input.listing_ids)
    return new StepResponse(staged.length ? await releaseStagedOrders(container, staged) : { imported: [], staged: [], failed: [] })
  }
)
