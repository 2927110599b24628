import type { MedusaContainer } from "@medusajs/framework/types"
import { jobSchedule, oncePerTick } from "../lib/jobs/schedule"
import { marketplacePipeline } from "../lib/pipeline"

/**
 * Backstop of the push pipeline, every two seconds by default and once per tick across
 * instances: starts the lane of every channel with rows nobody is pushing, which covers a mark
 * made by a process that died before flushing, a retry whose timer was lost in a restart, and
 * the claims of a dead process once their short lease ran out (renewed by heartbeat while the
 * holder lives). Pushes after a mark do not wait for this: they start within the coalescing window.
 */
async function flushBackstop(container: MedusaContainer) {
  // Started, not awaited: a round waiting on a slow channel must not hold the job past its tick.
  await marketplacePipeline(container).startClaimableLanes()
}

export const config = {
  name: "marketplace-flush-backstop",
  // Cron strings are read at import time, before plugin options exist: set by environment.
  // Six fields: the first is seconds.
  ...jobSchedule("MARKETPLACE_FLUSH_BACKSTOP_SCHEDULE", "*/2 * * * * *"),
}

export default oncePerTick("marketplace-flush-backstop", flushBackstop)
