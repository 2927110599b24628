import type { MedusaContainer } from "@medusajs/framework/types"
import type { MarketplaceModuleService } from "../modules/marketplace"
import { MARKETPLACE_MODULE } from "../modules/marketplace/types"
import { jobSchedule } from "../lib/jobs/schedule"

/**
 * Backstop for asynchronous channels: reads the verdict on every Submitted push (the flusher
 * already reads them about a second after submitting; this catches restarts).
 */
export default async function checkSubmissions(container: MedusaContainer) {
  await container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).checkSubmissionsNow()
}

export const config = {
  name: "marketplace-check-submissions",
  ...jobSchedule("MARKETPLACE_CHECK_SUBMISSIONS_SCHEDULE", "* * * * *"),
}
