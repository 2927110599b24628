import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MarketplaceModuleService } from "../modules/marketplace"
import { MARKETPLACE_MODULE } from "../modules/marketplace/types"
import { jobSchedule, oncePerTick } from "../lib/jobs/schedule"

/**
 * An export or a reconciliation run whose process died would stay pending or running forever;
 * this marks them failed, with a message saying so, so that admins can start them again.
 */
async function failStaleExports(container: MedusaContainer) {
  const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const exports = await marketplace.failStaleExports()
  if (exports) {
    logger.warn(`marketplace: ${exports} stale exports marked failed`)
  }
  const runs = await marketplace.failStaleReconciliations()
  if (runs) {
    logger.warn(`marketplace: ${runs} stale reconciliation runs marked failed`)
  }
}

export const config = {
  name: "marketplace-stale-exports",
  ...jobSchedule("MARKETPLACE_STALE_EXPORTS_SCHEDULE", "*/10 * * * *"),
}

export default oncePerTick("marketplace-stale-exports", failStaleExports)
