import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MarketplaceModuleService } from "../modules/marketplace"
import { MARKETPLACE_MODULE } from "../modules/marketplace/types"
import { jobSchedule, oncePerTick } from "../lib/jobs/schedule"

/** Moves old final Sync Log rows to the archive and prunes the archive after its retention. */
async function archiveSyncLog(container: MedusaContainer) {
  const { archived, pruned } = await container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).archiveSyncRecords()
  if (archived || pruned) {
    container.resolve(ContainerRegistrationKeys.LOGGER).info(`marketplace: sync log archived ${archived} rows, pruned ${pruned}`)
  }
}

export const config = {
  name: "marketplace-archive-sync-log",
  ...jobSchedule("MARKETPLACE_ARCHIVE_SCHEDULE", "30 3 * * *"),
}

export default oncePerTick("marketplace-archive-sync-log", archiveSyncLog)
