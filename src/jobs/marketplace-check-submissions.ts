import type { MedusaContainer } from "@medusajs/framework/types"
import { jobSchedule, oncePerTick } from "../lib/jobs/schedule"
import { marketplacePipeline } from "../lib/pipeline"

/**
 * Backstop for asynchronous channels: reads the verdict on every Submitted push (the flusher
 * already reads them about a second after submitting; this catches restarts).
 */
async function checkSubmissions(container: MedusaContainer) {
  await marketplacePipeline(container).checkSubmissionsNow()
}

export const config = {
  name: "marketplace-check-submissions",
  ...jobSchedule("MARKETPLACE_CHECK_SUBMISSIONS_SCHEDULE", "*/15 * * * * *"),
}

export default oncePerTick("marketplace-check-submissions", checkSubmissions)
