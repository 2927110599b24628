import type { MedusaContainer } from "@medusajs/framework/types"
import type { MarketplaceModuleService } from "../modules/marketplace"
import { MARKETPLACE_MODULE } from "../modules/marketplace/types"
import { markStockChangedWorkflow } from "../workflows/marketplace/mark-stock-changed"
import { jobSchedule, oncePerTick } from "../lib/jobs/schedule"

const PAGE = 1_000

/**
 * Safety net: every night, push again every listing whose stock moved in the last 48 hours
 * (`resync_window_hours`), whatever the channel was told, so that a lost update cannot last.
 */
async function nightlyResync(container: MedusaContainer) {
  const service = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
  let after = ""
  for (;;) {
    const ids = await service.listRecentlyMovedListingIds(after, PAGE)
    if (!ids.length) {
      return
    }
    await markStockChangedWorkflow(container).run({ input: { trigger: { event: "scheduled.nightly_resync" }, listing_ids: ids, force: true } })
    after = ids[ids.length - 1]
  }
}

export const config = {
  name: "marketplace-nightly-resync",
  // Cron strings are read at import time, before plugin options exist: set by environment.
  ...jobSchedule("MARKETPLACE_NIGHTLY_RESYNC_SCHEDULE", "0 0 * * *"),
}

export default oncePerTick("marketplace-nightly-resync", nightlyResync)
