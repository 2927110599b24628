import type { MedusaContainer } from "@medusajs/framework/types"
import { jobSchedule, oncePerTick } from "../lib/jobs/schedule"
import { pollChannelOrders } from "../lib/orders/poll-orders"

/**
 * Every minute by default (once per tick across instances): reads the orders of every channel
 * with order import on since its cursor, the backstop for webhooks that never arrived.
 */
async function importOrders(container: MedusaContainer) {
  await pollChannelOrders(container)
}

export const config = {
  name: "marketplace-import-orders",
  ...jobSchedule("MARKETPLACE_ORDER_POLL_SCHEDULE", "* * * * *"),
}

export default oncePerTick("marketplace-import-orders", importOrders)
