import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MarketplaceModuleService } from "../modules/marketplace"
import { MARKETPLACE_MODULE } from "../modules/marketplace/types"
import { jobSchedule } from "../lib/jobs/schedule"

/** An export whose process died stays pending forever unless this marks it failed. */
export default async function failStaleExports(container: MedusaContainer) {
  const failed = await container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).failStaleExports()
  if (failed) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`marketplace: ${failed} stale exports marked failed`)
  }
}

export const config = {
  name: "marketplace-stale-exports",
  ...jobSchedule("MARKETPLACE_STALE_EXPORTS_SCHEDULE", "*/10 * * * *"),
}
