import type { MedusaContainer } from "@medusajs/framework/types"
import { jobSchedule, oncePerTick } from "../lib/jobs/schedule"
import { sweepStockChangesWorkflow } from "../workflows/marketplace/sweep-stock-changes"

/**
 * Every minute by default (once per tick across instances): marks whatever stock changes the
 * events missed, from a durable watermark over inventory levels and reservations.
 */
async function stockSweep(container: MedusaContainer) {
  await sweepStockChangesWorkflow(container).run()
}

export const config = {
  name: "marketplace-stock-sweep",
  ...jobSchedule("MARKETPLACE_STOCK_SWEEP_SCHEDULE", "* * * * *"),
}

export default oncePerTick("marketplace-stock-sweep", stockSweep)
