import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import type { MarketplaceModuleService } from "../modules/marketplace"
import { MARKETPLACE_MODULE } from "../modules/marketplace/types"
import { jobSchedule, oncePerTick } from "../lib/jobs/schedule"

/**
 * One admin notification (the dashboard's feed) per channel that keeps failing, not one per row:
 * a channel with `failure_alert_threshold` (3) failed pushes since its last alert gets one.
 */
async function failureAlerts(container: MedusaContainer) {
  const failing = await container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).takeFailingChannels()
  if (!failing.length) {
    return
  }
  await container.resolve(Modules.NOTIFICATION).createNotifications(
    failing.map((channel) => ({
      to: "",
      channel: "feed",
      template: "admin-ui",
      data: {
        title: `Stock sync failing on ${channel.name}`,
        description: `${channel.failures} pushes to ${channel.name} (${channel.code}) failed since the last alert; latest: ${
          channel.last_error_code ?? "error"
        }: ${channel.last_error_message ?? "no message"}. See Marketplaces → Sync Log.`,
      },
    }))
  )
}

export const config = {
  name: "marketplace-failure-alerts",
  ...jobSchedule("MARKETPLACE_FAILURE_ALERT_SCHEDULE", "*/5 * * * *"),
}

export default oncePerTick("marketplace-failure-alerts", failureAlerts)
