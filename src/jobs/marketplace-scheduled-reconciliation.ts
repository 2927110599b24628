import type { MedusaContainer } from "@medusajs/framework/types"
import type { MarketplaceModuleService } from "../modules/marketplace"
import { MARKETPLACE_MODULE } from "../modules/marketplace/types"
import { createReconciliationWorkflow } from "../workflows/marketplace/create-reconciliation"
import { jobSchedule, oncePerTick } from "../lib/jobs/schedule"

/**
 * Starts a reconciliation run of every enabled channel that can read quantities back; the runs
 * record drift, and heal it when `reconcile.auto_heal_threshold` is set.
 */
async function scheduledReconciliation(container: MedusaContainer) {
  const service = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
  const channels = await service.listChannels({ sync_enabled: true }, { select: ["id", "provider_id"] })
  for (const channel of channels) {
    let readable = false
    try {
      readable = service.getProvider(channel.provider_id).capabilities.read_back
    } catch {
      // provider no longer configured
    }
    if (readable) {
      await createReconciliationWorkflow(container).run({ input: { channel_id: channel.id, trigger: "scheduled" } })
    }
  }
}

export const config = {
  name: "marketplace-scheduled-reconciliation",
  ...jobSchedule("MARKETPLACE_RECONCILE_SCHEDULE", "0 2 * * *"),
}

export default oncePerTick("marketplace-scheduled-reconciliation", scheduledReconciliation)
