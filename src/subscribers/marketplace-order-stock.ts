import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { markStockChangedWorkflow } from "../workflows/marketplace/mark-stock-changed"

type OrderEvent = { id?: string; order_id?: string }

/** Orders placed, canceled, fulfilled or returned move sellable stock on every channel. */
export default async function orderStockChanged({ event, container }: SubscriberArgs<OrderEvent>) {
  const orderId = event.data.order_id ?? event.data.id
  if (!orderId) {
    return
  }
  await markStockChangedWorkflow(container).run({
    input: { trigger: { event: event.name, id: orderId }, order_ids: [orderId], stock_moved: true },
  })
}

export const config: SubscriberConfig = {
  event: ["order.placed", "order.canceled", "order.fulfillment_created", "order.fulfillment_canceled", "order.return_received"],
  context: { subscriberId: "marketplace-sync-order-stock" },
}
