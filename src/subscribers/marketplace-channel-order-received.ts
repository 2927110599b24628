import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { inImportSlot } from "../lib/orders/import-slots"
import { CHANNEL_ORDER_RECEIVED_EVENT, importReceived } from "../lib/orders/receive-order"

/**
 * Imports a channel order a webhook has queued. Lost events are covered by the order poll job,
 * which takes queued orders nobody has touched for a while. Imports run a few at a time per
 * process (`MARKETPLACE_ORDER_IMPORT_CONCURRENCY`, default 2).
 */
export default async function channelOrderReceived({ event, container }: SubscriberArgs<{ id: string }>) {
  await inImportSlot(() => importReceived(container, event.data.id))
}

export const config: SubscriberConfig = {
  event: CHANNEL_ORDER_RECEIVED_EVENT,
  context: { subscriberId: "marketplace-sync-channel-order-received" },
}
