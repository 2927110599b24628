import type { MedusaContainer } from "@medusajs/framework/types"
import type { MarketplaceModuleService } from "../modules/marketplace"
import { MARKETPLACE_MODULE } from "../modules/marketplace/types"
import { jobSchedule } from "../lib/jobs/schedule"

/**
 * Backstop of the push pipeline: pushes whatever is due that no prompt flush took (a mark made by
 * a process that died before flushing, a retry whose timer was lost in a restart). Pushes after
 * a mark do not wait for this: they start within the coalescing window.
 */
export default async function flushBackstop(container: MedusaContainer) {
  await container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).flushNow()
}

export const config = {
  name: "marketplace-flush-backstop",
  // Cron strings are read at import time, before plugin options exist: set by environment.
  ...jobSchedule("MARKETPLACE_FLUSH_BACKSTOP_SCHEDULE", "* * * * *"),
}
