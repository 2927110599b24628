import type { MedusaContainer } from "@medusajs/framework/types"
import type { MarketplaceModuleService } from "../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../modules/marketplace/types"
import { loadListingQuantities } from "../stock/load-listing-quantities"

/**
 * The marketplace module with its push pipeline wired to Medusa's stock: pushes recompute the
 * quantities they send from the inventory module through the quantity formula. Every entry point
 * that marks or flushes (workflow steps, jobs) resolves the module through this.
 */
export function marketplacePipeline(container: MedusaContainer): MarketplaceModuleService {
  const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
  marketplace.useQuantitySource((listingIds) => loadListingQuantities(container, listingIds))
  return marketplace
}
